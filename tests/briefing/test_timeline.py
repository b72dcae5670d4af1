"""The story timeline (`briefing.timeline`): real samples, events merged, conflicts noted."""

from __future__ import annotations

from pathlib import Path

from conftest import make_article

import newsweave
from newsweave.briefing.timeline import build_timeline, dating_conflicts
from newsweave.models import Article, Story


def _sample(shared: Path, name: str) -> Article:
    """A real sample as a user gets it: read and cleaned by newsweave."""
    [article] = newsweave.read([shared / "samples" / f"{name}.txt"])
    return article


def _dates(story: Story) -> dict[tuple[str, str], str]:
    """(article, expression) → date, for every timeline entry and every source it merges."""
    found = {}
    for entry in build_timeline(story):
        found[(entry.article, entry.expression)] = entry.date
    return found


def test_local_cnn_sample(shared: Path) -> None:
    article = _sample(shared, "local-cnn-repost-2021-06-11")
    assert article.published_day is not None and article.published_day.isoformat() == "2021-06-11"
    dates = _dates(Story("s", (article,)))
    assert dates[(article.id, "on Friday")] == "2021-06-11"
    assert dates[(article.id, "next Wednesday")] == "2021-06-16"
    assert dates[(article.id, "in April")] == "2021-04"
    assert dates[(article.id, "in March")] == "2021-03"


def test_scheduled_present_points_ahead(shared: Path) -> None:
    # "After the G7 wraps Sunday" in a Friday 2021-06-11 article: the coming Sunday.
    article = _sample(shared, "local-cnn-repost-2021-06-11")
    [sunday] = [e for e in build_timeline(Story("s", (article,))) if e.expression == "Sunday"]
    assert sunday.date == "2021-06-13"
    assert "present tense 'wraps': scheduled" in sunday.reasoning


def test_newsnation_sample(shared: Path) -> None:
    article = _sample(shared, "newsnation-2021-06-14")
    dates = _dates(Story("s", (article,)))
    assert dates[(article.id, "later this month")] == "2021-06"
    assert dates[(article.id, "on June 16")] == "2021-06-16"
    assert dates[(article.id, "on June 4, 2021")] == "2021-06-04"


def test_presstv_sample(shared: Path) -> None:
    article = _sample(shared, "presstv-2021-06-16")
    entries = build_timeline(Story("s", (article,)))
    dates = {(e.expression, e.date) for e in entries}
    assert ("on Tuesday", "2021-06-15") in dates
    assert ("on Wednesday", "2021-06-16") in dates
    assert ("in 1985", "1985") in dates
    [tuesday] = [e for e in entries if e.expression == "on Tuesday"]
    assert tuesday.reasoning == "Tuesday → 2021-06-15 (published Wed 2021-06-16, past tense)"
    assert tuesday.text in article.text
    assert [e.date for e in entries] == sorted(e.date for e in entries)


def test_summit_told_by_three_outlets_is_one_entry(shared: Path) -> None:
    articles = tuple(newsweave.read([shared / "samples"]))
    entries = build_timeline(Story("s", articles))
    [summit] = [e for e in entries if e.date == "2021-06-16"]
    assert {s.article for s in summit.sources} == {a.id for a in articles}
    assert {s.text for s in summit.sources} >= {e.text for e in entries if e.date == "2021-06-16"}
    assert dating_conflicts(entries) == []


def test_example_corpus_has_no_false_dating_conflicts() -> None:
    articles = [a for a in newsweave.read(["examples/wires"]) if "summit" in a.source]
    articles += [a for a in newsweave.read(["examples/web/continentalreview"])]
    entries = build_timeline(Story("s", tuple(articles)))
    assert dating_conflicts(entries) == []
    [meeting] = [e for e in entries if e.expression == "next Wednesday"]
    assert meeting.date == "2025-03-12" and len(meeting.sources) >= 2


def test_vague_expressions_and_durations_are_not_entries() -> None:
    article = make_article(
        "Ties are at their lowest point in recent years.\nThey talked for four to five hours."
    )
    assert build_timeline(Story("s", (article,))) == ()


def test_same_event_from_two_outlets_is_one_entry_with_both_sources() -> None:
    first = make_article(
        "Putin and Biden met in Geneva on Wednesday for summit talks.",
        id="a",
        published="2021-06-17",
    )
    second = make_article(
        "Biden and Putin met on June 16 in Geneva for summit talks.",
        id="b",
        published="2021-06-18",
        outlet="Other",
    )
    [entry] = build_timeline(Story("s", (first, second)))
    assert entry.date == "2021-06-16"
    assert [s.article for s in entry.sources] == ["a", "b"]


