"""Wire copy's notes to editors: what a news service tells the papers that buy its stories.

A news service sends each story with notes for the editors who run it, not for readers, and
archives of wire copy keep them in the text (the AP and New York Times services of the DUC and
TDT collections; a newsroom's own wire feed). As they stand in real copy:

    (ATTN: Ariz.) (ART ADV: Locator map is being sent to NYT photo clients. Non-subscribers
    can make individual purchase by calling (888) 603-1036.) (nk) c.1998 N.Y. Times News Service
    ATTENTION EDITORS: This article is for use by clients of The New York Times Syndicate's ...
    (--U.S. and Canada: DEBRA WEYDERT in New Jersey at 1-732-390-4480; fax, 732-390-4697.
    By RODRIQUE NGOWI Associated Press Writer DAR ES SALAAM, Tanzania (AP) _ A refrigerator ...

A summary that quotes one spends its words on a telephone number. `is_editor_note` knows such a
paragraph by how it opens (a note's label, a bracket whose words address clients or editors, a
sales desk, a banner of dashes), never by a word that news text also uses alone; the cleaner
drops it and lists it in `Article.removed`. `prefix_end` finds an agency byline or a note glued
to the lead paragraph ("Eds: UPDATES with ... NAIROBI, Kenya (AP) _ ..."; many wire stories are
one paragraph), so the cleaner cuts that (and any headline debris before it) and keeps the
dateline and the lead.
"""

from __future__ import annotations

import re

from newsweave.clean.dateline import find_dateline

# A note's label at the start of a paragraph, bracketed or not: "(ATTN: Ariz.)", "(ART ADV.:",
# "(ART ADV; Photo", "ART ADVISORY:", "(EDS: ...)", "Eds:", "ATTENTION EDITORS:", "EDITOR:",
# "NONSUBSCRIBERS:", "(PLEASE NOTE: ...)". Upper case where news text could open with the word.
_NOTE_LABEL = re.compile(
    r"^\(?\s*(?:ATTN|Attn|ATTENTION(?:\s+EDITORS?)?|ART\s+ADV(?:ISORY)?|EDS|Eds|EDITORS?"
    r"|NON-?SUBSCRIBERS|PLEASE\s+NOTE)\s*\.?\s*[:;]"
)
# The syndicate's sales desks: "(--U.S. and Canada: DEBRA WEYDERT ...", "(_ Europe and Asia: ...".
_SALES_DESK = re.compile(
    r"^\(?\s*(?:--|_)\s*(?:U\.S\.|Europe|Latin America|Asia|Canada|Africa|Australia)[^:]{0,40}:"
)
_TELEPHONE = re.compile(r"\d{2,4}[-.) ]\d{2,4}[-. ]\d{2,4}|\bfax\b|\btelex\b", re.I)
# A banner: "----- This article is also available in Spanish.-----", "---FREE ART!---".
_BANNER = re.compile(r"^-{3,}[^-].{0,80}?-{3,}$")
_BANNER_MAX_CHARS = 200  # a long line of dashes would cost the pattern 80 scans of it
# Words by which a bracketed paragraph addresses the papers, not the reader.
_TO_EDITORS = (
    "news service clients",
    "photo clients",
    "graphic clients",
    "graphics clients",
    "nytns clients",
    "subscribers",
    "separate buy",
    "separate-buy",
    "times syndicate",
    "sales representative",
    "has been transmitted",
    "can end here",
    "optional add",
    "for use by",
    "note to ",
)
_NOTE_MAX_WORDS = 150  # the longest sales notes seen run to ~110 words
# A dateline with its wire in brackets, where a note before it ends: "NAIROBI, Kenya (AP) _ ",
# "HONG KONG (AP) _ ", "CHATEAU D'OEX, Switzerland (AP) _ "; looked for in a note's first
# `_NOTE_PREFIX_CHARS` characters (the longest "Eds:" notes seen run to ~300).
_WIRE_DATELINE = re.compile(
    r"(?<![\w'’])[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?\s*\([A-Z][A-Za-z .-]{1,30}\)"
    r"\s*(?:_|--|—|–|-)\s"
)
_NOTE_PREFIX_CHARS = 600
# The verbs of a note's list of changes, in capitals, which can stand right before the place.
_EDIT_WORD = re.compile(
    r"(?:UPDATES|LEADS|CORRECTS|TRIMS|ADDS|SUBS|RECASTS|RECAPS|INCORPORATES|CLARIFIES|REFILES"
    r"|INSERTS|DELETES|CHANGES|FIXES|RETRANSMITS|OVERNIGHTER|WITH|AND)\s+"
)
# An agency byline before a dateline: "By PAUL HARRIS Associated Press Writer ", "By X AP
# Science Writer ", after up to 150 characters of headline debris or photo codes ("laws",
# "AP Photo NAI101", "Eds: RECAPS pvs").
_AGENCY_BYLINE = re.compile(
    r"^(?:.{0,150}?\s)?By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|da|del|van|von)){0,6}"
    r"\s+(?:Associated\s+[Pp]ress|AP)(?:\s+[A-Z][a-z]+)?\s+[Ww]riters?\s+"
)


