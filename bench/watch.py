"""What a `watch` poll costs: N feeds of real articles (stories-dev from ../shared) served
from 127.0.0.1 by http.server (which answers If-Modified-Since with 304), polled twice into a
new store: the first poll fetches and ingests everything, the second finds nothing new.

    .venv/bin/python bench/watch.py [--shared ../shared] [--feeds 20] [--items 10]

Briefs are "fast" (no spaCy) and the host delay is 0 unless --host-delay is given: the figures
are the poller's own cost; with the default 1 s delay a poll of N feeds on one host takes at
least N-1 seconds more, by design.
"""

from __future__ import annotations

import argparse
import functools
import json
import tempfile
import threading
import time
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsweave.config import set_defaults, settings
from newsweave.watch.fetch import Fetcher
from newsweave.watch.poll import poll


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *_: object) -> None:
        pass


def write_feeds(shared: Path, folder: Path, feeds: int, items: int) -> int:
    """`feeds` RSS files of `items` articles each, by outlet; how many items in all."""
    by_outlet: dict[str, list[dict[str, str]]] = {}
    with (shared / "data" / "stories-dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            by_outlet.setdefault(record.get("outlet") or "unknown", []).append(record)
    written = 0
    for number, records in enumerate(list(by_outlet.values())[:feeds]):
        entries = "".join(
            f"<item><guid>{escape(r['id'])}</guid><title>{escape(r.get('title') or '')}</title>"
            f"<link>http://127.0.0.1/{number}/{i}</link>"
            f"<description>{escape(r['text'])}</description></item>"
            for i, r in enumerate(records[:items])
        )
        written += len(records[:items])
        (folder / f"{number}.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>feed {number}</title>'
            f"{entries}</channel></rss>",
            encoding="utf-8",
        )
    return written


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--host-delay", type=float, default=0.0)
    options = parser.parse_args()
    set_defaults("brief", mode="fast")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "feeds").mkdir()
        total = write_feeds(options.shared, folder / "feeds", options.feeds, options.items)
        handler = functools.partial(Quiet, directory=str(folder / "feeds"))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        urls = [
            f"http://127.0.0.1:{server.server_address[1]}/{path.name}"
            for path in sorted((folder / "feeds").glob("*.xml"))
        ]
        knobs = settings("watch", host_delay_seconds=options.host_delay)
        for name in ("first poll", "second poll"):
            started = time.perf_counter()
            report = poll(urls, folder / "news.db", fetcher=Fetcher(knobs))
            seconds = time.perf_counter() - started
            print(f"{name}: {seconds:.2f} s; {report.summary()}")
        server.shutdown()
    print(f"{len(urls)} feeds, {total} items")


if __name__ == "__main__":
    main()
