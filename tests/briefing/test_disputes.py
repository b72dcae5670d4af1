"""Disputes found by slot: one event's day, one named thing's amount, one person's years.

Each test is a short invented text of the shape of a dispute the claim sets of the BASIL
stories hold (tests/data/claim-sets.jsonl, "conflict": true) or of a wrong call read while
building the slots: an apology dated Friday and Saturday, a primary in mid-May and on April 30,
one retreat's bill told to the cent two ways, one senator's years; two statements issued by
two people, one call months apart, two terms.
"""

from __future__ import annotations

from datetime import date

from conftest import make_article

from newsweave.briefing.agreement.compare import compare_outlets, disagreement
from newsweave.briefing.agreement.disputes import dispute, slot_pairs
from newsweave.briefing.agreement.statements import Anchors, anchors, event, sentence_dates
from newsweave.config import settings
from newsweave.models import Story

CONFIG = settings("agreement")
PUBLISHED = date(2021, 6, 16)  # a Wednesday


def _side(text: str) -> tuple[str, Anchors]:
    return text, anchors(text, sentence_dates(text, PUBLISHED))


def _dispute(a: str, b: str) -> str | None:
    return dispute(_side(a), _side(b), CONFIG)


def _story(*told: tuple[str, str]) -> Story:
    return Story("s1", tuple(make_article(t, id=o, outlet=o) for o, t in told))


def test_a_date_is_read_with_its_nearest_verb_and_the_words_around_it() -> None:
    text = "A council aide on Friday apologized for a Twitter post about the mayor."
    at = text.index("Friday")
    verb, around = event(text, at, at + len("Friday"))
    assert verb == "apolog"
    assert {"twitter", "post", "aide"} <= around


def test_one_apology_dated_two_days_is_a_dispute() -> None:
    about = _dispute(
        "A council aide on Friday apologized for a Twitter post that mocked the mayor's sons.",
        "The spokesman for a Lakeside councillor had to apologize Saturday for a Twitter post "
        "critical of the mayor's children.",
    )
    assert about == "when it happened: 2021-06-11 or 2021-06-12"


def test_a_day_outside_the_month_another_outlet_gives_is_a_dispute() -> None:
    about = _dispute(
        "Both parties will hold special-election primaries in mid May.",
        "The primary would be held on April 30, for the special election.",
    )
    assert about == "when it happened: 2021-05 or 2021-04-30"
    assert (
        _dispute(
            "The special-election primary will be held in May.",
            "The special-election primary was held on May 4.",
        )
        is None
    )


def test_a_brief_lists_a_dispute_whose_sentences_are_worded_apart() -> None:
    story = _story(
        ("Harbor News", "Both parties will hold special-election primaries in mid May."),
        ("Bay Courier", "The primary would be held on April 30, for the special election."),
    )
    for mode, verbs in (("embedding", "tagger"), ("lexical", "rule")):
        (found,) = compare_outlets(story, mode=mode, verbs=verbs).conflicts
        assert found.about == "when it happened: 2021-05 or 2021-04-30"
        assert {c.outlet for c in found.claims} == {"Harbor News", "Bay Courier"}
        assert found.decided_by == "rule"


def test_a_dispute_is_found_at_any_similarity() -> None:
    about = disagreement(
        _side("Both parties will hold special-election primaries in mid May."),
        _side("The primary would be held on April 30, for the special election."),
        0.01,
        CONFIG,
        "embedding",
    )
    assert about == "when it happened: 2021-05 or 2021-04-30"


def test_one_date_word_read_on_two_publication_days_is_no_dispute() -> None:
    told = "A man was questioned yesterday over the deaths of his mother and sister."
    story = Story(
        "s1",
        (
            make_article(told, id="a", outlet="Harbor News", published="2021-06-15"),
            make_article(told, id="b", outlet="Bay Courier", published="2021-06-16"),
        ),
    )
    assert not compare_outlets(story, mode="lexical", verbs="rule").conflicts


