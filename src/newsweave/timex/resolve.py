"""Resolvers: from a grammar match to a TIMEX3 type, value, precision and a one-line reason.

Each resolver takes the regex match and a `Context` (the reference date, the document, the tense
of the clause, and what the document mentioned last, for anaphora like "the quarter" or "a year
earlier") and returns a `Resolution`, or None to reject the match (a bare "May" that is a verb).
A relative expression with no reference date gets value None: it is never resolved against today.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from newsweave.timex.calendar_math import (
    add_months,
    day_value,
    describe,
    parse_calendar_date,
    quarter_of,
    season_year,
    year_for,
)
from newsweave.timex.patterns import MONTHS, ORDINAL_WORDS, ORDINALS, SEASONS, number_value
from newsweave.timex.tense import Cue, Tense, tense_cue

QUARTER_REACH = 1500  # characters: how far back a mentioned quarter stays "in view"


@dataclass(frozen=True, slots=True)
class Resolution:
    type: str
    value: str | None
    precision: str
    reasoning: str


@dataclass(slots=True)
class Context:
    """What a resolver may look at: the reference date, the text, and the last mentions."""

    reference: date | None
    text: str
    default_direction: str = "past"
    override_days: int = 90
    tagger: bool = False
    last_quarter: tuple[int, int] | None = None
    last_quarter_at: int = -1
    last_day: date | None = None
    last_year: int | None = None
    last_month: tuple[int, int] | None = None
    _cues: dict[tuple[int, int, bool], Cue] = field(default_factory=dict)

    def cue(self, match: re.Match[str], *, tagged: bool = False) -> Cue:
        """The tense cue of the clause around `match`, computed once per expression.

        `tagged`: the resolver can use a scheduled present ("wraps Sunday"), so spaCy's tagger
        runs on this sentence when `tagger` is on; other resolvers keep to the word lists.
        """
        key = (*match.span(), tagged and self.tagger)
        if key not in self._cues:
            self._cues[key] = tense_cue(self.text, key[0], key[1], tagger=key[2])
        return self._cues[key]

    def tense(self, match: re.Match[str]) -> Tense | None:
        return self.cue(match).tense

    def quarter_in_view(self, match: re.Match[str], reach: int = QUARTER_REACH) -> bool:
        """Whether a quarter was mentioned shortly before `match` ("a year earlier" then means
        that quarter a year before, as in earnings reports)."""
        return self.last_quarter is not None and match.start() - self.last_quarter_at <= reach

    def word_before(self, match: re.Match[str]) -> str:
        words = re.findall(r"[A-Za-z]+", self.text[max(0, match.start() - 20) : match.start()])
        return words[-1].lower() if words else ""


Resolver = Callable[[re.Match[str], Context], Resolution | None]
UNRESOLVED = "publication date unknown: not resolved"  # the reasoning of a relative value None
_MONTH_PREPOSITIONS = {"in", "since", "until", "by", "from", "through", "of", "during", "last",
                       "next", "early", "late", "mid", "between", "and", "or", "to", "before",
                       "after", "this", "till", "on", "that", "each", "every"}  # fmt: skip


def text_of(match: re.Match[str], name: str) -> str:
    """The text of the named group `name`, stripped and lower-cased ("" when it did not match)."""
    return (match.groupdict().get(name) or "").strip().lower()


def _month_number(words: str) -> int:
    return MONTHS[words.lower().rstrip(".")] if not words.isdigit() else int(words)


def explained(match: re.Match[str], value: str, reference: date, note: str) -> str:
    """The reasoning line of a value found from the publication date: "Tuesday → 2021-06-15
    (published Wed 2021-06-16, past tense)"."""
    return (
        f"{match.group(0)} → {value} (published {describe(reference)}{', ' if note else ''}{note})"
    )


def tense_note(tense: Tense | None) -> str:
    """How the tense of the clause reads in a reasoning line."""
    return f"{tense} tense" if tense else "no tense cue"


