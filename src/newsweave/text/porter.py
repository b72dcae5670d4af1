"""The Porter stemmer as NLTK 3.x runs it by default (`PorterStemmer()`, NLTK_EXTENSIONS mode).

The summarizer counts words as ROUGE does, by Porter stem, and agreement keys its verbs by
the same stems, so the stems must be NLTK's to the letter. NLTK itself cannot be imported for
them: `import nltk.stem.porter` runs `nltk/__init__`, which loads scikit-learn and
`scipy.stats`, ~1.1 s of CPU in every process that briefs. This is the same algorithm,
step by step (Porter 1980 with Martin Porter's and NLTK's extensions: the irregular forms,
"ies"/"ied" of four letters, "alli", "fulli", "logi", the two-letter *o), written as plain
functions. `tests/text/test_porter.py` compares it with NLTK on every word of the shared
data when NLTK is installed.
"""

from __future__ import annotations

from collections.abc import Callable

_VOWELS = frozenset("aeiou")

# NLTK's table of irregular forms: form -> stem.
_IRREGULAR = {
    form: base
    for base, forms in {
        "sky": ["sky", "skies"],
        "die": ["dying"],
        "lie": ["lying"],
        "tie": ["tying"],
        "news": ["news"],
        "inning": ["innings", "inning"],
        "outing": ["outings", "outing"],
        "canning": ["cannings", "canning"],
        "howe": ["howe"],
        "proceed": ["proceed"],
        "exceed": ["exceed"],
        "succeed": ["succeed"],
    }.items()
    for form in forms
}

Condition = Callable[[str], bool] | None
Rule = tuple[str, str, Condition]


def stem(word: str) -> str:
    """The Porter stem of `word` (lower-cased first), as NLTK's `PorterStemmer().stem`."""
    lower = word.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if len(word) <= 2:
        return lower
    for step in (_step1a, _step1b, _step1c, _step2, _step3, _step4, _step5a, _step5b):
        lower = step(lower)
    return lower


def _is_consonant(word: str, i: int) -> bool:
    """A letter other than a vowel, and other than a "y" after a consonant."""
    if word[i] in _VOWELS:
        return False
    if word[i] == "y":
        negate = False
        while i > 0 and word[i] == "y":
            negate = not negate
            i -= 1
        return (word[i] not in _VOWELS) != negate
    return True


def _consonant_flags(word: str) -> list[bool]:
    """`_is_consonant` of every letter in one pass (a "y" is one when the letter before is not)."""
    flags: list[bool] = []
    for i, letter in enumerate(word):
        if letter in _VOWELS:
            flags.append(False)
        elif letter == "y":
            flags.append(True if i == 0 else not flags[i - 1])
        else:
            flags.append(True)
    return flags


def _measure(stem: str) -> int:
    """m of [C](VC){m}[V]: the number of vowel-consonant changes."""
    return "".join("c" if flag else "v" for flag in _consonant_flags(stem)).count("vc")


def _positive(stem: str) -> bool:
    return _measure(stem) > 0


def _above_one(stem: str) -> bool:
    return _measure(stem) > 1


def _contains_vowel(stem: str) -> bool:
    return not all(_consonant_flags(stem))


def _ends_double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _ends_cvc(word: str) -> bool:
    """*o: consonant-vowel-consonant, the last not w, x or y (or, NLTK's, a two-letter vc)."""
    return (
        len(word) >= 3
        and _is_consonant(word, len(word) - 3)
        and not _is_consonant(word, len(word) - 2)
        and _is_consonant(word, len(word) - 1)
        and word[-1] not in ("w", "x", "y")
    ) or (len(word) == 2 and not _is_consonant(word, 0) and _is_consonant(word, 1))


def _without(word: str, suffix: str) -> str:
    return word[: -len(suffix)] if suffix else word


def _apply(word: str, rules: list[Rule]) -> str:
    """The first rule whose suffix the word ends with decides: replaced if its condition holds
    for the stem, else the word stays as it is ("*d" stands for a double consonant)."""
    for suffix, replacement, condition in rules:
        if suffix == "*d" and _ends_double_consonant(word):
            stem = word[:-2]
            return stem + replacement if condition is None or condition(stem) else word
        if word.endswith(suffix):
            stem = _without(word, suffix)
            return stem + replacement if condition is None or condition(stem) else word
    return word


