"""`python -m newsweave.evaluation.kinds DATASET.jsonl`: statement kinds against labels.

Reads sentences labelled by hand with their kind (`fact`, `claim`, `opinion`, `background`),
one a line as pointers into the data folder (`{"ref": {file, article, start, end, sha1},
"kind", "story", "split"}`; tests/data/statement-kinds.jsonl), so the publishers' texts stay
where they are. Scores `text.kinds.statement_kind` beside two baselines in the same run: every
sentence a fact (the majority-free default of a brief that does not label kinds) and the
summarizer's register test alone (`kind_of`: opinion or background, else fact). Reported per
split (train: the stories the cues were chosen on; test: held-out stories): accuracy, per-kind
precision and recall, and "agreed precision": of the sentences a brief would let into the agreed
facts (fact or claim), the share that are facts or claims.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsweave.errors import DatasetError
from newsweave.evaluation.alignment import Resolver
from newsweave.text.kinds import AGREED_KINDS, KINDS, kind_of, statement_kind

Labelled = tuple[str, str, str]  # (sentence, gold kind, split)


def load(dataset: Path, data_dir: Path) -> list[Labelled]:
    """The labelled sentences of a data set, read from the data folder."""
    resolve = Resolver(data_dir)
    rows: list[Labelled] = []
    for number, line in enumerate(dataset.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("kind") not in KINDS:
            raise DatasetError(f"{dataset}:{number}: kind must be one of {KINDS}")
        text, _ = resolve(record["ref"], f"{dataset}:{number}")
        rows.append((text, str(record["kind"]), str(record.get("split", ""))))
    return rows


def _register_only(text: str) -> str:
    return kind_of(text) or "fact"


SYSTEMS: dict[str, Callable[[str], str]] = {
    "newsweave": statement_kind,
    "register": _register_only,
    "all-fact": lambda _text: "fact",
}


def score(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy, per-kind P/R and the precision of what would be listed as agreed."""
    pairs = list(zip(gold, predicted, strict=True))
    result: dict[str, Any] = {
        "n": len(pairs),
        "accuracy": sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0,
    }
    for kind in KINDS:
        found = sum(p == kind for _, p in pairs)
        wanted = sum(g == kind for g, _ in pairs)
        hits = sum(g == p == kind for g, p in pairs)
        result[kind] = {
            "precision": hits / found if found else 0.0,
            "recall": hits / wanted if wanted else 0.0,
        }
    agreed = [(g, p) for g, p in pairs if p in AGREED_KINDS]
    result["agreed_precision"] = (
        sum(g in AGREED_KINDS for g, _ in agreed) / len(agreed) if agreed else 0.0
    )
    return result


def run(dataset: Path, data_dir: Path) -> str:
    """The table: each system on each split (train, test, all)."""
    rows = load(dataset, data_dir)
    lines = [
        f"statement kinds on {dataset.name}: {len(rows)} sentences",
        f"{'split':<6} {'system':<10} {'n':>4} {'acc':>6} {'agreedP':>7} "
        + " ".join(f"{k[:5] + ' P':>8} {k[:5] + ' R':>8}" for k in KINDS),
    ]
    for split in ("train", "test", "all"):
        chosen = [r for r in rows if split == "all" or r[2] == split]
        for name, system in SYSTEMS.items():
            result = score([g for _, g, _ in chosen], [system(t) for t, _, _ in chosen])
            cells = " ".join(
                f"{result[k]['precision']:>8.3f} {result[k]['recall']:>8.3f}" for k in KINDS
            )
            lines.append(
                f"{split:<6} {name:<10} {result['n']:>4} {result['accuracy']:>6.3f}"
                f" {result['agreed_precision']:>7.3f} {cells}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared"))
    args = parser.parse_args(argv)
    print(run(args.dataset, args.data_dir))


if __name__ == "__main__":
    main()
