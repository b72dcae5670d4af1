"""The outlet an article's own footer names, for an article whose reader gave none.

Two footer shapes name the outlet whose text it is, and only these are read:

    Press TV’s website can also be accessed at the following alternate addresses:
    © 2021 Press TV. All rights reserved.      Copyright © Press TV 2021

A mirror-address line is a site speaking of itself. A rights notice names who owns the text:
the outlet, or the wire service whose copy a site reposted ("© 2021 The Associated Press"),
which is the text's voice just as a dateline's "(AP)" is. Other lines that name an outlet are
left alone: a photo credit ("(Photo by Jo Lee / Harbor Gazette)", "Photo: © AP") names who owns
a picture, not the words; "Follow Touchline Daily on X" or "Copyright 2021 by Jane Roe" name a
person as often as an outlet.

What follows the mark and year must look like a name as the outlet writes it: one to five
capitalised words ("Press TV", "Cable News Network", "N.Y. Times News Service"), never a
pronoun ("Our site can also be reached at ..."), a year or a rights phrase. A doubtful line
gives no name: an unknown outlet stays shown as unknown, which misleads no one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.clean import boilerplate

# "Press TV’s website can also be accessed at": the owner is the possessive before the site.
_MIRROR = re.compile(
    r"^(?P<name>.+?)['’]s\s+(?:web\s*)?(?:site|website|page|content)\b"
    r".*\bcan also be (?:accessed|reached|found|viewed) at\b",
    re.IGNORECASE,
)
_YEARS = r"(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)\d\d|\d\d))?"
# The marks and year(s) that open a rights notice: "©", "Copyright ©", "(c) 2020-2021", ...
_RIGHTS = re.compile(
    rf"^(?:(?:copyright|©|\(c\))\s*)+(?:{_YEARS}\b\s*[,.]?\s*)?(?P<rest>.+)$", re.IGNORECASE
)
_RIGHTS_RESERVED = re.compile(r"\ball rights reserved\b", re.IGNORECASE)
# What ends the name: a separator ("Press TV | All rights ..."), or a full stop after a word that
# is neither an abbreviation nor an initial ("Cable News Network. A WarnerMedia Company."; not
# "Nexstar Media Inc." or "N.Y. Times").
_SEPARATOR = re.compile(r"\s[–—-]\s|[|;]")
_FULL_STOP = re.compile(r"(?P<word>[^\s.]+)\.(?:\s|$)")
_ABBREVIATIONS = frozenset({"inc", "co", "corp", "ltd", "llc", "plc", "bros", "st"})
_TRAILING_YEAR = re.compile(rf",?\s*{_YEARS}$")
# A note in brackets after the name: "Xinhua News Agency (English Service)" is Xinhua's.
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)$")
# A picture's credit, not the text's: "Photo: © AP", "© Getty Images", "Image courtesy of ...".
_PICTURE = re.compile(
    r"\b(?:photo|photograph|picture|image|caption|credit|courtesy|getty|shutterstock)s?\b",
    re.IGNORECASE,
)

_NAME_MAX_WORDS = 5  # the longest outlet names ("Al Jazeera Media Network") run to four
# A capitalised word of a name ("Press", "TV", "N.Y.", "AT&T", "24"), or a small word inside
# one ("Voice of America", "Marca y Deportes").
_NAME_WORD = re.compile(r"^(?:[A-Z][\w&'’.-]*|\d+)$")
_INSIDE_NAME = frozenset({"of", "the", "and", "&", "for", "de", "la", "du", "des", "del", "y"})
# First words of a phrase, not a name: "Our site ...", "This content ...", "All rights ...".
_NOT_A_NAME_START = frozenset(
    {"all", "our", "this", "these", "that", "your", "its", "their", "we", "rights", "copyright"}
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def footer_outlet(line: str) -> str | None:
    """The outlet that the footer `line` (already removed as boilerplate) names, or None.

    >>> footer_outlet("© 2021 Press TV. All rights reserved.")
    'Press TV'
    >>> footer_outlet("Our site can also be reached at the following alternate addresses:") is None
    True
    """
    if _PICTURE.search(line):
        return None
    mirror = _MIRROR.match(line)
    if mirror:
        name = mirror.group("name").strip()
    else:
        rights = _RIGHTS.match(line)
        if rights is None:
            return None
        name = _rights_holder(rights.group("rest"))
    return name if _looks_like_name(name) else None


def _rights_holder(rest: str) -> str:
    """The holder's name from what follows a rights notice's mark and year: up to "All rights
    reserved", a separator or a sentence's full stop, without a year or a note after it."""
    reserved = _RIGHTS_RESERVED.search(rest)
    name = rest[: reserved.start()] if reserved else rest
    name = _SEPARATOR.split(name, maxsplit=1)[0]
    for stop in _FULL_STOP.finditer(name):
        word = stop.group("word")
        if word.lower() not in _ABBREVIATIONS and len(word) > 1:
            name = name[: stop.start() + len(word)]
            break
    # A full stop left at the end closes an abbreviation ("Nexstar Media Inc."): kept.
    name = _TRAILING_NOTE.sub("", name.strip(" ,;:"))
    return _TRAILING_YEAR.sub("", name).strip(" ,;:")


def _looks_like_name(name: str) -> bool:
    """One to five capitalised words, as an outlet writes its name (kept as written)."""
    words = name.split()
    if not 1 <= len(words) <= _NAME_MAX_WORDS or words[0].lower() in _NOT_A_NAME_START:
        return False
    if words[-1].lower() in _INSIDE_NAME or any(_YEAR.match(word) for word in words):
        return False
    if len(words) > 1 and not any(char.islower() for char in name):
        return False  # "THE NEW YORK TIMES CO": a shouted line, not the name as written
    return _NAME_WORD.match(words[0]) is not None and all(
        _NAME_WORD.match(word) or word.lower() in _INSIDE_NAME for word in words[1:]
    )


def outlet_at_foot(lines: Sequence[tuple[str, str]], app_line_max_words: int) -> str | None:
    """The outlet named by the footer lines removed at the foot of a text, if they agree.

    `lines` are the text's lines as (what was kept, what was removed, normalised): one of the
    two is empty. The foot is what follows the last kept line that ends a sentence: a rights
    notice among the paragraphs is a picture's credit more often than the text's. Two footers
    naming two outlets (a wire's rights notice over the reposting site's) give none.
    """
    names: set[str] = set()
    for kept, removed in reversed(lines):
        if kept:
            if boilerplate.ends_a_sentence(kept):
                break
            continue
        if boilerplate.boilerplate_kind(removed, app_line_max_words) == "footer":
            name = footer_outlet(removed)
            names.update([name] if name else [])
    return names.pop() if len(names) == 1 else None