def _step1a(word: str) -> str:
    if word.endswith("ies") and len(word) == 4:
        return _without(word, "ies") + "ie"
    return _apply(word, [("sses", "ss", None), ("ies", "i", None), ("ss", "ss", None),
                         ("s", "", None)])  # fmt: skip


def _step1b(word: str) -> str:
    if word.endswith("ied"):
        return _without(word, "ied") + ("ie" if len(word) == 4 else "i")
    if word.endswith("eed"):
        stem = _without(word, "eed")
        return stem + "ee" if _measure(stem) > 0 else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and _contains_vowel(_without(word, suffix)):
            stem = _without(word, suffix)
            break
    else:
        return word
    last = stem[-1]
    return _apply(
        stem,
        [
            ("at", "ate", None),
            ("bl", "ble", None),
            ("iz", "ize", None),
            ("*d", last, lambda _: last not in ("l", "s", "z")),
            ("", "e", lambda s: _measure(s) == 1 and _ends_cvc(s)),
        ],
    )


def _step1c(word: str) -> str:
    return _apply(word, [("y", "i", lambda s: len(s) > 1 and _is_consonant(s, len(s) - 1))])


_STEP2: list[Rule] = [
    ("ational", "ate", _positive),
    ("tional", "tion", _positive),
    ("enci", "ence", _positive),
    ("anci", "ance", _positive),
    ("izer", "ize", _positive),
    ("bli", "ble", _positive),
    ("alli", "al", _positive),
    ("entli", "ent", _positive),
    ("eli", "e", _positive),
    ("ousli", "ous", _positive),
    ("ization", "ize", _positive),
    ("ation", "ate", _positive),
    ("ator", "ate", _positive),
    ("alism", "al", _positive),
    ("iveness", "ive", _positive),
    ("fulness", "ful", _positive),
    ("ousness", "ous", _positive),
    ("aliti", "al", _positive),
    ("iviti", "ive", _positive),
    ("biliti", "ble", _positive),
    ("fulli", "ful", _positive),
]


def _by_last_letter(rules: list[Rule]) -> dict[str, list[Rule]]:
    """The rules of a step by the last letter of their suffix, in order: a word is tried only
    against those its own last letter allows, which picks the same first rule."""
    table: dict[str, list[Rule]] = {}
    for rule in rules:
        table.setdefault(rule[0][-1], []).append(rule)
    return table


def _apply_by_last(word: str, table: dict[str, list[Rule]]) -> str:
    return _apply(word, table.get(word[-1:], []))


# NLTK's "logi" rule asks for a positive measure of the word less "ogi": the stem and its "l".
_STEP2_TABLE = _by_last_letter([*_STEP2, ("logi", "log", lambda stem: _positive(stem + "l"))])


def _step2(word: str) -> str:
    if word.endswith("alli") and _positive(_without(word, "alli")):
        return _step2(_without(word, "alli") + "al")
    return _apply_by_last(word, _STEP2_TABLE)


_STEP3: list[Rule] = [
    ("icate", "ic", _positive),
    ("ative", "", _positive),
    ("alize", "al", _positive),
    ("iciti", "ic", _positive),
    ("ical", "ic", _positive),
    ("ful", "", _positive),
    ("ness", "", _positive),
]
_STEP4: list[Rule] = [
    *((suffix, "", _above_one) for suffix in
      ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent")),
    ("ion", "", lambda s: _measure(s) > 1 and s[-1] in ("s", "t")),
    *((suffix, "", _above_one) for suffix in ("ou", "ism", "ate", "iti", "ous", "ive", "ize")),
]  # fmt: skip


_STEP3_TABLE = _by_last_letter(_STEP3)
_STEP4_TABLE = _by_last_letter(_STEP4)


def _step3(word: str) -> str:
    return _apply_by_last(word, _STEP3_TABLE)


def _step4(word: str) -> str:
    return _apply_by_last(word, _STEP4_TABLE)


def _step5a(word: str) -> str:
    if word.endswith("e"):
        stem = _without(word, "e")
        if _measure(stem) > 1:
            return stem
        if _measure(stem) == 1 and not _ends_cvc(stem):
            return stem
    return word


def _step5b(word: str) -> str:
    return _apply(word, [("ll", "l", lambda _: _measure(word[:-1]) > 1)])
