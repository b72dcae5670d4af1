"""What can be a speaker: a person, an organisation or a described source, never a thing."""

from __future__ import annotations

import pytest
from test_quotes import speakers_both_modes

from newsweave.briefing.quotes.sources import can_speak, core


@pytest.mark.slow
def test_a_common_noun_is_not_a_speaker() -> None:
    assert speakers_both_modes(
        "New research said “hello to a warmer and wetter world” in its first line.\n"
        "The album said “egg” on its cover, in letters a foot high."
    ) == [(None, None), (None, None)]


@pytest.mark.slow
def test_a_works_title_is_not_a_speaker() -> None:
    assert speakers_both_modes(
        "“Nobody in this town will ever see me again, not even the police,” The Glass Stranger"
        " said in the trailer."
    ) == [(None, None)]


@pytest.mark.slow
def test_a_campaign_named_after_a_person_is_the_campaign_not_the_person() -> None:
    speakers = speakers_both_modes(
        "Mayor Tom Reddick is running again.\n"
        "“We have raised more money this spring than in any year before,” the Reddick campaign"
        " said.\n"
        "“The mayor will debate anyone, anywhere, at any time,” Reddick’s spokeswoman said."
    )
    assert speakers == [
        ("the Reddick campaign", "the Reddick campaign"),
        ("Reddick’s spokeswoman", "Reddick’s spokeswoman"),
    ]


@pytest.mark.slow
def test_people_and_described_sources_stay_speakers() -> None:
    assert speakers_both_modes(
        "“We will not accept this offer from the port owners,” a senior union official said.\n"
        "“The talks have failed for the third time this year,” the newspaper reported.\n"
        "“Most of us have never seen a strike this long,” said one of the dockers."
    ) == [
        ("a senior union official", "a senior union official"),
        ("the newspaper", "the newspaper"),
        ("one of the dockers", "one of the dockers"),
    ]


def test_speaker_phrases_by_their_head_noun() -> None:
    speaking = ["a senior US official", "Two military analysts", "the 46-year-old", "Pew"]
    speaking += ["the Saudis", "a spokesman for the mayor", "Henry Clay's biographers"]
    speaking += ["The New York Times", "the committee chairmen", "former Pennsylvania Gov."]
    assert [p for p in speaking if not can_speak(p)] == []
    silent = ["album", "New research", "The Invisible Man", "Which swing", "Holding signs"]
    silent += ["his final assessment", "75 percent", "do not", "typically", "banners"]
    silent += ["That", "This"]
    assert [p for p in silent if can_speak(p)] == []


def test_the_core_of_a_speaker_phrase_stops_before_its_apposition() -> None:
    assert core("a spokesman for Ann Lee, who leads the council") == "a spokesman"
    assert core("Sen. Ann Lee (D-Mass.)") == "Sen. Ann Lee"
    assert core("Trump himself") == "Trump"


@pytest.mark.slow
def test_a_speaker_named_only_in_the_sentence_before_the_quote() -> None:
    assert speakers_both_modes(
        "The city filed its suit against the port on Monday.\n"
        "Mayor Ann Berg announced the suit at noon. “We are asking the court to stop the"
        " expansion until the harbour has been cleaned.”"
    ) == [("Ann Berg", "Ann Berg")]


@pytest.mark.slow
def test_a_sentence_about_a_thing_before_a_quote_names_no_speaker() -> None:
    assert speakers_both_modes(
        "The harbour has been closed since the spill.\n"
        "The port expansion was approved in March. “We are asking the court to stop the"
        " expansion until the harbour has been cleaned.”"
    ) == [(None, None)]


@pytest.mark.slow
def test_a_statement_is_its_issuers_and_a_question_its_askers() -> None:
    assert speakers_both_modes(
        "The group Fair Ports issued a statement on Monday saying the new fees were “a tax on"
        " every family in the county.”\n"
        "Mayor Ann Berg was asked by the radio host Tom Reddick, “Will you raise the fees again"
        " next year or not?”"
    ) == [("Fair Ports", "Fair Ports"), ("Tom Reddick", "Tom Reddick")]
