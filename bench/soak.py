"""Soak: a long stream of mixed good and bad JSONL records through reading and cleaning.

    .venv/bin/python bench/soak.py [--records 100000] [--every 5000] [--workers 1]

Writes `--records` records to a temporary JSONL file: good articles (with crawlers' field
names), wrong types (a number id, a list of paragraphs, a null title, an epoch or unreadable
date: coerced and kept; an object as text, a boolean outlet: skipped), nulls, lines cut short,
huge fields under the limits (a 200 KB title, a 1 MB unknown field, a 300 KB text that meets
max_sentences), binary junk, JSON that is not an object and blank lines. Then streams the file
through `newsweave.pipeline.read_articles` (reading + cleaning, not briefing), holding
nothing, and samples this process's RSS every `--every` items out (articles and problems).

Prints records/s, articles read, problems counted, good records lost (each record meant to be
kept carries a marker word; lost = markers not found in any article) and the RSS curve with
its first, last and highest sample: memory must stay flat. Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from newsweave.models import Article
from newsweave.pipeline import read_articles
from newsweave.readers import ReadStats
from newsweave.runner import Runner

PROSE = [
    "The harbour bridge reopened to traffic on Tuesday after eleven weeks of repairs.",
    "Engineers replaced 42 cracked steel supports, the transport office said.",
    '"We are relieved that the crossing is safe again," Mayor Ana Ruiz told reporters.',
    "The work cost $3.5 million, about a fifth more than the city had budgeted.",
    "Commuters had faced detours of up to 40 minutes since early March.",
    "A second inspection is planned for next spring, officials said.",
]
TEXT_KEYS = ["text", "maintext", "content", "body"]
OUTLET_KEYS = ["outlet", "source", "source_domain", "site"]
DATE_KEYS = ["published", "date_publish", "date", "pubDate"]

_MARKER = re.compile(r"Rec(\d+)x ")
Record = tuple[bytes, bool]  # (the line, without its newline; whether it must be kept)


def _body(rng: random.Random, marker: str) -> str:
    return f"{marker} was filed today. " + " ".join(rng.sample(PROSE, rng.randint(2, 5)))


def good(rng: random.Random, n: int) -> Record:
    record = {
        rng.choice(TEXT_KEYS): _body(rng, f"Rec{n}x"),
        "title": f"Bridge reopens, report {n}",
        "url": f"https://news.example/{n}",
        rng.choice(OUTLET_KEYS): f"Outlet {n % 400}",
        rng.choice(DATE_KEYS): f"2021-06-{1 + n % 28:02d}T0{n % 10}:00:00Z",
    }
    return json.dumps(record).encode(), True


def wrong_types(rng: random.Random, n: int) -> Record:
    marker = f"Rec{n}x"
    kept: list[dict[str, object]] = [
        {"id": n, "text": _body(rng, marker)},
        {"text": [_body(rng, marker), *PROSE[:2]], "title": None},
        {"text": _body(rng, marker), "published": 1623801600 + n},
        {"text": _body(rng, marker), "published": "not a date at all"},
        {"text": _body(rng, marker), "title": [f"Title {n}"], "url": None},
    ]
    skipped: list[dict[str, object]] = [
        {"text": {"html": f"<p>{marker}</p>"}},
        {"text": _body(rng, marker), "outlet": True},
        {"text": None, "title": "Only a title"},
        {"title": "No text at all", "url": "https://news.example/x"},
    ]
    if rng.random() < 0.6:
        return json.dumps(rng.choice(kept)).encode(), True
    return json.dumps(rng.choice(skipped)).encode(), False


def cut(rng: random.Random, n: int) -> Record:
    line, _ = good(rng, n)
    return line[: rng.randint(1, len(line) - 2)], False


def huge(rng: random.Random, n: int) -> Record:
    marker = f"Rec{n}x"
    kind = rng.choice(["title", "extra", "text"])
    if kind == "title":
        record = {"text": _body(rng, marker), "title": "Long title " * 20_000}
    elif kind == "extra":
        record = {"text": _body(rng, marker), "raw_html": "<div>x</div>" * 90_000}
    else:  # ~300 KB, ~2,500 sentences: cut at max_sentences with a note
        record = {"text": _body(rng, marker) + " " + " ".join(PROSE) * 500}
    return json.dumps(record).encode(), True


def junk(rng: random.Random, n: int) -> Record:
    kind = rng.choice(["binary", "not-object", "blank", "garbage"])
    if kind == "binary":
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 300))).replace(
            b"\n", b"\0"
        ), False
    if kind == "not-object":
        return rng.choice([b"[1, 2, 3]", b'"just a string"', b"42", b"null", b"true"]), False
    if kind == "blank":
        return b"   ", False
    return b"{" + b"\xff\xfe not json " * rng.randint(1, 20), False


# (weight, maker): ~70% good, the rest every kind of bad. Huge records are kept rare: the
# 300 KB texts cost ~0.3 s each to split up to max_sentences.
KINDS: list[tuple[float, Callable[[random.Random, int], Record]]] = [
    (0.70, good),
    (0.12, wrong_types),
    (0.06, cut),
    (0.002, huge),
    (0.118, junk),
]


def records(count: int, seed: int) -> Iterator[Record]:
    rng = random.Random(seed)
    weights, makers = zip(*KINDS, strict=True)
    for n in range(count):
        yield rng.choices(makers, weights)[0](rng, n)


def write(path: Path, count: int, seed: int) -> bytearray:
    """Write the records; a flag per record, 1 where it must be kept (a fixed-size bitmap, so
    that the bookkeeping does not grow while RSS is sampled)."""
    expected = bytearray(count)
    with path.open("wb") as stream:
        for n, (line, keep) in enumerate(records(count, seed)):
            stream.write(line + b"\n")
            expected[n] = keep
    return expected


def rss_mb() -> float:
    """This process's resident memory now, in MB (from /proc; peak RSS where there is none)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def soak(path: Path, expected: bytearray, every: int, workers: int) -> dict[str, object]:
    stats = ReadStats()
    found = bytearray(len(expected))
    articles = problems = items = 0
    curve: list[tuple[int, float]] = []
    started = time.perf_counter()
    for item in read_articles([path], stats=stats, runner=Runner(workers)):
        items += 1
        if isinstance(item, Article):
            articles += 1
            marker = _MARKER.match(item.text)
            if marker:
                found[int(marker.group(1))] = 1
        else:
            problems += 1
        if items % every == 0:
            curve.append((items, rss_mb()))
            print(f"  {items:>7} records  {curve[-1][1]:7.1f} MB", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    curve.append((items, rss_mb()))
    return {
        "seconds": seconds,
        "items": items,
        "articles": articles,
        "problems": problems,
        "lost": sum(keep and not kept for keep, kept in zip(expected, found, strict=True)),
        "curve": curve,
        "summary": stats.summary(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=5_000, help="sample RSS every N records")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "soak.jsonl"
        started = time.perf_counter()
        expected = write(path, args.records, args.seed)
        size_mb, took = path.stat().st_size / 1e6, time.perf_counter() - started
        print(f"wrote {args.records} records ({size_mb:.1f} MB) in {took:.1f} s")
        result = soak(path, expected, args.every, args.workers)
    curve = result["curve"]
    assert isinstance(curve, list)
    samples = [mb for _, mb in curve]
    seconds = float(str(result["seconds"]))
    print(f"records written      {args.records}")
    print(f"items out            {result['items']} (articles + problems; blank lines give none)")
    print(f"articles read        {result['articles']}")
    print(f"problems counted     {result['problems']}")
    print(f"good records lost    {result['lost']} of {sum(expected)}")
    print(f"seconds              {seconds:.1f} ({args.records / seconds:,.0f} records/s)")
    print(f"RSS MB first/last/max  {samples[0]:.1f} / {samples[-1]:.1f} / {max(samples):.1f}")
    print("RSS curve (records: MB) " + ", ".join(f"{n}: {mb:.0f}" for n, mb in curve))
    print(f"read summary         {result['summary']}")


if __name__ == "__main__":
    main()
