"""What counts as boilerplate: the patterns, in one place, and the tests a line is put to.

Every rule looks for a sign of what the line *is* (a credit, a prompt, a navigation trail, a
crawler's metadata header), never at length alone: a short real line such as "He declined to
comment." is body text. Length only ever narrows a rule that already has such a sign (an app
name, a title-case label before the body starts).

Subheadings inside the body ("Mutual grievances on agenda") are kept: the newsroom wrote them,
they carry the topic of what follows, and they are not navigation. Only lines that point away
from the article (menus, prompts, credits, footers) are removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Ad placeholders left by scrapers ("[ad_1]"); cut out wherever they stand, even mid-line.
AD_MARKER = re.compile(r"\[ad_?\d*\]", re.IGNORECASE)

# Pieces of a staff credit line: the role, and names (with "and", commas, "in Place").
_CREDIT_ROLE = r"(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|production))"
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s+in\s+|\s+from\s+){_NAME})*"

# Whole lines that are boilerplate, each with the kind reported in the docstring above.
LINE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Photo credits in brackets: "(Photo by TASS)", "(Photo: Reuters)", "(Image credit: NASA)".
    ("caption", re.compile(r"\((?:Photo|Photograph|Image|Picture)s?\s*(?:by\b|:|credit\b)", re.I)),
    # Credit labels: "Photo credit: ...", "Photo courtesy of ...", "Image copyright Getty".
    ("caption", re.compile(r"\b(?:Photo|Image)\s*(?:credit|courtesy|copyright|caption)\b", re.I)),
    # Agency picture captions: "(COMBO) This combination of pictures ...".
    (
        "caption",
        re.compile(
            r"^(?:\(COMBO\)\s*)?This (?:combination|combo) of (?:pictures|photos|images)|^\(COMBO\)"
        ),
    ),
    # Agency picture descriptions: "FILE - This Dec. 27, 1983 file photo provided by ...
    # shows ...", "In this June 7 photo, ...", and Getty's "BERLIN, GERMANY - MAY 17: A wax
    # figure of ... stands in a parking garage ...".
    (
        "caption",
        re.compile(
            r"^(?:FILE\s*[-–—:]\s*)?(?:This|In this)\b.{0,60}?\b(?:photo|image|picture)"
            r"s?\b(?:\s+(?:provided|released|taken|made|distributed|shows)\b|,)"
            r"|^[A-Z][A-Z.'’ -]+,\s+[A-Z][A-Z.'’ -]+\s+[-–—]\s+(?:JANUARY|FEBRUARY|MARCH|APRIL|"
            r"MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\s+\d{1,2}:"
        ),
    ),
    # Agency credit lines: "... / AFP", "AFP via Getty Images", "AP Photo/Evan Vucci".
    (
        "caption",
        re.compile(r"\svia Getty Images\b|/\s?(?:AFP|EPA|Reuters|Getty Images)\b|\bAP Photo/"),
    ),
    # Links to other articles: "Related article: ...", "Read more:", "READ MORE", "Also read".
    (
        "related",
        re.compile(
            r"^(?:related|read more|also read|read also|see also|more on this(?: story)?"
            r"|recommended)"
            r"\b(?:\s+(?:articles?|stories|story|coverage|content|reading))?\s*[:»>|–—-]",
            re.I,
        ),
    ),
    (
        "related",
        re.compile(
            r"^(?:READ MORE|RELATED|ALSO READ|SEE ALSO)\b|^(?:Read more|Related|Also read)$"
        ),
    ),
    # Wire staff credits closing a story: "(Reporting by Dana Ruiz; Editing by Simon Arle)",
    # "Additional reporting by Jo Smith in Paris": a role, "by", then names only.
    (
        "credit",
        re.compile(
            rf"^\(?{_CREDIT_ROLE}\s+by\s+{_NAMES}(?:\s*[;,]\s*{_CREDIT_ROLE}\s+by\s+{_NAMES})*"
            r"\)?\.?$"
        ),
    ),
    # The outlet's own footer: mirror addresses, rights notices ("Copyright 2021 ...", not a
    # sentence about copyright law).
    (
        "footer",
        re.compile(
            r"\b(?:site|website|page|content)\b.*"
            r"\bcan also be (?:accessed|reached|found|viewed) at\b"
            r"|\balternate addresses\b|\ball rights reserved\b"
            r"|^(?:copyright\s*(?:©|\(c\)|\d{4})|©)|\bcopyright\s*©"
            # the line WordPress appends to every feed item: "The post X appeared first on Y."
            r"|^the post .{1,300} appeared first on (?-i:[A-Z0-9]).{0,80}$",
            re.I,
        ),
    ),
    # Prompts to do something else: follow, subscribe, sign up, download, click.
    (
        "prompt",
        re.compile(
            r"\bfollow us on\b|^(?:subscribe|sign up)\b|\b(?:subscribe to|sign up for) our\b"
            r"|\bdownload (?:our|the) (?:\w+ )*?app\b|\bclick here\b",
            re.I,
        ),
    ),
)

# Lines that name an app platform ("Press TV News Roku", "Get it on Google Play"): a prompt when
# short and not a sentence (an article *about* Roku has full stops and more words).
APP_PLATFORM = re.compile(r"\b(?:Roku|App Store|Google Play|Apple TV|Android TV|Fire TV)\b")

# A navigation trail: "News / Russia", "Home > World > Europe", "Politics | Congress".
# A slash counts only with spaces around it: "AFC/CAF" and "and/or" are words of a sentence.
_CRUMB_SEPARATOR = re.compile(r"\s+/\s+|\s*(?:>|»|›|\|)\s*")
_CRUMB_WORD = re.compile(r"^(?:[A-Z][\w'’&.-]*|&|and|of|the)$")

# Crawler metadata header: " date 2021-06-11 National-World" (the date, then a section label,
# a caption or nothing).
METADATA_HEADER = re.compile(
    r"^date\s+(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)\s*"
)

# A byline above the body: "By Jane Smith", "By Jane Smith and John Doe, CNN".
BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,7}$")

_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_WORD = re.compile(r"\S+")


# What a line must show before a pattern of LINE_PATTERNS (same order) is tried, lower-cased:
# how it starts, for a pattern anchored at the line's start, or else words it cannot match
# without. Most lines are body text, and these tests rule a pattern out far faster than the
# regex (2.0 s -> 1.2 s for the ~200,000 lines of the bench and evaluation corpora).
_STARTS: tuple[tuple[str, ...] | None, ...] = (
    None,
    None,
    ("this com", "(combo)"),
    None,
    None,
    ("related", "read", "also read", "see also", "more on this", "recommended"),
    ("read more", "related", "also read", "see also"),
    ("(", "additional", "reporting", "writing", "editing", "compiled", "production"),
    None,
    None,
)
_NEEDS: tuple[tuple[str, ...], ...] = (
    ("photo", "image", "picture"),
    ("photo", "image"),
    (),
    (
        "photo",
        "image",
        "picture",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ),
    ("getty", "afp", "epa", "reuters", "ap photo/"),
    (),
    (),
    ("by",),
    (
        "can also be",
        "alternate addresses",
        "all rights reserved",
        "copyright",
        "©",
        "appeared first on",
    ),
    ("follow us on", "subscribe", "sign up", "download", "click here"),
)
_APP_NEEDS = ("roku", "app store", "google play", "apple tv", "android tv", "fire tv")
_CRUMB_NEEDS = ("/", ">", "»", "›", "|")


def _contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of `words` is in `text` (a loop: any() over a generator took 1.6 s, not 1.2)."""
    for word in words:  # noqa: SIM110
        if word in text:
            return True
    return False


