"""Clauses: where one sentence joins several claims, each claim is checked on its own.

"Putin will meet Biden in Geneva, but the Kremlin expects no breakthrough" makes two claims that
other outlets may report apart, confirm apart or contradict apart. A sentence is cut at "; " and
at ", and" / ", but" / ", while" / ", whereas" / ", yet" / ", so" only when the part after the
cut has its own subject and verb, by a cheap test (no parser): it opens with a determiner, a
pronoun or a capitalised name, and within a few words there is a finite-looking verb (a word of
a short list, an -ed form, or an -s form right after a name or pronoun), not right after "who",
"which" or "that". "Russia and China", "sanctions, and new export curbs" or "..., and a lawyer
who argued the case, called ..." have no verb of their own, so they are never cut. Cuts inside
quotation marks are skipped: a quote is one claim of its speaker.
"""

from __future__ import annotations

import re

_CUT = re.compile(r";\s+|,\s+(?:and|but|while|whereas|yet|so)\s+", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_DETERMINERS = frozenset(
    re.findall(
        r"\w+",
        "the a an this these those its his her their our my your some many most several "
        "both each every all another other such no one two three four five",
    )
)
_PRONOUNS = frozenset(re.findall(r"\w+", "he she it they we i you there who"))
_FINITE = frozenset(
    re.findall(
        r"\w+",
        "is are was were has have had will would can could should may might must did does do "
        "said says told say remains remained",
    )
)
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})
_VERB_WINDOW = 5  # words after the subject's first word in which its verb must appear


def _finite(word: str, previous: str) -> bool:
    lower = word.lower()
    if lower in _FINITE:
        return True
    if word.isalpha() and word.islower() and lower.endswith("ed") and len(lower) > 4:
        return True
    possessive = previous.lower().endswith(("'s", "’s"))  # "Russia's actions": no verb
    after_subject = previous.lower() in _PRONOUNS or (previous[:1].isupper() and not possessive)
    return after_subject and word.islower() and lower.endswith("s") and not lower.endswith("ss")


def has_subject_and_verb(text: str) -> bool:
    """Whether `text` opens like a clause: a subject, then a finite-looking verb soon after."""
    words = _WORD.findall(text.split(",")[0])
    if len(words) < 2:
        return False
    first = words[0]
    if not (first.lower() in _DETERMINERS | _PRONOUNS or first[0].isupper()):
        return False
    window = words[1 : 1 + _VERB_WINDOW]
    previous = [first, *window]
    return any(
        _finite(word, before) and before.lower() not in _RELATIVE  # "a lawyer who argued"
        for word, before in zip(window, previous, strict=False)
    )


def _inside_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def clauses(text: str, min_words: int = 4) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence; the whole sentence when it is one claim.

    Both sides of a cut keep at least `min_words` words, so no fragment becomes a statement.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in _CUT.finditer(text):
        head, rest = text[start : cut.start()], text[cut.end() :]
        if (
            len(head.split()) < min_words
            or len(rest.split()) < min_words
            or _inside_quote(text[: cut.start()])
            or rest[:1] in "\"“‘'"  # a quoted fragment is its speaker's claim, not a clause
            or not has_subject_and_verb(rest)
        ):
            continue
        spans.append((start, cut.start()))
        start = cut.end()
    spans.append((start, len(text.rstrip())))
    return spans
