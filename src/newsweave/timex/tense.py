"""The tense of the clause around a date expression: does "on Tuesday" look back or ahead?

A cheap heuristic first: the verb group nearest to the expression decides. Auxiliaries and
modals ("will", "'ll", "might", "is set to", "plans to", "is to") mark the future; "was", "were",
"had", "did", irregular past forms and -ed verbs mark the past; "is", "are", "says" the present.
A past participle after a form of "be" or "have" ("will be held", "has been held") gives way to
its auxiliary. Words left of the expression count as nearer than words right of it, because
English puts adverbials of time after the verb they modify ("said on Tuesday"); a reporting
clause after a comma ("..., Castro said") yields to a verb on the left.

Word lists see few present-tense event verbs (`_EVENT_PRESENT`: "The board meets on Sunday",
"After the G7 wraps Sunday"), and a present-tense event verb is the scheduled present, which
points ahead. With `tagger=True` the sentence is
also run through spaCy's tagger (tok2vec + tagger + attribute_ruler of the shared pipeline, only
for sentences whose expression needs a tense), and a VBZ/VBP/VBD tag fills in words the lists
leave untagged. `Cue.scheduled` marks such a present-tense event verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Tense = Literal["past", "present", "future"]

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|’[a-z]+|'[a-z]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FUTURE = _words("will 'll ’ll shall wo won't tomorrow would might")
# Before "to", these put what follows ahead. Only present forms: a past "agreed" or "vowed" is
# mostly the act the date belongs to ("Russia agreed on Wednesday to enlist...").
_INTENT = _words(
    "set due expected poised plans plan planning planned going likely hopes is are expects expect"
    " agrees agree intends intend aims aim wants want seeks seek hope promises vows pledges"
)
_SCHEDULED = _words("scheduled slated upcoming")
_PAST_AUX = _words("was were had did didn't wasn't weren't hadn't yesterday ago earlier last")
_PRESENT_AUX = _words("is are am 's ’s isn't aren't do does says say now today")
# Present-tense verbs that report speech or state, not a scheduled event.
_NOT_SCHEDULED = _PRESENT_AUX | _words(
    "tells writes reports adds notes insists believes thinks has have hasn't haven't"
)
_TAGGED_PRESENT = frozenset(("VBZ", "VBP"))
# Present-tense event verbs the lists can see without a tagger ("The board meets on Sunday",
# "the summit opens Monday"): third-person forms that are rarely nouns and never follow a modal
# or "to" (a bare "meet" would outvote "will" in "will meet"), so `--fast` schedules them too.
_EVENT_PRESENT = _words("meets opens begins starts wraps convenes arrives departs resumes")
_PERFECT = _words("has have hasn't haven't 've ’ve")
_BE = _words("be been being is are am was were get got 's ’s")
_IRREGULAR_PAST = _words(
    "said told went came met made took gave got saw began left held fell rose won lost sold"
    " bought paid found thought knew spoke wrote ran became brought kept led sent spent stood"
    " struck flew drove broke chose ate fought felt heard meant sought taught threw understood"
    " wore hit cut"
)
_NOT_PAST_ED = _words(
    "need speed indeed seed feed bed red shed breed greed creed steed weed hundred embed wed"
)
_BOUNDARY = re.compile(r"[.!?;]\s+(?=[A-Z\"“‘'(])|\n")


def clause_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from the previous to the next sentence boundary."""
    left = 0
    for boundary in _BOUNDARY.finditer(text, max(0, start - 400), start):
        left = boundary.end()
    right_match = _BOUNDARY.search(text, end, end + 400)
    right = right_match.start() + 1 if right_match else min(len(text), end + 400)
    return left, right


@dataclass(frozen=True, slots=True)
class Cue:
    """The tense that decides an expression, the word that shows it, and whether that word is a
    present-tense event verb ("wraps", "meet"), which schedules rather than reports."""

    tense: Tense | None
    word: str = ""
    scheduled: bool = False


_NO_CUE = Cue(None)


