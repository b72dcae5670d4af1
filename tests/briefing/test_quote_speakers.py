"""Speaker error kinds met on PolNeAR train articles, as short invented texts of the same shape:
a partial quotation inside a sentence with no speech verb, a headline 'Name: ... ‘...’', and a
quotation that hangs from an inner 'he said' inside another person's report."""

from __future__ import annotations

import pytest
from conftest import make_article

from newsweave.briefing.entities import find_entities
from newsweave.briefing.quotes.attribution import attribute
from newsweave.briefing.quotes.sources import can_speak
from newsweave.briefing.quotes.story_quotes import extract_quotes
from newsweave.models import Quote, Story


def quotes_of(text: str, *, fast: bool = False) -> tuple[Quote, ...]:
    story = Story("s", (make_article(text),))
    return extract_quotes(story, find_entities(story, fast=fast), fast=fast)


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_partial_quote_without_a_cue_is_the_sentence_subjects(fast: bool) -> None:
    quotes = quotes_of(
        "Senator Ann Walsh toured the closed plant on Monday.\n\n"
        "Walsh expects that the hardest task will be “rebuilding the trust of the workers who"
        " lost their jobs last winter.”",
        fast=fast,
    )
    assert [q.speaker for q in quotes] in (["Ann Walsh"], ["Dr. Ann Walsh"])  # fast keeps 'Dr.'


@pytest.mark.slow
def test_partial_quote_after_a_pronoun_subject_is_the_person_it_names() -> None:
    text = (
        "Mayor Tom Becker opened the bridge on Monday.\n\n"
        "He anticipated that the next challenge would be “paying for the roads on both sides of"
        " the river before the winter.”"
    )
    story = Story("s", (make_article(text),))
    found = attribute([text], find_entities(story))[0]
    assert [(a.speaker, a.mention) for a in found] == [("Tom Becker", "He")]


@pytest.mark.slow
def test_a_group_subject_speaks_a_partial_quote() -> None:
    quotes = quotes_of(
        "The Walsh campaign estimates that “a tax of a fraction of a percent on each trade would"
        " raise billions of dollars a year.”"
    )
    assert [q.speaker for q in quotes] == ["The Walsh campaign"]


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_headline_name_before_a_colon_speaks_its_quote(fast: bool) -> None:
    quotes = quotes_of(
        "Dr. Ann Walsh: Mayor Tom Becker ‘Not Fit to Lead the City Council Any Longer.’\n\n"
        "Walsh spoke to reporters on Monday about the budget.",
        fast=fast,
    )
    assert [q.speaker for q in quotes] in (["Ann Walsh"], ["Dr. Ann Walsh"])  # fast keeps 'Dr.'


@pytest.mark.slow
def test_a_quote_without_a_subject_before_it_keeps_no_speaker() -> None:
    quotes = quotes_of(
        "The crowd cheered.\n\n"
        "On the wall of the hall hung a banner: “We will rebuild this town together, one house"
        " at a time.”"
    )
    assert [q.speaker for q in quotes] == [None]


@pytest.mark.slow
def test_an_inner_said_speaks_the_quote_not_the_outer_report() -> None:
    quotes = quotes_of(
        "Mayor Tom Becker met Jane Ortiz, the council chair, on Monday.\n\n"
        "Becker said the council backed the bridge, though Ortiz said, “We still need the money"
        " from the state for the roads.”"
    )
    assert [q.speaker for q in quotes] == ["Jane Ortiz"]


@pytest.mark.parametrize("fast", [False, True])
def test_a_long_title_in_quotation_marks_is_no_quote(fast: bool) -> None:
    quotes = quotes_of(
        "The studio opened “The Return of the Harbour Master: Part Two of the Saga” in 40 "
        "cinemas on Friday, and the council's film office counted the tickets.",
        fast=fast,
    )
    assert quotes == ()


@pytest.mark.parametrize("opener", ["Maybe", "Perhaps", "Another"])
def test_a_sentence_adverb_is_no_speaker(opener: str) -> None:
    assert not can_speak(opener)
    assert can_speak("Powless")


@pytest.mark.parametrize("fast", [False, True])
def test_a_description_without_an_article_between_commas_is_no_speaker(fast: bool) -> None:
    quotes = quotes_of(
        "“We have got to have an alternative,” Representative Louie Gohmert, Republican of"
        " Texas, said on a radio show.",
        fast=fast,
    )
    assert [q.speaker for q in quotes] == ["Louie Gohmert"]