def boilerplate_kind(line: str, app_line_max_words: int) -> str | None:
    """The kind of boilerplate `line` is ('caption', 'related', 'footer', ...), or None.

    `app_line_max_words`: a line naming an app platform is a prompt up to this many words.
    """
    lowered = line.lower()
    for (kind, pattern), starts, needs in zip(LINE_PATTERNS, _STARTS, _NEEDS, strict=True):
        if starts is not None and not lowered.startswith(starts):
            continue
        if needs and not _contains_any(lowered, needs):
            continue
        if pattern.search(line):
            return kind
    if (
        _contains_any(lowered, _APP_NEEDS)
        and APP_PLATFORM.search(line)
        and word_count(line) <= app_line_max_words
        and not _SENTENCE_END.search(line)
    ):
        return "prompt"
    if is_breadcrumb(line):
        return "breadcrumb"
    return None


def is_breadcrumb(line: str) -> bool:
    """True for a navigation trail: two to five short capitalised parts between separators."""
    if not _contains_any(line, _CRUMB_NEEDS) or _SENTENCE_END.search(line):
        return False
    parts = _CRUMB_SEPARATOR.split(line.strip())
    if not 2 <= len(parts) <= 5:
        return False
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= 3 or not all(_CRUMB_WORD.match(word) for word in words):
            return False
    return True


