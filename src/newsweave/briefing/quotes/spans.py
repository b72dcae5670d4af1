"""Where the quotation marks are: pair them into quoted stretches, paragraph by paragraph.

Straight and curly double quotes, « », and single quotes used as quotes (outside double quotes
only: inside, they are a quote within the quote). A paragraph that ends inside a quote whose next
paragraph reopens one continues the same quotation (newspaper style for long quotes); an
unclosed quote that is not continued ends at an attribution (", said ...") or at the paragraph
end. No NLP here: deciding which stretches are speech happens in `speakers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

OPENERS = "“„«"
CLOSERS = "”»"
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"
_CUT = re.compile(r",\s+(?:said|says|told|added|asked|wrote)\b")
_BEFORE_OPEN = " \t([{—–-/:"
_SINGLE_OPENER = re.compile(f"[{re.escape(SINGLE_OPEN)}]")
_DOUBLE_MARK = re.compile(f'[{re.escape(OPENERS + CLOSERS)}"]')


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Quoted words `text[start:end]` (marks excluded) in paragraph `paragraph`.

    `chain` is shared by the paragraphs of one quotation that runs over several paragraphs;
    `closed` is False when the closing mark was missing.
    """

    start: int
    end: int
    paragraph: int
    chain: int
    closed: bool = True
    single: bool = False


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line of `text`."""
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield offset, offset + len(line)
        offset += len(line) + 1


def find_spans(text: str) -> list[QuoteSpan]:
    """Every quoted stretch of `text`, in order."""
    spans: list[QuoteSpan] = []
    open_chain: int | None = None
    bounds = list(paragraphs(text))
    for number, (start, end) in enumerate(bounds):
        chain = open_chain if open_chain is not None else len(spans)
        pairs, unclosed = _double_pairs(text, start, end)
        continues = (
            unclosed is not None
            and number + 1 < len(bounds)
            and text[bounds[number + 1][0] :].lstrip()[:1] in OPENERS + '"'
        )
        if unclosed is not None:
            cut = None if continues else _CUT.search(text, unclosed, end)
            pairs.append((unclosed, cut.start() if cut else end, False))
        for index, (left, right, closed) in enumerate(pairs):
            link = chain if (index == 0 and open_chain is not None) else len(spans)
            if index == len(pairs) - 1 and continues and open_chain is None and index > 0:
                link = len(spans)
            _add(spans, text, left, right, number, link, closed, single=False)
        for left, right in _single_pairs(text, start, end, pairs):
            _add(spans, text, left, right, number, len(spans), True, single=True)
        open_chain = (spans[-1].chain if spans else None) if continues else None
    return sorted(spans, key=lambda s: s.start)


def _add(
    spans: list[QuoteSpan],
    text: str,
    left: int,
    right: int,
    paragraph: int,
    chain: int,
    closed: bool,
    *,
    single: bool,
) -> None:
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    if right - left >= 1:
        spans.append(QuoteSpan(left, right, paragraph, chain, closed, single))


def _double_pairs(
    text: str, start: int, end: int
) -> tuple[list[tuple[int, int, bool]], int | None]:
    """Paired double marks of one paragraph as (inner start, inner end, closed), and where an
    unclosed quote's words begin (or None)."""
    pairs: list[tuple[int, int, bool]] = []
    inside: int | None = None
    for mark in _DOUBLE_MARK.finditer(text, start, end):  # the scan jumps from mark to mark
        index, char = mark.start(), mark.group()
        before = text[index - 1] if index > start else " "
        after = text[index + 1] if index + 1 < end else " "
        opens_here = before in _BEFORE_OPEN and not after.isspace()
        if inside is None:
            if char in OPENERS or (char in '"”' and opens_here):
                inside = index + 1
        elif char in CLOSERS or char == '"':
            pairs.append((inside, index, True))
            inside = None
        elif opens_here:  # a new opening mark: the previous quote was never closed
            pairs.append((inside, index, False))
            inside = index + 1
    return pairs, inside


def _single_pairs(
    text: str, start: int, end: int, doubles: list[tuple[int, int, bool]]
) -> Iterator[tuple[int, int]]:
    """Single quotes used as quotes, outside the double-quoted stretches.

    Only opening marks can start one, so the scan jumps from one to the next."""
    found = _SINGLE_OPENER.search(text, start, end)
    while found is not None:
        index = found.start()
        before = text[index - 1] if index > start else " "
        after = text[index + 1] if index + 1 < end else " "
        if (
            not any(left - 1 <= index < right + 1 for left, right, _ in doubles)
            and before in _BEFORE_OPEN + '"“'
            and after.isalnum()
        ):
            close = _single_close(text, index + 1, end, doubles)
            if close is not None:
                yield index + 1, close
                found = _SINGLE_OPENER.search(text, close + 1, end)
                continue
        found = _SINGLE_OPENER.search(text, index + 1, end)


def _single_close(
    text: str, start: int, end: int, doubles: list[tuple[int, int, bool]]
) -> int | None:
    for index in range(start + 1, end):
        if any(left <= index < right for left, right, _ in doubles):
            return None
        char = text[index]
        after = text[index + 1] if index + 1 < end else " "
        if char in SINGLE_CLOSE and not text[index - 1].isspace() and not after.isalnum():
            if text[index - 1] == "s" and after == " " and char == "’":
                continue  # a plural possessive ("leaders’ summit"), most likely
            return index
    return None
