"""Trim the lead to its core clause, as an editor would: the event, without the judgement.

A news lead often wraps its event in an outlet's judgement: a hype modifier on the subject
("The much-awaited summit ...") and a trailing absolute or concessive clause that forecasts or
evaluates (", with wide disagreements likely and expectations low ..."). `trim` cuts those two
shapes only, and only when the words are judging ones (`register.judging`: hedges and
evaluative words, and hyphenated hype modifiers such as "long-awaited"):

- after a sentence-opening article, the evaluative modifiers before the head word (never a
  hedge: "an allegedly drunk driver" keeps "allegedly"; nor an evaluative word that also
  names a kind of thing: "an extraordinary session");
- the clause after the last comma outside quotes and brackets, when it opens with "with",
  "amid", "as", "while", "though" or "although", holds a judging word, and holds no quotation,
  number or reporting verb ("a spokesman said": a source's claim, not the outlet's judgement),
  and the rest stays a sentence of at least `min_words` words.

Rules, not a parse: the summary is written in `--fast` mode too, where spaCy is not loaded,
and these two shapes are recognisable by their words and commas. Each cut is returned as an
`Edit`, so the brief can say what was left out; the sources keep the verbatim sentence.
"""

from __future__ import annotations

import re

from newsweave.models import Edit, SummarySentence
from newsweave.text.kinds import attributed, evaluative, judging

_OPENING = re.compile(r"^(The|A|An)\s+")
_HYPE = re.compile(r"^(?:much|long|eagerly|highly|closely|hotly|widely)-[a-z]+$", re.IGNORECASE)
# Judging words that also name a kind of thing ("an extraordinary session", "the crucial
# period", "vital signs"): never cut from a subject.
_DESCRIPTIVE = frozenset({"extraordinary", "crucial", "vital", "dangerous", "welcome", "key"})
_TAIL_OPENERS = ("with", "amid", "as", "while", "though", "although")
_QUOTES = '"“”‘’'
_FINAL = re.compile(r"[.!]\s*$")


def trim(sentence: SummarySentence, min_words: int) -> SummarySentence:
    """The sentence without its judging opening modifiers and trailing clause, the cuts in
    `edits` (the sentence itself when nothing is cut)."""
    text, opening = _opening(sentence.text)
    text, tail = _tail(text, min_words)
    edits = [*opening, *([Edit("cut", tail)] if tail else [])]
    if not edits:
        return sentence
    return SummarySentence(
        text, sentence.sources, sentence.support, sentence.outlets, (*sentence.edits, *edits)
    )


def _opening(text: str) -> tuple[str, list[Edit]]:
    """Judging modifiers right after an opening article: "The summit ...", [cut
    "much-awaited"]; "A"/"An" is cut with them and put back to suit the next word."""
    found = _OPENING.match(text)
    if not found:
        return text, []
    words = text[found.end() :].split(" ")
    cut = 0
    while cut < len(words) - 1 and _judging_modifier(words[cut]):
        cut += 1
    if cut == 0 or not words[cut][:1].isalpha():
        return text, []
    article = found.group(1)
    if article == "The":
        return f"The {' '.join(words[cut:])}", [Edit("cut", " ".join(words[:cut]))]
    fitting = "An" if words[cut][:1].lower() in "aeiou" else "A"
    edits = [Edit("cut", " ".join([article, *words[:cut]])), Edit("insert", fitting)]
    return f"{fitting} {' '.join(words[cut:])}", edits


def _judging_modifier(word: str) -> bool:
    bare = word.strip(",")
    if bare != word or bare.lower() in _DESCRIPTIVE:
        return False
    return bool(_HYPE.match(bare)) or evaluative(bare)


def _tail(text: str, min_words: int) -> tuple[str, str]:
    """Cut a final ", with ... likely ..." clause: ("... in Geneva.", "with ... likely ...")."""
    commas = _top_level_commas(text)
    if not commas:
        return text, ""
    tail = _FINAL.sub("", text[commas[-1] + 1 :]).strip()
    head = text[: commas[-1]].rstrip()
    if tail.split(" ", 1)[0].lower() not in _TAIL_OPENERS or any(q in tail for q in _QUOTES):
        return text, ""
    words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", tail)
    if any(ch.isdigit() for ch in tail) or attributed(tail):
        return text, ""  # a number is a fact; "a spokesman said" is a source's claim
    if len(head.split()) < min_words or not any(judging(w) for w in words):
        return text, ""
    return head + ".", tail


def _top_level_commas(text: str) -> list[int]:
    """Offsets of the commas outside quotation marks and brackets."""
    depth, quoted, found = 0, False, []
    for at, char in enumerate(text):
        if char in '"“”':
            quoted = not quoted if char == '"' else char == "“"
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0 and not quoted:
            found.append(at)
    return found


def faithful(sentence: SummarySentence) -> bool:
    """The text is its first source's words, in order, but for its `edits`: each insert is
    the only text added, each cut stands in the source, and each replace stands for source
    words."""
    if not sentence.sources:
        return False
    text, source = sentence.text, sentence.sources[0].text
    for edit in sentence.edits:
        if edit.kind == "replace":
            if edit.replacement not in text or edit.text not in source:
                return False
            text = text.replace(edit.replacement, edit.text, 1)
        elif edit.kind == "insert":
            at = 0 if text.startswith(f"{edit.text} ") else text.find(f" {edit.text}")
            text = text[:at] + text[at + len(edit.text) + 1 :] if at >= 0 else text
        elif edit.text not in source:
            return False
    if text in source:
        return True
    words, rest = text.rstrip(".").split(), iter(source.split())
    return bool(sentence.edits) and all(any(w == s or s.startswith(w) for s in rest) for w in words)
