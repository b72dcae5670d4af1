"""Month-day-year words read as dateparser reads them."""

from __future__ import annotations

from datetime import date

import dateparser
import pytest

from newsweave.timex.calendar_math import parse_calendar_date

# As `calendar_math` asks dateparser.
SETTINGS = {"DATE_ORDER": "MDY", "REQUIRE_PARTS": ["day", "month", "year"]}

# The grammar's month names (`patterns._FRAGMENTS["MONTH"]`), days past every month's end,
# and years around leap days and centuries.
FORMS = ["January", "February", "May", "Sept.", "Sep", "Feb.", "Jun", "Dec."]
DAYS = [0, 1, 28, 29, 30, 31, 32, 39]
YEARS = [1700, 1900, 2000, 2001, 2004, 2099]


def _dateparser(words: str) -> date | None:
    parsed = dateparser.parse(words, languages=["en"], settings=SETTINGS)
    return parsed.date() if parsed else None


@pytest.mark.parametrize("form", FORMS)
def test_named_months_read_as_dateparser_reads_them(form: str) -> None:
    for day in DAYS:
        for year in YEARS:
            words = f"{form} {day} {year}"
            assert parse_calendar_date(words) == _dateparser(words), words


@pytest.mark.parametrize("month", ["0", "1", "01", "09", "12", "13", "19"])
def test_numeric_months_read_as_dateparser_reads_them(month: str) -> None:
    for day in DAYS:
        for year in [*YEARS, 999]:
            words = f"{month} {day} {year}"
            assert parse_calendar_date(words) == _dateparser(words), words
