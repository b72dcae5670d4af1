"""Metadata lines above an article's body: when it was published, and whose wire copy it is.

Pages and wire feeds print a line or two of metadata between the headline and the body. These
lines are not news, and the date among them is the publication date when the record has none.
Real ones, as crawled:

    Published: 09 Sep 2013 11:25 GMT+02:00          PUBLISHED: WEDNESDAY, MARCH 13, 2013, 2:29 PM
    Monday 16 September 2013 03. 31 BST             8: 05am UK, Monday 16 September 2013
    June 6th, 2013 7: 38pm EDT                      Thursday, Apr 2, 2009 | Updated 1:32 PM PDT
    12 / 23 / 12 06:03 PM ET EST                    Last updated at 11:24, Tuesday, 18 June 2013
    (bl) By MICHAEL JANOFSKY c.1999 N.Y. Times News Service
    (For use by NYTimes News Service clients) By JOHN MORITZ c.1998 Fort Worth Star-Telegram

One regex per format would never end, so a date line is recognised by its words instead:
every token is date or time vocabulary (month and day names, numbers and ordinals, am/pm,
time zones, labels such as "Published" or "Last updated at", separators), and the line names
a day (a month with a number, or a numeric date). The date itself is then cut out by a few
patterns and read by `dateline.parse_published`, which never guesses a missing year.

A wire credit line is a slug of the New York Times / Cox news services: a copyright mark with
a year ("c.1999", "c. 2000", "Copyright 1998") after the byline, or the "(For use by ...
clients)" note.
"""

from __future__ import annotations

import re

from newsweave.timex.patterns import MONTHS, WEEKDAYS

_ZONES = (
    "gmt utc bst est edt cst cdt mst mdt pst pdt et ct mt pt ist aest aedt acst awst cet cest "
    "eet eest hkt sgt jst kst akdt akst hst msk wib pht uk z hrs"
)
_LABELS = (
    "published updated posted last first edited originally created modified story release "
    "date time on at am pm a p m th st nd rd"
)
_VOCABULARY = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(f"{_ZONES} {_LABELS}".split())
_STAMP_MAX_CHARS = 80  # the longest stamps seen run to ~50 characters
_TOKEN = re.compile(r"\d+|[^\W\d_]+|\S")
_PUNCTUATION = frozenset(",.:;/-–—|@()+[]")

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
# A day with its year, in the orders pages print: "June 6th, 2013", "Tuesday, Dec. 20 2005",
# "09 Sep 2013", "November 27-2005", "2013-09-26", "2012. 08. 08", "12 / 23 / 12".
_DATE = re.compile(
    rf"\b{_MONTH}\s*{_DAY},?\s*-?\s*{_YEAR}\b"
    rf"|\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"
    rf"|\b{_YEAR}\s*[-.]\s*\d{{1,2}}\s*[-.]\s*\d{{1,2}}\b"
    rf"|\b\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*(?:{_YEAR}|\d\d)\b",
    re.I,
)
_LEADING_DATE = re.compile(
    rf"\s*((?:{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s*{_DAY},?\s*{_YEAR}))\s*[-–—]+\s+(?=[A-Z\"“])",
    re.I,
)
# A day without its year still makes a date line ("Dec. 24 4:33 AM EST"), never a date.
_DAY_NAMED = re.compile(rf"\b{_MONTH}\s*-?\s*\d{{1,2}}\b|\b{_DAY}\s+{_MONTH}", re.I)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.I)
_NUMERIC = re.compile(r"^(\d{4})\s*[-.]\s*(\d{1,2})\s*[-.]\s*(\d{1,2})$")
_PARTS = re.compile(r"[^\W\d_]+|\d+")
_SHORT_YEAR = re.compile(r"^(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d\d)$")

# The longest slugs seen: "(ATTN: ...) (For release on ...) (DW) By ... c.1999 ...".
_CREDIT_MAX_WORDS = 25
_NOTED_CREDIT_MAX_WORDS = 40
# A copyright year, then only the service's or paper's name (and a note in brackets) to the
# line's end: "c.1999 N.Y. Times News Service" but not "built c. 1890 by the town".
_COPYRIGHT = re.compile(
    r"(?:^|\s)(?i:c\.|copyright)\s?(?:19|20)\d\d,?\s+(?:[A-Z]\S*(?:\s+|$))+(?:\([^)]*\)\s*)?$"
    r"|(?i:\(for use by [^)]*clients\.?\))"
)


