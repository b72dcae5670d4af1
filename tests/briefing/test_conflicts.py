"""Conflicts that are real: numbers, dates and negations, each clash checked for sameness."""

from __future__ import annotations

from datetime import date

from conftest import make_article

from newsweave.briefing.agreement.compare import compare_outlets
from newsweave.briefing.agreement.conflicts import (
    date_conflict,
    negation_conflict,
    number_conflict,
)
from newsweave.briefing.agreement.statements import anchors, sentence_dates
from newsweave.config import settings
from newsweave.models import Story

CONFIG = settings("agreement")


def _side(text: str, published: date | None = None) -> tuple[str, object]:
    return text, anchors(text, sentence_dates(text, published))


def _two_outlets(*told: tuple[str, str]) -> Story:
    """A story of one article per (outlet, text)."""
    return Story("s1", tuple(make_article(t, id=o, outlet=o) for o, t in told))


def _numbers(a: str, b: str) -> str | None:
    return number_conflict(anchors(a), anchors(b), CONFIG)


def test_close_figures_for_one_toll_worded_differently_are_a_conflict() -> None:
    about = _numbers(
        "A nearly simultaneous blast at the embassy in Velmora killed 11 people.",
        "The car bomb outside the embassy in Velmora killed 10 people and wounded 70.",
    )
    assert about == "how many people: 11 or 10"


def test_far_apart_figures_worded_differently_are_different_counts() -> None:
    # one operation against five: the shape of the real false conflicts (rounds, rockets)
    assert (
        _numbers(
            "During the operation, six rifles, 12 magazines and 300 rounds were seized.",
            "In five operations so far the navy has seized 31 magazines and 923 rounds.",
        )
        is None
    )


def test_a_score_or_the_same_figure_twice_is_no_clash() -> None:
    text = "The Colts moved into field goal range for a 13-3 halftime lead over Kansas City."
    assert _numbers(text, text) is None


def test_declining_to_comment_is_having_no_comment() -> None:
    a = _side("A foreign ministry spokesman had no comment on the parliament's vote.")
    b = _side("The foreign ministry declined to comment on the parliament's vote.")
    assert negation_conflict(a, b, CONFIG.same_wording_overlap) is None  # type: ignore[arg-type]


def test_a_relative_day_resolved_a_year_apart_is_not_a_date_conflict() -> None:
    text = "The ceremony will be held on Christmas Day at the old cathedral in Velmora."
    a = anchors(text, sentence_dates(text, date(2010, 12, 1)))
    b = anchors(text, sentence_dates(text, date(2011, 12, 1)))
    assert a.dated and b.dated and a.dated[0][0] != b.dated[0][0]
    assert date_conflict(a, b) is None


def test_a_brief_reports_each_side_of_a_close_number_clash_with_its_outlet() -> None:
    story = _two_outlets(
        ("Alpine Times", "The climber fell about 150 metres from the ridge on Mount Arden."),
        ("Valley Post", "The 36-year-old climber slipped and fell 180 metres from the ridge."),
    )
    (conflict,) = compare_outlets(story).conflicts
    assert "150" in conflict.about and "180" in conflict.about
    assert {c.outlet for c in conflict.claims} == {"Alpine Times", "Valley Post"}
