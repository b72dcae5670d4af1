"""Date stamps and wire credit lines above the body, in the formats pages really print."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsweave.clean.dateline import parse_published
from newsweave.clean.lead_lines import is_date_line, is_wire_credit, line_date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 14 Mar 2019 08:10 GMT+01:00", datetime(2019, 3, 14)),
        ("UPDATED: FRIDAY, OCTOBER 4, 2019, 6:05 PM", datetime(2019, 10, 4)),
        ("Tuesday 3 March 2020 14. 05 GMT", datetime(2020, 3, 3)),
        ("August 21st, 2018 4: 15pm EDT", datetime(2018, 8, 21)),
        ("9: 40am UK, Friday 12 July 2019", datetime(2019, 7, 12)),
        ("Wednesday, Jan 8, 2020 | Updated 7:12 AM PST", datetime(2020, 1, 8)),
        ("Last updated at 09:30, Monday, 2 December 2019", datetime(2019, 12, 2)),
        ("11 / 30 / 19 10:45 AM ET EST", datetime(2019, 11, 30)),
        ("Published: 2019. 05. 17 10:02 AM", datetime(2019, 5, 17)),
        ("Saturday, February 29-2020 at 11:30", datetime(2020, 2, 29)),
        ("3:15 a. m. Nov. 5, 2019", datetime(2019, 11, 5)),
        ("on March 9, 2021", datetime(2021, 3, 9)),
    ],
)
def test_a_stamp_is_a_date_line_and_gives_its_day(line: str, expected: datetime) -> None:
    assert is_date_line(line)
    found = line_date(line)
    assert found is not None
    assert parse_published(found) == expected


def test_a_stamp_without_a_year_is_a_date_line_but_gives_no_date() -> None:
    assert is_date_line("Dec. 24 4:33 AM EST")
    assert is_date_line("Edited on Mon Nov-04-19 03:49 PM")
    assert line_date("Dec. 24 4:33 AM EST") is None


@pytest.mark.parametrize(
    "line",
    [
        "Remembered: Tuesday, May 5, 2015",  # a word a stamp never has
        "BERLIN, Germany, April 2, 2019",  # a dateline opening the body
        "Reuters Oct 1, 2019, 03. 12PM IST",  # an agency name
        "In a ceremony on June 3, 2019, the mayor opened the bridge.",
        "March 2020",  # a month, not a day
        "2019 season review",
        "",
    ],
)
def test_lines_with_other_words_are_not_date_lines(line: str) -> None:
    assert not is_date_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "c.2003 Midland Herald",
        "(kt) By ANNA FIELDS c. 2001 N.Y. Times News Service",
        "(For use by NYTimes News Service clients.)",
        "By TOM REED Copyright 2002 Science Weekly (Distributed by Times Syndicate)",
    ],
)
def test_wire_credit_lines(line: str) -> None:
    assert is_wire_credit(line)


def test_a_paragraph_ending_in_a_copyright_notice_is_not_a_credit_line() -> None:
    paragraph = " ".join(["The council met on Tuesday to approve the budget."] * 4)
    assert not is_wire_credit(f"{paragraph} Copyright 2002 Midland Herald.")
    assert not is_wire_credit("Sales rose in c. 2001 by a third")  # short, but no year mark


def test_a_named_month_stamp_is_read_without_dateparser() -> None:
    # ISO text, which parse_published reads with fromisoformat: dateparser costs ~5 ms a call.
    assert line_date("Published: 6 June 2013 07:38 BST") == "2013-06-06"
    assert line_date("Dec. 20 2005 | Updated 1:32 PM PDT") == "2005-12-20"
    impossible = line_date("Friday, February 30, 2019")
    assert impossible is not None
    assert parse_published(impossible) is None