def is_date_line(line: str) -> bool:
    """True if `line` is only a date or time stamp (with labels such as "Published:")."""
    if len(line) > _STAMP_MAX_CHARS:  # a paragraph: not worth tokenising
        return False
    tokens = _TOKEN.findall(line)
    if not tokens:
        return False
    for token in tokens:
        if not (token.isdigit() or token in _PUNCTUATION or token.lower() in _VOCABULARY):
            return False
    return bool(_DATE.search(line) or _DAY_NAMED.search(line))


def leading_date(line: str) -> str | None:
    """The date a lead opens with before a dash, as a dateline ("20 July 2014 – The Security
    Council ...", UN News's form), tidied as `line_date` tidies it; else None.

    >>> leading_date("20 July 2014 – The Security Council met."), leading_date("In July 2014 –")
    ('2014-07-20', None)
    """
    found = _LEADING_DATE.match(line)
    return line_date(found.group(1)) if found else None


def line_date(line: str) -> str | None:
    """The first day with a year printed in `line`, tidied for `parse_published`, else None.

    Ordinals go ("June 6th" -> "June 6"), spaced numeric dates close up ("2012. 08. 08" ->
    "2012-08-08"), and a two-digit year is taken as 19xx or 20xx, whichever is nearer to
    2000 ("12 / 23 / 12" -> "12/23/2012"; a web page's short year is this century's).
    """
    found = _DATE.search(line)
    if found is None:
        return None
    text = _ORDINAL.sub("", found.group())
    if named := _iso_from_month_name(text):
        return named
    numeric = _NUMERIC.match(text)
    if numeric:
        return "-".join(part.zfill(2) for part in numeric.groups())
    short = _SHORT_YEAR.match(text)
    if short:
        first, second, year = short.groups()
        return f"{first}/{second}/{'20' if int(year) < 50 else '19'}{year}"
    return re.sub(r"\s*/\s*", "/", text)


def _iso_from_month_name(text: str) -> str | None:
    """ "June 6, 2013", "6 June 2013", "Dec. 20 2005" as "2013-06-06" (read without dateparser,
    whose ~5 ms per call was a third of cleaning an undated article), else None."""
    parts = _PARTS.findall(text)
    if len(parts) != 3:
        return None
    month = MONTHS.get(next((p.lower() for p in parts if p.isalpha()), ""))
    numbers = [int(p) for p in parts if p.isdigit()]
    if month is None or len(numbers) != 2:
        return None
    day, year = sorted(numbers)  # the year is the 4-digit one (_DATE requires it)
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_wire_credit(line: str) -> bool:
    """True for a news service's slug line: "(bl) By X c.1999 N.Y. Times News Service".

    Notes in brackets before the byline ("(ATTN: Ariz.) (ART ADV: Photo is being sent to NYT
    photo clients. ...)") are part of the slug, however long; what follows them must be a short
    credit. Only a short line: a paragraph (or a whole text on one line) that ends with a
    copyright notice is body text with a footer, which the footer rules handle.
    """
    lowered = line[:2000].lower()
    if "c." not in lowered and "copyright" not in lowered and "for use by" not in lowered:
        return False  # most lines: three substring tests instead of a regex scan
    credit = (after_bracketed_notes(line) if line.startswith("(") else line) or line
    # A headline glued before "(For use by ... clients) By X c.1999 Y" makes the line longer.
    limit = _NOTED_CREDIT_MAX_WORDS if "for use by" in lowered else _CREDIT_MAX_WORDS
    if credit.count(" ") >= limit:  # cheaper than splitting a long paragraph
        return False
    return len(credit.split()) <= limit and bool(_COPYRIGHT.search(credit))


def after_bracketed_notes(line: str) -> str:
    """`line` after the bracketed notes that open it ("(ATTN: Ariz.) (nk) By X" -> "By X");
    brackets inside a note ("calling (888) 603-1036.)") are counted; "" if nothing follows,
    the rest from an unclosed bracket on if one never closes."""
    at = 0
    while at < len(line) and line[at] == "(":
        depth = 0
        for index in range(at, len(line)):
            depth += {"(": 1, ")": -1}.get(line[index], 0)
            if depth == 0:
                break
        else:
            return line[at:]
        at = index + 1
        while at < len(line) and line[at] == " ":
            at += 1
    return line[at:]