def calendar(match: re.Match[str], ctx: Context) -> Resolution | None:
    month, day = _month_number(match.group("month")), int(re.sub(r"\D", "", match.group("day")))
    year_text = text_of(match, "year")
    if year_text:
        year = int(year_text) + (1900 if len(year_text) == 2 else 0)
        found = parse_calendar_date(f"{match.group('month')} {day} {year}")
        if found is None:
            return None
        ctx.last_day, ctx.last_year, ctx.last_month = found, year, (year, found.month)
        return Resolution("DATE", day_value(found), "day", f"{match.group(0)}: a full date")
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if ctx.reference is None:
        return Resolution("DATE", None, "day", f"{match.group(0)}: no year and {UNRESOLVED}")
    tense = ctx.tense(match)
    year = year_for(month, day, tense, ctx.reference, ctx.override_days)
    found = parse_calendar_date(f"{match.group('month')} {day} {year}")
    if found is None:
        return None
    ctx.last_day, ctx.last_month = found, (found.year, found.month)
    why = explained(match, day_value(found), ctx.reference, f"year from {tense_note(tense)}")
    return Resolution("DATE", day_value(found), "day", why)


def month(match: re.Match[str], ctx: Context) -> Resolution | None:
    name = match.group("month")
    part, rel, year_text = text_of(match, "part"), text_of(match, "rel"), text_of(match, "year")
    before = ctx.word_before(match)
    bare = not (part or rel or year_text)
    short = len(name.rstrip(".")) <= 4 and name.lower() not in ("june", "july")
    # "May" is mostly a verb, "Jan" a name: a bare short month needs a preposition.
    if bare and short and (name.lower() != "may" or before not in _MONTH_PREPOSITIONS):
        return None
    number = _month_number(name)
    if year_text:
        year = int(year_text)
        ctx.last_year, ctx.last_month = year, (year, number)
        return Resolution("DATE", f"{year:04d}-{number:02d}", "month", f"{match.group(0)}")
    if ctx.reference is None:
        return Resolution("DATE", None, "month", f"{match.group(0)}: {UNRESOLVED}")
    reference, tense = ctx.reference, ctx.tense(match)
    if rel in ("this", "last", "next") and match.group(0).lower().endswith("year"):
        year = reference.year + {"this": 0, "last": -1, "next": 1}[rel]
        note = f"{rel} year"
    elif rel in ("last", "this past"):
        year, note = reference.year - (1 if number >= reference.month else 0), "the last one"
    elif rel in ("next", "this coming"):
        year, note = reference.year + (1 if number <= reference.month else 0), "the next one"
    elif rel == "this":
        year, note = reference.year, "this year's"
    else:
        year = year_for(number, 15, tense, reference, ctx.override_days)
        note = tense_note(tense)
    value = f"{year:04d}-{number:02d}"
    ctx.last_month = (year, number)
    return Resolution("DATE", value, "month", explained(match, value, reference, note))


def _range_end(first: int, tail: str) -> int | None:
    """The later year of a range "2012-13" or "1998/1999" from its first year and the digits
    after the dash, or None when they do not name a year 1 to 30 years on (a count, a page
    range, a year-month "2013-03")."""
    later = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
    later += 100 if later <= first and len(tail) == 2 else 0
    return later if 0 < later - first <= 30 else None


def year(match: re.Match[str], ctx: Context) -> Resolution | None:
    if "tail" in match.groupdict():  # "13" of "2012-13": the range's end, when the range is one
        first = int(ctx.text[match.start() - 5 : match.start() - 1])
        later = _range_end(first, match.group("tail"))
        if later is None:
            return None
        ctx.last_year = later
        return Resolution("DATE", f"{later:04d}", "year", f"{match.group(0)}: a year ({first}-)")
    number = int(match.group("year"))
    dash = re.match(r"\s*[-–/]\s*(\d+)", ctx.text[match.end() : match.end() + 8])
    if dash and _range_end(number, dash.group(1)) is None:
        return None  # "2000-3000 people", "2013-03", "1-800-555-2012"
    following = ctx.text[match.end() : match.end() + 12].lower()
    if re.match(r"\s*(?:people|persons|troops|workers|shares|tons|feet|meters|miles|units|"
                r"employees|jobs|cars|homes|residents)", following):  # fmt: skip
        return None
    # "2000 to 3000 people" is a count; "between 1985 and 1987" is two years.
    upper = re.match(r"\s*(?:to|and)\s+(\d{4})(?!\d)", following + ctx.text[match.end() + 12 :][:6])
    if re.match(r"\s*(?:to|and)\s+\d", following) and not (
        upper and 0 < int(upper.group(1)) - number <= 60
    ):
        return None
    ctx.last_year = number
    return Resolution("DATE", f"{number:04d}", "year", f"{match.group(0)}: a year")


