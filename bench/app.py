"""The archive and the app: ingest throughput, a repeated ingest, and story page latency.

    python bench/app.py [--size 10000] [--requests 200]

Builds a corpus (bench/corpus.py) as JSONL, times `newsweave ingest` into a fresh store (read,
clean, group, brief every story), times the same ingest again (it should change nothing and
cost a small fraction), then starts `newsweave serve` on 127.0.0.1 and times the largest
story's page over --requests requests with a real HTTP client (median and p95).
"""

from __future__ import annotations

import argparse
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import OUT, corpus, write_jsonl

NEWSWEAVE = [sys.executable, "-m", "newsweave"]


def _ingest(data: Path, store: Path) -> float:
    started = time.perf_counter()
    subprocess.run([*NEWSWEAVE, "ingest", str(data), "--store", str(store)], check=True)
    return time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page_latency(store: Path, requests: int) -> tuple[float, float]:
    with sqlite3.connect(store) as db:
        (story_id,) = db.execute("SELECT id FROM stories ORDER BY size DESC LIMIT 1").fetchone()
    port = _free_port()
    server = subprocess.Popen([*NEWSWEAVE, "serve", "--store", str(store), "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(100):
                try:
                    client.get("/api/stories")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(f"/stories/{story_id}").raise_for_status()
                times.append(time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(timeout=30)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="articles to ingest")
    parser.add_argument("--requests", type=int, default=200, help="page requests to time")
    args = parser.parse_args()
    data = write_jsonl(corpus(args.size), OUT / f"app-corpus-{args.size}.jsonl")
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "bench.db"
        first = _ingest(data, store)
        again = _ingest(data, store)
        median, p95 = _page_latency(store, args.requests)
    print(f"ingest {args.size} articles: {first:.1f} s ({args.size / first:.1f} articles/s)")
    print(f"ingest the same files again: {again:.1f} s ({again / first:.1%} of the first)")
    print(f"story page ({args.requests} requests): median {median * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
