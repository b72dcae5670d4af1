"""Every fact shows its evidence: the sentence of every outlet counted, in Markdown and HTML."""

from __future__ import annotations

import dataclasses

import lxml.html
from briefs import sample_brief

from newsweave.models import Brief, Fact, SourceRef
from newsweave.render.html import render_html
from newsweave.render.markdown import render_markdown

EVIL = '<script>alert(1)</script> "onmouseover=alert(2) x="'


def _brief_with_evidence(evil: str = "") -> Brief:
    brief = sample_brief(evil)
    articles = brief.story.articles
    refs = (
        SourceRef("a1", articles[0].sentences[0 if evil else 1].text),
        SourceRef("a2", articles[1].sentences[0].text),
    )
    fact = Fact("2,000 joined", ("a1", "a2"), 2, ("Harbor Gazette", "Meridian Wire"), refs)
    return dataclasses.replace(brief, facts=(fact,))


def test_markdown_lists_every_counted_sentence_under_its_fact() -> None:
    text = render_markdown([_brief_with_evidence()])
    fact_line = next(i for i, line in enumerate(text.splitlines()) if "2,000 joined" in line)
    below = text.splitlines()[fact_line + 1 : fact_line + 3]
    assert "About 2,000 workers joined the strike." in below[0]
    assert "Some 2,000 dockers joined the strike on Monday." in below[1]
    assert all(line.startswith("  - ") for line in below)


def test_markdown_shows_one_outlets_same_sentence_once() -> None:
    # a live blog and its update (stories-dev's Guardian pages) state a fact in one sentence
    brief = _brief_with_evidence()
    (fact,) = brief.facts
    twice = dataclasses.replace(fact, sources=(*fact.sources, fact.sources[0]))
    text = render_markdown([dataclasses.replace(brief, facts=(twice,))])
    fact_line = next(i for i, line in enumerate(text.splitlines()) if "2,000 joined" in line)
    below = text.splitlines()[fact_line + 1 : fact_line + 4]
    assert [line.startswith("  - ") for line in below] == [True, True, False]


def test_html_support_count_reveals_every_sentence_on_hover_or_focus() -> None:
    tree = lxml.html.document_fromstring(render_html([_brief_with_evidence()], nonce="n0nce"))
    count = tree.xpath('//*[@class="ev-count"]')[0]
    assert count.get("tabindex") == "0"
    evidence = tree.get_element_by_id(count.get("aria-describedby"))
    shown = evidence.text_content()
    assert "About 2,000 workers joined the strike." in shown
    assert "Some 2,000 dockers joined the strike on Monday." in shown
    assert "Meridian Wire" in shown


def test_hostile_evidence_stays_text() -> None:
    html = render_html([_brief_with_evidence(EVIL)], nonce="n0nce")
    tree = lxml.html.document_fromstring(html)
    assert all(s.get("nonce") == "n0nce" for s in tree.iter("script"))
    assert not [e for e in tree.iter() if any(a.startswith("on") for a in e.attrib)]
    assert "Monday." + EVIL in tree.xpath('//*[@class="evidence"]')[0].text_content()


def test_every_format_shows_the_kind_of_each_fact_and_exclusive() -> None:
    import jsonschema

    from newsweave.render.json_v1 import document, schema

    brief = _brief_with_evidence()
    claim = dataclasses.replace(brief.facts[0], kind="claim")
    brief = dataclasses.replace(
        brief,
        facts=(claim,),
        exclusives=(dataclasses.replace(brief.exclusives[0], kind="background"),),
    )
    story = document([brief])["stories"][0]
    assert story["facts"][0]["kind"] == "claim"
    assert story["exclusives"][0]["kind"] == "background"
    jsonschema.validate(document([brief]), schema())
    markdown = render_markdown([brief])
    assert "(claim; 2 outlets" in markdown
    assert "(background; " in markdown
    tree = lxml.html.document_fromstring(render_html([brief], nonce="n0nce"))
    kinds = [k.text_content() for k in tree.xpath('//*[contains(@class, "kind-")]')]
    assert kinds == ["claim", "background"]
