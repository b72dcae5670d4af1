"""Conflicts that are real: the same slot with values that cannot both be true, nothing else.

Each false-positive test is a short invented text of the shape of a wrong call read on the
labelled pairs (tests/data/conflict-pairs.jsonl): counts of different things, compatible or
rounded figures, a total and its parts, broken figures, figures of different years, a line of
statistics, different days of different events, places at different scope.
"""

from __future__ import annotations

from datetime import date

from conftest import make_article

from newsweave.briefing.agreement.compare import compare_outlets
from newsweave.briefing.agreement.conflict_model import FEATURES, gate
from newsweave.briefing.agreement.conflicts import (
    conflict,
    date_conflict,
    figures_apart,
    negation_conflict,
    number_clashes,
)
from newsweave.briefing.agreement.figure_pairs import agree
from newsweave.briefing.agreement.figures import quantities
from newsweave.briefing.agreement.statements import Anchors, anchors, sentence_dates
from newsweave.config import settings
from newsweave.models import Story

CONFIG = settings("agreement")


def _side(text: str, published: date | None = None) -> tuple[str, Anchors]:
    return text, anchors(text, sentence_dates(text, published))


def _two_outlets(*told: tuple[str, str]) -> Story:
    """A story of one article per (outlet, text)."""
    return Story("s1", tuple(make_article(t, id=o, outlet=o) for o, t in told))


def _conflict(a: str, b: str, score: float = 0.8) -> str | None:
    """What the embedding-mode relation reports for two sentences at cosine `score`."""
    return conflict(_side(a), _side(b), score, CONFIG, "embedding")


def _one(text: str) -> object:
    (found,) = quantities(text)
    return found


def test_close_figures_for_one_toll_worded_differently_are_a_conflict() -> None:
    about = _conflict(
        "The car bomb at the embassy in Velmora killed 247 people and injured thousands.",
        "The blast outside the Velmora embassy reportedly killed 253 people.",
    )
    assert about == "how many people: 247 or 253"


def test_a_brief_reports_each_side_of_a_close_number_clash_with_its_outlet() -> None:
    story = _two_outlets(
        ("Alpine Times", "The climber fell about 150 metres from the ridge on Mount Arden."),
        ("Valley Post", "The 36-year-old climber slipped and fell 180 metres from the ridge."),
    )
    (found,) = compare_outlets(story).conflicts
    assert "150" in found.about and "180" in found.about
    assert {c.outlet for c in found.claims} == {"Alpine Times", "Valley Post"}
    assert all(c.text in ("".join(a.text for a in story.articles)) for c in found.claims)


def test_counts_of_different_things_are_no_conflict() -> None:
    assert (
        _conflict(
            "Police said 40 people were killed in the riots in the capital.",
            "Police said 12 people were arrested in the riots in the capital.",
        )
        is None
    )
    assert not number_clashes(
        _side("Police said 40 protesters were killed in the riots in the capital."),
        _side("Police said 42 officers were hurt in the riots in the capital."),
        0.8,
        CONFIG,
    )


def test_compatible_and_rounded_figures_are_no_conflict() -> None:
    pairs = [
        ("more than 40 people", "43 people"),  # a bound allows the exact figure
        ("about 30 minutes", "35 minutes"),  # a round estimate is rounded to its tens
        ("7 million people", "7.4 million people"),  # "7 million" rounds 7.4 million
        ("$43,000", "$43,350"),  # three zeros: a round figure
    ]
    for a, b in pairs:
        assert agree(_one(a), _one(b)), (a, b)  # type: ignore[arg-type]
    assert not agree(_one("3 million children"), _one("2 million children"))  # type: ignore[arg-type]
    assert (
        _conflict(
            "The start of the race was delayed about 30 minutes by a thunderstorm at the track.",
            "The start was delayed by 35 minutes due to a passing thunderstorm at the track.",
        )
        is None
    )


def test_a_total_and_its_parts_are_no_conflict() -> None:
    on_board = "The crash killed all 109 people on board the jet and four on the ground."
    assert _conflict(on_board, "The jet crashed outside Velmora, killing 113 people.") is None
    assert (
        _conflict(on_board, "The crash killed 114 people, including five on the ground.")
        == "how many people: 109 or 114"
    )


