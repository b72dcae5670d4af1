"""What every reader shares: the records readers yield, the limits they keep to, opening (maybe
gzipped) files with the decompressed size counted, decoding bytes to text, repairing mojibake
(every reader passes the records it makes through `mojibake_repaired`), and small helpers.

Readers are plain generators `reader(path, source) -> Iterator[Item]`. Besides articles and
problems they may yield a `Skipped` note for a record that is normal to pass over (a WARC request
or revisit); `read()` counts those and never shows them to the caller.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import charset_normalizer

from newsweave.config import settings
from newsweave.errors import ConfigError
from newsweave.models import Problem, RawArticle

GZIP_MAGIC = b"\x1f\x8b"
BINARY_FILE = "binary file, not text"
EMPTY_FILE = "empty file"
MOJIBAKE_NOTE = "repaired mojibake (UTF-8 that had been read as cp1252/latin-1)"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record passed over on purpose (not an error), counted under `reason`."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of hostile or broken input a reader takes before it skips or truncates.

    The defaults, and what each one trades, are in the [ingest] section of defaults.toml;
    `from_settings(max_line_bytes=...)` overrides some for one run (the CLI's `--limit`).
    """

    max_file_bytes: int
    max_record_bytes: int
    max_line_bytes: int
    max_decompressed_bytes: int
    max_gzip_ratio: int
    max_html_bytes: int
    max_html_depth: int
    max_sentences: int
    max_text_chars: int

    @classmethod
    def from_settings(cls, **overrides: Any) -> Limits:
        """The [ingest] limits, with `overrides` (that are not None) on top."""
        config = settings("ingest", **overrides)
        return cls(**{f.name: getattr(config, f.name) for f in fields(cls)})

    @classmethod
    def from_flags(cls, pairs: Iterable[str]) -> Limits:
        """The limits with `NAME=VALUE` flags on top ('max_line_bytes=2M'); ConfigError if bad.

        Sizes may end in k, M or G (powers of 1000).
        """
        names = [f.name for f in fields(cls)]
        overrides: dict[str, int] = {}
        for pair in pairs:
            name, _, value = pair.partition("=")
            name = name.strip().replace("-", "_")
            if name not in names:
                raise ConfigError(f"--limit {pair!r}: no such limit; known: {', '.join(names)}")
            number = _size(value)
            if number is None:
                example = "20M" if name.endswith("_bytes") else getattr(settings("ingest"), name)
                raise ConfigError(
                    f"--limit {pair!r}: {name} takes a whole number from 1 to 10^15, which "
                    f"may end in k, M or G (e.g. --limit {name}={example})"
                )
            overrides[name] = number
        return cls.from_settings(**overrides)


Item = RawArticle | Problem | Skipped
Reader = Callable[[Path, str, Limits], Iterator[Item]]


class TooLarge(Exception):
    """Input over one of the `Limits`; the message names the limit to raise."""


class _CountedGzip:
    """A gzip stream that stops with TooLarge when it inflates too much.

    Past `limits.max_decompressed_bytes` in all, or (once past `max_file_bytes`) more than
    `max_gzip_ratio` times the compressed bytes consumed so far: a gzip bomb (zeros inflate
    ~1000x) is stopped after ~max_file_bytes of output, whatever its size. Reads are bounded
    by the caller's size, so nothing is ever held whole.
    """

    def __init__(self, path: Path, limits: Limits) -> None:
        self._raw = path.open("rb")
        self._stream = gzip.GzipFile(fileobj=self._raw, mode="rb")
        self._limits = limits
        self._total = 0

    def _count(self, data: bytes) -> bytes:
        self._total += len(data)
        check_inflation(self._total, self._raw.tell(), self._limits)
        return data

    def read(self, size: int = -1) -> bytes:
        return self._count(self._stream.read(size if size >= 0 else _WHOLE_READ))

    def readline(self, size: int = -1) -> bytes:
        return self._count(self._stream.readline(size if size >= 0 else _WHOLE_READ))

    def close(self) -> None:
        self._stream.close()
        self._raw.close()

    def __enter__(self) -> _CountedGzip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_inflation(inflated: int, compressed: int, limits: Limits) -> None:
    """Raise TooLarge when `inflated` bytes out of `compressed` ones are over the limits.

    Past `max_decompressed_bytes` in all; or, once past `max_file_bytes`, more than
    `max_gzip_ratio` times the compressed bytes consumed so far (a gzip bomb).
    """
    if inflated > limits.max_decompressed_bytes:
        raise TooLarge(
            f"gzip data inflates to more than {limits.max_decompressed_bytes} bytes "
            "(limit: ingest.max_decompressed_bytes)"
        )
    if inflated > limits.max_file_bytes and inflated > limits.max_gzip_ratio * max(1, compressed):
        raise TooLarge(
            f"gzip data inflates over {limits.max_gzip_ratio} times its compressed size: "
            "a gzip bomb? (limit: ingest.max_gzip_ratio)"
        )


def _size(value: str) -> int | None:
    """'2M' -> 2_000_000, '1_000' -> 1000, '1.5k' -> 1500; None unless it is a whole number
    from 1 to `_LARGEST_LIMIT` (not 'lots', '-5', '2.5', 'inf', 'nan' or '1e400').

    Read as a decimal, not a float: '1e400' is a number too large, not infinity, and no
    value is rounded on its way in.
    """
    text = value.strip().replace("_", "")
    scale = _SIZE_SUFFIXES.get(text[-1:].lower(), 1) if text else 1
    digits = text[:-1] if scale > 1 else text
    try:
        number = Decimal(digits) * scale
    except ArithmeticError:  # not a number, or an exponent past what a decimal holds
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number) if 1 <= number <= _LARGEST_LIMIT else None


