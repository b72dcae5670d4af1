"""The conflicts a brief lists on stories nobody labelled, to read: how many, of which kinds,
and a random sample with both sides.

    .venv/bin/python bench/conflicts_wild.py [--shared ../shared] [--sample 25] [--seed 7]

Each gold story of `stories-dev.jsonl` told by two outlets or more is compared as one story
(`compare_outlets`, fast mode: no spaCy, no MiniLM), as a brief of that story would. The
labelled pairs of `newsweave.evaluation.conflicts` were mined among similar sentences; this
shows what a reader of the "Disputed" list meets elsewhere. Nothing is scored: read the sample
(docs/evaluation.md, "Conflicts in the wild").
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

from newsweave.briefing.agreement.compare import compare_outlets
from newsweave.clean.cleaner import clean
from newsweave.models import Article, RawArticle, Story
from newsweave.readers.records import record_article

REPO = Path(__file__).resolve().parents[1]


def gold_stories(data: Path) -> dict[str, list[Article]]:
    """The articles of each gold story of the file, read and cleaned as a brief reads them."""
    found: dict[str, list[Article]] = defaultdict(list)
    with data.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            record = json.loads(line)
            raw = record_article(record, f"{data}:{number}", f"line {number}")
            if isinstance(raw, RawArticle):
                found[record["cluster"]].append(clean(raw))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--sample", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    listed = []
    stories = gold_stories(args.shared / "data" / "stories-dev.jsonl")
    for key, articles in stories.items():
        if len({a.voice for a in articles}) < 2:
            continue
        agreement = compare_outlets(Story(key, tuple(articles)), mode="lexical", verbs="rule")
        listed.extend(
            (key, c.about, [claim.text for claim in c.claims]) for c in agreement.conflicts
        )
    print(f"{len(listed)} conflicts listed in {len(stories)} gold stories")
    print("by kind:", Counter(about.split(":")[0] for _, about, _ in listed).most_common())
    print("by source:", Counter(key.split(":")[0] for key, _, _ in listed).most_common())
    for key, about, sides in random.Random(args.seed).sample(listed, min(args.sample, len(listed))):
        print(f"\n## {key} | {about}")
        for side in sides:
            print(f"   - {side[:220]}")


if __name__ == "__main__":
    main()
