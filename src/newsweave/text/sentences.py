"""Sentence splitting with exact character offsets into the cleaned text.

Every later stage cites sentences, so `Sentence.text == text[start:end]` must hold exactly.
pysbd (rule-based, ~1,800 sentences/s on 2 cores) does the splitting, one paragraph at a time;
it keeps quotations with their attribution ("..., " Putin told NBC.), initials and
abbreviations ("U.S.", "Jan. 6", "Mr. Putin") and numbers ("$2.5 million") together. Two of its
slips are repaired afterwards (`_continues`): a piece that begins in lower case or with a comma
("D-Calif., said ..."), a time followed by its day ("1 p.m. Monday"), and a dateline cut from
its lead at the region's abbreviation ("WINDOW ROCK, Ariz. _ The ...").

Offsets come from pysbd's segments as boundaries only: each sentence runs from one boundary to
the next and is then stripped, so no character of the paragraph can be lost even where pysbd
fails to place a sentence (its own span search silently drops one it cannot find).

pysbd's time grows with the square of a paragraph's length (400 sentences in one paragraph take
~2 s), so a paragraph longer than `_WINDOW` characters is split in windows ending at a likely
sentence end first; and `max_sentences` stops splitting once that many are found, or once
`_CHARS_PER_SENTENCE` characters per allowed sentence are split (see clean's truncation), so a
hostile single 2 MB line costs what its first sentences cost (~1-2 s at worst).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from newsweave.models import Article, Sentence
from newsweave.text.pysbd_speed import segmenter as _segmenter

# A line break inside a paragraph is a hard boundary (headlines, list items and one-sentence-a-line
# texts end without a full stop) unless it looks like a hard wrap: see `is_wrapped`.
_LINE = re.compile(r"[^\n]+")
_TERMINAL = re.compile(r"""[.!?…:;"'”’)\]]\s*$""")
_LOWER_START = re.compile(r"^[a-z]")

# A piece pysbd split off that still belongs to the sentence before it:
# it starts with a lower-case word (not "iPhone"-style mixed case) or with , ; : ) ] }.
_CONTINUATION = re.compile(r"^(?:[a-z][a-z'’-]*\b(?![A-Z])|[,;:)\]}])")
# "at 1 p.m. Monday", "10 a.m. ET": a clock time whose period pysbd took for a full stop.
_CLOCK_END = re.compile(r"\b\d{1,2}(?::\d{2})?\s*[ap]\.m\.$", re.IGNORECASE)
_CLOCK_FOLLOWER = re.compile(
    r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|^(?:ET|EST|EDT|CT|PT|PST|PDT|GMT|UTC|BST)\b"
)
# Longest stretch given to pysbd at once (news paragraphs are under ~1,500 characters); a longer
# paragraph is cut at the last likely sentence end (else space) in the window's second half.
_WINDOW = 2000
# With `max_sentences`, splitting also stops after this many characters per allowed sentence
# (news sentences average ~150): pathological text ("a.a.a.", abbreviation soup) yields few
# sentences for many characters, at pysbd's slowest.
_CHARS_PER_SENTENCE = 200
_LIKELY_END = re.compile(r"""(?:(?<=[a-z]{3})\.|[!?…])["'”’)\]]*\s+(?=\S)""")
_TERMINATOR = re.compile(r"[.!?…]")
# "WINDOW ROCK, Ariz. _ The tranquil shore ...": a dateline whose region's abbreviation pysbd
# took for a full stop, and the lead after the wire's dash ("_" stands for one in old wire copy).
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z.'’ -]+,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?\.$")
_DASH_OPENING = re.compile(r"^(?:_|--|—|–)\s")
# A paragraph pysbd leaves whole (a third of news paragraphs): one sentence mark, its last
# character, after a word; none of what pysbd also splits at or rewrites (quotation marks,
# brackets and list items, CJK marks, two spaces, quotes in ASCII apostrophes: see `_cuts`).
_NOT_IN_ONE = r".!?…。．！？()（）「」\"“”`\r\n"
_ONE_SENTENCE = re.compile(rf"[^{_NOT_IN_ONE}]*[^\s{_NOT_IN_ONE}][.!?]")
_SPACE = re.compile(r"\s+")
# Where `rough_sentences` cuts: sentence punctuation (and closing quotes) then space. It opens
# with the punctuation, not a lookbehind, so that `re` skips ahead to the next candidate.
_ROUGH_END = re.compile(r"""[.!?…](["'”’)\]]*)\s+""")
# `_ABBREVIATION_END` matches at most a space and "Sept.": testing a piece's last 7 characters
# is the same as testing all of it (its `^` can only fall on the piece's own start), and a long
# piece costs no more.
_ABBREVIATION_TAIL = 7
_ABBREVIATION_END = re.compile(
    r"(?:^|\s)(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Gen|Lt|Col|Sgt|No|Jan|Feb|Aug|Sept?|Oct"
    r"|Nov|Dec|U\.S|U\.N|U\.K|a\.m|p\.m)\.$"
)