def test_figures_broken_by_extraction_are_no_conflict() -> None:
    assert (
        _conflict(
            "He finished with 6, 728 yards rushing at Wayne State in four seasons.",
            "He finished with 716 yards rushing at Wayne State in four seasons.",
        )
        is None
    )
    assert (
        _conflict(
            "Marlow served 41 / 2 months in federal prison for conspiracy.",
            "Marlow served 412 months in federal prison for conspiracy.",
        )
        is None
    )


def test_figures_of_different_years_are_no_conflict() -> None:
    assert (
        _conflict(
            "In 1998 the city of Velmora had 429 murders, sixth among large cities.",
            "The city of Velmora had 566 murders in 1985, the report said.",
        )
        is None
    )


def test_a_line_of_statistics_is_no_conflict() -> None:
    assert (
        _conflict(
            "He had 793 yards and six touchdowns on 147 carries and 39 catches for 302 yards.",
            "He finished with 669 yards and two touchdowns rushing and 29 catches for 201 yards.",
        )
        is None
    )


def test_a_score_or_the_same_figure_twice_is_no_clash() -> None:
    text = "The Colts moved into field goal range for a 13-3 halftime lead over Kansas City."
    assert _conflict(text, text, 1.0) is None


def test_declining_to_comment_is_having_no_comment() -> None:
    a = _side("A foreign ministry spokesman had no comment on the parliament's vote.")
    b = _side("The foreign ministry declined to comment on the parliament's vote.")
    assert negation_conflict(a, b) is None


def test_a_relative_day_resolved_a_year_apart_is_not_a_date_conflict() -> None:
    text = "The ceremony will be held on Christmas Day at the old cathedral in Velmora."
    a = anchors(text, sentence_dates(text, date(2010, 12, 1)))
    b = anchors(text, sentence_dates(text, date(2011, 12, 1)))
    assert a.dated and b.dated and a.dated[0][0] != b.dated[0][0]
    assert date_conflict(a, b) is None


def test_one_event_on_two_days_is_a_date_conflict() -> None:
    day = date(2021, 6, 1)
    a = _side("The two leaders will open their summit in Geneva on June 16, officials said.", day)
    b = _side("The two leaders will open their summit in Geneva on June 17, officials said.", day)
    assert conflict(a, b, 0.95, CONFIG, "embedding") == "when it happened: 2021-06-16 or 2021-06-17"


def test_different_days_of_different_events_are_no_conflict() -> None:
    story = _two_outlets(
        ("Alpine Times", "Senator Marlow spoke to the farmers' union in Velmora on Saturday."),
        ("Valley Post", "Senator Marlow clarified his remarks in a radio interview on Sunday."),
    )
    assert not compare_outlets(story).conflicts


def test_a_count_taken_on_two_days_is_no_conflict() -> None:
    story = _two_outlets(
        (
            "Alpine Times",
            "Officials said 31 vessels were waiting to berth on Thursday morning.",
        ),
        (
            "Valley Post",
            "About 35 vessels were waiting to berth on Friday evening, they said.",
        ),
    )
    assert not compare_outlets(story).conflicts


def test_amounts_of_two_things_are_no_conflict() -> None:
    assert (
        _conflict(
            "Aldermoor rejected an opening bid of 30 million euros from Castlebrook for Quiroga.",
            "Castlebrook returned with an improved offer of 36 million euros for Quiroga.",
        )
        is None
    )


def test_places_at_different_scope_are_no_conflict() -> None:
    story = _two_outlets(
        ("Alpine Times", "The two leaders will meet in Geneva on June 16 for their first summit."),
        (
            "Valley Post",
            "The two leaders will meet in Switzerland on June 16 for their first summit.",
        ),
    )
    assert not compare_outlets(story).conflicts


