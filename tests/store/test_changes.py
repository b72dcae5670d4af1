"""What changed between two versions of a brief (`store/changes.py`), on hand-made briefs,
and the store's time handling (`store/versions.py`)."""

from __future__ import annotations

from typing import Any

import pytest

from newsweave.errors import ConfigError
from newsweave.store.changes import is_empty, normalised, story_changes
from newsweave.store.versions import instant


def article(article_id: str, outlet: str) -> dict[str, Any]:
    return {"id": article_id, "outlet": outlet, "title": article_id, "text": ""}


def fact(text: str, *sources: tuple[str, str]) -> dict[str, Any]:
    return {
        "text": text,
        "articles": [a for a, _ in sources],
        "support": len(sources),
        "outlets": [],
        "sources": [{"article": a, "text": t} for a, t in sources],
    }


def story(**lists: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        key: [] for key in ("articles", "facts", "exclusives", "conflicts", "quotes", "outlets")
    }
    return {**base, **lists}


def test_a_fact_that_gained_an_outlet_is_not_new() -> None:
    said = ("a1", "The bridge closed on Monday.")
    before = story(
        facts=[fact("The bridge closed on Monday.", said, ("a2", "Bridge shut Monday."))]
    )
    after = story(
        facts=[fact("The bridge closed on Monday!", said, ("a2", "x"), ("a3", "It closed."))]
    )
    assert story_changes(before, after, None)["new_facts"] == []


def test_a_fact_with_new_text_and_sources_is_new() -> None:
    before = story(facts=[fact("The bridge closed.", ("a1", "The bridge closed."))])
    new = fact("Ferries run instead.", ("a3", "Ferries run instead."), ("a4", "Ferries run."))
    assert story_changes(before, story(facts=[new]), None)["new_facts"] == [new]


def test_a_quote_that_gained_a_variant_is_not_new() -> None:
    quote = {"text": "We will rebuild", "speaker": "Ada", "article": "a1", "variants": []}
    grown = {**quote, "variants": [{"text": "We will rebuild.", "article": "a2"}]}
    assert story_changes(story(quotes=[quote]), story(quotes=[grown]), None)["new_quotes"] == []


def test_a_count_that_changed_is_reported_with_both_sentences() -> None:
    before = story(
        articles=[article("a1", "Times")],
        exclusives=[{"text": "Officials said 12 people were killed.", "article": "a1"}],
    )
    after = story(
        articles=[article("a1", "Times"), article("a2", "Post")],
        exclusives=[
            {"text": "Officials said 12 people were killed.", "article": "a1"},
            {"text": "Officials now say 30 people were killed.", "article": "a2"},
        ],
    )
    changes = story_changes(before, after, "2025-03-06T00:00:00.000000+00:00")
    [changed] = changes["changed_numbers"]
    assert changed["before"] == {"text": "Officials said 12 people were killed.", "article": "a1"}
    assert changed["after"]["article"] == "a2"
    assert "12" in changed["about"] and "30" in changed["about"]
    assert [a["id"] for a in changes["new_articles"]] == ["a2"]
    assert changes["since"] == "2025-03-06T00:00:00.000000+00:00"


def test_counts_of_different_things_are_not_a_change() -> None:
    before = story(exclusives=[{"text": "Officials said 12 people were killed.", "article": "a1"}])
    after = story(
        articles=[article("a2", "Post")],
        exclusives=[{"text": "The storm damaged 30 boats in the harbour.", "article": "a2"}],
    )
    assert story_changes(before, after, None)["changed_numbers"] == []


def test_a_fact_set_against_a_new_claim_is_contradicted() -> None:
    old = fact("12 people died.", ("a1", "12 people died."), ("a2", "12 people died."))
    clash = {
        "about": "how many people",
        "claims": [
            {"text": "12 people died.", "article": "a1"},
            {"text": "30 people died.", "article": "a3"},
        ],
    }
    changes = story_changes(story(facts=[old]), story(facts=[old], conflicts=[clash]), None)
    [contradicted] = changes["contradicted"]
    assert contradicted["text"] == "12 people died."
    assert contradicted["contradicted_by"] == [{"text": "30 people died.", "article": "a3"}]
    # the same conflict already in the earlier brief is nothing new
    again = story_changes(story(facts=[old], conflicts=[clash]), story(conflicts=[clash]), None)
    assert again["contradicted"] == []


def test_a_story_with_no_earlier_version_is_all_new() -> None:
    after = story(articles=[article("a1", "Times")], outlets=[{"outlet": "Times"}])
    changes = story_changes(None, after, None)
    assert changes["new_articles"] == after["articles"]
    assert changes["new_outlets"] == [{"outlet": "Times"}]
    assert not is_empty(changes)
    assert is_empty(story_changes(after, after, None))


def test_texts_compare_by_their_words() -> None:
    assert normalised("  The Bridge, closed!\n") == normalised("the bridge closed")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025-03-06", "2025-03-06T00:00:00.000000+00:00"),
        ("2025-03-06T15:05", "2025-03-06T15:05:00.000000+00:00"),
        ("2025-03-06T15:05:00Z", "2025-03-06T15:05:00.000000+00:00"),
        ("2025-03-06T16:05:00+01:00", "2025-03-06T15:05:00.000000+00:00"),
    ],
)
def test_times_are_read_as_iso_8601_in_utc(given: str, expected: str) -> None:
    assert instant(given) == expected


@pytest.mark.parametrize("given", ["yesterday", "06/03/2025", "", "2025-13-01"])
def test_a_time_that_is_not_iso_8601_is_a_usage_error(given: str) -> None:
    with pytest.raises(ConfigError, match="ISO 8601"):
        instant(given)
