"""Scare quotes: a quote of under four words is speech only when a speech verb frames it."""

from __future__ import annotations

import pytest
from conftest import make_article
from test_quotes import speakers_both_modes

from newsweave.briefing.entities import find_entities
from newsweave.briefing.quotes.story_quotes import extract_quotes
from newsweave.models import Quote, Story


def quotes_both_modes(text: str) -> tuple[tuple[Quote, ...], tuple[Quote, ...]]:
    story = Story("s", (make_article(text),))
    full = extract_quotes(story, find_entities(story))
    fast = extract_quotes(story, find_entities(story, fast=True), fast=True)
    return full, fast


@pytest.mark.slow
def test_a_word_someone_else_used_is_not_given_to_who_agreed() -> None:
    full, fast = quotes_both_modes(
        "Mayor Tom Reddick spoke to a radio host on Tuesday.\n"
        "Reddick agreed with the host, who used the word “crook.”"
    )
    assert full == fast == ()


@pytest.mark.slow
def test_a_quoted_word_before_a_name_is_the_writers_not_the_names() -> None:
    full, fast = quotes_both_modes(
        "Voters left the county fair early.\nThey had seen a “low-energy” Reddick."
    )
    assert full == fast == ()


@pytest.mark.slow
def test_a_quoted_word_before_a_name_goes_to_who_said_it_not_the_name() -> None:
    speakers = speakers_both_modes("They had seen a “tired” Reddick, two campaign aides said.")
    assert len(speakers) == 1
    assert "Reddick" not in str(speakers)


@pytest.mark.slow
def test_a_short_quote_framed_by_a_speech_verb_is_speech() -> None:
    text = (
        "Mayor Tom Reddick called his rival a “crook.”\n"
        "“Too late!” Reddick wrote on Friday.\n"
        "The rival’s plan is “a disaster,” Reddick said.\n"
        "His rival is a “cheat” and a “liar,” Rep. Tom Reddick, R-Aldford, said."
    )
    full, fast = quotes_both_modes(text)
    kept = ["crook.", "Too late!", "a disaster,", "cheat", "liar,"]
    assert [q.text for q in full] == [q.text for q in fast] == kept
    named = [q for q in full + fast if q.text != "cheat"]  # the first of a list: no speaker
    assert {q.speaker for q in named} == {"Tom Reddick"}


@pytest.mark.slow
def test_quote_marks_around_no_words_are_not_a_quote() -> None:
    full, fast = quotes_both_modes("In the film, the stranger said “__________” to the camera.")
    assert full == fast == ()


@pytest.mark.slow
def test_a_slogan_or_a_sign_is_no_ones_speech() -> None:
    # stories-dev's Guardian report: the slogan was given to the woman who announced she left
    full, fast = quotes_both_modes(
        "Megan Phelps-Roper, who ran social media for the church best known for its slogan "
        "“God hates fags”, announced her departure on Thursday.\n"
        "Members carried “Thank God” placards, the police said."
    )
    assert full == fast == ()
