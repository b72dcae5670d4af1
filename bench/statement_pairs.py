"""Mine candidate statement pairs from multi-outlet stories, for labelling by hand.

Stories: BASIL in stories-dev.jsonl (one event told by Fox News, the NYT and HuffPost). For each
story, pairs of sentences of different outlets are drawn by several similarities, so that the
labelled set holds easy positives, paraphrases, and hard negatives:
- `nearest`: each sentence's most similar sentence of another outlet (MiniLM cosine);
- `tfidf`: the same by TF-IDF cosine (word overlap without meaning);
- `middling`: MiniLM cosine 0.45-0.65, same topic, usually a different claim;
- `numbers`: many shared words but different numbers or dates;
- `random`: random same-story pairs.
A third of the stories (fixed by a hash of the story id) is the test split.

    python bench/statement_pairs.py mine --shared /work/shared > /tmp/candidates.jsonl
    python bench/statement_pairs.py show /tmp/candidates.jsonl 0 100     # read, then label
    python bench/statement_pairs.py write /tmp/candidates.jsonl labels.txt \
        > tests/data/statement-pairs.jsonl

`labels.txt`: one line per pair, in order: s (same claim), d (different), c (contradicting).
The written file holds pointers (file, record, article, start, end, sha1), never the texts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsweave.nlp.embed import default_embedder
from newsweave.text.sentences import split_sentences

DATA = "data/stories-dev.jsonl"
PER_STORY = {"nearest": 13, "tfidf": 5, "middling": 7, "numbers": 4, "random": 5}
_NUMBER = re.compile(r"\d[\d,.]*")


def test_stories(stories: set[str]) -> set[str]:
    """The fixed test split: the third of the stories with the lowest sha1 of their id."""
    ranked = sorted(stories, key=lambda story: hashlib.sha1(story.encode()).hexdigest())
    return set(ranked[: round(len(ranked) / 3)])


def stories(shared: Path) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in (shared / DATA).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["source_dataset"] == "basil":
            grouped[str(record["cluster"])].append(record)
    return dict(sorted(grouped.items()))


def sentences(record: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for sentence in split_sentences(record["text"]):
        words = len(sentence.text.split())
        if 8 <= words <= 70 and not sentence.text.rstrip("”\"' ").endswith("?"):
            found.append(
                {
                    "article": record["id"],
                    "outlet": record["outlet"],
                    "start": sentence.start,
                    "end": sentence.end,
                    "text": sentence.text,
                }
            )
    return found


def _pairs_for(story: str, items: list[dict[str, Any]], rng: random.Random) -> list[tuple]:
    texts = [s["text"] for s in items]
    vectors = default_embedder()(texts)
    embedding = np.asarray(vectors @ vectors.T)
    tfidf = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    lexical = np.asarray((tfidf @ tfidf.T).toarray())
    outlets = [s["outlet"] for s in items]
    cross = [
        (i, j)
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if outlets[i] != outlets[j]
    ]
    chosen: dict[tuple[int, int], str] = {}

    def take(ranked: list[tuple[int, int]], how: str, wanted: int) -> None:
        kept = 0
        for pair in ranked:
            if kept == wanted:
                return
            if pair not in chosen:
                chosen[pair] = how
                kept += 1

    take(sorted(cross, key=lambda p: -embedding[p]), "nearest", PER_STORY["nearest"])
    take(sorted(cross, key=lambda p: -lexical[p]), "tfidf", PER_STORY["tfidf"])
    middling = [p for p in cross if 0.45 <= embedding[p] < 0.65]
    rng.shuffle(middling)
    take(middling, "middling", PER_STORY["middling"])
    numbers = [
        p
        for p in cross
        if lexical[p] >= 0.2
        and _NUMBER.findall(texts[p[0]])
        and set(_NUMBER.findall(texts[p[0]])) != set(_NUMBER.findall(texts[p[1]]))
    ]
    take(sorted(numbers, key=lambda p: -lexical[p]), "numbers", PER_STORY["numbers"])
    rest = list(cross)
    rng.shuffle(rest)
    take(rest, "random", PER_STORY["random"])
    return [
        (story, items[i], items[j], how, float(embedding[i, j]), float(lexical[i, j]))
        for (i, j), how in chosen.items()
    ]


def mine(shared: Path) -> None:
    rng = random.Random(22)
    for story, records in stories(shared).items():
        items = [s for record in records for s in sentences(record)]
        for story_id, a, b, how, cosine, lexical in _pairs_for(story, items, rng):
            row = {"story": story_id, "a": a, "b": b, "mined_as": how}
            row |= {"cosine": round(cosine, 3), "tfidf": round(lexical, 3)}
            print(json.dumps(row))


def show(candidates: Path, start: int, stop: int) -> None:
    rows = candidates.read_text(encoding="utf-8").splitlines()[start:stop]
    for number, line in enumerate(rows, start=start):
        row = json.loads(line)
        print(f"#{number} [{row['mined_as']}] A: {row['a']['text']}\n   B: {row['b']['text']}")


def _ref(record: str, side: dict[str, Any]) -> dict[str, Any]:
    digest = hashlib.sha1(side["text"].encode("utf-8")).hexdigest()[:10]
    return {
        "file": DATA,
        "record": record,
        "article": side["article"],
        "start": side["start"],
        "end": side["end"],
        "sha1": digest,
    }


def write(candidates: Path, labels: Path) -> None:
    names = {"s": "same", "d": "different", "c": "contradicting"}
    marks = "".join(re.findall(r"[sdc]", labels.read_text(encoding="utf-8")))
    rows = candidates.read_text(encoding="utf-8").splitlines()
    if len(marks) != len(rows):
        sys.exit(f"{len(marks)} labels for {len(rows)} pairs")
    held_out = test_stories({json.loads(line)["story"] for line in rows})
    for line, mark in zip(rows, marks, strict=True):
        row = json.loads(line)
        out = {
            "ref_a": _ref(row["story"], row["a"]),
            "ref_b": _ref(row["story"], row["b"]),
            "label": names[mark],
            "kind": "statement_pair",
            "mined_as": row["mined_as"],
            "story": row["story"],
            "split": "test" if row["story"] in held_out else "train",
        }
        print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    mine_parser = sub.add_parser("mine")
    mine_parser.add_argument("--shared", type=Path, default=Path("../shared"))
    show_parser = sub.add_parser("show")
    show_parser.add_argument("candidates", type=Path)
    show_parser.add_argument("start", type=int)
    show_parser.add_argument("stop", type=int)
    write_parser = sub.add_parser("write")
    write_parser.add_argument("candidates", type=Path)
    write_parser.add_argument("labels", type=Path)
    args = parser.parse_args()
    if args.command == "mine":
        mine(args.shared)
    elif args.command == "show":
        show(args.candidates, args.start, args.stop)
    else:
        write(args.candidates, args.labels)


if __name__ == "__main__":
    main()
