"""Find temporal expressions in text and resolve them against a publication date (TIMEX3 values).

    find_expressions("Putin said on Tuesday ...", date(2021, 6, 16))
    → [Timex(start=13, end=20, text="Tuesday", type="DATE", value="2021-06-15", precision="day",
             reasoning="Tuesday → 2021-06-15 (published Wed 2021-06-16, past tense)")]

Finding is a regex grammar (`patterns.py`): every rule proposes spans; at each position the
longest span whose resolver accepts it wins (leftmost-longest, as TIMEX3 taggers do). Resolving
runs in reading order so anaphora ("the quarter", "a year earlier", "two days later") can see
what the text mentioned last. Nothing here reads the clock: without a publication date,
relative expressions keep value None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsweave.timex import holidays, relative, resolve
from newsweave.timex.patterns import Rule
from newsweave.timex.resolve import Context, Resolver
from newsweave.timex.scan import WINDOWED, Text, rule_matches

# Texts whose rule matches are kept (matches are immutable): a story's articles, scanned by its
# statements' dates and again by its timeline, and between the two the summary's sentences
# (64 let 45 articles of the 1,000 DUC ones out and in again: ~0.04 s of scans).
_CANDIDATE_CACHE = 256

# The resolver of each grammar rule, by the name its `Rule.resolver` gives.
_RESOLVERS: dict[str, Resolver] = {
    # dates named by the text itself (`resolve.py`)
    "calendar": resolve.calendar,
    "month": resolve.month,
    "year": resolve.year,
    "year_words": resolve.year_words,
    "decade": resolve.decade,
    "century": resolve.century,
    "quarter": resolve.quarter,
    "quarter_anaphor": resolve.quarter_anaphor,
    "quarter_code": resolve.quarter_code,
    "half": resolve.half,
    "season": resolve.season,
    "holiday": holidays.holiday,
    # dates relative to the publication date, and non-dates (`relative.py`)
    "weekday": relative.weekday,
    "deictic_day": relative.deictic_day,
    "relative_unit": relative.relative_unit,
    "next_day": relative.next_day,
    "year_end": relative.year_end,
    "same_day": relative.same_day,
    "days_around": relative.days_around,
    "offset": relative.offset,
    "year_ago": relative.year_ago,
    "present_ref": relative.present_ref,
    "past_ref": relative.past_ref,
    "future_ref": relative.future_ref,
    "duration": relative.duration,
    "vague_duration": relative.vague_duration,
    "clock": relative.clock,
    "week_of": relative.week_of,
    "clock_day": relative.clock_day,
    "time_word": relative.time_word,
    "set": relative.set_,
}


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression: `text == source[start:end]`; `value` is TIMEX3 or None.

    `type` is DATE, DURATION, TIME or SET. `precision` is day, week, month, quarter, half,
    season, year, decade, century, ref (PRESENT_REF/PAST_REF/FUTURE_REF), duration, time or set.
    `estimated` is True when the reference date was estimated from the text, not published.
    """

    start: int
    end: int
    text: str
    type: str
    value: str | None
    precision: str
    reasoning: str
    estimated: bool = False


@lru_cache(maxsize=_CANDIDATE_CACHE)
def _candidates(text: str) -> tuple[tuple[re.Match[str], Rule], ...]:
    """Every rule's matches, leftmost first and, at one position, longest first.

    Kept for the last few texts: a brief scans each article's whole text more than once (its
    timeline, its statements' dates, an undated article's estimated date). Each rule runs only
    near the words its matches need (`scan.py`), which finds the same matches as running it
    over the whole text at a third of the cost.
    """
    scanned = Text.of(text)
    found = [
        (match, windowed.rule)
        for windowed in WINDOWED
        for match in rule_matches(windowed, scanned)
        if match.end() > match.start()
    ]
    found.sort(key=lambda item: (item[0].start(), -item[0].end()))
    return tuple(found)


def find_expressions(
    text: str,
    published: date | None,
    *,
    estimated: bool = False,
    default_direction: str = "past",
    override_days: int = 90,
    tagger: bool = False,
) -> list[Timex]:
    """Every temporal expression in `text`, resolved against `published` where it is relative.

    `default_direction` ("past", "future" or "nearest") is where an undated weekday points when
    the clause shows no tense; news mostly reports what already happened, so "past" by default.
    `override_days`: how far the tense may pull an undated "June 16" off the nearest year
    (see `calendar_math.year_for`). `tagger`: let spaCy's tagger help find the tense of the
    sentences whose expressions need one (`tense.tense_cue`). `build_timeline` passes all three
    from `[timeline]` settings.
    """
    context = Context(
        reference=published,
        text=text,
        default_direction=default_direction,
        override_days=override_days,
        tagger=tagger,
    )
    found: list[Timex] = []
    cursor = 0
    for match, rule in _candidates(text):
        start, end = match.span()
        if start < cursor:
            continue
        resolution = _RESOLVERS[rule.resolver](match, context)
        if resolution is None:
            continue
        found.append(
            Timex(
                start=start,
                end=end,
                text=text[start:end],
                type=resolution.type,
                value=resolution.value,
                precision=resolution.precision,
                reasoning=resolution.reasoning,
                estimated=estimated and resolution.value is not None,
            )
        )
        cursor = end
    return found