def word_count(line: str) -> int:
    return len(_WORD.findall(line))


def ends_a_sentence(line: str) -> bool:
    """Whether `line` ends as a sentence does: a full stop, "?", "!" or "…", then any quotes."""
    return _SENTENCE_END.search(line) is not None


def is_headline_shaped(line: str, max_words: int) -> bool:
    """A line that could be a headline: no closing full stop and fewer than `max_words` words."""
    return not ends_a_sentence(line) and word_count(line) < max_words


def is_section_label(line: str, max_words: int) -> bool:
    """A short label in title case ("National-World", "World News") with no sentence end."""
    words = line.split()
    if not 1 <= len(words) <= max_words or _SENTENCE_END.search(line):
        return False
    return all(word[0].isupper() or not word[0].isalpha() for word in words)


# Agency captions often carry a news summary after the picture's description:
# "... shows X at Y on June 7. – Putin said on June 4 he hopes ... (Photo by Z / AFP)".
# The part between the dash after a sentence end and the first credit is reporting, not a
# description of a picture.
_CAPTION_NEWS = re.compile(
    r"[.!?]\s+[–—-]\s+(?P<news>[A-Z].+?[.!?][\"”’]?)\s*(?=\((?:Photo|Image))"
)
_CAPTION_NEWS_MIN_WORDS = 12


def caption_news(line: str) -> tuple[str, str, str] | None:
    """Split an agency caption into (picture description, news summary, credits), if it has one.

    Only a summary of at least a dozen words after a dash that follows a sentence end counts,
    so a plain caption ("Flags fly outside the villa. (Photo by AFP)") is never split.
    """
    match = _CAPTION_NEWS.search(line)
    if match is None or word_count(match.group("news")) < _CAPTION_NEWS_MIN_WORDS:
        return None
    description = line[: match.start("news")].strip()
    credits = line[match.end("news") :].strip()
    return description, match.group("news").strip(), credits


# A prompt to subscribe, and what may follow it at the end of a text as its box's tagline.
_SIGN_UP = re.compile(r"\b(?:subscribe|sign up|newsletter)\b", re.IGNORECASE)
_TAGLINE_LINES = 2
_TAGLINE_WORDS = 15


def signup_tagline(lines: Sequence[tuple[str, Sequence[str]]]) -> list[int]:
    """The lines (indices) of a sign-up box's tagline that ends a text: after a dropped prompt
    to subscribe ("Subscribe to our newsletter"), one or two short lines and nothing more
    ("Security news that matters, every Tuesday and Thursday.") are the box, not the article.
    Further up the text, what follows a prompt is the article going on. `lines` are (what is
    kept of a line, what was dropped of it)."""
    prompts = [
        i
        for i, (kept, dropped) in enumerate(lines)
        if not kept and any(_SIGN_UP.search(text) for text in dropped)
    ]
    if not prompts:
        return []
    after = [i for i in range(prompts[-1] + 1, len(lines)) if lines[i][0]]
    short = all(word_count(lines[i][0]) <= _TAGLINE_WORDS for i in after)
    return after if 1 <= len(after) <= _TAGLINE_LINES and short else []