def is_editor_note(paragraph: str) -> bool:
    """True for a paragraph a news service wrote to the editors who buy its copy. A note
    that the story's dateline and lead follow in the same paragraph ("Eds: UPDATES with ...
    NAIROBI, Kenya (AP) _ A Yemeni citizen ...": many wire stories are one paragraph) is no
    note paragraph: `prefix_end` says where to cut it."""
    if len(paragraph) <= _BANNER_MAX_CHARS and _BANNER.match(paragraph):
        return True
    labelled = _NOTE_LABEL.match(paragraph) is not None
    desk = _SALES_DESK.match(paragraph) is not None
    if not (labelled or desk or paragraph.startswith("(")):
        return False  # most paragraphs: three anchored tests, no split, no search
    if len(paragraph.split()) > _NOTE_MAX_WORDS or prefix_end(paragraph) is not None:
        return False
    if labelled:
        return True
    if desk and _TELEPHONE.search(paragraph):
        return True  # not a market report's "-- Europe: shares fell 2 percent"
    if not paragraph.startswith("("):
        return False
    lowered = paragraph.lower()
    return any(words in lowered for words in _TO_EDITORS)


def prefix_end(paragraph: str) -> int | None:
    """Where the wire's furniture before a lead's dateline ends: an agency byline
    (`agency_byline_end`), or a note to editors ("Eds: UPDATES with Kenyan police refusing
    comment NAIROBI, Kenya (AP) _ ..." -> the dateline's start); None if there is none."""
    byline = agency_byline_end(paragraph)
    if byline is not None or not _NOTE_LABEL.match(paragraph):
        return byline
    found = _WIRE_DATELINE.search(paragraph, 0, _NOTE_PREFIX_CHARS)
    if found is None:
        return None
    start = found.start()
    while (word := _EDIT_WORD.match(paragraph, start)) is not None:
        start = word.end()  # "...; TRIMS HONG KONG (AP) _": the note's last word is no place
    return start if find_dateline(paragraph[start:]) is not None else None


def agency_byline_end(paragraph: str) -> int | None:
    """Where an agency byline that precedes the lead's dateline ends, or None.

    >>> text = "By ROHAN SULLIVAN Associated press Writer SYDNEY, Australia (AP) _ Work began."
    >>> text[agency_byline_end(text) :]
    'SYDNEY, Australia (AP) _ Work began.'
    """
    if "riter" not in paragraph[:260]:  # most paragraphs: one substring test
        return None
    found = _AGENCY_BYLINE.match(paragraph)
    if found is None or find_dateline(paragraph[found.end() :]) is None:
        return None
    return found.end()