def test_outlets_dating_one_event_differently_are_noted() -> None:
    first = make_article(
        "Putin and Biden met in Geneva on Tuesday for summit talks.", id="a", published="2021-06-17"
    )
    second = make_article(
        "Biden and Putin met on June 16 in Geneva for summit talks.", id="b", published="2021-06-18"
    )
    entries = build_timeline(Story("s", (first, second)))
    assert {e.date for e in entries} == {"2021-06-15", "2021-06-16"}
    assert all("outlets differ" in e.reasoning for e in entries)
    [conflict] = dating_conflicts(entries)
    assert {e.article for e in conflict.entries} == {"a", "b"}


def test_unknown_publication_date_is_estimated_from_the_text() -> None:
    article = make_article(
        "On June 4, 2021 Putin spoke. He said on Friday he was hopeful.", published=None
    )
    entries = {e.expression: e for e in build_timeline(Story("s", (article,)))}
    assert entries["on Friday"].date == "2021-06-04"
    assert entries["on Friday"].estimated
    assert "estimated" in entries["on Friday"].reasoning


def test_written_dates_in_an_undated_article_are_no_guess() -> None:
    article = make_article(
        "On June 4, 2021 Putin spoke. He said on Friday he was hopeful. Talks began in 1955.",
        published=None,
    )
    entries = {e.expression: e for e in build_timeline(Story("s", (article,)))}
    assert not entries["On June 4, 2021"].estimated
    assert not entries["in 1955"].estimated
    assert entries["in 1955"].reasoning == "1955: a year"


def test_a_day_named_for_what_happened_on_it_does_not_date_the_report() -> None:
    # A real obituary (stories-dev, undated): "Thank God for 9/11" once dated it 2001-09-11,
    # so "died on Wednesday evening" became 2001-09-05 and "last year" 2000.
    article = make_article(
        'Fred Phelps died on Wednesday evening at 84. His signs read "Thank God for 9/11". '
        "Last year the church vowed to protest. He founded the church in 1955.",
        published=None,
    )
    entries = {e.expression: e for e in build_timeline(Story("s", (article,)))}
    assert set(entries) == {"9/11", "in 1955"}
    assert entries["9/11"].date == "2001-09-11"
    assert not any(e.estimated for e in entries.values())
    assert not any("None" in e.reasoning for e in entries.values())


def test_undated_article_without_any_full_date_leaves_relative_words_out() -> None:
    article = make_article("He said on Friday he would visit in April.", published=None)
    assert build_timeline(Story("s", (article,))) == ()


def test_a_time_on_a_named_day_gives_that_day_and_a_bare_time_none() -> None:
    article = make_article(
        "The leaders will meet at 10 p.m. Wednesday in Geneva. Talks resume at 9 a.m. each day.",
        id="a",
        published="2021-06-11",
    )
    entries = build_timeline(Story("s", (article,)))
    assert [(e.expression, e.date) for e in entries if "p.m." in e.expression] == [
        ("at 10 p.m. Wednesday", "2021-06-16")
    ]
    assert not [e for e in entries if "9 a.m." in e.expression]


def test_an_undated_article_takes_its_reference_from_its_dated_story() -> None:
    dated = make_article(
        "The two presidents will meet in Geneva on June 16, the White House said.",
        id="dated",
        published="2021-06-10",
    )
    undated = make_article(
        "The meeting on June 16 follows talks between the foreign ministers on April 13.",
        id="undated",
        outlet="Other Paper",
        published=None,
    )
    entries = [e for e in build_timeline(Story("s", (dated, undated))) if e.article == "undated"]
    assert {e.date for e in entries} >= {"2021-04-13"}
    april = next(e for e in entries if e.date == "2021-04-13")
    assert april.estimated
    assert "article undated; story dated 2021-06-10" in april.reasoning
    june = [e for e in build_timeline(Story("s", (dated, undated))) if e.date == "2021-06-16"]
    assert any(source.article == "undated" for e in june for source in e.sources)


def test_an_undated_story_gives_an_undated_article_no_borrowed_date() -> None:
    alone = make_article("The meeting on June 16 follows talks.", id="alone", published=None)
    assert build_timeline(Story("s", (alone,))) == ()
