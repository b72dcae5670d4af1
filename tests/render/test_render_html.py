"""The HTML report: complete, cited, inert against hostile input, self-contained and light."""

from __future__ import annotations

import dataclasses
import io
import re
import time
from datetime import datetime, timedelta

import lxml.html
import pytest
from briefs import sample_brief
from conftest import EXAMPLES, make_article
from typer.testing import CliRunner

import newsweave
from newsweave.cli.main import app
from newsweave.models import (
    Article,
    Brief,
    Exclusive,
    Fact,
    OutletProfile,
    Problem,
    Quote,
    SourceRef,
    Story,
    StoryProblem,
    SummarySentence,
    TimelineEntry,
)
from newsweave.render.html import render_html, safe_url, write_html
from newsweave.render.html_parts import timeline_chart, word_diff

EVIL = '<script>alert(1)</script> "onmouseover=alert(2) x="'


def _tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def select(node: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """Elements matching a simple CSS selector ('nav.toc a[href='#s1']', 'ol.x > li'), by
    XPath: lxml's own cssselect needs a package newsweave does not depend on."""
    path = "."
    for step in re.findall(r">|[^\s>]+", selector):
        if step == ">":
            path += "/"
            continue
        tag, classes, attrs = re.fullmatch(r"([\w-]*)((?:\.[\w-]+)*)((?:\[.+?\])*)", step).groups()
        tests = [
            f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
            for name in classes.split(".")[1:]
        ]
        tests += [f"@{a}='{v}'" for a, v in re.findall(r"\[([\w-]+)='([^']*)'\]", attrs)]
        predicate = "".join(f"[{t}]" for t in tests)
        path += ("" if path.endswith("/") else "//") + (tag or "*") + predicate
    return list(node.xpath(path))


def _ids(tree: lxml.html.HtmlElement) -> list[str]:
    return [str(el.get("id")) for el in tree.iter() if isinstance(el.tag, str) and el.get("id")]


def _assert_citations_resolve(tree: lxml.html.HtmlElement) -> None:
    ids = set(_ids(tree))
    cites = select(tree, "a.cite")
    assert cites, "the report has no citation"
    for cite in cites:
        assert cite.get("href", "")[1:] in ids, cite.get("href")
        assert cite.get("aria-describedby") in ids
        for sentence in cite.get("data-sentences", "").split():
            assert sentence in ids


@pytest.fixture(scope="module")
def example_briefs() -> list[Brief]:
    """Briefs of the two biggest stories of the example corpus, from the real pipeline."""
    stories = newsweave.stories(newsweave.read([EXAMPLES]))
    biggest = sorted(stories, key=lambda s: -len(s.articles))[:2]
    return [newsweave.brief(story) for story in biggest]


def test_example_report_cites_sentences_that_exist(example_briefs: list[Brief]) -> None:
    html = render_html(example_briefs)
    tree = _tree(html)
    ids = _ids(tree)
    assert len(ids) == len(set(ids)), "element ids repeat"
    _assert_citations_resolve(tree)
    for summary in select(tree, "ol.summary > li"):
        for cite in select(summary, "a.cite"):
            target = tree.get_element_by_id(cite.get("href")[1:])
            source = tree.get_element_by_id(cite.get("aria-describedby"))
            assert "sent" in target.get("class", ""), "a summary citation must land on a sentence"
            assert target.text_content().strip() in source.text_content()
    assert len(select(tree, "article.source-article")) == sum(
        len(b.story.articles) for b in example_briefs
    )
    shown = [el.text_content() for el in select(tree, "article.source-article div.text")]
    assert shown == [a.text for b in example_briefs for a in b.story.articles]
    for number in range(1, len(example_briefs) + 1):
        assert select(tree, f"nav.toc a[href='#s{number}']")


def test_hostile_input_stays_text() -> None:
    brief = sample_brief(EVIL, url="javascript:alert(3)")
    html = render_html([brief])
    tree = _tree(html)
    scripts = select(tree, "script")
    assert len(scripts) == 1 and "alert" not in (scripts[0].text or "")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        for name in ("href", "src", "action", "formaction"):
            assert not element.get(name, "").strip().lower().startswith("javascript:")
    assert "<script>alert(1)</script>" not in html
    assert select(tree, "article.story h2")[0].text_content().endswith(EVIL)
    assert "javascript:alert(3)" in select(tree, "article.source-article .meta")[0].text_content()
    removed = select(tree, "details.removed li")
    assert [li.text_content() for li in removed] == [f"Advertisement{EVIL}", "Photo: AP"]


def test_only_the_articles_own_links_leave_the_page() -> None:
    html = render_html([sample_brief()])
    tree = _tree(html)
    outside = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.get("src") is None, "nothing is loaded from anywhere"
        href = element.get("href")
        if href is not None and not href.startswith("#"):
            outside.append(href)
    assert outside == ["https://harbor.example/strike"]
    assert not select(tree, "link")
    style = "".join(s.text_content() for s in select(tree, "style"))
    assert "@import" not in style and "url(" not in style


def test_sample_report_has_every_section() -> None:
    tree = _tree(render_html([sample_brief()]))
    _assert_citations_resolve(tree)
    assert select(tree, "a.skip[href='#main']") and tree.get_element_by_id("main") is not None
    assert select(tree, "nav.toc a[href='#s1']")
    headings = [h.text_content().split()[0] for h in select(tree, "section.block > h3")]
    assert headings == [
        "Summary",
        "Timeline",
        "Who",
        "Who",
        "People,",
        "Articles",
        "Sources",
    ]
    row = select(tree, "table.matrix tbody tr")[0]
    outlets = [th.text_content() for th in select(tree, "table.matrix th.outlet-col")]
    marks = dict(zip(outlets, [td.text_content() for td in select(row, "td.cell")], strict=True))
    assert marks == {
        "Harbor Gazette": "●reports it",
        "Meridian Wire": "●reports it",
        "Civic Dispatch1 copy": "◐syndicated copy",
    }
    diff = select(tree, "ul.variants li")[0]
    assert [d.text_content() for d in select(diff, "del")] == [" down"]
    assert [i.text_content() for i in select(diff, "ins")] == ["step "]
    assert len(select(tree, "svg a.dot")) == 2
    assert select(tree, "p.copy-note a[href='#s1-a2']")


def test_stories_only_lists_articles_without_a_brief() -> None:
    tree = _tree(render_html([sample_brief()], stories_only=True))
    assert not select(tree, "ol.summary") and not select(tree, "a.cite")
    assert len(select(tree, "article.source-article details.fulltext")) == 3


def test_no_story_says_so() -> None:
    assert "No stories" in render_html([])


def test_what_was_left_out_closes_the_report_escaped() -> None:
    problems = [
        Problem("pile/<b>.txt", "empty file"),
        StoryProblem("story-1", ("pile/a.txt",), "could not be briefed: <script>x</script>"),
    ]
    html = render_html([sample_brief()], problems=problems)
    (section,) = select(_tree(html), "section.left-out")
    items = [item.text_content() for item in select(section, "li")]
    assert items == [
        "pile/<b>.txt: empty file",
        "story story-1 (pile/a.txt): could not be briefed: <script>x</script>",
    ]
    assert "<script>x" not in html


def test_the_written_report_is_the_rendered_one(example_briefs: list[Brief]) -> None:
    """`write_html` (what the command line writes, a piece at a time) is `render_html`."""
    for stories_only in (False, True):
        out = io.StringIO()
        write_html(example_briefs, out, stories_only=stories_only)
        assert out.getvalue() == render_html(example_briefs, stories_only=stories_only)


def _big_brief(articles: int) -> Brief:
    body = "\n".join(
        f"Sentence {n} of the report says something about the port." for n in range(25)
    )
    start = datetime(2025, 3, 1)
    pile: list[Article] = []
    for n in range(articles):
        article = make_article(body, id=f"x{n}", outlet=f"Outlet {n % 40}")
        pile.append(dataclasses.replace(article, published=start + timedelta(hours=n)))
    refs = tuple(SourceRef(a.id, a.sentences[3].text) for a in pile)
    return Brief(
        story=Story("big", tuple(pile)),
        headline="A big story",
        summary=tuple(SummarySentence(f"Point {n}.", refs[n::20], 9) for n in range(8)),
        facts=tuple(Fact(f"Fact {n}", (f"x{n}", f"x{n + 1}"), 2) for n in range(60)),
        exclusives=tuple(Exclusive(a.sentences[5].text, a.id, a.outlet) for a in pile),
        quotes=tuple(Quote(f"Quote {n}", f"Speaker {n % 9}", f"x{n}") for n in range(120)),
        timeline=tuple(
            TimelineEntry(f"2025-03-{1 + n % 28:02d}", "on a day", a.sentences[7].text, a.id)
            for n, a in enumerate(pile)
        ),
        outlets=tuple(OutletProfile(f"Outlet {n}", (), 0.1, ("port",)) for n in range(40)),
    )


def test_a_200_article_story_renders_fast_and_stays_small() -> None:
    brief = _big_brief(200)
    text_size = sum(len(a.text) for a in brief.story.articles)
    began = time.perf_counter()
    html = render_html([brief])
    elapsed = time.perf_counter() - began
    assert elapsed < 3.0, f"rendering took {elapsed:.2f}s"
    assert len(html.encode()) < 6 * text_size + 400_000, len(html)
    assert len(select(_tree(html), "article.source-article")) == 200


def test_only_http_urls_become_links() -> None:
    assert safe_url("https://a.example/x?y=1") == "https://a.example/x?y=1"
    assert safe_url(" HTTP://a.example") == "HTTP://a.example"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "//a.example", "x"):
        assert safe_url(bad) is None


