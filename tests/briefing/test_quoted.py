"""Shared quotations: the same quoted words in two outlets' sentences are one remark reported."""

from __future__ import annotations

from conftest import make_article

from newsweave.briefing.agreement.compare import compare_outlets
from newsweave.briefing.agreement.quoted import quoted_runs, quoting_pairs
from newsweave.models import Story


def test_runs_are_read_inside_quotation_marks_only() -> None:
    text = 'Ms Vale said "we will respond if the council continues its harmful plans" on Monday.'
    assert ("respond", "if", "the", "council", "continues") in quoted_runs(text, 5)
    assert not any("monday" in run for run in quoted_runs(text, 5))


def test_a_run_of_stop_words_or_of_a_name_is_no_remark() -> None:
    assert not quoted_runs('"cyber attacks, and so on and so forth"', 5) & quoted_runs(
        '"in all the fields, and so on and so forth"', 5
    )
    assert not quoted_runs('"Russian President Vladimir Putin Monday"', 5)


def test_pairs_are_of_different_outlets_only() -> None:
    texts = [
        'Vale said "we will respond if the council continues its harmful plans."',
        'Vale warned the board, saying "we will respond if the council continues".',
        'Vale told reporters "we will respond if the council continues its harmful plans".',
        "The council approved a new harbour bridge on Tuesday after a debate.",
    ]
    assert quoting_pairs(texts, ["A", "B", "A", "C"], 5) == {(0, 1), (1, 2)}


def test_one_quotation_inside_two_longer_sentences_is_a_shared_fact() -> None:
    story = Story(
        "s1",
        (
            make_article(
                "Mayor Ilse Vale said on Monday that the city would \u201cnot look for a fight "
                "with the port authority, but will answer every delay in court\u201d, after a "
                "week of talks.\nThe harbour bridge will cost 40 million euros.",
                id="a",
                outlet="Harbour Herald",
            ),
            make_article(
                "Speaking in Portvale after the council vote, where the bridge passed 9 to 4, "
                "Vale repeated that the city would \u201cnot look for a fight with the port "
                "authority\u201d and named a new negotiator.\nFishermen fear the works.",
                id="b",
                outlet="Coast Courier",
            ),
        ),
    )
    facts = compare_outlets(story).facts
    assert any(
        {"Harbour Herald", "Coast Courier"} <= set(fact.outlets)
        and "not look for a fight" in fact.text
        for fact in facts
    ), [f.text for f in facts]
