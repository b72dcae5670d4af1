"""Calendar dates found and valued right on the dev set, in all and by document-level folds.

    PYTHONPATH=src .venv/bin/python bench/timex_folds.py [../shared/data/timex-dev-tbaq.jsonl]

"Found" is the share of gold DATE expressions that a DATE-typed expression overlaps (relaxed
recall, as TempEval-3 counts), "value right" the share of those whose TIMEX3 value matches.
The dev documents are dealt into 5 folds by a hash of their id, and each fold's figures are
shown beside the whole set's: the date rules are hand-written, not fitted, so a fold is not a
training set, but the spread across folds shows how much the figure depends on which news the
rules meet. dateparser's `search_dates` runs in the same command as the baseline.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from newsweave.evaluation.timex import Span, dateparser_tagger, load, newsweave_tagger, score

FOLDS = 5


def fold_of(document_id: str) -> int:
    return hashlib.sha1(document_id.encode()).digest()[0] % FOLDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "dataset", type=Path, nargs="?", default=Path("../shared/data/timex-dev-tbaq.jsonl")
    )
    corpus = load(parser.parse_args().dataset)
    print(f"{'system':<24} {'part':<8} {'docs':>4} {'gold':>5} {'found':>6} {'value right':>11}")
    for name, tagger in (("newsweave", newsweave_tagger), ("dateparser", dateparser_tagger)):
        tagged: list[tuple[str, list[Span], list[Span]]] = [
            (doc_id, gold, tagger(text, created)) for doc_id, text, created, gold in corpus
        ]
        parts = [("all", tagged)] + [
            (f"fold {k}", [t for t in tagged if fold_of(t[0]) == k]) for k in range(FOLDS)
        ]
        for label, chosen in parts:
            s = score([(gold, found) for _, gold, found in chosen], "DATE")
            print(
                f"{name:<24} {label:<8} {len(chosen):>4} {s['gold']:>5.0f} "
                f"{s['relaxed_r']:>6.3f} {s['value_accuracy']:>11.3f}"
            )


if __name__ == "__main__":
    main()