def test_one_verb_by_two_people_or_months_apart_is_no_dispute() -> None:
    assert (
        _dispute(
            "On Sunday, Ms. Lorne issued a statement saying prosecutors had interviewed her.",
            "In a statement issued Thursday, Paul Deane said his firm had been retained.",
        )
        is None
    )
    assert (
        _dispute(
            "A task force released a report on Tuesday that called for armed guards in schools.",
            "The group's chief in December called for armed guards in every school.",
        )
        is None
    )
    assert (
        _dispute(
            "Russian officials met NATO envoys on Tuesday in Brussels about the rescue.",
            "Thursday's meeting of Russian officials and NATO envoys in Brussels went on late.",
        )
        is None  # two days apart: two meetings of a story that goes on
    )
    assert (
        _dispute(
            "The board on Friday apologized for the delay in the county's records.",
            "The board apologized last Friday for the delay in the county's records.",
        )
        is None  # a week apart: one "Friday" resolved against two dates
    )


def test_one_named_things_amount_told_two_ways_is_a_dispute() -> None:
    about = _dispute(
        "Records showed $1,212.40 at Lakeside Books and $2,418.50 on Harbor Point Sailing Club.",
        "He spent a $2,481.50 membership at the Harbor Point Sailing Club, the filing said.",
    )
    assert about == "how much for Harbor Point Sailing Club: $2,418.50 or $2,481.50"


def test_amounts_far_apart_of_other_names_or_broken_are_no_dispute() -> None:
    assert (
        _dispute(
            "He paid $500 at Harbor Point Sailing Club in May.",
            "He spent $2,400 at the Harbor Point Sailing Club over the year.",
        )
        is None  # two amounts: a visit and a year
    )
    assert (
        _dispute("He paid $500 at Harbor Point Sailing Club.", "He paid $520 at Lakeside Books.")
        is None
    )
    assert (
        _dispute(
            "Richard Carter scored 14 points and Seth VanDeest scored 13 for the Bulldogs.",
            "Drake was paced by 13 points from Seth VanDeest.",
        )
        is None  # 14 is Carter's: "and" leads to another clause
    )
    assert (
        _dispute(
            "He ran for 6, 728 yards at Wayne State in four seasons.",
            "He ran for 716 yards at Wayne State in four seasons.",
        )
        is None  # "6, 728" is 6,728 broken by extraction
    )


def test_one_persons_years_told_two_ways_is_a_dispute() -> None:
    about = _dispute(
        "Ms. Hale will be the state's second woman senator, after Anna Ferris, who served from "
        "1971 to 1983.",
        "Ms. Hale becomes the first woman senator since Anna Ferris, a Democrat, held the seat "
        "from 1970 to 1982.",
    )
    assert about == "when, for Anna Ferris: 1971 to 1983 or 1970 to 1982"


def test_two_terms_of_one_person_are_no_dispute() -> None:
    assert (
        _dispute(
            "Anna Ferris served in the House from 1971 to 1979.",
            "Anna Ferris, a Democrat, served in the Senate from 1985 to 1997.",
        )
        is None
    )


def test_only_statements_that_fill_one_slot_are_paired() -> None:
    sides = [
        _side("A council aide on Friday apologized for a Twitter post."),
        _side("The aide had to apologize Saturday for a Twitter post."),
        _side("The mayor on Saturday opened the new library downtown."),
    ]
    assert slot_pairs(sides) == {(0, 1)}


def test_two_peoples_amounts_for_one_team_are_no_dispute() -> None:
    assert (
        _dispute(
            "Ty Lawson added 16 points for the Harbour Rovers.",
            "Deon Thompson had 15 points for the Harbour Rovers.",
        )
        is None
    )
    about = _dispute(
        "Ty Lawson added 16 points for the Harbour Rovers.",
        "Ty Lawson had 15 points for the Harbour Rovers.",
    )
    assert about is not None and "Harbour Rovers" in about