_SIZE_SUFFIXES = {"k": 1000, "m": 1000**2, "g": 1000**3}
# The largest value a limit takes: far past any input (a petabyte), and still a size that
# `read(n)` and the other calls a limit reaches accept.
_LARGEST_LIMIT = 10**15
# An unbounded read() of gzip data is cut into reads this size, so each one is counted.
_WHOLE_READ = 1 << 24


def open_binary(path: Path, limits: Limits | None = None) -> IO[bytes]:
    """The file's bytes, gunzipped on the fly when it starts with the gzip magic.

    Inflated bytes are counted (see `_CountedGzip`): a gzip bomb raises TooLarge early.
    """
    with path.open("rb") as probe:
        magic = probe.read(2)
    if magic != GZIP_MAGIC:
        return path.open("rb")
    return _CountedGzip(path, limits or Limits.from_settings())  # type: ignore[return-value]


def read_limited(path: Path, limits: Limits, limit: int | None = None) -> bytes:
    """The whole (gunzipped) file, for readers of one-article formats; refuses huge files.

    `limit` defaults to `limits.max_file_bytes`; HTML passes its own.
    """
    limit = limits.max_file_bytes if limit is None else limit
    name = "max_file_bytes" if limit == limits.max_file_bytes else "max_html_bytes"
    with open_binary(path, limits) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"file is larger than {limit} bytes (limit: ingest.{name})")
    return data


def looks_binary(head: bytes) -> bool:
    """True for bytes that are no text encoding's: NULs outside UTF-16 text."""
    return b"\x00" in head and _utf16_codec(head) is None


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Bytes to text: UTF-8 (BOM allowed), else the encoding charset-normalizer finds.

    Returns the text and a note naming the fallback encoding (None for UTF-8). Raises
    ValueError(BINARY_FILE) for bytes that are not text in any encoding we trust.
    """
    utf16 = _utf16_codec(data)
    if utf16:
        return data.decode(utf16), f"decoded as {utf16.upper()} (not UTF-8)"
    if b"\x00" in data:
        raise ValueError(BINARY_FILE)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise ValueError(BINARY_FILE)
    best = next((m for m in matches if _western_tie(m, best)), best)
    if _looks_binary(str(best)):
        raise ValueError(BINARY_FILE)
    return str(best), f"decoded as {best.encoding} (not UTF-8)"


def _western_tie(match: Any, best: Any) -> bool:
    """True for cp1252/latin-1 when it reads the bytes about as well as the best guess.

    Mostly-English text with a few accents fits every Latin code page; charset-normalizer
    then picks one (cp1257, cp1250) by a hair, mangling "naïve". cp1252 is by far the most
    common (browsers read a latin-1 label as cp1252), so it wins a near tie.
    """
    return (
        match.encoding in _WESTERN
        and match.coherence >= best.coherence - 0.01
        and match.chaos <= best.chaos + 0.05
    )


_WESTERN = ("cp1252", "latin_1")


def _utf16_codec(data: bytes) -> str | None:
    """'utf-16' for a BOM, 'utf-16-le'/'utf-16-be' for ASCII-heavy text with NULs on one side."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even_nuls = head[0::2].count(0) / (len(head) / 2)
    odd_nuls = head[1::2].count(0) / (len(head) / 2)
    if odd_nuls > 0.6 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.6 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """True when more than 1% of the characters are control characters (not tab/newline)."""
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    return controls > len(text) / 100


# UTF-8 read as cp1252 or latin-1: a lead byte (Â..ô) followed by what a continuation byte
# becomes there (\x80..\xbf, or cp1252's € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6"
    "\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014"
    "\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
)


# C1 controls (U+0080..U+009F) never stand in text: they are cp1252 bytes read as latin-1.
_C1_CONTROL = re.compile("[\u0080-\u009f]")


def mojibake_repaired(raw: RawArticle) -> RawArticle:
    """The article with mojibake in its text and title repaired, and a note when it was.

    The one place mojibake is repaired: cleaning, and every stage after it, sees the repair.
    """
    text, text_fixed = repair_mojibake(raw.text)
    title, title_fixed = repair_mojibake(raw.title) if raw.title else (raw.title, False)
    if not (text_fixed or title_fixed):
        return raw
    return replace(raw, text=text, title=title, notes=(*raw.notes, MOJIBAKE_NOTE))


def repair_mojibake(text: str) -> tuple[str, bool]:
    """`text` with UTF-8-read-as-cp1252 runs ("cafÃ©", "â€œ") repaired by ftfy, line by line,
    and C1 control characters read as the cp1252 punctuation they were written as ("20 July
    2014 \\x96 The Security Council": an en dash).

    Only lines showing the signature are given to ftfy (it costs ~0.5 s a megabyte), so a
    line that mixes right and wrong characters is repaired and clean text is never touched.
    The signature is looked for in composed form (NFC): "Ã" may come as "A" and a combining
    tilde, and such a line is given to ftfy composed. Returns the text and whether anything
    changed.
    """
    if text.isascii():
        return text, False
    repaired = text
    if _MOJIBAKE.search(unicodedata.normalize("NFC", text)):
        import ftfy

        fixed = []
        for line in text.split("\n"):
            composed = unicodedata.normalize("NFC", line)
            fixed.append(ftfy.fix_encoding(composed) if _MOJIBAKE.search(composed) else line)
        repaired = "\n".join(fixed)
    if _C1_CONTROL.search(repaired):
        from ftfy.fixes import fix_c1_controls

        repaired = fix_c1_controls(repaired)
    return repaired, repaired != text
