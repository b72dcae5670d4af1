"""Speed of the agreement stage: statements/s in each mode, and the cost of 10- and 50-article
stories (real DUC 2006 articles from ../shared, cleaned and split as the pipeline does).

    .venv/bin/python bench/agreement.py [--shared ../shared] [--modes embedding,lexical]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsweave.briefing.agreement.compare import compare_outlets
from newsweave.briefing.agreement.statements import story_statements
from newsweave.clean.cleaner import clean
from newsweave.models import Article, RawArticle, Story
from newsweave.nlp.embed import default_embedder


def articles(shared: Path, wanted: int) -> list[Article]:
    """The first `wanted` articles of the DUC clusters, cleaned."""
    found: list[Article] = []
    path = shared / "data" / "summaries-dev-duc2006-2007.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        for record in json.loads(line)["articles"]:
            raw = RawArticle(
                source=f"{path.name}#{record['id']}",
                text=record["text"],
                record_id=record["id"],
                title=record.get("title"),
                outlet=record.get("outlet"),
                published=record.get("published"),
            )
            found.append(clean(raw))
            if len(found) == wanted:
                return found
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--modes", default="embedding,lexical")
    options = parser.parse_args()
    pool = articles(options.shared, 50)
    default_embedder()  # loaded once per process (~1 s); not part of a story's cost
    print(f"{'mode':<10} {'articles':>8} {'statements':>10} {'seconds':>8} {'statements/s':>12}")
    for mode in options.modes.split(","):
        for size in (10, 50):
            story = Story(id=f"bench-{size}", articles=tuple(pool[:size]))
            count = len(story_statements(story))
            started = time.perf_counter()
            compare_outlets(story, mode=mode)
            seconds = time.perf_counter() - started
            print(f"{mode:<10} {size:>8} {count:>10} {seconds:>8.2f} {count / seconds:>12.0f}")


if __name__ == "__main__":
    main()
