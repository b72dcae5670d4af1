"""How often is a listed exclusive really said by one outlet alone? Measured on labelled pairs.

For each BASIL story of tests/data/statement-pairs.jsonl (the held-out third by default), the
story's three articles are cleaned and compared (`compare_outlets`). A listed exclusive is
checkable when its sentence is one side of a labelled pair; it is wrong when some labelled pair
says another outlet's sentence states the same claim ("same"). Exclusive precision = right /
checkable. Each run measures the exclusives twice, in the same process: without the check
that no part of another outlet's sentence says an exclusive (`exclusives.stated_in_parts`,
its thresholds set out of reach) and with it, so the two rows compare like with like.

    python bench/exclusives_check.py --shared /work/shared [--split test|train|all]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsweave.briefing.agreement.compare import compare_outlets
from newsweave.clean.cleaner import clean
from newsweave.config import set_defaults, settings
from newsweave.models import RawArticle, Story

LABELS = Path(__file__).parent.parent / "tests/data/statement-pairs.jsonl"


def _key(text: str) -> str:
    return " ".join(text.split())


def _labelled(split: str, shared: Path) -> tuple[dict[str, list[dict[str, Any]]], dict]:
    """Labelled pairs by story, and the raw sentence text of each (article, start, end)."""
    records = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if split in ("all", record["split"]):
            by_story[record["story"]].append(record)
    texts = {}
    for line in (shared / "data/stories-dev.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        texts[item["id"]] = item
    return by_story, texts


def _story(story: str, texts: dict[str, Any]) -> Story:
    articles = []
    for item in texts.values():
        if str(item["cluster"]) == story and item["source_dataset"] == "basil":
            raw = RawArticle(
                source=f"stories-dev.jsonl#{item['id']}",
                text=item["text"],
                record_id=item["id"],
                title=item.get("title"),
                outlet=item.get("outlet"),
                published=item.get("published"),
            )
            articles.append(clean(raw))
    return Story(id=story, articles=tuple(articles))


def check(split: str, shared: Path, parts: bool = True) -> dict[str, Any]:
    """Exclusive precision on the labelled stories of `split`; `parts`: with the part check."""
    by_story, texts = _labelled(split, shared)
    default = settings("agreement")
    off = {"embedding_part_threshold": 2.0, "lexical_part_threshold": 2.0}
    on = {key: getattr(default, key) for key in off}
    set_defaults("agreement", **(on if parts else off))
    checkable = wrong = listed = 0
    for story, records in by_story.items():
        sentence = {}
        same_elsewhere: dict[str, bool] = defaultdict(bool)
        for r in records:
            for side in ("ref_a", "ref_b"):
                ref = r[side]
                text = texts[ref["article"]]["text"][ref["start"] : ref["end"]]
                sentence[(ref["article"], _key(text))] = True
                same_elsewhere[_key(text)] |= r["label"] == "same"
        agreement = compare_outlets(_story(story, texts))
        for exclusive in agreement.exclusives:
            listed += 1
            hits = [k for (_, k) in sentence if _key(exclusive.text) in k]
            if hits:
                checkable += 1
                wrong += any(same_elsewhere[k] for k in hits)
    right = checkable - wrong
    set_defaults("agreement", **on)
    return {
        "split": split,
        "part_check": parts,
        "stories": len(by_story),
        "exclusives_listed": listed,
        "checkable": checkable,
        "stated_by_another_outlet": wrong,
        "exclusive_precision": round(right / checkable, 3) if checkable else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--split", default="test", choices=("test", "train", "all"))
    args = parser.parse_args()
    rows = [check(args.split, args.shared, parts) for parts in (False, True)]
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
