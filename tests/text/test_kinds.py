"""Statement kinds: reported fact, attributed claim, opinion or analysis, background."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.evaluation.kinds import load, run, score
from newsweave.text.kinds import attributed, is_instruction, own_words, statement_kind

LABELS = Path(__file__).resolve().parents[1] / "data" / "statement-kinds.jsonl"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The council approved the new harbour bridge on Tuesday by 31 votes to 9.", "fact"),
        ("The bridge will cost 40 million euros, the mayor told reporters.", "claim"),
        ("According to the port authority, the works start in May.", "claim"),
        ("“We will not back down on this,” the mayor said on Tuesday.", "claim"),
        # the real failure's shape: an outlet's analysis listed as an agreed fact
        (
            "For the most part, the coming vote will be an opportunity for both parties "
            "to settle old scores.",
            "opinion",
        ),
        ("The talks will likely be fraught for both leaders.", "opinion"),
        ("The delay could complicate the harbour talks even further.", "opinion"),
        ("Will the council be able to pay for the bridge?", "opinion"),
        ("The two towns have long quarrelled over the harbour.", "background"),
        ("Fishing crews have waited for years for a new bridge.", "background"),
    ],
)
def test_each_kind_of_statement_is_told(sentence: str, kind: str) -> None:
    assert statement_kind(sentence) == kind


def test_a_quotation_running_on_from_the_sentence_before_is_not_the_outlets_own_words() -> None:
    assert own_words("I think it is a First Amendment issue.” said one diner.").strip() == (
        "said one diner."
    )
    assert own_words("“I think we must act now and not wait.").strip() == ""
    assert statement_kind("“I think we must act now and not wait.") == "claim"


def test_a_scare_quote_alone_is_not_an_attribution() -> None:
    assert not attributed("The council called it a “bargain” in its budget.")
    assert attributed("The council said the bridge was a “bargain for every taxpayer here”.")


def test_scores_count_per_kind_precision_recall_and_what_may_be_agreed() -> None:
    result = score(["fact", "claim", "opinion", "fact"], ["fact", "claim", "fact", "opinion"])
    assert result["accuracy"] == 0.5
    assert result["fact"] == {"precision": 0.5, "recall": 0.5}
    assert result["agreed_precision"] == pytest.approx(2 / 3)


def test_the_labelled_kinds_resolve_and_beat_the_baselines_on_held_out_stories(
    shared: Path,
) -> None:
    rows = load(LABELS, shared)
    assert len(rows) >= 300
    assert {split for _, _, split in rows} == {"train", "test"}
    test = [r for r in rows if r[2] == "test"]
    ours = score([g for _, g, _ in test], [statement_kind(t) for t, _, _ in test])
    every_fact = score([g for _, g, _ in test], ["fact"] * len(test))
    assert ours["accuracy"] > every_fact["accuracy"] + 0.3
    assert ours["agreed_precision"] > every_fact["agreed_precision"]
    assert "newsweave" in run(LABELS, shared)


def test_judging_words_are_hedges_and_evaluative_words_only_the_latter() -> None:
    from newsweave.text.kinds import evaluative, judging

    assert judging("allegedly") and not evaluative("allegedly")
    assert judging("Fraught") and evaluative("fraught")
    assert not judging("harbour")


@pytest.mark.parametrize(
    ("sentence", "advice"),
    [
        ("Third, take up the free credit monitoring.", True),
        ("Check your bank statements every week.", True),
        ("Be wary of emails that ask for a password.", True),
        ("Don’t click links in text messages.", True),
        # a subject first, a noun that looks like a verb, a quotation, a question
        ("The company said it would take the steps.", False),
        ("Call centres were flooded with complaints.", False),
        ("Use of force was authorised on Monday.", False),
        ("Report: the company lost data.", False),
        ("“Take the money,” he said.", False),
        ("Do the numbers add up?", False),
        ("Finally, the board approved the plan.", False),
        ("Stop the Steal rallies drew thousands on Saturday.", False),  # a name
    ],
)
def test_advice_to_the_reader_is_told_and_is_no_fact(sentence: str, advice: bool) -> None:
    assert is_instruction(sentence) == advice
    if advice:
        assert statement_kind(sentence) == "opinion"
