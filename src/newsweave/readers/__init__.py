"""Read articles from files and folders, whatever their format.

    from newsweave.readers import read
    for item in read(["examples"]):   # RawArticle or Problem, one at a time
        ...

Each file is read by the reader its suffix and content call for (`detect.py`): plain text,
HTML, JSON Lines, JSON, RSS/Atom, WARC, gzipped or not. Reading streams: a JSONL file of any
size is read a line at a time. Bad input never raises: an unreadable file is one `Problem`,
a bad record in a multi-record file is one `Problem` naming its place, and the rest goes on.
Hostile input meets `Limits` (file, record, line and inflated sizes, HTML depth): over one,
the file or record is skipped with a reason that names the limit to raise.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from newsweave.models import Problem, RawArticle
from newsweave.readers.common import (
    BINARY_FILE,
    Item,
    Limits,
    Reader,
    Skipped,
    TooLarge,
    looks_binary,
)
from newsweave.readers.detect import SUFFIXES, detect_format, format_suffix, head_bytes, sniff
from newsweave.readers.paths import display_path, files_under
from newsweave.runner import Progress, no_progress

__all__ = ["Limits", "ReadStats", "display_path", "read"]

# A skipped file's or record's reason is cut to about this many characters: a reason may quote
# the input (a first line, a parser's complaint), and one line of input may be a gigabyte.
REASON_CHARS = 200
BLANK_TEXT = "no article text (only white space)"

# Format -> (module, function). Imported on first use: trafilatura, feedparser and warcio
# take a while to import and a run over plain text never needs them.
READERS: dict[str, tuple[str, str]] = {
    "text": ("text", "read_text"),
    "html": ("html", "read_html"),
    "jsonl": ("records", "read_jsonl"),
    "json": ("records", "read_json"),
    "feed": ("feeds", "read_feed"),
    "warc": ("warc", "read_warc"),
}


@dataclass(slots=True)
class ReadStats:
    """What a `read()` call went through, for the closing line the CLI prints.

    Mutable on purpose: `read()` fills it in as it goes, so a caller can print it after
    the (lazy) iteration has finished.
    """

    files: int = 0
    articles: int = 0
    files_skipped: int = 0
    records_skipped: int = 0
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    not_articles: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """'412 articles read, 3 files skipped, 2 records skipped; WARC: 5 skipped (...)'."""
        line = (
            f"{self.articles} articles read, {self.files_skipped} files skipped, "
            f"{self.records_skipped} records skipped"
        )
        if self.skipped_by_reason:
            total = sum(self.skipped_by_reason.values())
            reasons = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped_by_reason.items()))
            line += f"; WARC: {total} skipped ({reasons})"
        if self.not_articles:
            shown = ", ".join(self.not_articles[:3]) + (
                ", ..." if len(self.not_articles) > 3 else ""
            )
            line += (
                f"; {len(self.not_articles)} files in folders left unread, not an article "
                f"format by their suffix ({shown}); name a file to have it read anyway"
            )
        return line


def read(
    paths: Iterable[str | Path],
    stats: ReadStats | None = None,
    limits: Limits | None = None,
    *,
    follow_links: bool = False,
    progress: Progress = no_progress,
) -> Iterator[RawArticle | Problem]:
    """Yield every article in `paths` (files, or folders read recursively), in a fixed order.

    `source` of each item is the path as given joined with where the file was found, plus
    the record's place in a multi-record file (`feed.xml#3`, `crawl.jsonl:17`,
    `crawl.warc.gz@40213`), as `display_path` shows it (a name that is not UTF-8 or holds
    control characters is escaped; the file is opened by its own name). Pass `stats` to have
    it counted, `limits` to change the [ingest] limits, `follow_links` to read links that
    lead out of a folder given. A single path is taken as a list of one (not as the
    characters of a string). `progress` hears `("reading", files seen, files in all)`: the
    folders are listed once first to count them (names only, nothing is opened).
    """
    stats = stats if stats is not None else ReadStats()
    limits = limits or Limits.from_settings()
    given_paths: list[str | Path] = [paths] if isinstance(paths, str | Path) else list(paths)
    total = _count_files(given_paths, follow_links) if progress is not no_progress else None
    seen = 0
    for given in given_paths:
        for found in files_under(str(given), follow_links):
            progress("reading", seen, total)
            seen += 1
            if isinstance(found, Problem):
                stats.files_skipped += 1
                yield _shown_problem(found)
                continue
            path, source = found[0], display_path(found[1])
            if found[1] != str(given) and _suffix_says_not_article(path):
                stats.not_articles.append(source)
                continue
            stats.files += 1
            for item in _read_file(path, source, limits):
                if isinstance(item, Skipped):
                    reasons = stats.skipped_by_reason
                    reasons[item.reason] = reasons.get(item.reason, 0) + 1
                    continue
                if isinstance(item, RawArticle) and (not item.text or item.text.isspace()):
                    # a reader checks for text before the mojibake repair, which can leave
                    # only white space ("â€¨" is a line separator)
                    item = Problem(item.source, BLANK_TEXT)
                if isinstance(item, RawArticle):
                    stats.articles += 1
                else:
                    item = _shown_problem(item)
                    if item.source == source:
                        stats.files_skipped += 1
                    else:
                        stats.records_skipped += 1
                yield item
    progress("reading", seen, total)


def _count_files(paths: list[str | Path], follow_links: bool) -> int:
    """How many entries `files_under` finds under `paths` (a listing: nothing is opened)."""
    return sum(1 for given in paths for _ in files_under(str(given), follow_links))


def _shown_problem(problem: Problem) -> Problem:
    """The problem as it may be shown: source and reason through `display_path`, and a
    reason over `REASON_CHARS` cut in its middle (it may quote the input, a line of which
    may be a gigabyte; its end says what was kept). It is cut before it is escaped too, to
    a few times that, so that a huge one is never escaped whole."""
    reason = _middle_cut(display_path(_middle_cut(problem.reason, 4 * REASON_CHARS)))
    return Problem(display_path(problem.source), reason)


def _middle_cut(text: str, most: int = REASON_CHARS) -> str:
    """`text`, or its first three quarters of `most` characters and its last quarter."""
    if len(text) <= most:
        return text
    tail = most // 4
    return f"{text[: most - tail]} [...] {text[-tail:]}"


def _suffix_says_not_article(path: Path) -> bool:
    """A file met in a folder whose suffix names another kind of file (.py, .md, .png...).

    Files without a suffix are sniffed; files named on the command line are always read.
    """
    suffix = format_suffix(path)
    return bool(suffix) and suffix not in SUFFIXES


def _read_file(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    """The items of one file; anything unreadable about the file becomes one Problem.

    A limit hit part-way through a multi-record file (a gzip bomb after good lines) keeps the
    records before it: the Problem then names the file and says so.
    """
    read_any = False
    try:
        if not path.exists():
            yield Problem(source, "no such file or folder")
            return
        if not path.is_file():
            yield Problem(source, "not a regular file")
            return
        if path.stat().st_size == 0:
            yield Problem(source, "empty file")
            return
        format_name = detect_format(path, limits)
        if format_name != "warc" and _binary(head_bytes(path, limits)):
            yield Problem(source, BINARY_FILE)
            return
        for item in _reader(format_name)(path, source, limits):
            read_any = True
            yield item
    except (OSError, TooLarge, RecursionError, MemoryError) as error:
        kept = "; kept the records before it" if read_any else ""
        yield Problem(source, _reason(error) + kept)
    except Exception as error:  # a reader library failing on strange input must not stop a run
        yield Problem(source, f"could not be read ({type(error).__name__}: {error})")


def _binary(head: bytes) -> bool:
    """Bytes with NULs that do not even start like a format we read (a PNG, a zip...).

    A file that starts as JSON or XML and turns to NULs later is left to its reader, which
    keeps what comes before the damage.
    """
    return looks_binary(head) and sniff(head) == "text"


def _reader(format_name: str) -> Reader:
    """The reader function for a format, importing its module on first use."""
    module, function = READERS[format_name]
    reader: Reader = getattr(import_module(f"newsweave.readers.{module}"), function)
    return reader


def _reason(error: BaseException) -> str:
    """A short reason for an OS error ('permission denied'), or the error's own message."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror[:1].lower() + error.strerror[1:]
    if isinstance(error, RecursionError):
        return "nested too deeply to read (RecursionError)"
    if isinstance(error, MemoryError):
        return "too large to read in the memory there is (MemoryError)"
    return str(error) or type(error).__name__
