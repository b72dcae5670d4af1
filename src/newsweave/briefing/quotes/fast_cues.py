"""Attribution without a parse: the fast mode of `speakers.find_cue` (no model, ~0.1 ms a quote).

The cue is the reporting verb nearest the quotation in its sentence, outside the quotation
marks ("said", "told", "according to"); the speaker is the words beside it, by position:
- cue after the quote: the words between the closing mark and the cue ('“...,” Peskov said'),
  else the words after the cue ('“...,” said Dmitry Peskov, the Kremlin spokesman');
- cue before the quote: the subject in front of it, read back to a clause boundary and past
  clauses that cannot be a subject ('Biden, speaking in Geneva, said “...”' -> Biden);
- 'according to X': X, before any other cue of the sentence ('Y said “...”, according to
  Reuters' is Reuters' report, as PolNeAR's annotators read it: 32 of 41 such quotes in train
  articles 0-599), unless it follows 'that' ('said that according to its count').
The words are resolved to a story entity by `coref` as in full mode. What a parse would add:
the cue that governs a quote when several are near ('Trump said Clinton called it “...”' is
Clinton's here, Trump's in full mode), and subjects that are long noun phrases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.briefing import fast_names
from newsweave.briefing.quotes import sources
from newsweave.briefing.quotes.spans import QuoteSpan
from newsweave.briefing.quotes.speakers import MAX_SUBJECT_WORDS, Cue, colon_speaker, is_cue
from newsweave.text import names
from newsweave.text.names import word_set

_TOKEN = re.compile(r"[A-Za-z][\w’'-]*")
_CHUNK = re.compile(r"[^,;:()—–]+")
# Cues that report speech whatever follows; the others ('states', 'read', 'found') must not be
# nouns ('the state', 'a report') to count.
STRONG = word_set(
    """said says told tells added adds wrote writes asked asks according explained insisted
    argued warned noted replied declared tweeted stressed"""
)
_DETERMINERS = word_set("the a an this that these those his her their its our my your")
_SUBJECT_OPENERS = _DETERMINERS | word_set(
    "he she they i we it one two three several some many most both officials another"
)
# Words between a subject and its verb that are not part of the subject ('Biden also said').
_FILLER = word_set(
    """has had have also later then once previously reportedly would will is was again
    repeatedly quickly simply further specifically recently earlier just even"""
)
_PRONOUNS = word_set("he she they i we it you")
# Words that end no subject: a verb's subject is not 'who', 'and' or 'that'.
_NOT_SUBJECT = word_set(
    """who whom which that and but or so when as if because than then where while whether
    what not to of in on at for with by from about into after before"""
)
_ROLE_WORDS = word_set("senior former top chief deputy acting campaign white house press")
_IN_PHRASE = names.ROLE_HEADS | _ROLE_WORDS  # words a subject phrase runs back over
_PHRASE_OPENERS = _SUBJECT_OPENERS - _PRONOUNS  # 'the', 'officials': the phrase stops there
# Words that open a description set off by commas after a name without an article ('Louie
# Gohmert, Republican of Texas, said'; 'Ann Lee, chairman of the board, said').
_ASIDE_HEADS = names.ROLE_HEADS | word_set("republican democrat democratic independent")
_STOPS_AFTER = word_set(
    """on in at during after before when while to from with for about as because and but who
    that which adding noting saying referring speaking according"""
)
MAX_AFTER_WORDS = 8
# A time phrase between a subject and its verb ('Feinstein last week said', 'The department
# less than two weeks ago said'): the word that ends it, and the words that may lead up to it.
_TIME_ENDS = word_set(
    """week weeks month months year years day days night morning afternoon evening ago
    yesterday today tonight monday tuesday wednesday thursday friday saturday sunday"""
)
_TIME_LEADS = word_set(
    """last this next earlier later on a few less more than one two three four five six
    several some weeks days months years early late"""
)
WEAK_PENALTY = 150
_OPENS_QUOTE = re.compile(r"\s*[,:]?\s*[“\"«]")
_PARTICIPLE_AFTER = word_set("while when after before by")
_BY_AGENT = re.compile(r"\s+by\s+")
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being)\s+$")


def fast_cue(
    text: str,
    region: tuple[int, int],
    span: QuoteSpan,
    spans: Sequence[QuoteSpan],
    *,
    cited: bool = True,
) -> Cue | None:
    """The attribution of `span` in `region` found by position alone (see the module doc);
    'according to X' before every verb with `cited`, after them without."""
    cues = sorted(cue_words(text, region, spans), key=lambda m: _distance(m, span))
    cues.sort(key=lambda m: (m.group().lower() == "according") != cited)  # first, or last
    for cue in cues:
        found = _subject(text, region, span, cue)
        if found is not None:
            return Cue(cue.group(), text[found[0] : found[1]], found[0], found[1])
    colon = colon_speaker(text[: span.start], region[0])
    if colon is not None:
        return Cue(":", text[colon[0] : colon[1]], colon[0], colon[1])
    strong = [m for m in cues if m.group().lower() in STRONG]
    return Cue(strong[0].group(), None, None, None) if strong else None


def _distance(cue: re.Match[str], span: QuoteSpan) -> int:
    """How far a cue is from a quote, a weak cue counting as `WEAK_PENALTY` characters further
    ('Trump said ... Clinton once described it as “...”' is Trump's report)."""
    far = min(abs(cue.start() - span.end), abs(span.start - cue.start()))
    return far if cue.group().lower() in STRONG else far + WEAK_PENALTY


def lead_subject(text: str, region: tuple[int, int]) -> Cue | None:
    """The subject that opens a lead-in with no cue ('He then listed the qualities ...:')."""
    found = _clause_subject(text, region[0], region[1])
    return Cue(None, text[found[0] : found[1]], found[0], found[1]) if found else None


def cue_words(
    text: str, region: tuple[int, int], spans: Sequence[QuoteSpan]
) -> list[re.Match[str]]:
    """The reporting verbs of `region` outside the quoted `spans`, in text order."""
    quoted = [(s.start - 1, s.end + 1) for s in spans]
    return [m for m in _TOKEN.finditer(text, region[0], region[1]) if _is_cue(text, m, quoted)]


def _is_cue(text: str, match: re.Match[str], quoted: Sequence[tuple[int, int]]) -> bool:
    word = match.group().lower()
    if not is_cue(word, text, match.end()) or any(a <= match.start() < b for a, b in quoted):
        return False
    before = text[max(0, match.start() - 12) : match.start()].split()
    previous = before[-1].lower() if before else ""
    if (word == "called" and previous in {"so", "-"}) or previous.endswith("so-"):
        return False
    if word == "according":  # not inside what another cue reports ('said that according to')
        return text.startswith(" to ", match.end()) and previous != "that"
    return word in STRONG or previous not in _DETERMINERS


def _subject(
    text: str, region: tuple[int, int], span: QuoteSpan, cue: re.Match[str]
) -> tuple[int, int] | None:
    """(start, end) of the words that name the speaker of `cue`, or None."""
    if cue.group().lower() == "according":
        return _after(text, cue.end() + len(" to"), region[1])
    if _participle(text, cue):
        return _clause_subject(text, region[0], cue.start())  # '..., saying “...”'
    if cue.start() >= span.end:
        if text[span.end - 1] in ".?!" and _OPENS_QUOTE.match(text, cue.end()):
            return None  # '“... change.” She adds, “...”': the cue of the next quotation
        left = span.end
        while left < cue.start() and (text[left].isspace() or text[left] in "”\"’»'"):
            left += 1
        if any(mark in text[left : cue.start()] for mark in '“"«'):
            return None  # another quotation stands between
        if not _TOKEN.search(text, left, cue.start()):
            return _after(text, cue.end(), region[1])
        found = _before(text, left, cue.start())
        if found is None and text[left : cue.start()].split()[-1:] == ["and"]:
            return _clause_subject(text, region[0], cue.start())  # 'X urged “...” and said'
        return found
    if cue.end() <= span.start:
        agent = _BY_AGENT.match(text, cue.end())
        if agent and _PASSIVE.search(text, region[0], cue.start()):
            return _after(text, agent.end(), span.start)  # 'X was asked by Y, “...”'
        if text[region[0] : cue.start()].rstrip(" ,\xa0").endswith(("”", '"', "»")):
            found = _after(text, cue.end(), span.start)  # '“...,” said Ann Lee, “and ...”'
            if found is not None:
                return found
        return _before(text, region[0], cue.start())
    return None


def _participle(text: str, cue: re.Match[str]) -> bool:
    """'..., saying', 'while chanting': the cue's subject is the clause's."""
    if not cue.group().lower().endswith("ing"):
        return False
    before = text[max(0, cue.start() - 10) : cue.start()].rstrip(' ”"’\xa0')
    return before.endswith(",") or before.split()[-1:] in [[w] for w in _PARTICIPLE_AFTER]


def _clause_subject(text: str, start: int, cue: int) -> tuple[int, int] | None:
    """The subject that opens the clause a participle cue hangs from ('Rival Hillary Clinton
    had mocked the complaint, saying ...'), past openers such as 'During the speech,'."""
    for chunk in _CHUNK.finditer(text, start, cue):
        words = list(_TOKEN.finditer(text, chunk.start(), chunk.end()))
        found = _lead(words) if words else None
        if found is not None:
            return found
    return None


def _after(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The speaker after an inverted cue: 'said Dmitry Peskov, the Kremlin spokesman.'."""
    taken: list[re.Match[str]] = []
    for word in _TOKEN.finditer(text, start, end):
        gap = text[taken[-1].end() if taken else start : word.start()]
        if gap.strip(" .0123456789/") or len(taken) >= MAX_AFTER_WORDS:
            break  # punctuation ends the phrase ('Sen.' keeps its full stop)
        lowered = word.group().lower()
        if lowered in _STOPS_AFTER or (lowered.endswith("ing") and not word.group()[0].isupper()):
            break
        taken.append(word)
    return (taken[0].start(), taken[-1].end()) if taken else None


def _before(text: str, start: int, cue: int) -> tuple[int, int] | None:
    """The subject right in front of a cue ('Kremlin spokesman Dmitry Peskov told'), past an
    appositive or a participle clause between commas ('Peskov, the Kremlin spokesman, said';
    'Putin, speaking in Geneva, said'), else the subject that opens the clause ('Trump made
    the pledge ... and says')."""
    chunks = [
        words
        for chunk in _CHUNK.finditer(text, start, cue)
        if (words := list(_TOKEN.finditer(text, chunk.start(), chunk.end())))
    ]
    while chunks and chunks[-1][-1].group().lower() in _FILLER:
        chunks[-1].pop()
        if not chunks[-1]:
            chunks.pop()
    if chunks:
        _drop_time(chunks[-1])
        if not chunks[-1]:
            chunks.pop()
    if not chunks:
        return None
    last = chunks[-1]
    first = last[0].group().lower()
    # 'Peskov, the Kremlin spokesman,'; 'Louie Gohmert, Republican of Texas,'
    described = first in _DETERMINERS or (first in _ASIDE_HEADS and len(last) > 1)
    clause = not _opens_subject(last[0].group())  # 'an official, speaking on condition ...,'
    enclosed = text[last[-1].end() : cue].strip() == ","  # 'Peskov, the spokesman, said'
    if (described or clause) and enclosed and len(chunks) > 1 and _apposed(text, chunks[-2], last):
        found = _tail(chunks[-2])
        named = chunks[-2][-1].group()[0].isupper()
        if found is not None and (
            named or (clause and chunks[-2][0].group().lower() in _DETERMINERS)
        ):
            return found
    if len(last) == 1 and last[0].group().lower() == "who" and len(chunks) > 1:
        return last[0].span()  # 'Justice Samuel A. Alito Jr., who said': he, by `coref`
    return _tail(last) or _lead(last)


def _drop_time(words: list[re.Match[str]]) -> None:
    """Drop a time phrase that ends `words` after a name ('Feinstein last week' -> 'Feinstein')."""
    if len(words) < 2 or words[-1].group().lower() not in _TIME_ENDS:
        return
    at = len(words) - 1
    while at > 0 and words[at - 1].group().lower() in _TIME_LEADS:
        at -= 1
    if at == 0 or words[at - 1].group()[0].isupper() or words[at - 1].group() in _PRONOUNS:
        del words[at:]  # only after a name or a pronoun: not '... a series of tweets Friday'


def _apposed(text: str, name: list[re.Match[str]], aside: list[re.Match[str]]) -> bool:
    """'Peskov, the Kremlin spokesman,': a name chunk, then only a comma, then the aside."""
    return (
        _opens_subject(name[0].group()) and text[name[-1].end() : aside[0].start()].strip() == ","
    )


def _tail(words: list[re.Match[str]]) -> tuple[int, int] | None:
    """The noun phrase that ends `words`: a pronoun, or names, role words and a few other
    words back to a determiner ('the Republican presidential nominee', 'Scott's family')."""
    last = words[-1].group()
    lowered = last.lower()
    if lowered in _PRONOUNS:
        return words[-1].start(), words[-1].end()
    if lowered in _NOT_SUBJECT or lowered in fast_names.STOP:
        return None
    taken = [words[-1]]
    loose = 0 if last[0].isupper() or lowered in names.ROLE_HEADS else 1
    for word in reversed(words[:-1]):
        lowered = word.group().lower()
        if lowered in _DETERMINERS or lowered in _PHRASE_OPENERS:
            taken.insert(0, word)
            break
        if word.group()[0].isupper() or lowered in _IN_PHRASE:
            taken.insert(0, word)
        elif lowered not in _NOT_SUBJECT and loose < 2 and len(taken) < MAX_SUBJECT_WORDS:
            taken.insert(0, word)
            loose += 1
        else:
            break
    while len(taken) > 1 and not _in_subject(taken[0].group()):
        taken.pop(0)  # a loose word that did not reach a determiner
    return taken[0].start(), taken[-1].end()


def _lead(words: list[re.Match[str]]) -> tuple[int, int] | None:
    """The subject that opens a clause ('Trump unleashed a series of tweets ... saying')."""
    if not _opens_subject(words[0].group()):
        return None
    taken = [words[0]]
    for word in words[1:]:
        if not _in_subject(word.group()) or len(taken) >= MAX_SUBJECT_WORDS:
            break
        taken.append(word)
    if len(taken) == 1 and taken[0].group().lower() in _DETERMINERS:
        return _noun_after(words)  # 'the prince called ...', not 'the'
    return taken[0].start(), taken[-1].end()


def _noun_after(words: list[re.Match[str]]) -> tuple[int, int] | None:
    """A determiner and the words up to the first noun that names a speaker ('the actor',
    'the former secretary'), or None."""
    for index, word in enumerate(words[1:MAX_SUBJECT_WORDS], 1):
        if word.group().lower() in _NOT_SUBJECT:
            break
        if sources.is_source_noun(word.group().lower()):
            while index + 1 < len(words) and words[index + 1].group()[0].isupper():
                index += 1  # 'the group Fair Ports'
            return words[0].start(), words[index].end()
    return None


def _opens_subject(word: str) -> bool:
    lowered = word.lower()
    if lowered in _SUBJECT_OPENERS:
        return True
    return word[0].isupper() and lowered not in _STOPS_AFTER and lowered not in fast_names.STOP


def _in_subject(word: str) -> bool:
    lowered = word.lower()
    return word[0].isupper() or lowered in names.ROLE_HEADS or lowered in _DETERMINERS
