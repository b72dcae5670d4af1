"""Resolvers for expressions relative to the publication date, and for non-dates.

Weekdays ("on Tuesday", "next Friday"), deictic days ("yesterday"), spans ("later this month",
"last year"), offsets ("two weeks ago"), vague references ("recently" → PAST_REF), and the
durations, times of day and sets that the evaluation counts but the timeline leaves out.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsweave.timex.calendar_math import (
    add_months,
    day_value,
    describe,
    shift,
    week_value,
    weekday_date,
)
from newsweave.timex.patterns import MONTHS, UNITS, WEEKDAYS, number_value
from newsweave.timex.resolve import (
    UNRESOLVED,
    Context,
    Resolution,
    calendar,
    explained,
    tense_note,
    text_of,
)

_BACK = {"last", "the past", "the last", "the previous", "the prior", "past", "this past"}
_IN_THE_YEAR = frozenset(("for", "of", "during", "throughout"))
_AHEAD = {"next", "the coming", "the next", "the following", "coming", "this coming"}
_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}  # fmt: skip


def weekday(match: re.Match[str], ctx: Context) -> Resolution | None:
    number = WEEKDAYS[match.group("weekday").lower().rstrip(".")]
    if ctx.reference is None:
        return Resolution("DATE", None, "day", f"{match.group(0)}: {UNRESOLVED}")
    if re.search(r"\b(?:every|each)\s+\w+\s+(?:and|or)\s+$", ctx.text[: match.start()][-40:]):
        value = f"XXXX-WXX-{number + 1}"  # "every Tuesday and Thursday": recurs
        return Resolution("SET", value, "set", f"{match.group(0)}: recurs, {value}")
    rel = text_of(match, "rel")
    if rel in ("last", "this past", "the previous"):
        direction, note = "before", f"'{rel}': the one before"
    elif rel in ("next", "this coming", "the following"):
        direction, note = "after", f"'{rel}': the one after"
    elif (cue := ctx.cue(match, tagged=True)).scheduled and not re.match(
        r"['’]s\b", ctx.text[match.end() :]
    ):  # "After the G7 wraps Sunday": the coming Sunday (but "follows Tuesday's vote": past)
        direction, note = "future", f"present tense '{cue.word}': scheduled"
    else:
        tense = cue.tense
        direction = {"past": "past", "future": "future"}.get(tense or "", ctx.default_direction)
        note = tense_note(tense)
    found = weekday_date(number, ctx.reference, direction)
    ctx.last_day = found
    value = day_value(found)
    return Resolution("DATE", value, "day", explained(match, value, ctx.reference, note))


def deictic_day(match: re.Match[str], ctx: Context) -> Resolution | None:
    if ctx.reference is None:
        return Resolution("DATE", None, "day", f"{match.group(0)}: {UNRESOLVED}")
    found = ctx.reference + timedelta(days=_DAY_WORDS[match.group("word").lower()])
    ctx.last_day = found
    return Resolution(
        "DATE", day_value(found), "day", explained(match, day_value(found), ctx.reference, "")
    )


def relative_unit(match: re.Match[str], ctx: Context) -> Resolution | None:
    rel, unit = text_of(match, "rel"), text_of(match, "unit")
    if ctx.reference is None:
        return Resolution("DATE", None, unit, f"{match.group(0)}: {UNRESOLVED}")
    if (
        rel == "the"
        and unit == "year"
        and (text_of(match, "full") or " in" in text_of(match, "part"))
    ):
        # "for the full year", "earlier in the year": the year the report is written in.
        value = f"{ctx.reference.year:04d}"
        return Resolution(
            "DATE", value, "year", explained(match, value, ctx.reference, "this year")
        )
    if rel in ("the following", "the previous", "the prior") and (
        found := _anaphor(rel, unit, ctx)
    ):
        return found
    if rel == "the" and text_of(match, "dir"):  # "the year before,": from the one in view
        later = text_of(match, "dir") in ("after", "later")
        return _anaphor("the following" if later else "the previous", unit, ctx) or _shifted(
            match, ctx.reference, unit, 1 if later else -1
        )
    if rel in ("that", "the") and unit == "year" and ctx.last_year is not None:
        value = f"{ctx.last_year:04d}"
        return Resolution("DATE", value, "year", f"{match.group(0)} → {value} (the year in view)")
    if rel == "the" and unit == "year" and ctx.word_before(match) in _IN_THE_YEAR:
        # "for the year", "a high for the year", "nine months of the year": the year written in
        value = f"{ctx.reference.year:04d}"
        return Resolution(
            "DATE", value, "year", explained(match, value, ctx.reference, "this year")
        )
    if (
        rel == "the"
        and unit in ("year", "month", "decade", "century")
        and not text_of(match, "part")
    ):
        return None  # "the year" is mostly a duration or a generic year, not a date
    if rel == "the" and unit == "week" and not text_of(match, "part"):
        return Resolution("DATE", f"{ctx.reference.year:04d}-WXX", "week", match.group(0))
    step = -1 if rel in _BACK else 1 if rel in _AHEAD else 0
    if rel == "the" and unit == "weekend" and ctx.tense(match) == "past":
        step = -1 if ctx.reference.weekday() < 5 else 0
    return _shifted(match, ctx.reference, unit, step)


def _shifted(match: re.Match[str], reference: date, unit: str, step: int) -> Resolution:
    """The `unit` (week...century) `step` units from the publication date's."""
    value, precision = shift(reference, unit, step)
    return Resolution("DATE", value, precision, explained(match, value, reference, ""))


