"""Repost detection figures: the dev-set table, and recall on a harder synthetic spin.

    .venv/bin/python bench/reposts.py [../shared/data/reposts-dev.jsonl] [--articles 300]

The synthetic spin is deliberately thesaurus-free: a share of the content words (lower-case,
not a function word, not a number) is replaced by random letter strings, which no synonym list
could map back, and neighbouring sentences are swapped. It shows how far the sentence-alignment
signal holds when a spinner changes more words than the dev spinner does. Each spun text is run
through `mark_duplicates` together with its original (candidates and verification both count).
"""

from __future__ import annotations

import argparse
import random
import re
import string
from dataclasses import replace
from pathlib import Path

from newsweave.dedup.align import STOP_WORDS
from newsweave.dedup.reposts import mark_duplicates
from newsweave.evaluation.reposts import load_articles, run
from newsweave.models import Article
from newsweave.text.sentences import split_sentences

_WORD = re.compile(r"(?<![\w.,:'’])[a-z]+(?![\w'’])")


def spin(article: Article, share: float, rng: random.Random) -> Article:
    """`article` with `share` of its content words replaced and neighbours swapped."""

    def swap_word(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in STOP_WORDS or rng.random() >= share:
            return word
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(len(word)))

    sentences = [_WORD.sub(swap_word, s.text) for s in article.sentences]
    for i in range(len(sentences) - 1):
        if rng.random() < 0.3:
            sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    text = " ".join(sentences)
    return replace(article, id=f"{article.id}-hard", text=text, sentences=split_sentences(text))


def harder_spin_recall(articles: list[Article], share: float, seed: int = 7) -> float:
    """Share of synthetic spins that `mark_duplicates` links to their original."""
    rng = random.Random(seed)
    found = 0
    for article in articles:
        copy = spin(article, share, rng)
        marked = mark_duplicates([article, copy])
        found += marked[1].duplicate_of == article.id
    return found / len(articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared" / "data" / "reposts-dev.jsonl"
    parser.add_argument("dataset", nargs="?", type=Path, default=default)
    parser.add_argument("--articles", type=int, default=300)
    options = parser.parse_args()
    print(run(options.dataset))
    real = [a for a in load_articles(options.dataset) if "-" not in a.id]
    real = [a for a in real if len(a.sentences) >= 3][: options.articles]
    print(f"\nharder synthetic spin, {len(real)} articles (content words replaced):")
    for share in (0.2, 0.35, 0.5):
        print(f"  {share:.0%} replaced: recall {harder_spin_recall(real, share):.3f}")


if __name__ == "__main__":
    main()
