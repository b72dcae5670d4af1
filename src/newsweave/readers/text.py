"""Plain-text articles: one file, one article, the text kept exactly as written.

Cleaning (datelines, boilerplate lines, captions) is a later stage's job, so nothing is
removed here; only the encoding and the line endings ('\\r\\n' -> '\\n') are settled.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsweave.models import Problem, RawArticle
from newsweave.readers.common import (
    EMPTY_FILE,
    Item,
    Limits,
    decode_text,
    mojibake_repaired,
    read_limited,
)


def read_text(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    """Yield the file as one RawArticle, or a Problem when it is empty or not text."""
    data = read_limited(path, limits)
    try:
        text, note = decode_text(data)
    except ValueError as error:
        yield Problem(source, str(error))
        return
    if not text.strip():
        yield Problem(source, EMPTY_FILE)
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    yield mojibake_repaired(RawArticle(source=source, text=text, notes=(note,) if note else ()))