def _anaphor(rel: str, unit: str, ctx: Context) -> Resolution | None:
    """ "The following month" after "In March": the month after the one the text named last
    (and "the previous year" the year before), not the one after publication."""
    step = 1 if rel == "the following" else -1
    if unit == "year" and ctx.last_year is not None:
        ctx.last_year += step
        value, anchor = f"{ctx.last_year:04d}", f"{ctx.last_year - step:04d}"
    elif unit == "month" and ctx.last_month is not None:
        anchor = f"{ctx.last_month[0]:04d}-{ctx.last_month[1]:02d}"
        ctx.last_month = add_months(*ctx.last_month, step)
        value = f"{ctx.last_month[0]:04d}-{ctx.last_month[1]:02d}"
    else:
        return None
    return Resolution("DATE", value, unit, f"{rel} {unit} → {value} (counted from {anchor})")


def year_end(match: re.Match[str], ctx: Context) -> Resolution | None:
    """ "By year-end", "year end": the end of the publication year (valued as that year, as
    "the end of the year" is)."""
    year = ctx.reference.year if ctx.reference else None
    if year is None:
        return Resolution("DATE", None, "year", f"{match.group(0)}: {UNRESOLVED}")
    value = f"{year:04d}"
    return Resolution("DATE", value, "year", f"{match.group(0)} → {value} (the end of that year)")


def same_day(match: re.Match[str], ctx: Context) -> Resolution | None:
    """ "That same day", "earlier that day": the day the text named last, else the
    publication day."""
    base = ctx.last_day or ctx.reference
    if base is None:
        return Resolution("DATE", None, "day", f"{match.group(0)}: {UNRESOLVED}")
    value = day_value(base)
    source = "the day named last" if ctx.last_day else "the publication day"
    return Resolution("DATE", value, "day", f"{match.group(0)} → {value} ({source})")


def days_around(match: re.Match[str], ctx: Context) -> Resolution | None:
    """ "The weeks before the shooting": vague days around an event, found but left vague
    (the past or the future of it): the event's own date is mostly not the last date named,
    and a wrong month on a timeline misleads more than none."""
    span = f"the {match.group('unit')} {match.group('dir')}".lower()
    value = "FUTURE_REF" if text_of(match, "dir") in ("after", "following") else "PAST_REF"
    return Resolution("DATE", value, "ref", f"{span} an event: vague, the event is not dated")


def next_day(match: re.Match[str], ctx: Context) -> Resolution | None:
    """ "The next morning", "the previous day", "the day before,": a day from the day the text
    named last."""
    base = ctx.last_day or ctx.reference
    if base is None:
        return Resolution("DATE", None, "day", f"{match.group(0)}: {UNRESOLVED}")
    step = 1 if text_of(match, "rel") in ("next", "following") or text_of(match, "dir") else -1
    step = -1 if text_of(match, "dir") == "before" else step
    ctx.last_day = base + timedelta(days=step)
    value = day_value(ctx.last_day)
    return Resolution("DATE", value, "day", f"{match.group(0)} → {value} (from {day_value(base)})")


