"""The lead as an editor would write it: the event without the outlet's judgement, every cut
and the resolved date listed as edits, the source sentence kept verbatim."""

from __future__ import annotations

import jsonschema
import pytest
from conftest import make_article

from newsweave.briefing.summarize import summarize
from newsweave.briefing.summarize.coverage import Coverage
from newsweave.briefing.summarize.trim import faithful, trim
from newsweave.models import Brief, SourceRef, Story, SummarySentence
from newsweave.render.json_v1 import document, schema

HYPED = (
    "The long-awaited meeting between President Ana Vela of Atlantis and President Ivo Marr of "
    "Borealia takes place within hours in the lakeside city of Lausanne, with deep divisions "
    "likely and hopes low for any deal."
)


def as_summary(text: str) -> SummarySentence:
    return SummarySentence(text, (SourceRef("a1", text, 0, len(text)),), 1)


def test_judging_modifiers_and_a_judging_final_clause_are_cut_and_listed() -> None:
    trimmed = trim(as_summary(HYPED), min_words=8)
    assert trimmed.text == (
        "The meeting between President Ana Vela of Atlantis and President Ivo Marr of Borealia "
        "takes place within hours in the lakeside city of Lausanne."
    )
    assert [(e.kind, e.text) for e in trimmed.edits] == [
        ("cut", "long-awaited"),
        ("cut", "with deep divisions likely and hopes low for any deal"),
    ]
    assert trimmed.sources[0].text == HYPED


@pytest.mark.parametrize(
    "text",
    [
        # a factual final clause: no judging word in it
        "Fishing crews from Borealia returned to the northern harbour on Monday, with 40 boats "
        "still at sea.",
        # the judging clause is a quotation: an outlet's source, not the outlet, judges
        'The two ministers met in Lausanne on Monday, with "talks likely to fail", an aide said.',
        # cutting would leave too little of a sentence
        "Talks began in Lausanne, with a deal unlikely before the winter.",
        # an opening adjective that describes rather than judges
        "The northern fishing fleet left the harbour of Lausanne on Monday for the winter.",
        # a hedge is the outlet's care, not its judgement
        "An allegedly drunk driver struck a fishing boat in the harbour of Lausanne on Monday.",
        # the final clause reports a source's view, or holds a number
        "The ferry sank off the Borealian coast on Monday, while a spokesman said sabotage was "
        "unlikely.",
        "The ferry sank off the Borealian coast on Monday, with 40 passengers likely missing.",
        # a judging word that names a kind of meeting
        "An extraordinary session of the Borealian parliament will vote on the treaty today.",
    ],
)
def test_news_is_left_whole(text: str) -> None:
    assert trim(as_summary(text), min_words=8).text == text


def test_an_article_before_a_cut_modifier_agrees_with_the_next_word() -> None:
    text = "A much-hyped election in Borealia ends on Sunday with a count in every province."
    trimmed = trim(as_summary(text), 8)
    assert trimmed.text.startswith("An election in Borealia ends")
    assert [(e.kind, e.text) for e in trimmed.edits] == [("cut", "A much-hyped"), ("insert", "An")]


def story() -> Story:
    return Story("vote", (
        make_article("\n".join([
            HYPED,
            "Officials of both countries said the talks would cover fishing rights in the north.",
        ]), id="a", outlet="Daily A", published="2027-07-08"),
        make_article("\n".join([
            "President Ana Vela of Atlantis and President Ivo Marr of Borealia meet in Lausanne "
            "on Thursday for talks on fishing rights.",
            "The fishing rights dispute in the northern sea has closed three harbours since May.",
        ]), id="b", outlet="B News", published="2027-07-07"),
    ))  # fmt: skip


def test_the_trimmed_dated_lead_keeps_its_verbatim_source_and_says_what_changed() -> None:
    lead = summarize(story(), words=100)[0]
    assert lead.text.startswith("The meeting between President Ana Vela")
    assert "takes place on July 8, 2027, in the lakeside city" in lead.text
    assert "likely" not in lead.text
    assert lead.sources[0].text == HYPED
    kinds = {(e.kind, e.text, e.replacement) for e in lead.edits}
    assert ("replace", "within hours", "on July 8, 2027,") in kinds
    assert ("cut", "long-awaited", "") in kinds
    whole = document([Brief(story=story(), headline="Talks", summary=(lead,))])
    edits = whole["stories"][0]["summary"][0]["edits"]
    assert edits[0] == {"kind": "cut", "text": "long-awaited"}
    assert {"kind": "replace", "text": "within hours", "replacement": "on July 8, 2027,"} in edits
    jsonschema.validate(whole, schema())


def test_without_trimming_the_lead_is_its_source_sentence() -> None:
    lead = summarize(story(), words=100)[0]
    plain = Coverage(trim_lead=False, resolve_dates=False)(story(), 100)[0]
    assert plain.text == plain.sources[0].text == lead.sources[0].text
    assert plain.edits == ()


def test_every_trimmed_lead_is_faithful_to_its_source_but_for_its_edits() -> None:
    for text in (HYPED, "A much-hyped election in Borealia ends on Sunday with a count."):
        trimmed = trim(as_summary(text), 8)
        assert trimmed.edits and faithful(trimmed)
    forged = SummarySentence("The meeting in Geneva takes place.", as_summary(HYPED).sources, 1)
    assert not faithful(forged)
