"""What the model cache saves: every story of a real pile briefed twice in one process.

    python bench/rebrief.py [PILE.jsonl] [N]

Reads the first N articles (default 60) of PILE (default: the 200-article DUC pile that
bench/brief_speed.py writes), groups them, then briefs every story twice with an empty model
cache in a temporary folder: the first pass runs spaCy and MiniLM and fills the cache, the
second reads it. Prints the CPU of each pass and whether the two JSON documents are the same.
MiniLM also keeps vectors in memory within one process, so the second pass here saves a little
more than a re-brief in a new process would.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import OUT


def main() -> None:
    pile = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT / "brief-pile-duc-200.jsonl"
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CACHE_HOME"] = folder  # before newsweave opens its cache
        from newsweave.models import Article
        from newsweave.pipeline import brief_story, group_stories, read_articles
        from newsweave.render.json_v1 import write_document
        from newsweave.runner import Runner

        read = read_articles([pile], runner=Runner(1), split=False)
        articles = [a for a in read if isinstance(a, Article)][:size]
        stories = group_stories(articles, runner=Runner(1))
        documents = []
        for name in ("first", "again"):
            began = time.process_time()
            briefs = [brief_story(story) for story in stories]
            cpu = time.process_time() - began
            out = io.StringIO()
            write_document(briefs, out)
            documents.append(out.getvalue())
            print(f"{name}: {cpu:.1f} s CPU, {len(articles) / cpu:.1f} articles per CPU-second")
        print("same briefs:", documents[0] == documents[1])


if __name__ == "__main__":
    main()
