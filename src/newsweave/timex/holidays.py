"""Named days: holidays and the days news names by what happened on them ("9/11").

A holiday is a day of a year: fixed ("Christmas", "St. Patrick's Day"), the nth weekday of a
month ("Thanksgiving", "Election Day"), or counted from Easter ("Good Friday"). Without a year
in the text, the year is the publication year's, moved back or ahead by the tense of the clause
("shoppers crowded stores on Black Friday" in January is last November's). Lunar holidays
(Ramadan, Passover, the Lunar New Year) move against the Gregorian calendar and are left out: a
wrong day on a timeline misleads more than none.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsweave.timex.calendar_math import day_value
from newsweave.timex.resolve import UNRESOLVED, Context, Resolution, explained, tense_note, text_of

# Fixed days: (month, day).
_FIXED = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
    "independence day": (7, 4), "fourth of july": (7, 4), "july fourth": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "st patrick's day": (3, 17),
    "veterans day": (11, 11), "boxing day": (12, 26),
}  # fmt: skip
# The nth weekday of a month: (month, weekday with Monday 0, n; n = -1 is the last).
_NTH_WEEKDAY = {
    "thanksgiving": (11, 3, 4), "labor day": (9, 0, 1), "memorial day": (5, 0, -1),
    "mother's day": (5, 6, 2), "father's day": (6, 6, 3), "martin luther king day": (1, 0, 3),
    "presidents day": (2, 0, 3), "columbus day": (10, 0, 2),
}  # fmt: skip
# Days counted from another: (the day counted from, days after it).
_COUNTED = {
    "easter monday": ("easter", 1), "good friday": ("easter", -2), "palm sunday": ("easter", -7),
    "ash wednesday": ("easter", -46), "black friday": ("thanksgiving", 1),
    "cyber monday": ("thanksgiving", 4), "election day": ("first monday of november", 1),
}  # fmt: skip
# Days news names by what happened on them, whatever year the article is of.
EVENT_DAYS = {"9/11": "2001-09-11"}


def easter(year: int) -> date:
    """Western Easter Sunday of `year` (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own letters)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def canonical(name: str) -> str:
    """The table key of a holiday as written: "St. Patrick’s Day" → "st patrick's day"."""
    key = re.sub(r"\s+", " ", name.lower().replace("’", "'").replace(".", ""))
    key = re.sub(r"^(?:martin luther king(?:,? jr)?|mlk) day$", "martin luther king day", key)
    key = re.sub(r"^presidents?'?s? day$", "presidents day", key)
    aliases = {
        "veterans' day": "veterans day",
        "easter sunday": "easter",
        "christmastime": "christmas",
    }
    key = aliases.get(key, key)
    return key


def holiday_date(key: str, year: int) -> date:
    """The day of the holiday `key` (see `canonical`) in `year`."""
    if key in _FIXED:
        return date(year, *_FIXED[key])
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, *_NTH_WEEKDAY["thanksgiving"])
    if key in _NTH_WEEKDAY:
        return _nth_weekday(year, *_NTH_WEEKDAY[key])
    if key == "easter":
        return easter(year)
    if key == "first monday of november":
        return _nth_weekday(year, 11, 0, 1)
    base, days = _COUNTED[key]
    return holiday_date(base, year) + timedelta(days=days)


def holiday(match: re.Match[str], ctx: Context) -> Resolution | None:
    """A holiday's day: of the year written beside it, else of the publication year moved by
    the tense ("Christmas" in a past-tense clause of a March article is last December's)."""
    if match.group("named"):  # "9/11": the day the name stands for, whatever the year
        day = EVENT_DAYS[match.group("named")]
        return Resolution("DATE", day, "day", f"{match.group(0)} → {day}")
    key, year_text = canonical(match.group("name")), text_of(match, "year")
    if year_text:
        found = holiday_date(key, int(year_text))
        return Resolution("DATE", day_value(found), "day", f"{match.group(0)} → {day_value(found)}")
    if ctx.reference is None:
        return Resolution("DATE", None, "day", f"{match.group(0)}: {UNRESOLVED}")
    tense, reference = ctx.tense(match), ctx.reference
    found = holiday_date(key, reference.year)
    if tense == "past" and found > reference:
        found = holiday_date(key, reference.year - 1)
    elif tense == "future" and found < reference:
        found = holiday_date(key, reference.year + 1)
    ctx.last_day = found
    why = explained(match, day_value(found), reference, tense_note(tense))
    return Resolution("DATE", day_value(found), "day", why)
