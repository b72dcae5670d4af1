"""`python -m newsweave.evaluation.claims`: shared claims against the facts and exclusives."""

from __future__ import annotations

from pathlib import Path

from newsweave.briefing.agreement.compare import Agreement, compare_outlets
from newsweave.evaluation.claims import ClaimSet, load, score, stories, words
from newsweave.models import Claim, Conflict, Exclusive, Fact, SourceRef

CLAIM_SETS = Path(__file__).resolve().parents[1] / "data" / "claim-sets.jsonl"


def _claim(story: str, states: list[tuple[str, str]], near: list[tuple[str, str]]) -> ClaimSet:
    return ClaimSet(
        story,
        "test",
        "the council approved the bridge",
        tuple((a, words(t)) for a, t in states),
        tuple((a, words(t)) for a, t in near),
    )


def test_a_fact_is_found_when_two_outlets_state_it_and_wrong_credit_counts_against_it() -> None:
    approved = ("a", "The council approved the bridge on Tuesday.")
    voted = ("b", "On Tuesday the council voted for the bridge.")
    fishermen = ("c", "Fishermen fear the bridge will block their boats.")
    claim = _claim("s", [approved, voted], [fishermen])
    fact = Fact(
        text=approved[1],
        articles=("a", "b", "c"),
        support=3,
        sources=tuple(SourceRef(a, t) for a, t in (approved, voted, fishermen)),
    )
    shared_as_exclusive = Exclusive(text="the council voted for the bridge", article="b")
    alone = Exclusive(text="The mayor resigned on Friday.", article="c")
    agreement = Agreement(facts=(fact,), exclusives=(shared_as_exclusive, alone))
    result = score({"s": agreement}, [claim])
    assert result["claim recall"] == 1.0
    assert (result["credited"], result["credited near"]) == (3, 1)
    assert abs(result["outlet precision"] - 2 / 3) < 1e-9
    assert result["exclusive precision"] == 0.5


def test_a_fact_with_one_right_outlet_does_not_find_the_claim() -> None:
    claim = _claim("s", [("a", "The council approved the bridge."), ("b", "Bridge approved.")], [])
    fact = Fact(
        text="x",
        articles=("a", "c"),
        support=2,
        sources=(SourceRef("a", "The council approved the bridge."), SourceRef("c", "Other.")),
    )
    result = score({"s": Agreement(facts=(fact,))}, [claim])
    assert result["claim recall"] == 0.0 and result["outlet precision"] == 0.5


def test_a_fact_lists_every_claim_its_text_and_two_outlets_state() -> None:
    hale = ("a", "Ms. Hale, 43, a former partner of the firm, was appointed on Friday.")
    named = ("b", "Hale, 43, once a partner of the firm, was named to the seat Friday.")
    partner = ("c", "Ms. Hale was a partner of the firm until 2019.")
    age = ClaimSet("s", "test", "Hale is 43", tuple((a, words(t)) for a, t in (hale, named)), ())
    firm = ClaimSet(
        "s",
        "test",
        "Hale was a partner",
        tuple((a, words(t)) for a, t in (hale, named, partner)),
        (),
    )
    fact = Fact(
        text=hale[1], articles=("a", "b"), support=2, sources=(SourceRef(*hale), SourceRef(*named))
    )
    assert score({"s": Agreement(facts=(fact,))}, [age, firm])["claim recall"] == 1.0
    # A fact whose own text does not state a claim lists only the claim it was matched to.
    told = Fact(
        text=partner[1],
        articles=("c", "a", "b"),
        support=3,
        sources=(SourceRef(*partner), SourceRef(*hale), SourceRef(*named)),
    )
    result = score({"s": Agreement(facts=(told,))}, [age, firm])
    assert result["claim recall"] == 0.5 and result["outlet precision"] == 1.0


def test_a_listed_conflict_finds_a_dispute_and_one_inside_a_shared_claim_is_counted() -> None:
    tuesday = ("a", "The House passed the motto resolution on Tuesday.")
    wednesday = ("b", "On Wednesday the House voted for the motto resolution.")
    shared = [("a", "The resolution was sponsored by Rep. Forbes."), ("b", "Forbes wrote it.")]
    sides = _claim("s", [tuesday, wednesday], [])
    dispute = ClaimSet("s", "test", "day of the vote", sides.states, (), disputed=True)
    sponsor = _claim("s", shared, [])
    found = Conflict("when", tuple(Claim(t, a) for a, t in (tuesday, wednesday)))
    wrong = Conflict("who", tuple(Claim(t, a) for a, t in shared))
    result = score({"s": Agreement(conflicts=(found, wrong))}, [dispute, sponsor])
    assert (result["disputes"], result["disputes found"]) == (1, 1)
    assert (result["conflicts"], result["conflicts within a shared claim"]) == (2, 1)
    assert result["claims"] == 1  # the disputed point is no shared claim


def test_a_conflict_on_a_disputed_detail_of_a_shared_claim_is_not_counted_wrong() -> None:
    second = ("a", "Ms. Hale will be the second woman senator, after Anna Ferris (1971-1983).")
    first = ("b", "Ms. Hale becomes the first woman senator since Anna Ferris (1970-1982).")
    shared = _claim("s", [second, first], [])
    years = ClaimSet("s", "test", "Ferris's years", shared.states, (), disputed=True)
    found = Conflict("when", tuple(Claim(t, a) for a, t in (second, first)))
    result = score({"s": Agreement(conflicts=(found,))}, [shared, years])
    assert result["disputes found"] == 1
    assert (result["conflicts"], result["conflicts within a shared claim"]) == (1, 0)


def test_the_claim_sets_resolve_and_no_story_is_in_both_splits(shared: Path) -> None:
    sets = load(CLAIM_SETS, shared)
    assert len(sets) >= 600
    assert all(len({article for article, _ in s.states}) >= 2 for s in sets)
    train = {s.story for s in sets if s.split == "train"}
    test = {s.story for s in sets if s.split == "test"}
    assert len(train | test) >= 30 and not train & test


def test_facts_of_the_held_out_stories_credit_outlets_that_state_the_claim(shared: Path) -> None:
    sets = [s for s in load(CLAIM_SETS, shared) if s.split == "test"]
    found = stories(sets, shared / "data" / "stories-dev.jsonl")
    agreements = {
        key: compare_outlets(story, mode="lexical", verbs="rule") for key, story in found.items()
    }
    result = score(agreements, sets)
    # The shipped lexical model on the 17 held-out stories (2026-12-07): recall 0.308, P 0.967.
    assert result["outlet precision"] >= 0.95
    assert result["claim recall"] >= 0.25
    assert result["exclusive precision"] >= 0.9
