"""Decode consecutive JSON values from a byte stream without holding the whole file.

The standard library parses only whole strings; this reads the stream a chunk at a time and
hands `json.JSONDecoder.raw_decode` a buffer that always holds the next value whole. A value
longer than `max_value_chars`, or nested past the recursion limit, is a ValueError: the
stream cannot be followed past it.
"""

from __future__ import annotations

import codecs
import json
import re
import zlib
from typing import IO, Any

# What a cut or corrupt gzip stream raises while it is being read.
GZIP_ERRORS = (EOFError, zlib.error, OSError)
CHUNK_CHARS = 1 << 20
_SPACE = re.compile(r"[ \t\r\n]*")


class JsonStream:
    """Consecutive JSON values (and the punctuation between them) read from a byte stream."""

    def __init__(self, stream: IO[bytes], max_value_chars: int | None = None) -> None:
        self._stream = stream
        self.max_value_chars = max_value_chars
        self.limit_name = "ingest.max_record_bytes"
        self._decoder = json.JSONDecoder()
        self._utf8 = codecs.getincrementaldecoder("utf-8-sig")()
        self._buffer = ""
        self._pos = 0
        self._eof = False

    def _fill(self) -> bool:
        """Append more of the stream to the buffer (growing reads); False at its end.

        Raises ValueError when the stream is not UTF-8 or the compressed data is broken.
        """
        if self._eof:
            return False
        size = max(CHUNK_CHARS, len(self._buffer) - self._pos)
        try:
            chunk = self._stream.read(size)
        except GZIP_ERRORS as error:
            raise ValueError(f"compressed data ends or breaks ({error})") from error
        self._eof = not chunk
        text = self._utf8.decode(chunk, final=self._eof)
        self._buffer = self._buffer[self._pos :] + text
        self._pos = 0
        return not self._eof

    def peek(self) -> str:
        """The next non-space character ('' at the end of the stream), skipping spaces."""
        while True:
            match = _SPACE.match(self._buffer, self._pos)
            self._pos = match.end() if match else self._pos
            if self._pos < len(self._buffer) or not self._fill():
                return self._buffer[self._pos : self._pos + 1]

    def expect(self, char: str) -> None:
        """Consume `char`, or raise ValueError naming what stands there instead."""
        found = self.peek()
        if found != char:
            raise ValueError(f"expected {char!r}, found {found or 'the end of the file'!r}")
        self._pos += 1

    def value(self) -> Any:
        """The next whole JSON value, reading more of the stream until it is complete."""
        self.peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buffer, self._pos)
            except RecursionError:
                raise ValueError("JSON nested too deeply to read") from None
            except json.JSONDecodeError:
                self._check_size()
                if self._fill():
                    continue
                raise
            if end == len(self._buffer) and self._fill():
                continue  # a bare number may go on in the next chunk
            self._pos = end
            return value

    def _check_size(self) -> None:
        """Raise ValueError when the value being read is already over `max_value_chars`."""
        limit = self.max_value_chars
        if limit is not None and len(self._buffer) - self._pos > limit:
            raise ValueError(
                f"a JSON value is longer than {limit} characters (limit: {self.limit_name})"
            )
