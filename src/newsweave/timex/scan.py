"""Each grammar rule's matches in a text, the rule run only near the words it needs.

A rule's regular expression costs about the same at every position of a text, and most of a
news article names no date: scanning all ~36 rules over every character was ~9 ms an article,
the dearest step of `brief --fast`. Here each rule has a *trigger*, a cheap pattern that every
one of its matches contains ("century" for "the nineteenth century", a month's first three
letters for "June 16"), and the rule runs only in windows around the trigger's occurrences.

The matches are the same as `rule.pattern.finditer(text)` gives, not nearly the same:

- every match contains a trigger (a test checks each rule's trigger on real text), so a match
  starts at most `width` characters before the first trigger at or after it, where `width`
  bounds the rule's match length;
- `width` is finite because a text is windowed only when it has no whitespace or digit run
  longer than `RUN` (else each rule scans the whole text): the rules' only unbounded parts are
  `\\s+`, `\\s*` and `\\d+`, so each match is then no longer than the rule with those bounded;
- a window ends `width + REACH` characters after the last start it may report, so what the
  matcher reads there (the match, its lookahead) is the text itself, never the window's end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from re import _parser  # type: ignore[attr-defined]  # the stdlib parser: a pattern's width

from newsweave.timex.patterns import RULES, Rule

# The longest whitespace or digit run a windowed text may have (longer: the rule scans it all).
RUN = 8
_LONG_RUN = re.compile(rf"\s{{{RUN + 1},}}|\d{{{RUN + 1},}}")
# How far past a match any rule's lookahead reads: `(?!\s*(?:%|percent|...))` is the longest.
REACH = RUN + 16
# Extra characters a window runs on past its trigger, so close triggers share one search.
_SPAN = 40

# The month and holiday rules match capitalised names only; every other trigger is sought in
# the text folded to lower case (`Text`), where a plain pattern is faster than one ignoring case.
_MONTH = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_CASED = frozenset(
    (
        "month_day",
        "day_month",
        "week_of",
        "month_year",
        "month_relyear",
        "month",
        "holiday",
        "quarter_code",
    )
)
_WEEKDAY = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon\.|tue\.|tues\.|wed\.|thu\.|thur\.|thurs\.|fri\.|sat\.|sun\."
)
# The duration and offset rules count their unit ("two days", "a three-year term", "two more
# weeks"): a number (`patterns` <NUMBER>: digits or the words below, as they end) or "more"
# stands right before the space or hyphen before the unit; "today", "Monday" and "midnight" are
# no trigger, nor "the day" or "last year", which news writes far more often (each trigger
# costs a search of the rule around it).
_NUMBER_ENDS = (
    r"\d", "a", "an", "of", "couple", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "eleven", "twelve", "teen", "ty", "hundred", "few", "several",
    "some", "many", "more",
)  # fmt: skip
_UNITS = r"second|minute|hour|day|night|week|month|quarter|year|decade|centur"
# The unit is sought first (a lookahead: ~4x cheaper than trying 25 look-behinds at every
# space), then the number's end before it.
_COUNTED_UNIT = "[- ](?=(?:{units}))(?:{ends})".format(
    units=_UNITS, ends="|".join(rf"(?<={end}[- ])" for end in _NUMBER_ENDS)
)
_OFFSET = (
    rf"{_COUNTED_UNIT}(?:{_UNITS})[a-z]*\s+"
    r"(?:ago|earlier|before|later|after|from now|hence|previously|back)"
)
_CLOCK = r"\d\s*[ap]\.?m"
_YEAR = r"(?:1[6-9]|20)\d\d"
# What every match of each rule contains (in lower case, but for `_CASED`).
TRIGGERS: dict[str, str] = {
    "iso": r"\d{4}-",
    "numeric": r"\d/\d",
    "month_day": _MONTH,
    "day_month": _MONTH,
    "week_of": _MONTH,
    "month_year": _MONTH,
    "month_relyear": _MONTH,
    "month": _MONTH,
    "year": _YEAR,
    "year_tail": r"\d\d",
    "decade": r"0['’]?s",
    "decade_words": r"ties",
    "century": r"century",
    "year_words": r"nineteen|twenty|two thousand",
    "quarter": r"quarter|qtr",
    "quarter_anaphor": r"quarter|period",
    "quarter_code": r"Q[1-4]|FY",
    "half": r"half",
    "season": r"spring|summer|fall|autumn|winter",
    "weekday": _WEEKDAY,
    "deictic_day": r"today|yesterday|tomorrow",
    "relative_unit": r"\s(?:week|month|year|decade|century)",
    "year_end": r"year",
    "same_day": r"day",
    "days_around": r"days|weeks",
    "next_day": r"next|following|previous|prior|day before|day after",
    "year_ago": r"year",
    "offset": _OFFSET,
    "holiday": r"Christmas|New Year|Thanksgiving|Independence|Fourth|Halloween|Labor|Memorial"
    r"|Valentine|Patrick|Veteran|Boxing|Easter|Good Friday|Palm|Ash|Mother|Father|Martin|MLK"
    r"|President|Columbus|Election|Black|Cyber|9/11",
    "present_ref": r"now|current|present|these days|at the moment|at this time",
    "past_ref": r"recent|lately|the past|formerly|ago|earlier|once upon",
    "future_ref": r"future|someday|coming|ahead| term|to come|later",
    "duration": _COUNTED_UNIT,
    "vague_duration": r"years|months|weeks|days|hours|decades|minutes|centuries",
    "clock_day": rf"{_CLOCK}|noon|midnight|midday",
    "clock": _CLOCK,
    "time_word": r"morning|afternoon|evening|night|noon|midday",
    "set": r"daily|weekly|monthly|quarterly|annually|yearly|hourly|nightly|(?:every|each|per)\s",
}


@dataclass(frozen=True, slots=True)
class Windowed:
    """A rule ready for the windowed scan: its trigger (sought in the folded text where
    `folded`), the longest match it can make, and the trigger's words where it is only a
    choice of plain words (`literals`, each sought with `str.find`; else None)."""

    rule: Rule
    trigger: re.Pattern[str]
    folded: bool
    width: int
    literals: tuple[str, ...] | None = None


# A trigger that is a choice of plain words ("now|current|at the moment"; "mon\." holds an
# escaped period): `re` tries such a choice at every character, str.find skips ahead in C.
_PLAIN_WORDS = re.compile(r"(?:[^\\.^$*+?{}\[\]()|]|\\\.)+(?:\|(?:[^\\.^$*+?{}\[\]()|]|\\\.)+)*")


# Texts shorter than this (a sentence) are searched by the trigger's pattern even where it is
# plain words: finding each word costs more than one pattern search over a short text.
_FIND_FROM = 500


def plain_words(trigger: str) -> tuple[str, ...] | None:
    """The words of a trigger that is only a choice of plain words, else None."""
    if _PLAIN_WORDS.fullmatch(trigger) is None:
        return None
    return tuple(word.replace("\\.", ".") for word in trigger.split("|"))


def _bounded_width(pattern: re.Pattern[str]) -> int:
    """The longest match of `pattern` in a text with no whitespace or digit run over `RUN`."""
    source = pattern.pattern
    for unbounded, bounded in (
        (r"\s+", rf"\s{{1,{RUN}}}"),
        (r"\s*", rf"\s{{0,{RUN}}}"),
        (r"\d+", rf"\d{{1,{RUN}}}"),
    ):
        source = source.replace(unbounded, bounded)
    low, high = _parser.parse(source, pattern.flags).getwidth()
    if low == 0 or high >= _parser.MAXREPEAT:
        raise ValueError(f"rule {pattern.pattern!r} has no bounded non-empty width")
    return int(high)


WINDOWED: tuple[Windowed, ...] = tuple(
    Windowed(
        rule,
        re.compile(TRIGGERS[rule.name]),
        rule.name not in _CASED,
        _bounded_width(rule.pattern),
        None if rule.name in _CASED else plain_words(TRIGGERS[rule.name]),
    )
    for rule in RULES
)
# What `re.IGNORECASE` takes for an ASCII letter that lower() does not make one (re._casefix).
_FOLD = str.maketrans({"ı": "i", "ſ": "s"})


@dataclass(frozen=True, slots=True)
class Text:
    """A text to scan: itself, and folded to lower case (None: scan each rule over all of it)."""

    text: str
    folded: str | None

    @classmethod
    def of(cls, text: str) -> Text:
        """`text`, folded where windows are safe (no whitespace or digit run over `RUN`, and
        lower case that keeps every character's position)."""
        if _LONG_RUN.search(text) is not None:
            return cls(text, None)
        folded = text.lower()
        if "ı" in folded or "ſ" in folded:  # rare: `translate` costs ~30 µs an article
            folded = folded.translate(_FOLD)
        return cls(text, folded if len(folded) == len(text) else None)


def rule_matches(windowed: Windowed, scanned: Text) -> Iterator[re.Match[str]]:
    """`windowed.rule.pattern.finditer(text)`, searched only near the rule's trigger."""
    pattern, width, text = windowed.rule.pattern, windowed.width, scanned.text
    if scanned.folded is None:
        yield from pattern.finditer(text)
        return
    sought = scanned.folded if windowed.folded else text
    next_trigger = _trigger_finder(windowed, sought)
    size, cursor = len(text), 0  # no match starts before `cursor` that is not yielded yet
    while (first := next_trigger(cursor)) >= 0:
        # the next match, if any, starts at or after first - width
        end = min(size, first + width + REACH + _SPAN)
        last = size if end == size else end - width - REACH  # starts the window decides
        match = pattern.search(text, max(cursor, first - width), end)
        if match is not None and match.start() < last:
            yield match
            cursor = match.end()
        elif end == size:
            return
        else:
            cursor = max(first + 1, last)


def _trigger_finder(windowed: Windowed, sought: str) -> Callable[[int], int]:
    """`at(cursor)`: where the first trigger at or after `cursor` starts in `sought`, or -1.

    `cursor` never goes back during one scan, so for a choice of plain words each word's
    next place is kept until the cursor passes it: each word is sought over the text once.
    """
    trigger, words = windowed.trigger, windowed.literals
    if words is None or len(sought) < _FIND_FROM:

        def at(cursor: int) -> int:
            found = trigger.search(sought, cursor)
            return -1 if found is None else found.start()

        return at
    places = [-2] * len(words)  # per word: its next place (-1: no more; -2: not sought yet)

    def at_word(cursor: int) -> int:
        first = -1
        for index, word in enumerate(words):
            place = places[index]
            if -1 != place < cursor:
                place = places[index] = sought.find(word, cursor)
            if place >= 0 and (first < 0 or place < first):
                first = place
        return first

    return at_word