def test_the_gate_is_a_probability_with_a_threshold_for_each_similarity() -> None:
    found = number_clashes(
        _side("The blast at the Velmora embassy killed 11 people."),
        _side("The car bomb outside the Velmora embassy killed 10 people."),
        0.8,
        CONFIG,
    )
    assert found and set(found[0].features) >= set(FEATURES)
    for kind in ("embedding", "lexical"):
        model = gate(kind)
        assert 0.0 < model.threshold < 1.0
        assert 0.0 <= model.probability(found[0]) <= 1.0


def test_a_rounded_conversion_of_an_estimate_is_no_clash_with_a_close_figure() -> None:
    assert (
        _conflict(
            "The survey office said the quake was 39 miles north of Port Elsa.",
            "It put the epicentre at about 64km (40 miles) north of Port Elsa.",
        )
        is None
    )


def test_two_calibers_of_one_weapon_written_with_a_leading_point_are_a_clash() -> None:
    about = _conflict(
        "The teenager then pointed a. 44 caliber revolver at the two officers, police said.",
        "According to police, the teenager pointed a .38 caliber revolver at the officers.",
    )
    assert about is not None and about.startswith("how many caliber")


def test_a_figure_asked_for_is_no_clash_with_a_figure_given() -> None:
    assert (
        _conflict(
            "The council is weighing a plan that funds 4,000 new school places across the city.",
            "The mayor has requested 3,200 new school places in next year's budget.",
        )
        is None
    )


def test_two_figures_asked_for_can_clash() -> None:
    about = _conflict(
        "The mayor has requested 4,000 new school places in next year's budget.",
        "The mayor has requested 3,200 new school places in the budget for next year.",
    )
    assert about == "how many new school: 4,000 or 3,200"


def test_a_bid_is_no_clash_with_the_price_paid_but_two_prices_paid_are() -> None:
    paid = "Castlebrook signed Quiroga on Thursday in a move worth 42 million euros."
    assert (
        _conflict("Aldermoor rejected an opening bid of 30 million euros for Quiroga.", paid)
        is None
    )
    about = _conflict("Castlebrook signed Quiroga on Thursday for a fee of 38 million euros.", paid)
    assert about is not None and "38 million" in about


def test_two_peoples_figures_are_no_clash_but_one_persons_are() -> None:
    lawson = "Point guard Ty Lawson also chipped in 16 points for the Harbour Rovers on Sunday."
    assert (
        _conflict(lawson, "Deon Thompson had 15 points for the Harbour Rovers on Sunday.") is None
    )
    about = _conflict(lawson, "Ty Lawson scored 12 points for the Harbour Rovers on Sunday.")
    assert about is not None and "16" in about and "12" in about
    carter = "Rick Carter scored 14 points for the Harbour Rovers, who won on Sunday."
    for other in (
        "The Harbour Rovers were paced by 13 points from Seth Vane, who won on Sunday.",
        "The Harbour Rovers won on Sunday, said Seth Vane, who had 13 points.",
        "Seth Vane finished the game with 13 points for the Harbour Rovers, who won on Sunday.",
    ):
        assert _conflict(carter, other) is None, other


def test_a_part_out_of_a_whole_is_told_as_the_part() -> None:
    whole = "Marlow completed 28 of 41 passes for 329 yards on Sunday."
    assert _conflict(whole, "Marlow completed 28 passes for 329 yards on Sunday.") is None
    about = _conflict(whole, "Marlow completed 30 passes for 329 yards on Sunday.")
    assert about is not None and "28" in about and "30" in about
    assert [q.text for q in quantities("Hale landed 178 of 369 punches.")] == ["178"]


def test_a_part_of_them_counts_what_its_total_counts() -> None:
    total, part = quantities("The Hawks gave up 507 total yards, 352 of them on the ground.")
    assert part.value == 352 and part.unit == total.unit
    assert [q.text for q in quantities("248 people, 12 of them Americans, were killed.")] == ["248"]


def test_a_clock_reading_a_record_and_a_yard_line_are_no_counts() -> None:
    for text in (
        "With 12 seconds left, Marlow dropped back to pass.",
        "Clark caught it with 12 minutes, 31 seconds remaining.",
        "His 14 points bettered his career high of 13.",
        "The Jags drove down to the Colts 7 yard line.",
    ):
        assert [q.text for q in quantities(text)] in ([], ["14"]), text


