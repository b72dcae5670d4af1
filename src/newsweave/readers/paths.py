"""Paths as data: how a file's name is shown.

A Linux file name is any bytes but '/' and NUL: it need not be UTF-8, and it may hold control
characters (an escape sequence that recolours the terminal, a newline that forges a line of
output). Python hands such a name over as a str that keeps each undecodable byte as a lone
surrogate (`os.fsdecode`): the file opens again by it exactly, but it cannot be written as
UTF-8. So files are opened by that lossless name (a `Path`), and the name is shown, in every
`source` and message, as `display_path` writes it: printable text as it is, anything else
escaped the way `repr` does (`caf\\xe9-news.txt`, `evil\\x1b[31m.txt`, `two\\nlines.txt`).
"""

from __future__ import annotations

# Lone surrogates U+DC80..U+DCFF stand for the undecodable bytes 0x80..0xFF (PEP 383).
_BYTE_SURROGATES = range(0xDC80, 0xDD00)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def display_path(name: str) -> str:
    """`name` as it may be shown anywhere: valid UTF-8, one line, no control characters.

    Printable characters stay as they are; an undecodable byte kept by `os.fsdecode` shows
    as `\\xNN`, a control or other unprintable character as `repr` writes it (`\\x1b`, `\\n`,
    `\\u202e`). Backslashes are left alone, so a shown name reads as the file is named and
    showing it twice changes nothing; the cost is that `caf\\xe9` could also be a name that
    holds those four characters.
    """
    if name.isprintable():
        return name
    return "".join(char if char.isprintable() else _escaped(char) for char in name)


def _escaped(char: str) -> str:
    code = ord(char)
    if code in _BYTE_SURROGATES:
        return f"\\x{code - 0xDC00:02x}"
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