def year_words(match: re.Match[str], ctx: Context) -> Resolution | None:
    words = match.group(0).lower().replace("-", " ")
    if "two thousand" in words:
        return Resolution("DATE", "2000", "year", f"{match.group(0)}: a year")
    first, _, rest = words.partition(" ")
    tail = number_value(rest)
    if tail is None:
        return None
    value = f"{(19 if first == 'nineteen' else 20) * 100 + int(tail):04d}"
    return Resolution("DATE", value, "year", f"{match.group(0)}: a year")


def decade(match: re.Match[str], ctx: Context) -> Resolution | None:
    if match.group("word") if "word" in match.groupdict() else False:
        digit = {"twent": 2, "thirt": 3, "fort": 4, "fift": 5, "sixt": 6, "sevent": 7, "eight": 8,
                 "ninet": 9}[re.sub(r"ies$", "", match.group("word").lower())]  # fmt: skip
        century = "19"
    elif match.groupdict().get("short"):
        digit = int(match.group("short"))
        recent = ctx.reference.year if ctx.reference else 2000
        # "the '80s" is the 1980s unless the 2080s have begun by the reference year.
        century = "20" if 2000 + 10 * digit <= recent else "19"
    else:
        digit, century = int(match.group("digit")), match.group("century")
    value = f"{century}{digit}"
    return Resolution("DATE", value, "decade", f"{match.group(0)}: the decade {value}0s")


def century(match: re.Match[str], ctx: Context) -> Resolution | None:
    number = ORDINAL_WORDS.get(text_of(match, "word")) or int(match.group("ordinal") or 0)
    if not number:
        return None
    value = f"{number - 1:02d}"
    return Resolution("DATE", value, "century", f"{match.group(0)}: the century {value}00s")


def _quarter_year(quarter: int, tense: Tense | None, reference: date) -> int:
    current = quarter_of(reference)
    if tense == "past" and quarter > current:
        return reference.year - 1
    # Results of the quarter just ended are reported (and forecast) in the next one, so a
    # future-tense "third quarter" in October is still this year's.
    if tense == "future" and quarter < current - 1:
        return reference.year + 1
    return reference.year


def quarter(match: re.Match[str], ctx: Context) -> Resolution | None:
    number = ORDINALS[match.group("ordinal").lower()]
    owner, year_text = text_of(match, "owner"), text_of(match, "year") or text_of(match, "pyear")
    return _quarter(match, ctx, number, int(year_text) if year_text else None, owner)


def _short_year(digits: str, ctx: Context) -> int:
    """The year of two digits ("'13", "FY13"): in the century that puts it at most 20 years
    after the reference year (2000 without one)."""
    base = ctx.reference.year if ctx.reference else 2000
    year_number = base // 100 * 100 + int(digits)
    return year_number - 100 if year_number > base + 20 else year_number


def quarter_code(match: re.Match[str], ctx: Context) -> Resolution | None:
    """ "Q3", "Q1 2013", "Q4'12": a quarter; "FY2013", "FY13": a fiscal year (valued as the year,
    as "fiscal 2013" is)."""
    year_text, short = text_of(match, "year"), text_of(match, "short")
    year_number = int(year_text) if year_text else _short_year(short, ctx) if short else None
    if match.group("ordinal"):
        return _quarter(match, ctx, int(match.group("ordinal")), year_number, "")
    if year_number is None:
        return None
    ctx.last_year = year_number
    return Resolution("DATE", f"{year_number:04d}", "year", f"{match.group(0)}: a fiscal year")


def _quarter(
    match: re.Match[str], ctx: Context, number: int, year_number: int | None, owner: str
) -> Resolution:
    """The quarter `number` of `year_number`, or of the year the tense and the publication date
    give (moved by an owner: "last year's", "the year-ago")."""
    if year_number is None:
        if ctx.reference is None:
            return Resolution("DATE", None, "quarter", f"{match.group(0)}: {UNRESOLVED}")
        year_number = _quarter_year(number, ctx.tense(match), ctx.reference)
        year_number += {"last year's": -1, "next year's": 1}.get(owner, 0)
        year_number -= 1 if owner.startswith(("the year-", "the comparable")) else 0
    ctx.last_quarter, ctx.last_quarter_at = (year_number, number), match.end()
    value = f"{year_number:04d}-Q{number}"
    return Resolution("DATE", value, "quarter", f"{match.group(0)} → {value}")


