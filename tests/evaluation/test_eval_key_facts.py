"""Key facts: the names and numbers most human summaries mention, and the share a summary has."""

from __future__ import annotations

from newsweave.evaluation.key_facts import key_facts, share_found

REFERENCES = [
    "The Riverton flood forced 4,000 people out. Mayor Ortiz asked for aid.",
    "In Riverton 4,000 residents fled the flood; Ortiz wants state money.",
    "Floods hit Riverton. Ortiz said 4,000 left and 12 schools closed.",
    "The mayor of Riverton, Lena Ortiz, saw 4,000 people leave as the Tarra rose.",
]


def test_key_facts_are_names_and_numbers_three_of_four_references_mention() -> None:
    assert key_facts(REFERENCES) == {"riverton", "ortiz", "4,000"}


def test_sentence_initial_common_words_are_not_names() -> None:
    assert "the" not in key_facts(REFERENCES, quorum=1)
    assert "floods" not in key_facts(REFERENCES, quorum=1)


def test_share_found_counts_names_case_insensitively_and_numbers_exactly() -> None:
    facts = key_facts(REFERENCES)
    assert share_found("RIVERTON: 4,000 people left.", facts) == 2 / 3
    assert share_found("Some 4000 people left.", facts) == 0.0
    assert share_found("anything", frozenset()) is None