def offset(match: re.Match[str], ctx: Context) -> Resolution | None:
    amount, unit = number_value(match.group("number")), text_of(match, "unit").rstrip("s")
    direction = text_of(match, "dir")
    if direction in ("after", "before") and re.match(r"\s+[\w$]", ctx.text[match.end() :]):
        return None  # "a month after Qantas suspended...": a duration before a clause, no date
    backwards = direction in ("ago", "earlier", "before", "previously", "back")
    if amount is None:
        ref = "PAST_REF" if backwards else "FUTURE_REF"
        return Resolution("DATE", ref, "ref", f"{match.group(0)}: vague, {ref}")
    if unit in ("second", "minute", "hour"):
        return Resolution("TIME", None, "time", f"{match.group(0)}: a time, not a date")
    anaphoric = direction in ("earlier", "later", "before", "after") and ctx.last_day is not None
    base = ctx.last_day if anaphoric else ctx.reference
    if base is None:
        return Resolution("DATE", None, unit, f"{match.group(0)}: {UNRESOLVED}")
    signed = int(-amount if backwards else amount)
    if unit == "week":  # TIMEX3 keeps the granularity: "six weeks ago" is a week
        value, precision = week_value(base + timedelta(weeks=signed)), "week"
    else:
        value, precision = shift(
            base, "year" if unit == "decade" else unit, signed * (10 if unit == "decade" else 1)
        )
    anchor = f"counted from {day_value(base)}" if anaphoric else f"published {describe(base)}"
    return Resolution("DATE", value, precision, f"{match.group(0)} → {value} ({anchor})")


def year_ago(match: re.Match[str], ctx: Context) -> Resolution | None:
    if ctx.last_quarter is not None and ctx.quarter_in_view(match):
        value = f"{ctx.last_quarter[0] - 1:04d}-Q{ctx.last_quarter[1]}"
        return Resolution(
            "DATE",
            value,
            "quarter",
            f"{match.group(0)} → {value} (a year before the quarter in view)",
        )
    if ctx.reference is None:
        return Resolution("DATE", None, "year", f"{match.group(0)}: {UNRESOLVED}")
    value = f"{ctx.reference.year - 1:04d}"
    return Resolution("DATE", value, "year", explained(match, value, ctx.reference, ""))


def present_ref(match: re.Match[str], ctx: Context) -> Resolution | None:
    return Resolution("DATE", "PRESENT_REF", "ref", f"{match.group(0)}: vague, the present")


def past_ref(match: re.Match[str], ctx: Context) -> Resolution | None:
    return Resolution("DATE", "PAST_REF", "ref", f"{match.group(0)}: vague, the past")


def future_ref(match: re.Match[str], ctx: Context) -> Resolution | None:
    return Resolution("DATE", "FUTURE_REF", "ref", f"{match.group(0)}: vague, the future")


def _period(amount: float | None, unit: str) -> str:
    code = UNITS[unit]
    code = {"WE": "D", "DE": "0Y", "CE": "00Y"}.get(code, code)
    amount = amount * (2 if unit == "weekend" else 1) if amount is not None else None
    prefix = "PT" if unit in ("second", "minute", "hour") else "P"
    if amount is None:
        return f"{prefix}X{code[-1]}"
    if amount != int(amount) and code in ("Y", "D", "H"):
        smaller = {"Y": ("M", 12), "D": ("H", 24), "H": ("M", 60)}[code]
        return f"{prefix}{int(amount)}{code}{round((amount % 1) * smaller[1])}{smaller[0]}"
    return f"{prefix}{int(amount)}{code}"


def duration(match: re.Match[str], ctx: Context) -> Resolution | None:
    unit = text_of(match, "unit").rstrip("s").replace("centurie", "century")
    amount = number_value(text_of(match, "number2") or match.group("number"))
    if amount is None and not text_of(match, "number2") and text_of(match, "number") in ("a", "an"):
        amount = 1.0
    value = _period(amount, unit)
    return Resolution("DURATION", value, "duration", f"{match.group(0)}: a duration, {value}")


