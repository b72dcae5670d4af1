"""One name per outlet across a pile."""

from __future__ import annotations

from dataclasses import replace

from conftest import make_article

from newsweave.models import Dateline
from newsweave.text.outlets import host, outlet_name, unify_outlets


def test_a_domain_outlet_takes_the_name_its_host_goes_by() -> None:
    named = replace(
        make_article("Text one.", id="a1", outlet="The Northern Ledger"),
        url="https://www.northernledger.example/news/1",
    )
    by_domain = replace(
        make_article("Text two.", id="a2", outlet="northernledger.example"),
        url="https://northernledger.example/news/2",
    )
    unified = unify_outlets([named, by_domain])
    assert [a.outlet for a in unified] == ["The Northern Ledger", "The Northern Ledger"]
    assert "northernledger.example" in unified[1].notes[-1]


def test_a_domain_is_kept_when_its_host_has_no_single_name() -> None:
    first = replace(make_article("A.", id="a1", outlet="Ledger"), url="https://x.example/1")
    second = replace(make_article("B.", id="a2", outlet="Ledger Weekly"), url="https://x.example/2")
    third = replace(make_article("C.", id="a3", outlet="x.example"), url="https://x.example/3")
    assert unify_outlets([first, second, third])[2].outlet == "x.example"


def test_named_outlets_and_unknown_outlets_are_left_alone() -> None:
    articles = [make_article("A.", id="a1", outlet=None), make_article("B.", id="a2")]
    assert unify_outlets(articles) == articles


def test_host_is_the_lower_cased_host_without_www() -> None:
    assert host(" https://WWW.BBC.co.uk/news/1 ") == "bbc.co.uk"
    assert host("https://northernledger.example:8080/x") == "northernledger.example"
    assert [host(url) for url in (None, "", "not a url", "http://www./")] == [None] * 4


def test_the_outlet_name_shown_is_outlet_then_wire_then_file() -> None:
    wire = replace(make_article("A.", id="a1", outlet=None), dateline=Dateline("GENEVA", "Reuters"))
    assert outlet_name(make_article("A.", id="a1", outlet="The Ledger")) == "The Ledger"
    assert outlet_name(wire) == "Reuters"
    assert outlet_name(None) == "unknown outlet"
