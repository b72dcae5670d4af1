"""Relative dates in summary sentences, replaced by the day they name against the sentence's own
article date, only where the day is certain; each replacement listed, the source kept."""

from __future__ import annotations

from datetime import date

import jsonschema
import pytest
from conftest import make_article

from newsweave.briefing.summarize import summarize
from newsweave.briefing.summarize.redate import redated, replacements
from newsweave.briefing.summarize.trim import faithful
from newsweave.models import Brief, SourceRef, Story, SummarySentence
from newsweave.render.json_v1 import document, schema

FRIDAY = date(2027, 7, 9)  # a Friday


def as_summary(text: str) -> SummarySentence:
    return SummarySentence(text, (SourceRef("a1", text, 0, len(text)),), 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The vote next Wednesday will decide the fishing quota of Borealia.",
            "The vote on Wednesday, July 14, will decide the fishing quota of Borealia.",
        ),
        (
            "The summit of Atlantis and Borealia opens within hours in Lausanne.",
            "The summit of Atlantis and Borealia opens on July 9, 2027, in Lausanne.",
        ),
        (
            "Minister Ivo Marr said on Tuesday that the harbour would stay shut.",
            "Minister Ivo Marr said on Tuesday, July 6, that the harbour would stay shut.",
        ),
        (
            "Officials said on Wednesday that the harbour of Vell will reopen.",
            "Officials said on Wednesday, July 7, that the harbour of Vell will reopen.",
        ),
        (
            "Today the harbour of Lausanne reopens to the northern fishing fleet.",
            "On July 9, 2027, the harbour of Lausanne reopens to the northern fishing fleet.",
        ),
        (
            "Tomorrow will mark the start of a fishing ban in the harbours of Borealia.",
            "July 10, 2027, will mark the start of a fishing ban in the harbours of Borealia.",
        ),
        (
            "The strike at the northern harbour lasts until tomorrow, the union said.",
            "The strike at the northern harbour lasts until July 10, 2027, the union said.",
        ),
        (
            "Borealia will hold a referendum on the fishing treaty next month.",
            "Borealia will hold a referendum on the fishing treaty in August 2027.",
        ),
        (
            "The ferry sank off Borealia on Monday night with 40 aboard.",
            "The ferry sank off Borealia on the night of Monday, July 5, with 40 aboard.",
        ),
    ],
)
def test_a_certain_relative_date_is_replaced_by_its_day(text: str, expected: str) -> None:
    dated = redated(as_summary(text), FRIDAY, room=10)
    assert dated.text == expected
    assert [e.kind for e in dated.edits] == ["replace"]
    assert dated.sources[0].text == text
    assert faithful(dated)


@pytest.mark.parametrize(
    "text",
    [
        # vague: no day to give
        "The two ministers met recently in Lausanne to discuss fishing rights.",
        "A deal on fishing rights is expected soon, officials in Lausanne said.",
        "The ministers of Atlantis and Borealia meet next week in Lausanne.",
        # the speaker's words stay theirs
        'Marr told reporters: "We will sign the treaty on Wednesday in Lausanne."',
        # already a calendar date
        "The treaty was signed on Wednesday, July 7 in the harbour of Lausanne.",
        # a possessive weekday reads badly dated
        "Wednesday's vote in Lausanne decided the fishing quota of Borealia.",
    ],
)
def test_vague_quoted_or_dated_words_are_left_alone(text: str) -> None:
    assert redated(as_summary(text), FRIDAY, room=10).text == text


def test_without_a_publication_date_or_room_nothing_is_replaced() -> None:
    text = "The vote next Wednesday will decide the fishing quota of Borealia."
    assert redated(as_summary(text), None, room=10).text == text
    assert redated(as_summary(text), FRIDAY, room=1).text == text
    assert replacements(text, FRIDAY)[0].text == "next Wednesday"


def test_a_forged_replacement_is_not_faithful() -> None:
    text = "The vote next Wednesday will decide the fishing quota of Borealia."
    dated = redated(as_summary(text), FRIDAY, room=10)
    forged = SummarySentence(
        dated.text.replace("July 14", "July 21"), dated.sources, 1, edits=dated.edits
    )
    assert not faithful(forged)


# Two outlets' articles five days apart, each naming the meeting day in its own relative words.
ARTICLES = {
    ("new", "2027-07-14"): (
        "Fishing ministers of Atlantis and Borealia meet within hours in Lausanne to settle "
        "the northern quota.",
        "Borealian fishing crews have stayed in the northern harbours since May.",
    ),
    ("old", "2027-07-09"): (
        "Fishing ministers of Atlantis and Borealia will meet next Wednesday in Lausanne "
        "to settle the northern quota.",
        "The quota talks were proposed by Atlantis in a letter to the Borealian government.",
    ),
}


def story() -> Story:
    articles = [
        make_article("\n".join(lines), id=key, outlet=f"{key} outlet", published=day)
        for (key, day), lines in ARTICLES.items()
    ]
    return Story("quota", tuple(articles))


def test_each_summary_sentence_is_dated_against_its_own_article() -> None:
    summary = summarize(story(), words=100)
    dated = {s.sources[0].article: s for s in summary if s.edits}
    assert "meet on July 14, 2027, in Lausanne" in dated["new"].text
    assert all(faithful(s) for s in summary)
    whole = document([Brief(story=story(), headline="Quota talks", summary=summary)])
    jsonschema.validate(whole, schema())
    edits = [e for s in whole["stories"][0]["summary"] for e in s.get("edits", [])]
    assert {"kind": "replace", "text": "within hours", "replacement": "on July 14, 2027,"} in edits


def test_a_month_needs_no_closing_comma_a_day_does() -> None:
    text = "The study published this month in a Borealian journal found 40 new species."
    assert redated(as_summary(text), FRIDAY, room=10).text == (
        "The study published in July 2027 in a Borealian journal found 40 new species."
    )


@pytest.mark.parametrize(
    "text",
    [
        # a bare weekday whose direction the tense does not settle: this Sunday or last?
        "Marr could make his debut for the Borealian side against Vell on Sunday.",
        # a weekday in a clause that points ahead, resolved to a past day
        "The harbour of Vell, officials said, could reopen to the northern fleet on Wednesday.",
        # from a Wednesday "next Saturday" is in three days or in ten
        "The ministers of Atlantis and Borealia will meet next Saturday in Lausanne.",
    ],
)
def test_a_weekday_whose_day_is_not_certain_is_left_alone(text: str) -> None:
    published = FRIDAY if "Saturday" not in text else date(2027, 7, 7)
    assert redated(as_summary(text), published, room=10).text == text
