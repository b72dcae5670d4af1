"""Outlet tone and distinctive terms."""

from __future__ import annotations

from dataclasses import replace

from conftest import make_article

from newsweave.briefing.framing import profile_outlets
from newsweave.models import Story

CALM = (
    "The two presidents will meet in Geneva on Wednesday.\n"
    "Officials expect talks on arms control and cyber security."
)
LOADED = (
    "Relations have hit rock bottom as the two presidents meet in Geneva on Wednesday.\n"
    "Relations hit rock bottom after years of hostile sanctions and hostile rhetoric."
)


def _story() -> Story:
    return Story(
        "s1",
        (
            make_article(CALM, id="a1", outlet="Calm Courier"),
            make_article(LOADED, id="a2", outlet="Loaded Ledger"),
            replace(make_article(LOADED, id="a3", outlet="Copy Daily"), duplicate_of="a2"),
        ),
    )


def test_each_outlet_gets_a_tone_in_range_and_its_articles() -> None:
    profiles = {p.outlet: p for p in profile_outlets(_story())}
    assert set(profiles) == {"Calm Courier", "Loaded Ledger", "Copy Daily"}
    assert all(-1.0 <= p.tone <= 1.0 for p in profiles.values())
    assert profiles["Loaded Ledger"].tone < profiles["Calm Courier"].tone
    assert profiles["Loaded Ledger"].articles == ("a2",)


def test_distinctive_terms_are_an_outlets_own_words() -> None:
    profiles = {p.outlet: p for p in profile_outlets(_story())}
    loaded_terms = profiles["Loaded Ledger"].distinctive_terms
    assert "rock bottom" in loaded_terms
    assert not {"geneva", "presidents"} & set(loaded_terms)
    assert "arms control" in profiles["Calm Courier"].distinctive_terms or "arms" in " ".join(
        profiles["Calm Courier"].distinctive_terms
    )


def test_a_copy_speaks_with_its_originals_words_not_its_own() -> None:
    profiles = {p.outlet: p for p in profile_outlets(_story())}
    assert profiles["Copy Daily"].distinctive_terms == ()
