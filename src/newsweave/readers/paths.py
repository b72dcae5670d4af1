"""Paths as data: how a file's name is shown, and which files a folder given to `read()` holds.

A Linux file name is any bytes but '/' and NUL: it need not be UTF-8, and it may hold control
characters (an escape sequence that recolours the terminal, a newline that forges a line of
output). Python hands such a name over as a str that keeps each undecodable byte as a lone
surrogate (`os.fsdecode`): the file opens again by it exactly, but it cannot be written as
UTF-8. So files are opened by that lossless name (a `Path`), and the name is shown, in every
`source` and message, as `display_path` writes it: printable text as it is, anything else
escaped the way `repr` does (`caf\\xe9-news.txt`, `evil\\x1b[31m.txt`, `two\\nlines.txt`).

The walk of a folder names what it passes over instead of passing it over in silence: a
folder it cannot list, and a symbolic link that leads out of the folder given (a link to
`/etc/passwd` dropped into a crawl is not an article; `follow_links=True` reads it anyway).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from newsweave.models import Problem

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


def files_under(given: str, follow_links: bool = False) -> Iterator[tuple[Path, str] | Problem]:
    """The files under `given` as (path, source), sorted, hidden files and folders left out.

    Folders are walked top-down, each one's files before its subfolders, as `os.walk` does.
    A path that is not a folder is yielded as it is (reading it then says what is wrong). A
    folder that cannot be listed is a Problem, and so is a symbolic link whose target lies
    outside `given`, unless `follow_links`; then a linked folder is walked too, each folder
    at most once. Links that stay inside `given` are read where they point (a linked folder
    is not walked twice: its files are read in their own place).
    """
    if not os.path.isdir(given):
        yield Path(given), given
        return
    root = os.path.realpath(given)
    walked = {root}
    folders = [given]
    while folders:  # a stack, not recursion: a folder may nest deeper than Python recurses
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(
                    (entry for entry in listing if not entry.name.startswith(".")),
                    key=lambda entry: entry.name,
                )
        except OSError as error:
            yield Problem(folder, f"folder cannot be listed ({_os_reason(error)})")
            continue
        subfolders = []
        for entry in entries:
            path = os.path.join(folder, entry.name)
            is_folder = _is_folder(entry)
            if entry.is_symlink():
                leaves = not _inside(os.path.realpath(path), root)
                if leaves and not follow_links:
                    yield Problem(path, f"link leaves {given}; --follow-links reads it")
                    continue
                if is_folder and not leaves:
                    continue  # its files are read where they are
            if is_folder:
                real = os.path.realpath(path)
                if real in walked:  # only a link can lead back
                    yield Problem(path, "a folder read already (a link leads back to it)")
                    continue
                walked.add(real)
                subfolders.append(path)
                continue
            yield Path(path), path
        folders.extend(reversed(subfolders))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether the entry is a folder or a link to one (False when that cannot be told)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _inside(target: str, root: str) -> bool:
    """Whether the resolved `target` is `root` or lies under it."""
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _os_reason(error: OSError) -> str:
    """'permission denied': the OS error's own words, lower-cased."""
    reason = error.strerror or type(error).__name__
    return reason[:1].lower() + reason[1:]