def test_an_average_is_compared_only_with_averages() -> None:
    average = "Vance averaged a team-high 22.8 points in the five games before Thursday."
    assert _conflict(average, "Vance scored 20 points on Thursday night in the win.") is None
    about = _conflict(
        "Vance is averaging 15.5 points per game this season for the Rovers.",
        "Vance is averaging 18.2 points a game this season for the Rovers.",
    )
    assert about is not None and "per game" in about


def test_two_games_with_two_scores_are_two_events() -> None:
    assert (
        _conflict(
            "Hale had 24 points in a 108-70 rout of the Cougars.",
            "Hale scored 20 points in a 91-73 victory over the Cougars.",
        )
        is None
    )
    assert (
        _conflict(
            "He improves to 58-3 with 51 wins coming by knockout.",
            "He improves to a career record of 58 wins and three defeats.",
        )
        is None
    )


def test_owners_told_apart_past_a_description_and_by_a_participle() -> None:
    assert (
        _conflict(
            "Ford, now an assistant coach with the Bobcats, finished his career with 2,290 points.",
            "Hale now has 2,301 career points for the Bobcats.",
        )
        is None
    )
    assert (
        _conflict(
            "Since week 11, Moss has 189 rushing yards for the Hawks.",
            "Since week 11, Moss has 176 receiving yards for the Hawks.",
        )
        is None
    )
    needed = "Hale came in needing 11 points to break the scoring record."
    assert _conflict(needed, "Hale scored 10 points to tie the scoring record.") is None


def test_one_clash_told_by_several_articles_is_listed_once_with_every_outlet() -> None:
    story = _two_outlets(
        ("Alpine Times", "The climber fell about 150 metres from the ridge on Mount Arden."),
        ("Valley Post", "The 36-year-old climber slipped and fell 180 metres from the ridge."),
        ("Ridge Daily", "The 36-year-old climber slipped and fell 180 metres from the ridge."),
    )
    (found,) = compare_outlets(story).conflicts
    assert {c.outlet for c in found.claims} == {"Alpine Times", "Valley Post", "Ridge Daily"}
    assert len({c.text for c in found.claims}) == 2


def test_a_single_digit_opening_a_sentence_is_the_tail_of_a_split_decimal() -> None:
    assert (
        _conflict(
            "A magnitude 6 quake can cause severe damage near the coast.",
            "0 quake can cause severe damage near the coast.",
            0.9,
        )
        is None
    )
    about = _conflict(
        "Police said 4 people were hurt near the coast on Sunday.",
        "Police said 7 people were hurt near the coast on Sunday.",
        0.9,
    )
    assert about is not None and "4" in about and "7" in about


def test_metres_and_meters_count_the_same_thing() -> None:
    (metres,), (meters,) = quantities("He fell 150 metres."), quantities("She fell 200 meters.")
    assert metres.same_kind(meters)
    assert _conflict(
        "The climber fell about 600 metres while climbing near the hut on Saturday.",
        "The climber fell 700 meters while climbing near the hut on Saturday.",
    )


def test_figures_apart_keep_an_outlet_from_a_fact_it_does_not_state() -> None:
    falling = "A climber died on Friday after falling about 60 metres from a ridge in the park."
    assert figures_apart(
        _side(falling),
        _side("A man died on Friday after falling 150 meters from a ridge near the glacier."),
        CONFIG,
    )
    assert not figures_apart(
        _side(falling), _side("The climber, 36, fell 60 metres from a ridge, police said."), CONFIG
    )
    assert not figures_apart(  # two people's points: no one count
        _side("Seth Vance scored 13 points for the Bulldogs on Friday."),
        _side("Richard Carter scored 14 points and Seth Vance scored 13 for the Bulldogs."),
        CONFIG,
    )


def test_a_stretch_or_a_name_is_no_count() -> None:
    assert [q.text for q in quantities("He completed his first 17 passes for 200 yards.")] == [
        "200"
    ]
    assert quantities("He was driving on state Route 52 near Interstate 805.") == ()
    (part,) = quantities("Manning finished 29-of-34 passes.")
    assert part.value == 29