def is_wrapped(line: str, next_line: str) -> bool:
    """True if the break between two lines is a hard wrap inside one sentence, not a boundary.

    A wrapped line ends without sentence punctuation and the next one goes on in lower case.
    """
    return not _TERMINAL.search(line) and bool(_LOWER_START.match(next_line.lstrip()))


def rough_sentences(text: str) -> list[str]:
    """`text` cut at lines and at likely sentence ends (not after "Mr." or an initial).

    A rough split, ~30x cheaper than `split_sentences`, for the stages that run before
    sentences exist (repost detection, story headlines): the same text is always cut the same
    way, which is what they need; where the cut falls wrong they lose little.
    """
    return list(_rough_pieces(text))


def first_rough_sentence(text: str) -> str:
    """The first of `rough_sentences(text)` ("" if none), without cutting the rest of the text:
    a story's headline reads only each article's opening sentence."""
    return next(_rough_pieces(text), "")


def _rough_pieces(text: str) -> Iterator[str]:
    """The non-blank pieces of `rough_sentences`, one at a time."""
    for line in text.splitlines():
        start = 0
        for end in _ROUGH_END.finditer(line):
            piece = line[start : end.end(1)]
            if _ABBREVIATION_END.search(piece[-_ABBREVIATION_TAIL:]):
                continue
            if piece.strip():
                yield piece
            start = end.end()
        if line[start:].strip():
            yield line[start:]


def split_sentences(text: str, max_sentences: int | None = None) -> tuple[Sentence, ...]:
    """Split `text` into sentences whose `text` is exactly `text[start:end]` (stripped).

    Paragraphs are the lines of `text` (a hard-wrapped line is joined to the next); pysbd splits
    each paragraph. Empty text gives no sentences. With `max_sentences`, at most that many are
    found, from the start of the text (the rest is not split at all): the last sentence then
    ends before the text does.
    """
    spans: list[tuple[int, int]] = []
    budget = len(text) if max_sentences is None else max_sentences * _CHARS_PER_SENTENCE
    for start, end in _paragraphs(text):
        for window_start, window_end in _windows(text, start, end):
            spans.extend(_split_paragraph(text, window_start, window_end))
            if max_sentences is not None and (len(spans) >= max_sentences or window_end >= budget):
                return _sentences(text, spans[:max_sentences])
    return _sentences(text, spans)


def may_exceed(text: str, max_sentences: int) -> bool:
    """False when `text` surely has at most `max_sentences` sentences (a count of the characters
    a sentence can end at, and of lines, is a bound); True when it might have more."""
    ends = text.count("\n") + sum(text.count(mark) for mark in ".!?…")
    return ends >= max_sentences


def add_sentences(article: Article) -> Article:
    """The article with its sentences, split now if cleaning left them for later.

    Idempotent: an article that has sentences (or no text) comes back as it is. The split is
    the one `clean` makes, so a truncated text (cut at a sentence end) splits the same way.
    """
    if article.sentences or not article.text.strip():
        return article
    return replace(article, sentences=split_sentences(article.text))


