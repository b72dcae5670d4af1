"""A hand-made brief with every part filled, shared by the report and the browser tests."""

from __future__ import annotations

import dataclasses

from conftest import make_article

from newsweave.models import (
    Brief,
    Claim,
    Conflict,
    Entity,
    Exclusive,
    Fact,
    OutletProfile,
    Quote,
    QuoteVariant,
    SourceRef,
    Story,
    SummarySentence,
    TimelineEntry,
)


def sample_brief(evil: str = "", url: str = "https://harbor.example/strike") -> Brief:
    """A small but complete brief: two outlets, a copy, quotes, a conflict, a timeline."""
    first = make_article(
        f"Dockers walked out on Monday.{evil}\n"
        "About 2,000 workers joined the strike.\n"
        '"We will not back down," said Greta Halloran.\n'
        "The port last closed in 2019.",
        id="a1",
        outlet=f"Harbor Gazette{evil}",
        title=f"Port falls silent{evil}",
        published="2025-03-03",
    )
    first = dataclasses.replace(first, url=url, removed=(f"Advertisement{evil}", "Photo: AP"))
    second = make_article(
        "Some 2,000 dockers joined the strike on Monday.\n"
        '"We will not step back," Greta Halloran said.\n'
        "Ships queued offshore.",
        id="a2",
        outlet="Meridian Wire",
        published="2025-03-04",
    )
    copy = dataclasses.replace(second, id="a3", outlet="Civic Dispatch", duplicate_of="a2")
    story = Story(id="story-1", articles=(first, second, copy))
    ref1 = SourceRef("a1", first.sentences[1].text)
    ref2 = SourceRef("a2", second.sentences[0].text)
    return Brief(
        story=story,
        headline=f"Dockers strike{evil}",
        summary=(
            SummarySentence(f"About 2,000 dockers struck.{evil}", (ref1, ref2), 2, ("H", "M")),
            SummarySentence(
                "Ships queued offshore.", (SourceRef("a2", "Ships queued offshore."),), 1
            ),
        ),
        facts=(
            Fact("2,000 joined", ("a1", "a2"), 2, ("Harbor Gazette", "Meridian Wire"), (ref1,)),
        ),
        exclusives=(Exclusive("The port last closed in 2019.", "a1", "Harbor Gazette"),),
        conflicts=(
            Conflict(
                "how many workers",
                (Claim(ref1.text, "a1", "Harbor Gazette"), Claim(ref2.text, "a2", "Meridian Wire")),
            ),
        ),
        quotes=(
            Quote(
                f"We will not back down,{evil}",
                "Greta Halloran",
                "a1",
                (QuoteVariant("We will not step back,", "a2", differs=True),),
                sentence=first.sentences[2].text,
            ),
        ),
        entities=(
            Entity("Greta Halloran", "PERSON", ("Halloran",), ("a1", "a2"), 2, ("union chief",)),
        ),
        timeline=(
            TimelineEntry("2019", "2019", "The port last closed in 2019.", "a1", "a year"),
            TimelineEntry("2025-03-03", "on Monday", first.sentences[0].text, "a1", "Monday"),
        ),
        outlets=(
            OutletProfile("Harbor Gazette", ("a1",), 0.4, ("walked", f"silent{evil}")),
            OutletProfile("Meridian Wire", ("a2",), -0.3, ("queued",)),
            OutletProfile("Civic Dispatch", ("a3",), -0.2, ()),
        ),
    )
