"""Conflicts the rules used to miss: each test is a short invented pair of the shape of a
labelled conflict that was not found (read on the training stories of the labelled pairs,
docs/evaluation.md, Conflicts), and fails without the rule it names."""

from __future__ import annotations

from newsweave.briefing.agreement.conflicts import conflict
from newsweave.briefing.agreement.figures import quantities
from newsweave.briefing.agreement.statements import Anchors, anchors
from newsweave.config import settings

CONFIG = settings("agreement")


def _side(text: str) -> tuple[str, Anchors]:
    return text, anchors(text)


def _conflict(a: str, b: str, score: float = 0.8) -> str | None:
    """What the embedding-mode relation reports for two sentences at cosine `score`."""
    return conflict(_side(a), _side(b), score, CONFIG, "embedding")


def test_a_span_of_time_is_no_part_of_a_total() -> None:
    # 88 - 83 is 5, but the "5" of "5½ years" counts no one of the 88
    about = _conflict(
        "In her 5½ years as warden, 88 men and three women were released early.",
        "Of the 83 men and women released early in her time as warden, none reoffended.",
    )
    assert about == "how many men: 88 or 83"
    # a part named beside the smaller figure still sums to the larger
    summed = _conflict(
        "In her years as warden, 83 men and five women were released early.",
        "Of the 88 men and women released early in her time as warden, none reoffended.",
    )
    assert summed is None


def test_rounding_takes_a_bound_no_further_than_it_says() -> None:
    # "3,000" alone is rounded to the thousand and allows 2,600; "more than 3,000" does not
    about = _conflict(
        "More than 3,000 delegates attended the summit in Arvona last spring.",
        "The summit in Arvona drew 2,600 delegates from forty countries.",
    )
    assert about == "how many delegates: 3,000 or 2,600"
    assert (
        _conflict(
            "Nearly 3,000 delegates attended the summit in Arvona last spring.",
            "The summit in Arvona drew 3,400 delegates from forty countries.",
        )
        == "how many delegates: 3,000 or 3,400"
    )
    assert (
        _conflict(
            "About 3,000 delegates attended the summit in Arvona last spring.",
            "The summit in Arvona drew 3,400 delegates from forty countries.",
        )
        is None
    )


def test_a_count_named_by_a_capitalised_word_before_its_noun_is_read() -> None:
    assert [sorted(q.unit) for q in quantities("They hold 40 Venari prisoners.")] == [["prisoner"]]
    assert quantities("At 30 Democrats and a few others voted.") == ()
    about = _conflict(
        "There are about 120 Venari settlements along the Tolsa river valley.",
        "Surveyors visited all of the 90 settlements along the Tolsa river on Monday.",
    )
    assert about == "how many settlements: 120 or 90"


def test_a_figure_both_give_alike_pins_one_event_for_a_far_one() -> None:
    # 12 and 21 are too far apart for two tellings of one count, unless both sentences
    # pin the event with a figure they give alike ("jailed for 8 years")
    about = _conflict(
        "A court in Marrow on Tuesday jailed a local man for 8 years for setting a fire "
        "that injured 12 people at a market.",
        "The arsonist who injured 21 people at the Marrow market was jailed for 8 years.",
    )
    assert about == "how many people: 12 or 21"
    # a figure of a name pins nothing
    assert (
        _conflict(
            "Police seized four AK-47 rifles and 12 magazines in the raid.",
            "In five raids police seized nine AK-47 rifles and 21 magazines.",
        )
        is None
    )
