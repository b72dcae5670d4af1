"""The exact concept-coverage program: it finds what a sentence-at-a-time choice misses, keeps
the lead and the budget, and never takes both of two near copies."""

from __future__ import annotations

import pytest
from conftest import make_article

from newsweave.briefing.summarize.coverage import Coverage
from newsweave.briefing.summarize.ilp import solve
from newsweave.briefing.summarize.trim import faithful
from newsweave.models import Story

# Sentence 0: dense but short; 1: long, worth more alone; 2: short filler.
CONCEPTS = {0: {"x"}, 1: {"y", "z"}, 2: {"w"}}
WEIGHTS = {"x": 5.0, "y": 5.0, "z": 4.5, "w": 4.0}
LENGTHS = {0: 5, 1: 10, 2: 5}


def test_the_program_trades_a_dense_start_for_more_weight_in_the_same_words() -> None:
    # Best gain per word first would take 0 (1.0 a word), then 2: weight 9 in 10 words.
    assert solve(CONCEPTS, WEIGHTS, LENGTHS, {}, [], budget=10, nodes=100) == [1]


def test_the_lead_is_kept_and_listed_first() -> None:
    chosen = solve(CONCEPTS, WEIGHTS, LENGTHS, {}, [], budget=10, nodes=100, first=2)
    assert chosen == [2, 0]


def test_a_close_pair_is_never_chosen_together() -> None:
    concepts = {0: {"x"}, 1: {"x", "y"}, 2: {"w"}}
    chosen = solve(concepts, WEIGHTS, LENGTHS, {}, [(0, 1)], budget=20, nodes=100)
    assert not {0, 1} <= set(chosen)
    assert 2 in chosen


def quake_story() -> Story:
    shared = "A magnitude 6.1 earthquake struck the port town of Velmar on Sunday, officials said."
    return Story("quake", (
        make_article("\n".join([
            shared,
            "Rescue teams searched collapsed buildings in the old harbour district of Velmar.",
            "The regional hospital in Velmar treated 120 people for injuries on Sunday night.",
        ]), id="a", outlet="Coast Wire", published="2026-02-01"),
        make_article("\n".join([
            shared.replace("Sunday", "Sunday morning"),
            "Rescue teams from three cities searched the collapsed buildings of the harbour.",
            "Ferry services to the islands off Velmar were suspended until the port is checked.",
        ]), id="b", outlet="Velmar Post", published="2026-02-02"),
    ))  # fmt: skip


@pytest.mark.parametrize("budget", [15, 40, 100])
def test_the_ilp_summary_keeps_the_budget_cites_verbatim_and_never_repeats(budget: int) -> None:
    story = quake_story()
    summary = Coverage(solver="ilp")(story, budget)
    assert summary
    assert sum(len(s.text.split()) for s in summary) <= budget
    for sentence in summary:
        assert faithful(sentence)
        for source in sentence.sources:
            assert story.article(source.article).text[source.start : source.end] == source.text
    texts = [s.text for s in summary]
    assert len(texts) == len(set(texts))
