"""Attributions after a quotation, met on PolNeAR train articles 600-719 and written here as
short invented texts of the same shape: a name on the line after a quoted paragraph, the
inverted attribution with a verb no list holds, a capitalised short quote that is speech, a
transcript label with a party in brackets, 'according to' naming the source, and a new
paragraph whose own subject speaks."""

from __future__ import annotations

import pytest
from conftest import make_article
from test_quote_speakers import quotes_of

from newsweave.briefing.entities import find_entities
from newsweave.briefing.quotes.attribution import attribute
from newsweave.models import Story


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_a_name_on_the_line_after_a_quoted_paragraph_speaks_it(fast: bool) -> None:
    quotes = quotes_of(
        "“The bridge will be paid for twice over by the tolls of its first ten years.”\n"
        "- Walsh.\n"
        "The claim leaves out the cost of the loan.\n"
        "“Every family in the county will save an hour a day on the road.”\n"
        "-Tom Becker, Aldford.",
        fast=fast,
    )
    assert [q.speaker for q in quotes] in (["Walsh", "Tom Becker"], ["Walsh", "Becker"])


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_a_dash_line_that_is_a_sentence_names_nobody(fast: bool) -> None:
    quotes = quotes_of(
        "“The bridge will be paid for twice over by the tolls of its first ten years.”\n"
        "- The council did not say how the loan would be paid back, or when, or by whom it"
        " would be paid back once the tolls had been collected.",
        fast=fast,
    )
    assert [q.speaker for q in quotes] == [None]


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_an_inverted_attribution_with_any_verb_names_the_speaker(fast: bool) -> None:
    quotes = quotes_of(
        "“A lot of engineers said no, and she set out to prove them wrong,” remembered Tom"
        " Becker, the firm’s former spokesman.\n"
        "“Let me help you out, the answer is no,” the retired judge riffed on the mayor’s"
        " silence.\n"
        "Ann Walsh spoke last.\n"
        "“People are afraid of wasting their votes,” she surmised.",
        fast=fast,
    )
    assert [q.speaker for q in quotes] == ["Tom Becker", "the retired judge", "Ann Walsh"]


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_a_capitalised_short_quote_with_its_speaker_after_it_is_speech(fast: bool) -> None:
    quotes = quotes_of(
        "“Debate recap,” tweeted Walsh aide Tom Becker. “Nobody won the argument tonight.”\n"
        "“Meh,” wrote a supporter who runs the county party’s account.",
        fast=fast,
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Debate recap,", "Tom Becker"),
        ("Nobody won the argument tonight.", "Tom Becker"),
        ("Meh,", "a supporter"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_a_title_before_a_noun_is_still_no_quote(fast: bool) -> None:
    quotes = quotes_of("Tom Becker watched “Morning Joe” before the council met.", fast=fast)
    assert quotes == ()


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_a_transcript_label_with_a_party_in_brackets_speaks(fast: bool) -> None:
    quotes = quotes_of(
        "The hearing ran late.\n"
        "Rep. Ann Walsh (R-Ohio):“I have not heard anyone other than you cite that figure.”",
        fast=fast,
    )
    assert [q.speaker for q in quotes] in (["Ann Walsh"], ["Rep. Ann Walsh"])


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_a_quote_reported_according_to_a_source_is_the_sources(fast: bool) -> None:
    quotes = quotes_of(
        "Mayor Tom Becker thanked his “generous friends” at the dinner, according to the"
        " Aldford Ledger.\n"
        "According to a transcript of the hearing, Becker said the loan was “paid in full.”",
        fast=fast,
    )
    speakers = [str(q.speaker) for q in quotes]
    assert len(speakers) == 2
    assert speakers[0].endswith("Aldford Ledger")
    assert speakers[1].startswith("a transcript")


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_according_to_inside_what_someone_says_leaves_the_speaker(fast: bool) -> None:
    quotes = quotes_of(
        "Ann Walsh, the party’s treasurer, said on Tuesday that according to its count the party"
        " won most seats, but “we are still counting the votes.”",
        fast=fast,
    )
    assert [q.speaker for q in quotes] in (["Ann Walsh"], ["Ann Walsh, the party’s"])


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_a_wire_credit_after_a_quote_is_no_speaker(fast: bool) -> None:
    quotes = quotes_of(
        "Tom Becker called the bridge plan “a waste of every dollar we have.”\n- Reuters.",
        fast=fast,
    )
    assert [q.speaker for q in quotes] == ["Tom Becker"]


@pytest.mark.slow
def test_a_new_paragraph_with_its_own_subject_does_not_inherit_the_speaker() -> None:
    quotes = quotes_of(
        "“We will hold the line on taxes this year,” said Tom Becker, the mayor.\n"
        "Ann Walsh, the council chair, backs the budget and in a statement praised it for"
        " “a fair deal for all.”",
        fast=False,
    )
    assert [q.speaker for q in quotes] == ["Tom Becker", "Ann Walsh"]


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_he_is_the_person_named_earlier_in_his_sentence_not_the_last_speaker(fast: bool) -> None:
    quotes = quotes_of(
        "“We need the money from the state,” said Mayor Tom Becker.\n"
        "Sam Hill, the county engineer, said on Monday that the bridge was unsafe, and he"
        " told reporters it was “mostly rust and paint and nothing else.”",
        fast=fast,
    )
    assert [q.speaker for q in quotes] == ["Tom Becker", "Sam Hill"]


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_a_shows_title_before_a_speaker_is_no_quote(fast: bool) -> None:
    quotes = quotes_of(
        "On Sunday on ABC’s “This Week,” Tom Becker said the plan was “dead on arrival.”",
        fast=fast,
    )
    assert [(q.text, q.speaker) for q in quotes] == [("dead on arrival.", "Tom Becker")]


@pytest.mark.slow
def test_a_lead_in_hung_from_its_quotation_still_names_the_askers() -> None:
    quotes = quotes_of(
        "At the news conference on Monday, the mayor’s first three questioners ranged from"
        " doubtful to hostile: “Is it time for your plan to change?”",
        fast=False,
    )
    assert [q.speaker for q in quotes] == ["the mayor’s first three questioners"]


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_the_cited_source_gives_way_to_the_speaker_when_the_setting_says_so(fast: bool) -> None:
    text = (
        "Security chief Tom Becker told customers on Friday that “we had locks on every door"
        " but the one they used,” according to two people on the call."
    )
    story = Story("s", (make_article(text),))
    entities = find_entities(story, fast=fast)
    cited = attribute([text], entities, fast=fast)[0]
    spoken = attribute([text], entities, fast=fast, cited_source_speaks=False)[0]
    assert [a.mention for a in cited] == ["two people"]
    assert [a.speaker for a in spoken] == ["Tom Becker"]
