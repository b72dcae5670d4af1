"""One poll: ask every feed what is new, take the new items (with their pages where the feed
has a blurb only) and ingest them into the store in one go.

A feed that fails (an HTTP error, a timeout, an unreadable document) is reported with its URL
and reason; the others go on. A feed that answers 304 costs nothing more. Items already taken
from a feed, unchanged, are skipped before any page is fetched, and the store itself keys
articles by content hash: a second poll that finds nothing new changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from tempfile import TemporaryDirectory

from newsweave.clean import clean
from newsweave.models import Article, Problem, RawArticle, StoryProblem
from newsweave.readers import Limits
from newsweave.readers.common import Item
from newsweave.readers.feeds import read_feed
from newsweave.runner import Runner
from newsweave.store.ingest import IngestReport, ingest
from newsweave.watch.fetch import Fetcher, FetchError
from newsweave.watch.pages import is_blurb, with_page
from newsweave.watch.state import FeedState, load_feed, open_state, save_poll, seen_items

Tell = Callable[[Problem | StoryProblem], None]


@dataclass(slots=True)
class PollReport:
    """What one poll did, for its closing line."""

    feeds: int = 0
    answered: int = 0
    unchanged: int = 0
    failed: int = 0
    new_items: int = 0
    pages: int = 0
    ingest: IngestReport | None = None

    def summary(self) -> str:
        stored = f"; {self.ingest.summary()}" if self.ingest else "; nothing to ingest"
        return (
            f"{self.feeds} feeds: {self.answered} answered ({self.unchanged} unchanged), "
            f"{self.failed} failed; {self.new_items} new items, {self.pages} pages fetched"
            f"{stored}"
        )


@dataclass(slots=True)
class _Taken:
    """One feed's outcome: its new state, its new items and their (feed, key, digest)."""

    state: FeedState
    items: list[RawArticle] = field(default_factory=list)
    seen: list[tuple[str, str, str]] = field(default_factory=list)


def poll(
    urls: Sequence[str],
    store: Path,
    *,
    fetcher: Fetcher | None = None,
    limits: Limits | None = None,
    runner: Runner = Runner(workers=1),
    on_problem: Tell | None = None,
) -> PollReport:
    """Poll each feed once and ingest what is new into `store` (created if new)."""
    fetcher = fetcher or Fetcher()
    limits = limits or Limits.from_settings()
    tell: Tell = on_problem or (lambda problem: None)
    report = PollReport(feeds=len(urls))
    with closing(open_state(store)) as connection, TemporaryDirectory() as folder:
        taken = [
            _poll_feed(connection, url, fetcher, limits, Path(folder) / f"{n}.xml", report, tell)
            for n, url in enumerate(urls)
        ]
        items = [item for outcome in taken for item in outcome.items]
        if items:
            report.ingest = ingest(
                (), store, articles=_cleaned(items, limits), runner=runner, on_problem=tell
            )
        save_poll(connection, [t.state for t in taken], [s for t in taken for s in t.seen])
    return report


def _poll_feed(
    connection: sqlite3.Connection,
    url: str,
    fetcher: Fetcher,
    limits: Limits,
    scratch: Path,
    report: PollReport,
    tell: Tell,
) -> _Taken:
    """Ask one feed (conditionally) and take its new items; a failure is told, not raised."""
    state = load_feed(connection, url)
    try:
        answer = fetcher.get(
            url, limits.max_file_bytes, etag=state.etag, last_modified=state.last_modified
        )
    except FetchError as error:
        return _failed(state, str(error), report, tell)
    if answer.status == 304:
        report.answered += 1
        report.unchanged += 1
        etag, modified = answer.etag or state.etag, answer.last_modified or state.last_modified
        return _Taken(replace(state, etag=etag, last_modified=modified, outcome="not modified"))
    items = _feed_items(answer.body, url, scratch, limits)
    whole = next((i for i in items if isinstance(i, Problem) and i.source == url), None)
    if whole is not None:
        return _failed(state, whole.reason, report, tell)
    report.answered += 1
    taken = _Taken(FeedState(url, answer.etag, answer.last_modified, "read"))
    seen = seen_items(connection, url)
    for item in items:
        if isinstance(item, Problem):
            tell(item)
        elif isinstance(item, RawArticle):
            _take(item, seen, taken, fetcher, limits, report, tell)
    return taken


def _take(
    item: RawArticle,
    seen: dict[str, str],
    taken: _Taken,
    fetcher: Fetcher,
    limits: Limits,
    report: PollReport,
    tell: Tell,
) -> None:
    """Add the item to `taken` unless the feed gave it before unchanged (page fetched first
    where the feed has a blurb only)."""
    key, digest = item_key(item)
    if seen.get(key) == digest:
        return
    if is_blurb(item, fetcher.knobs.blurb_words):
        item, used = with_page(item, fetcher, limits, tell)
        report.pages += used
    report.new_items += 1
    taken.items.append(item)
    taken.seen.append((taken.state.url, key, digest))


def _feed_items(body: bytes, url: str, scratch: Path, limits: Limits) -> list[Item]:
    """The feed's items as the RSS/Atom file reader reads them (its entity guards, its
    limits), each named `URL#N`; anything the reader fails on becomes one Problem for the
    feed, as it does for a file."""
    scratch.write_bytes(body)
    try:
        return list(read_feed(scratch, url, limits))
    except Exception as error:  # a parser failing on strange input must not stop the poll
        return [Problem(url, f"could not be read ({type(error).__name__}: {error})")]


def _failed(state: FeedState, reason: str, report: PollReport, tell: Tell) -> _Taken:
    report.failed += 1
    tell(Problem(state.url, reason))
    return _Taken(replace(state, outcome=f"failed: {reason}"))


def item_key(item: RawArticle) -> tuple[str, str]:
    """(what names the item in its feed, a hash of what it says): guid, else link, else text."""
    said = json.dumps([item.title, item.url, item.published, item.text], ensure_ascii=False)
    digest = hashlib.sha256(said.encode("utf-8")).hexdigest()
    return item.record_id or item.url or digest, digest


def _cleaned(items: list[RawArticle], limits: Limits) -> list[Article | Problem]:
    return [
        clean(item, max_sentences=limits.max_sentences, max_chars=limits.max_text_chars)
        for item in items
    ]