_QUARTER_STEPS = {"this": 0, "the current": 0, "last": -1, "the past": -1, "the previous": -1,
                  "next": 1}  # fmt: skip


def quarter_anaphor(match: re.Match[str], ctx: Context) -> Resolution | None:
    det, noun = text_of(match, "det"), text_of(match, "noun")
    if noun == "period" and ctx.last_quarter is None:
        return None
    if ctx.reference is None and ctx.last_quarter is None:
        return Resolution("DATE", None, "quarter", f"{match.group(0)}: {UNRESOLVED}")
    latest = det in ("the latest", "the latest fiscal")
    if (det in _QUARTER_STEPS or latest) and ctx.reference:
        # "the latest quarter" is the last one completed, as "last quarter" is.
        step = -1 if latest else _QUARTER_STEPS[det]
        year_number, month_number = add_months(ctx.reference.year, ctx.reference.month, 3 * step)
        found = (year_number, (month_number - 1) // 3 + 1)
    elif ctx.last_quarter is not None:
        found = ctx.last_quarter
    else:
        assert ctx.reference is not None
        year_number, month_number = add_months(ctx.reference.year, ctx.reference.month, -3)
        found = (year_number, (month_number - 1) // 3 + 1)
    if det in ("the year-ago", "the year-earlier", "the comparable year-ago", "last year's"):
        found = (found[0] - 1, found[1])
    if text_of(match, "pyear"):
        found = (int(text_of(match, "pyear")), found[1])
    value = f"{found[0]:04d}-Q{found[1]}"
    return Resolution("DATE", value, "quarter", f"{match.group(0)} → {value} (the quarter in view)")


def half(match: re.Match[str], ctx: Context) -> Resolution | None:
    number = 1 if match.group("ordinal").lower() == "first" else 2
    rel, year_text = text_of(match, "rel"), text_of(match, "year")
    if year_text:
        year_number = int(year_text)
    elif ctx.reference is None:
        return Resolution("DATE", None, "half", f"{match.group(0)}: {UNRESOLVED}")
    else:
        year_number = ctx.reference.year + {"last": -1, "next": 1}.get(rel, 0)
    value = f"{year_number:04d}-H{number}"
    return Resolution("DATE", value, "half", f"{match.group(0)} → {value}")


_BARE_SEASON_PREPOSITIONS = {"in", "during", "since", "until", "by", "this", "over"}
# With "the" a season may follow more words: "into the summer", but "for fall crops" is no date.
_SEASON_PREPOSITIONS = _BARE_SEASON_PREPOSITIONS | {
    "till", "into", "through", "throughout", "for", "before", "after"
}  # fmt: skip


def season(match: re.Match[str], ctx: Context) -> Resolution | None:
    code = SEASONS[match.group("season").lower()]
    rel, year_text = text_of(match, "rel"), text_of(match, "year")
    if rel in ("the", "") and not year_text:
        # "in spring", "into the summer"; not "the fall of the Wall", "prices fall", "for fall crop"
        before = ctx.word_before(match)
        if before not in _SEASON_PREPOSITIONS or re.match(r"\s+of\b", ctx.text[match.end() :]):
            return None
        if rel == "" and before not in _BARE_SEASON_PREPOSITIONS:
            return None
        rel = ""
    if year_text:
        value = f"{int(year_text):04d}-{code}"
        return Resolution("DATE", value, "season", f"{match.group(0)} → {value}")
    if ctx.reference is None:
        return Resolution("DATE", None, "season", f"{match.group(0)}: {UNRESOLVED}")
    rel = "" if rel in ("early", "late") else rel
    tense = ctx.tense(match)
    value = f"{season_year(code, rel, tense, ctx.reference):04d}-{code}"
    return Resolution(
        "DATE", value, "season", explained(match, value, ctx.reference, tense_note(tense))
    )
