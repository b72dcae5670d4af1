"""Calendar arithmetic for resolving temporal expressions, and TIMEX3 value formatting.

Small pure functions: which year an undated "April" or "June 16" falls in given the tense, which
Tuesday "on Tuesday" means, ISO weeks, quarters and seasons. No function here ever reads the
clock: every resolution is relative to a reference date that the caller passes in.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from newsweave.timex.patterns import MONTHS
from newsweave.timex.tense import Tense

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PARSE_SETTINGS = {"DATE_ORDER": "MDY", "REQUIRE_PARTS": ["day", "month", "year"]}


def day_value(day: date) -> str:
    return f"{day:%Y-%m-%d}"


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by `months` (negative moves back)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def describe(day: date) -> str:
    """'Wed 2021-06-16': the form the reasoning shows a reference date in."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day_value(day)}"


@lru_cache(maxsize=4096)
def parse_calendar_date(words: str) -> date | None:
    """The date that month-day-year `words` name ("Sept. 27 1989"), or None if there is none.

    A month written as a name (the grammar's: "September", "Sept.", "Sep") or as a number
    from 1 to 12, and a year of four digits, give date(year, month, day), None for a day that
    does not exist ("February 30"): what dateparser gives for every such month, day 0-39 and
    year tried (37,400 dates, leap years and centuries among them), at a hundredth of the cost
    (~1.5 ms a date, and ~0.5 s for its first). The rest goes to dateparser, which reads a
    "month" over 12 as the day (DMY) and rejects years under 1000; all three parts are
    required, so it never fills one in from today.
    """
    parts = words.split(" ")
    if len(parts) == 3 and words.isascii():
        month, day, year = parts
        number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."), 0)
        if 1 <= number <= 12 and day.isdigit() and len(year) == 4 and year.isdigit():
            try:
                return date(int(year), number, int(day))
            except ValueError:
                return None
    import dateparser  # ~0.5 s to import and load its English data: seldom needed

    parsed = dateparser.parse(words, languages=["en"], settings=_PARSE_SETTINGS)
    return parsed.date() if parsed else None


def year_for(month: int, day: int, tense: Tense | None, reference: date, override_days: int) -> int:
    """The year of an undated month/day: the one nearest to `reference`, unless the tense
    contradicts it by more than `override_days` ("in January" said in a past-tense clause of a
    June article is this year's January; "payable Jan. 2" in November is next year's)."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, min(day, 28 if month == 2 else day)))
        except ValueError:
            continue
    if not candidates:
        return reference.year
    nearest = min(candidates, key=lambda d: (abs((d - reference).days), d > reference))
    if tense == "past" and (nearest - reference).days > override_days:
        return nearest.year - 1
    if tense == "future" and (reference - nearest).days > override_days:
        return nearest.year + 1
    return nearest.year


def weekday_date(weekday: int, reference: date, direction: str) -> date:
    """The date of a weekday relative to `reference`.

    direction: "past" (this day or the latest before it), "future" (this day or the next),
    "before"/"after" (strictly, as "last Tuesday"/"next Tuesday"), "nearest" (at most 3 days off).
    """
    back = (reference.weekday() - weekday) % 7
    ahead = (weekday - reference.weekday()) % 7
    if direction == "past":
        return reference - timedelta(days=back)
    if direction == "future":
        return reference + timedelta(days=ahead)
    if direction == "before":
        return reference - timedelta(days=back or 7)
    if direction == "after":
        return reference + timedelta(days=ahead or 7)
    return reference - timedelta(days=back) if back <= ahead else reference + timedelta(days=ahead)


def shift(reference: date, unit: str, amount: int) -> tuple[str, str]:
    """The TIMEX3 value and precision of `reference` moved by `amount` units (day...century)."""
    if unit == "day":
        return day_value(reference + timedelta(days=amount)), "day"
    if unit in ("week", "weekend"):
        value = week_value(reference + timedelta(weeks=amount))
        return (value + "-WE", "week") if unit == "weekend" else (value, "week")
    if unit == "month":
        year, month = add_months(reference.year, reference.month, amount)
        return f"{year:04d}-{month:02d}", "month"
    if unit == "quarter":
        year, month = add_months(reference.year, reference.month, 3 * amount)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}", "quarter"
    if unit == "year":
        return f"{reference.year + amount:04d}", "year"
    if unit == "decade":
        return f"{reference.year + 10 * amount:04d}"[:3], "decade"
    return f"{reference.year + 100 * amount:04d}"[:2], "century"


def season_year(season: str, rel: str, tense: Tense | None, reference: date) -> int:
    """The year of "last fall", "this summer", "next spring" or a bare season in context.

    A season is named by the year it starts in (winter 1997 runs Dec 1997 to Feb 1998), so in
    January "this winter" is last year's and "last fall" is too.
    """
    start = SEASON_START[season]
    # The year of the current season's start, and that season's first month.
    current = (reference.month % 12) // 3 * 3 or 12
    current_year = reference.year - (1 if reference.month < 3 else 0)
    this_one = current_year if start <= current else current_year - 1  # latest start so far
    if rel in ("last", "this past") or (rel == "" and tense == "past"):
        return this_one - 1 if rel and start == current else this_one
    if rel in ("next", "this coming") or (rel == "" and tense == "future"):
        return this_one + 1 if start != current or rel else this_one
    return this_one if start == current else reference.year