def _sentences(text: str, spans: list[tuple[int, int]]) -> tuple[Sentence, ...]:
    return tuple(
        Sentence(index=i, start=start, end=end, text=text[start:end])
        for i, (start, end) in enumerate(spans)
    )


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: lines, with hard-wrapped lines joined to the next."""
    paragraphs: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        if not match.group().strip():
            continue
        previous = paragraphs[-1] if paragraphs else None
        joined = previous is not None and text[previous[1] : match.start()].count("\n") == 1
        if previous and joined and is_wrapped(text[previous[0] : previous[1]], match.group()):
            paragraphs[-1] = (previous[0], match.end())
        else:
            paragraphs.append((match.start(), match.end()))
    return paragraphs


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`text[start:end]` in stretches of at most `_WINDOW` characters, cut at likely ends."""
    windows: list[tuple[int, int]] = []
    while end - start > _WINDOW:
        half, limit = start + _WINDOW // 2, start + _WINDOW
        ends = [m.end() for m in _LIKELY_END.finditer(text, half, limit)]
        ends = ends or [m.end() for m in _SPACE.finditer(text, half, limit)]
        cut = ends[-1] if ends else limit
        windows.append((start, cut))
        start = cut
    windows.append((start, end))
    return windows


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stripped (start, end) spans of the sentences of `text[start:end]`."""
    paragraph = text[start:end]
    cuts = sorted({0} | {cut for cut in _cuts(paragraph) if cut > 0})
    pieces: list[tuple[int, int]] = []
    for cut, next_cut in zip(cuts, [*cuts[1:], len(paragraph)], strict=True):
        stripped = _strip(paragraph, cut, next_cut)
        if stripped is None:
            continue
        if pieces and _continues(
            paragraph[pieces[-1][0] : pieces[-1][1]], paragraph[slice(*stripped)]
        ):
            pieces[-1] = (pieces[-1][0], stripped[1])
        else:
            pieces.append(stripped)
    return [(start + a, start + b) for a, b in pieces]


def _cuts(paragraph: str) -> list[int]:
    """Where pysbd starts a sentence in `paragraph`.

    pysbd's own span search compiles a regex per sentence (a third of its time); its sentences
    are found here by a plain forward search instead, with its search as the fallback where it
    has altered the text (line breaks, list items).
    """
    if not _TERMINATOR.search(paragraph):
        return [0]  # nothing pysbd could split at
    if one_sentence(paragraph):
        return [0]
    segmenter = _segmenter()
    cuts: list[int] = []
    cursor = 0
    for piece in segmenter.processor(paragraph).process():
        piece = piece.strip()
        if not piece:
            continue
        at = paragraph.find(piece, cursor)
        if at < 0:
            return [span.start for span in segmenter.segment(paragraph)]
        cuts.append(at)
        cursor = at + len(piece)
    return cuts


def one_sentence(paragraph: str) -> bool:
    """True if pysbd surely finds one sentence in `paragraph`: it ends a sentence only at a
    sentence mark (or a full-width one, or two spaces), and splits before a quotation or
    a bracket that a capital follows, or a list item; a paragraph with none of these but its
    final mark is one sentence (checked against pysbd on the 37,000 paragraphs of the DUC and
    stories dev sets, and in tests)."""
    return (
        "  " not in paragraph
        and paragraph.count("'") < 2
        and bool(_ONE_SENTENCE.fullmatch(paragraph))
    )


def _strip(paragraph: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without its surrounding whitespace, or None if it is only whitespace."""
    piece = paragraph[start:end]
    if not piece.strip():
        return None
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return start + lead, end - trail


def _continues(previous: str, piece: str) -> bool:
    """True if `piece` is the rest of the sentence `previous` rather than a new sentence."""
    if _CONTINUATION.match(piece):
        return True
    if _CLOCK_END.search(previous) and _CLOCK_FOLLOWER.match(piece):
        return True
    if _DASH_OPENING.match(piece) and _DATELINE_ONLY.match(previous):
        return True
    # A quotation opened and not yet closed: the piece that closes it belongs to it.
    return previous.count("“") > previous.count("”") and "”" in piece