def test_word_diff_marks_only_changed_words() -> None:
    pieces = word_diff("We will not back down", "We will not step back")
    assert [t for k, t in pieces if k != "same"] == ["step ", " down"]
    assert "".join(t for k, t in pieces if k != "ins") == "We will not back down"
    assert "".join(t for k, t in pieces if k != "del") == "We will not step back"


def test_far_dates_move_to_the_ends_of_the_chart() -> None:
    entries = [
        TimelineEntry("2019", "in 2019", "old", "a"),
        TimelineEntry("2025-03-03", "Monday", "now", "a"),
        TimelineEntry("2025-03-05", "Wednesday", "now", "a"),
    ]
    focus = (datetime(2025, 3, 1).date(), datetime(2025, 3, 7).date())
    chart = timeline_chart(entries, ["#1", "#2", "#3"], focus)
    assert chart is not None and chart.zones
    xs = sorted(dot.x for dot in chart.dots)
    assert xs[0] < 60 < xs[1] < xs[2], "2019 sits in the 'earlier' zone, the week spreads out"
    assert chart.ticks[0].label == "earlier"


def test_cli_writes_an_html_report(tmp_path: object) -> None:
    output = f"{tmp_path}/stories.html"
    result = CliRunner().invoke(
        app, ["stories", str(EXAMPLES), "--format", "html", "--output", output]
    )
    assert result.exit_code == 0, result.output
    with open(output, encoding="utf-8") as handle:
        tree = _tree(handle.read())
    assert len(select(tree, "article.story")) >= 5
    assert re.search(r"\d+ articles", select(tree, "p.lede")[0].text_content())


def test_a_long_list_of_exclusives_shows_the_first_and_counts_the_rest() -> None:
    from newsweave.render.markdown import render_markdown

    brief = dataclasses.replace(_big_brief(25), facts=())
    html = render_html([brief])
    assert "…and 15 more" in html
    assert "…and 15 more" in render_markdown([brief])
