"""The news first: the lead states the core event, never opinion or background, in the
story's latest state, and the same pile in any format or order gives the same summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import make_article

import newsweave
from newsweave.briefing.summarize import summarize
from newsweave.models import Story
from newsweave.text.kinds import kind_of

OLD = "\n".join([
    "The leaders of Atlantis and Borealia will meet in Switzerland next month, aides said.",
    "The talks were agreed after weeks of tension over fishing rights in the northern sea.",
])  # fmt: skip
NEW_A = "\n".join([
    "Atlantis has angered the Borealian president on many occasions, Borealian media say.",
    "President Ana Vela of Atlantis and President Ivo Marr of Borealia will meet in Lausanne "
    "on Thursday for talks on fishing rights.",
    "Officials expect the talks on fishing rights in the northern sea to last several hours.",
])  # fmt: skip
NEW_B = "\n".join([
    "What will Ana Vela and Ivo Marr be able to agree on fishing rights in the northern sea?",
    "Ana Vela and Ivo Marr meet in Lausanne on July 8 to settle the dispute over fishing rights.",
    "Fishing crews in the northern sea have waited for years for the two sides to agree.",
])  # fmt: skip


def summit() -> Story:
    return Story("summit", (
        make_article(OLD, id="old", outlet="Old Post", published="2027-06-02"),
        make_article(NEW_A, id="new-a", outlet="Daily A", published="2027-07-06"),
        make_article(NEW_B, id="new-b", outlet="B News", published="2027-07-07"),
    ))  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Atlantis has angered the Borealian president on many occasions.", "background"),
        ("Fishing crews have waited for years for a deal on the northern sea.", "background"),
        ("We must ask ourselves whether the deal is worth the price paid.", "opinion"),
        ("Will the deal hold through the coming winter season at sea?", "opinion"),
        ("The talks will likely be fraught for both leaders, officials said.", "opinion"),
        ("The US and Russia will meet in Geneva on June 16, officials said.", None),
        ("The summit takes place in Geneva, with wide disagreements likely.", None),
        ('"We will respond," the president told reporters in Brussels on Monday.', None),
    ],
)
def test_register_tells_news_from_opinion_and_background(sentence: str, kind: str | None) -> None:
    assert kind_of(sentence) == kind


def test_lead_is_the_newest_shared_place_and_day_not_opinion_or_an_old_next_month() -> None:
    lead = summarize(summit(), words=100)[0]
    assert "Lausanne" in lead.text
    assert "next month" not in lead.text
    assert "angered" not in lead.text
    assert "July 8" in lead.text or "[July 8, 2027]" in lead.text


def test_the_same_pile_in_any_order_and_with_other_ids_gives_the_same_summary() -> None:
    story = summit()
    renamed = tuple(a.__class__(**{**_fields(a), "id": a.id + "-x"}) for a in story.articles)
    again = Story("other", tuple(reversed(renamed)))
    assert [s.text for s in summarize(story, 100)] == [s.text for s in summarize(again, 100)]


def _fields(article: object) -> dict[str, object]:
    return {name: getattr(article, name) for name in article.__slots__}  # type: ignore[attr-defined]


def _sample_summary(paths: list[Path], reverse: bool = False) -> list[str]:
    articles = newsweave.read(paths)
    if reverse:
        articles.reverse()
    return [s.text for s in summarize(Story("samples", tuple(articles)), 100)]


def test_samples_lead_with_the_geneva_meeting_and_its_day_in_every_format(
    tmp_path: Path, shared: Path
) -> None:
    samples = sorted((shared / "samples").glob("*.txt"))
    if len(samples) < 3:
        pytest.skip("the shared samples are absent")
    records = []
    for path in samples:
        day = re.search(r"\d{4}-\d\d-\d\d", path.name)
        records.append({"text": path.read_text(encoding="utf-8"), "published": day and day[0]})
    jsonl = tmp_path / "samples.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in reversed(records)), encoding="utf-8")
    as_text = _sample_summary(samples)
    assert _sample_summary(samples[::-1], reverse=True) == as_text
    assert _sample_summary([jsonl]) == as_text
    assert "Geneva" in as_text[0]
    assert "on June 16, 2021" in as_text[0]  # "within hours", given as its day
    assert "within hours" not in as_text[0]
