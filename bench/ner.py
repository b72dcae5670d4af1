"""Speed of the spaCy stages that who-said-what runs: NER over articles, parsing of quotes.

    python bench/ner.py [FILE.jsonl] [--limit N]

Reads articles (default: the quotes dev set beside the project), cleans them, then times
`entity_docs` over the article texts and `parsed_docs` over the paragraphs (both in
`newsweave.nlp.spacy_pipeline`) that hold a quotation mark, as the stage runs them; prints
sentences/s for each.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsweave.models import Article
from newsweave.nlp import spacy_pipeline as nlp
from newsweave.pipeline import read_articles

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes-dev-polnear.jsonl"
QUOTE_MARKS = ('"', "“", "”", "«", "»")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=84, help="articles to use")
    args = parser.parse_args()
    articles = [a for a in read_articles([args.path]) if isinstance(a, Article)][: args.limit]
    sentences = sum(len(a.sentences) for a in articles)
    paragraphs = [
        p for a in articles for p in a.text.split("\n\n") if any(m in p for m in QUOTE_MARKS)
    ]
    list(nlp.entity_docs(["Warm-up sentence from Geneva."]))
    list(nlp.parsed_docs(["Warm-up sentence from Geneva."]))
    started = time.process_time()
    list(nlp.entity_docs([a.text for a in articles]))
    ner = time.process_time() - started
    started = time.process_time()
    parsed = list(nlp.parsed_docs(paragraphs))
    parse = time.process_time() - started
    parsed_sentences = sum(len(list(doc.sents)) for doc in parsed)
    print(f"{len(articles)} articles, {sentences} sentences (CPU seconds, one process)")
    rate = len(articles) / ner
    print(f"NER:   {ner:.2f} s, {sentences / ner:.0f} sentences/s, {rate:.1f} articles/s")
    print(f"parse: {parse:.2f} s over {len(paragraphs)} quote paragraphs, "
          f"{parsed_sentences / parse:.0f} sentences/s")  # fmt: skip


if __name__ == "__main__":
    main()
