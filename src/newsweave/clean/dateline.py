"""Where and when: the dateline that opens a story, and publication dates found as text.

A dateline ("GENEVA (Reuters) —", "WASHINGTON, June 3 (AP) -", "PINE RIDGE, S.D. (AP) --")
names the place the story was filed from and, often, the wire service that wrote it. The wire is
not the publisher: a local paper running AP copy is still the local paper, so `clean` never
turns a wire into an outlet.

Publication dates are parsed without ever resolving against today's date: a string without a
year ("June 11", "2 hours ago", "Monday") gives None rather than a guess that changes with the
day the tool runs.
"""

from __future__ import annotations

import re
from datetime import datetime

from newsweave.models import Dateline

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# An all-capitals place of up to four words ("GENEVA", "LOS ANGELES", "ST. LOUIS"), optionally
# followed by a region ("S.D.", "Calif.", "Switzerland"); a title-case place ("Geneva") only
# when a wire in brackets follows, which makes the dateline unmistakable.
_CAPS_PLACE = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
_TITLE_PLACE = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}"
_REGION = r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
_DAY = rf"(?:,\s*{_MONTH}\.?\s+\d{{1,2}})?"
_WIRE = r"\((?P<wire>[^()\n]{2,40})\)"
# "_" is the dash of old wire copy ("WINDOW ROCK, Ariz. _ The ...", "CAPE TOWN, S. Africa (AP) _").
_DASH = r"\s*(?:—|–|--|-|_|:)\s+"
_DATELINE = re.compile(
    rf"^(?:(?P<caps>{_CAPS_PLACE}){_REGION}{_DAY}\s*(?:{_WIRE})?{_DASH}"
    rf"|(?P<title>{_TITLE_PLACE}){_REGION}{_DAY}\s*\((?P<wire2>[^()\n]{{2,40}})\){_DASH})"
)

# A year must be written out: without one, a date parser resolves against today.
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_TIMESTAMP = re.compile(r"^\d{9,10}(?:\.\d+)?$")
_DATEPARSER_SETTINGS = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["year", "month"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline that opens `paragraph`, or None.

    >>> find_dateline("GENEVA (NewsNation Now) — Russia and the United States ...")
    Dateline(place='GENEVA', wire='NewsNation Now')
    """
    match = _match(paragraph)
    if match is None:
        return None
    place = match.group("caps") or match.group("title")
    wire = match.group("wire") or match.group("wire2")
    return Dateline(place=place.strip(), wire=wire.strip() if wire else None)


def dateline_end(paragraph: str) -> int | None:
    """Where the dateline that opens `paragraph` ends (after its dash), or None."""
    match = _match(paragraph)
    return match.end() if match else None


def _match(paragraph: str) -> re.Match[str] | None:
    match = _DATELINE.match(paragraph)
    if match is None or len((match.group("caps") or match.group("title")).replace(".", "")) < 2:
        return None
    return match


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
# "PINE RIDGE, S.D. (AP) -- " or "BEIJING, March 3 (Xinhua) -- ": a dateline glued to a lead
# sentence, as it is cut from the sentence when shown (stricter than `_DATELINE`: a dash and a
# capital or digit after it, so "UPDATE - the..." stays). A plain hyphen after a place in
# capitals with a space before it ("INDIANAPOLIS - ") or after a wire in brackets ("ALBANY,
# N.Y. (AP) - "), a title-case place only before old wire copy's "_" ("Washington _ "), a wire
# alone ("(CNN) -- "), a colon right after a place in capitals ("PESHAWAR: "), and a date
# before a dash ("20 July 2014 – The Security Council ...", "July 20, 2014 - ...").
_LEADING_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\- ]+(?:,\s*[A-Za-z.'\- ]+(?:\s+\d{1,2})?)?\s*"
    r"(?:\([A-Za-z .\-]+\)\s*)?(?:--|—|–|_|(?<=[A-Z.]):|(?<=[A-Za-z.]\s)-)"
    r"|[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}(?:,\s*[A-Za-z.'\- ]+(?:\s+\d{1,2})?)?\s*"
    r"\([A-Z][A-Za-z .\-]{1,30}\)\s*-"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?\s+_"
    r"|\([A-Z][A-Za-z .\-]{1,30}\)\s*(?:--|—|–|-)"
    rf"|(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}},?)\s+\d{{4}}\s*(?:--|—|–|-))"
    r"\s+(?=[A-Z0-9\"“])"
)


def without_dateline(sentence: str) -> str:
    """The sentence without a leading dateline, for display; still verbatim in its article."""
    return _LEADING_DATELINE.sub("", sentence.strip(), count=1) or sentence.strip()


def parse_published(value: str | None) -> datetime | None:
    """A publication time from a date string, or None if it has no year or cannot be read.

    ISO 8601 is read directly; anything else by dateparser with relative parsing switched off.
    Times are kept as the publisher's wall-clock time without a zone (an offset is dropped), so
    that dates from all readers compare with each other and the local day stays the day printed.
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = _parse_loose(value)
    return parsed.replace(tzinfo=None) if parsed else None


# Feeds from other countries write their dates in their own language ("Seg, 24 Set 2018" from a
# Brazilian RSS feed, "lunes, 3 de febrero de 2020"). English is tried first (most input, and
# the fastest); these only when it fails. Each extra language is a little more time on a date
# English could not read, and a little more chance of reading a non-date as one (every date
# still needs a year and a month).
OTHER_DATE_LANGUAGES = ["pt", "es", "fr", "de", "it"]


def _parse_loose(value: str) -> datetime | None:
    if not (_HAS_YEAR.search(value) or _TIMESTAMP.match(value)):
        return None
    import dateparser

    for languages in (["en"], OTHER_DATE_LANGUAGES):
        parsed: datetime | None = dateparser.parse(
            value, languages=languages, settings=_DATEPARSER_SETTINGS
        )
        if parsed is not None:
            return parsed
    return None
