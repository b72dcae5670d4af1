"""Exclusives: only what no other outlet states, most newsworthy first, the rest counted."""

from __future__ import annotations

from conftest import make_article

from newsweave.briefing.agreement.compare import compare_outlets
from newsweave.briefing.agreement.exclusives import rank
from newsweave.briefing.agreement.statements import article_statements
from newsweave.models import Story


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


def test_exclusives_with_new_names_and_numbers_rank_first() -> None:
    article = make_article(
        "Officials said the talks would continue into the evening hours.\n"
        "Senator Maria Okafor said 14 officials had resigned from the Harbour Board.",
        id="a",
        outlet="Daily Ledger",
    )
    other = make_article("Officials said the talks would continue.", id="b", outlet="Post")
    statements = article_statements(article, 5)
    ranked = rank(statements, statements + article_statements(other, 5), 8)
    assert "Okafor" in ranked[0].text


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