def vague_duration(match: re.Match[str], ctx: Context) -> Resolution | None:
    unit = match.group("unit").lower().rstrip("s").replace("centurie", "century")
    value = _period(None, unit)
    return Resolution("DURATION", value, "duration", f"{match.group(0)}: a vague duration")


def clock(match: re.Match[str], ctx: Context) -> Resolution | None:
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    if hour > 12:
        return None
    hour = hour % 12 + (12 if match.group("ampm").lower().startswith("p") else 0)
    if ctx.reference is None:
        return Resolution("TIME", None, "time", f"{match.group(0)}: {UNRESOLVED}")
    value = f"{day_value(ctx.reference)}T{hour:02d}:{minute:02d}"
    return Resolution("TIME", value, "time", f"{match.group(0)} → {value}")


def week_of(match: re.Match[str], ctx: Context) -> Resolution | None:
    """ "The week of March 6": the ISO week that holds the date, a week as TIMEX3 values it."""
    day = calendar(match, ctx)
    if day is None or day.value is None:
        return day and Resolution("DATE", None, "week", day.reasoning)
    value = week_value(date.fromisoformat(day.value))
    return Resolution(
        "DATE", value, "week", f"{match.group(0)} → {value} (the week of {day.value})"
    )


def clock_day(match: re.Match[str], ctx: Context) -> Resolution | None:
    """A time of day on a named day ("10 p.m. Wednesday"): the day as a weekday or a calendar
    date would resolve, then the time on it (one TIME expression, as TIMEX3 annotates it)."""
    day = (weekday if match.group("weekday") else calendar)(match, ctx)
    if day is None or day.type != "DATE":
        return None
    if match.group("word"):
        suffix = "T24:00" if match.group("word").lower() == "midnight" else "T12:00"
    else:
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match.group("ampm").lower().startswith("p") else 0)
        suffix = f"T{hour:02d}:{minute:02d}"
    value = f"{day.value}{suffix}" if day.value else None
    return Resolution("TIME", value, "time", f"{match.group(0)} → {value} ({day.reasoning})")


def time_word(match: re.Match[str], ctx: Context) -> Resolution | None:
    if ctx.reference is None:
        return Resolution("TIME", None, "time", f"{match.group(0)}: {UNRESOLVED}")
    word, tod, rel = text_of(match, "word"), text_of(match, "tod"), text_of(match, "rel")
    day = ctx.reference - timedelta(days=1 if rel.endswith("last") and tod == "night" else 0)
    suffix = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI",
              "tonight": "TNI", "overnight": "TNI", "midnight": "T24:00", "noon": "T12:00",
              "midday": "T12:00"}[tod or word]  # fmt: skip
    value = f"{day_value(day)}{suffix}"
    return Resolution("TIME", value, "time", f"{match.group(0)} → {value}")


def set_(match: re.Match[str], ctx: Context) -> Resolution | None:
    words = match.group(0).lower()
    if match.group("weekday"):
        value = f"XXXX-WXX-{WEEKDAYS[match.group('weekday').lower().rstrip('.')] + 1}"
    elif match.group("month"):  # "each July": every year's July
        value = f"XXXX-{MONTHS[match.group('month').lower().rstrip('.')]:02d}"
    else:
        key = re.sub(r"^(every|each|per)\s+", "", words)
        value = {"daily": "P1D", "day": "P1D", "nightly": "P1D", "night": "P1D", "weekly": "P1W",
                 "week": "P1W", "monthly": "P1M", "month": "P1M", "quarterly": "P1Q",
                 "quarter": "P1Q", "annually": "P1Y", "yearly": "P1Y", "year": "P1Y",
                 "hourly": "PT1H", "hour": "PT1H", "morning": "P1D", "summer": "XXXX-SU",
                 "winter": "XXXX-WI", "spring": "XXXX-SP", "fall": "XXXX-FA"}[key]  # fmt: skip
    return Resolution("SET", value, "set", f"{match.group(0)}: recurs, {value}")
