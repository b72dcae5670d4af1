"""`python -m newsweave.evaluation.claims DATASET.jsonl`: do the claims outlets share become facts?

The question a reader of a brief asks, at the level the reader asks it: of the claims that two
or more outlets of a story state, how many does "Agreed" list, and is every outlet it credits
right? Sentence-pair labels (`eval alignment`) judge one pair at a time; a fact needs only one
pair of its outlets' sentences to meet, and is wrong as soon as it credits one outlet that does
not state it, so the two measures differ.

Reads claim sets labelled by reading whole stories (tests/data/claim-sets.jsonl: for each claim
that two or more articles of a story state, every sentence that states it, `states`, and
sentences on the same topic that do not, `near`; all as pointers into the data folder, so the
publishers' texts stay where they are). Each labelled story is read from the data folder with
all its articles, cleaned, and compared by `compare_outlets`, as a brief would. Reported per
split (train: the stories the support model was fitted on; test: held out):
- claim recall: claims listed as a fact with two or more of their sentences' outlets (a fact
  lists every claim that its own text and two of its outlets' sentences state: one sentence
  often states two labelled claims);
- outlet precision: of the outlets credited on facts about labelled claims, the share whose
  sentence states the claim (a cited sentence that is a `near` one is counted too);
- exclusive precision: of the exclusives, the share that no labelled claim shares;
- disputes: points on which the labels say two outlets disagree (a number, a day, a name), how
  many the listed conflicts find, and how many listed conflicts set two sentences against each
  other that state one shared claim and no disputed point (wrong by the labels).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.clean.cleaner import clean
from newsweave.errors import DatasetError
from newsweave.evaluation.alignment import Resolver
from newsweave.evaluation.dataset import jsonl_records
from newsweave.models import RawArticle, Story
from newsweave.readers.records import record_article
from newsweave.store.changes import normalised as words

Key = tuple[str, str]  # (article id, the sentence's words)


@dataclass(frozen=True, slots=True)
class ClaimSet:
    """One claim of one story: the sentences that state it and those that come near."""

    story: str
    split: str
    claim: str
    states: tuple[Key, ...]
    near: tuple[Key, ...]
    disputed: bool = False  # outlets disagree on it: `states` holds both sides


def load(dataset: Path, data_dir: Path) -> list[ClaimSet]:
    """The claim sets of a data set (disputed points marked), read from the data folder."""
    resolve = Resolver(data_dir)
    sets = []
    for number, record in jsonl_records(dataset):
        where = f"{dataset}:{number}"
        try:
            keys = {
                name: tuple(
                    (str(ref["article"]), words(resolve(ref, where)[0]))
                    for ref in record.get(name, [])
                )
                for name in ("states", "near")
            }
            sets.append(
                ClaimSet(
                    str(record["story"]),
                    str(record.get("split", "")),
                    str(record["claim"]),
                    keys["states"],
                    keys["near"],
                    bool(record.get("conflict")),
                )
            )
        except (KeyError, TypeError) as error:
            raise DatasetError(f"{where}: needs story, claim and states ({error})") from error
    return [s for s in sets if len({article for article, _ in s.states}) >= 2]


def stories(sets: Sequence[ClaimSet], data_file: Path) -> dict[str, Story]:
    """Each labelled story with all its articles (records of `data_file` whose `cluster` is the
    story), read and cleaned as newsweave reads and cleans a JSON Lines pile."""
    wanted = {s.story for s in sets}
    found: dict[str, list[tuple[str, RawArticle]]] = defaultdict(list)
    for number, record in jsonl_records(data_file):
        if record.get("cluster") in wanted:
            raw = record_article(record, f"{data_file}:{number}", f"line {number}")
            if not isinstance(raw, RawArticle):
                raise DatasetError(f"{raw.source}: {raw.reason}")
            found[record["cluster"]].append((str(record["id"]), raw))
    return {
        story: Story(id=story, articles=tuple(clean(raw) for _, raw in sorted(articles)))
        for story, articles in found.items()
    }


def cites(article: str, text: str, keys: Sequence[Key]) -> bool:
    """Whether the cited sentence is one of `keys` (one holds the other's words: the cleaned
    sentence may have lost a dateline or gained a joined line)."""
    said = words(text)
    return bool(said) and any(a == article and (said in k or k in said) for a, k in keys)


def score(agreements: dict[str, Any], sets: Sequence[ClaimSet]) -> dict[str, float]:
    """Claim recall, outlet precision, exclusive precision and disputes found of `agreements`
    (story id -> `compare.Agreement`) against the claim sets."""
    tally: Counter[str] = Counter()
    by_story: dict[str, list[ClaimSet]] = defaultdict(list)
    for claim_set in sets:
        by_story[claim_set.story].append(claim_set)
    for story, labelled in by_story.items():
        agreement = agreements[story]
        claims = [c for c in labelled if not c.disputed]
        _tally_conflicts(tally, agreement, claims, [c for c in labelled if c.disputed])
        found = [False] * len(claims)
        for fact in agreement.facts:
            cited = [(source.article, source.text) for source in fact.sources]
            states = [[cites(a, t, c.states) for a, t in cited] for c in claims]
            hits = [sum(flags) for flags in states]
            if not hits or max(hits) == 0:
                tally["facts elsewhere"] += 1
                continue
            best = hits.index(max(hits))
            tally["credited"] += len(cited)
            tally["credited right"] += hits[best]
            tally["credited near"] += sum(cites(a, t, claims[best].near) for a, t in cited)
            for number, flags in enumerate(states):
                found[number] = found[number] or _lists(cited, flags, number == best)
        tally["claims"] += len(claims)
        tally["claims found"] += sum(found)
        for exclusive in agreement.exclusives:
            tally["exclusives"] += 1
            shared = any(cites(exclusive.article, exclusive.text, c.states) for c in claims)
            tally["exclusives shared"] += shared
    return {
        "claims": tally["claims"],
        "claim recall": tally["claims found"] / max(tally["claims"], 1),
        "credited": tally["credited"],
        "outlet precision": tally["credited right"] / max(tally["credited"], 1),
        "credited near": tally["credited near"],
        "exclusives": tally["exclusives"],
        "exclusive precision": 1 - tally["exclusives shared"] / max(tally["exclusives"], 1),
        "facts on unlabelled points": tally["facts elsewhere"],
        "disputes": tally["disputes"],
        "disputes found": tally["disputes found"],
        "conflicts": tally["conflicts"],
        "conflicts within a shared claim": tally["conflicts within a claim"],
    }


def _lists(cited: Sequence[tuple[str, str]], states: Sequence[bool], best: bool) -> bool:
    """Whether a fact (its cited sentences, its own text first) lists a claim, given which of
    them state it (`states`): two or more of its articles state it, and, unless it is the
    claim the fact was matched to (`best`), so does the fact's own text. One sentence often
    states two labelled claims ("Cowan, 43, a former partner of the firm, ..."): a fact whose
    text and credited outlets state both lists both. Credit is still judged against the
    matched claim alone."""
    if not best and not states[0]:
        return False
    return len({a for (a, _), said in zip(cited, states, strict=True) if said}) >= 2


def _both_sides(claim: Any, keys: Sequence[Key]) -> bool:
    """Whether each side of a listed conflict cites one of `keys`, from two articles."""
    cited = [c.article for c in claim.claims if cites(c.article, c.text, keys)]
    return len(set(cited)) >= 2


def _tally_conflicts(
    tally: Counter[str], agreement: Any, claims: Sequence[ClaimSet], disputes: Sequence[ClaimSet]
) -> None:
    """Disputes found among the listed conflicts, and conflicts between two sentences that
    state one shared claim and no disputed point (wrong by the labels: two sentences often
    state a shared claim besides the detail they dispute, "Cowan will be the second black
    senator, after Edward Brooke, who served from 1967 to 1979")."""
    tally["disputes"] += len(disputes)
    tally["disputes found"] += sum(
        any(_both_sides(c, d.states) for c in agreement.conflicts) for d in disputes
    )
    tally["conflicts"] += len(agreement.conflicts)
    tally["conflicts within a claim"] += sum(
        any(_both_sides(c, shared.states) for shared in claims)
        and not any(_both_sides(c, d.states) for d in disputes)
        for c in agreement.conflicts
    )


MODES = {"default": (None, None), "fast": ("lexical", "rule")}


def run(dataset: Path, data_dir: Path, split: str | None = None) -> dict[str, dict[str, Any]]:
    """The scores of the default and the fast brief's agreement, per split."""
    from newsweave.briefing.agreement.compare import compare_outlets

    sets = load(dataset, data_dir)
    story_of = stories(sets, data_dir / "data" / "stories-dev.jsonl")
    splits = sorted({s.split for s in sets}) if split is None else [split]
    results: dict[str, dict[str, Any]] = {}
    for mode, (agreement_mode, verbs) in MODES.items():
        agreements = {
            story: compare_outlets(found, mode=agreement_mode, verbs=verbs)
            for story, found in story_of.items()
        }
        for part in [*splits, "all"] if split is None else splits:
            chosen = [s for s in sets if part == "all" or s.split == part]
            results[f"{mode} / {part}"] = score(agreements, chosen)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared"))
    parser.add_argument("--split", choices=("train", "test"))
    args = parser.parse_args()
    results = run(args.dataset, args.data_dir, args.split)
    print(
        "| brief / split | claims | claim recall | outlet precision | exclusive precision "
        "| disputes found | conflicts listed (within a shared claim) |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, row in results.items():
        print(
            f"| {name} | {row['claims']} | {row['claim recall']:.3f} | "
            f"{row['outlet precision']:.3f} ({row['credited']} credited, "
            f"{row['credited near']} near) | {row['exclusive precision']:.3f} "
            f"({row['exclusives']}) | {row['disputes found']} of {row['disputes']} | "
            f"{row['conflicts']} ({row['conflicts within a shared claim']}) |"
        )


if __name__ == "__main__":
    main()