def _tag(words: list[str], index: int, pos: str = "") -> Tense | None:
    """The tense word `index` marks, from the word lists, else from its spaCy tag `pos`."""
    word = words[index].lower()
    following = words[index + 1].lower() if index + 1 < len(words) else ""
    previous = words[index - 1].lower() if index > 0 else ""
    if word in _FUTURE:
        return "future"
    if (word in _INTENT and following == "to") or word in _SCHEDULED:
        return "future"
    if word in _PERFECT or word in _PAST_AUX:
        return "past"
    if word in _PRESENT_AUX:
        return "present"
    regular = word.endswith("ed") and len(word) > 4 and words[index].islower()
    if word in _IRREGULAR_PAST or (regular and word not in _NOT_PAST_ED) or pos == "VBD":
        # A participle after "be"/"have" or a modal is decided by that auxiliary instead.
        if previous in _BE or previous in _PERFECT or previous in _FUTURE or previous == "to":
            return None
        return "past"
    if (pos in _TAGGED_PRESENT or word in _EVENT_PRESENT) and words[index].islower():
        return "present"
    return None


@lru_cache(maxsize=2048)
def _sentence_tags(sentence: str) -> dict[int, str]:
    """Character offset → Penn tag of each token of `sentence` (spaCy tagger only)."""
    from newsweave.nlp.spacy_pipeline import pipeline

    nlp = pipeline()
    keep = ("tok2vec", "tagger", "attribute_ruler")
    doc = nlp(sentence, disable=[name for name in nlp.pipe_names if name not in keep])
    return {token.idx: token.tag_ for token in doc}


def _verb_tags(words: list[str], offsets: list[int], tags: dict[int, str]) -> list[str]:
    """The spaCy tag of each word, with one correction: a lower-case "-s" word that the small
    model tags as a plural proper noun right after a name ("the G7 wraps") is a present-tense
    verb; a lower-case word is never a proper noun, and a plural noun there ("Miami relatives")
    gets NNS, not NNPS."""
    found = [tags.get(offset, "") for offset in offsets]
    for index in range(1, len(words)):
        word = words[index]
        if (
            found[index] == "NNPS"
            and word.islower()
            and word.endswith("s")
            and not word.endswith("ss")
            and found[index - 1] in ("NNP", "NNPS", "PRP")
        ):
            found[index] = "VBZ"
    return found


def tense_cue(text: str, start: int, end: int, *, tagger: bool = False) -> Cue:
    """The tense of the verb group nearest to text[start:end] in its sentence, and its word.

    `tagger`: also use spaCy's part-of-speech tags for this sentence (finds "wraps", "meet").
    """
    left, right = clause_window(text, start, end)
    before = list(_WORD.finditer(text, left, start))
    after = list(_WORD.finditer(text, end, right))
    matches = before + after
    words = [m.group(0) for m in matches]
    tags = (
        _verb_tags(words, [m.start() - left for m in matches], _sentence_tags(text[left:right]))
        if tagger
        else []
    )
    # The nearest tensed word each side (distance: words away, the right side half a word
    # farther): only those two can win, so the words farther out are not tagged.
    best: tuple[float, Tense, int] | None = None
    for index in range(len(before) - 1, -1, -1):
        tense = _tag(words, index, tags[index] if tags else "")
        if tense is not None:
            best = (len(before) - index, tense, index)
            break
    for index in range(len(before), len(matches)):
        tense = _tag(words, index, tags[index] if tags else "")
        if tense is None:
            continue
        # "..., Castro said": the reporting clause yields to the verb on the left
        if best is None or "," not in text[end : matches[index].start()]:
            distance = index - len(before) + 1.5
            if best is None or distance < best[0]:
                best = (distance, tense, index)
        break
    if best is None:
        return _NO_CUE
    word = words[best[2]]
    scheduled = best[1] == "present" and word.lower() not in _NOT_SCHEDULED
    return Cue(best[1], word, scheduled)


def tense_near(text: str, start: int, end: int, *, tagger: bool = False) -> Tense | None:
    """The tense of the verb group nearest to text[start:end] in its sentence, or None."""
    return tense_cue(text, start, end, tagger=tagger).tense
