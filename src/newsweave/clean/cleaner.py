"""Cleaning: from the text a reader found to the body every later stage works on.

`clean` normalises whitespace and Unicode, drops boilerplate lines (ad markers, photo captions
and credits, "Related:" links, breadcrumbs, outlet footers, app and social prompts, a crawler's
metadata header, a news service's notes to editors: `wire_notes.py`), takes the headline off
the top (as the title when the record had none), reads the publication date and the dateline,
takes the outlet from the text's own footer when the record had none (`footer.py`), and splits
the body into sentences.

Nothing is lost silently: every line (or inline ad marker) taken out is kept, as it stood in the
input, in `Article.removed`. The patterns live in `boilerplate.py`; this module decides where
they apply. Lines before the body starts (the "lead": headline-shaped lines with no full stop)
get extra scrutiny (headline, section label, byline, date line); body lines are only ever removed
by a pattern that says what they are.

The dateline ("GENEVA (Reuters) —") stays in the text: it is the article's first words, later
stages quote sentences exactly as they stand, and `Article.dateline` gives place and wire apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from newsweave.clean import boilerplate, lead_lines, wire_notes
from newsweave.clean.dateline import find_dateline, parse_published
from newsweave.clean.footer import outlet_at_foot
from newsweave.config import settings
from newsweave.models import Article, Dateline, RawArticle, Sentence
from newsweave.sections import CleanSettings
from newsweave.text.sentences import is_wrapped, may_exceed, split_sentences

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"\W+")
# Sentence ends, to estimate how many sentences a truncation cut off without splitting them.
_SENTENCE_END = re.compile(r"[.!?…]+(?=[\"'”’)\]]*(?:\s|$))")
# Where a text over ingest.max_text_chars is cut: after a sentence end and its closing quotes.
_CUT_AFTER = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)""")
# A headline taken from the text has at least this many words: one or two title-case words
# above the body are a section label ("World"), not a headline.
_HEADLINE_MIN_WORDS = 3
_HEADER_LINES = 8  # lines at the top where date, byline and credit stamps are looked for
# A date in a file's name ("presstv-2021-06-16.txt"), the last resort for a publication date:
# archives and crawlers name files by the day they saved them.
_FILE_NAME_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)")
# An outlet's name after the headline in a title: "Budget approved | Springfield Gazette".
_OUTLET_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]+$")


@dataclass(slots=True)
class _Line:
    """One line of the input on its way through: what remains of it and what was taken out."""

    original: str
    text: str
    dropped: list[str] = field(default_factory=list)
    kept_from_caption: str = ""

    def drop(self) -> None:
        self.dropped = [self.original]
        self.text = ""


def clean(
    raw: RawArticle,
    article_id: str | None = None,
    max_sentences: int | None = None,
    split: bool = True,
    *,
    max_chars: int | None = None,
    **overrides: Any,
) -> Article:
    """The cleaned `Article` for `raw`: id, body text, what was removed, title, date, dateline.

    The id is `article_id` when given, else the record's own id or a hash of its content
    (`_article_id`).

    `overrides` replace values of the [clean] section of defaults.toml for this call.
    `max_sentences` (default: ingest.max_sentences) truncates a longer text; `removed` then
    ends with "[truncated: N more sentences over the limit]" (N estimated from sentence ends).
    `max_chars` (default: ingest.max_text_chars) cuts a longer text first, whatever its
    sentences, with a note of the characters cut: no later stage or model gets more.
    With `split=False` the sentences are left for later (`sentences.add_sentences`, which gives
    the same ones): grouping does not need them and splitting is most of cleaning's cost.
    The text is the same either way.
    """
    config = settings("clean", **overrides)
    if max_sentences is None or max_chars is None:
        limits = settings("ingest")
        max_sentences = limits.max_sentences if max_sentences is None else max_sentences
        max_chars = limits.max_text_chars if max_chars is None else max_chars
    lines = _lines(raw.text)
    header_date = _strip_lines(lines, config)
    title = _normalise(raw.title) if raw.title else None
    lead_title, lead_date = _strip_lead(lines, title, config)
    body = [line.text for line in lines if line.text]
    notes = list(raw.notes)
    caption_news = [line.kept_from_caption for line in lines if line.kept_from_caption]
    if caption_news:
        notes.append(
            "clean: the news summary inside a photo caption was kept as the closing paragraph; "
            "the picture description and credits are in removed"
        )
    text, cut = _capped("\n\n".join(body + caption_news), max_chars)
    text, sentences, truncated = _within_limit(text, max_sentences, split)
    if title is None and lead_title:
        title = lead_title
        notes.append("clean: title taken from the headline line of the text")
    published = _publication_date(raw, header_date or lead_date, notes)
    dateline = find_dateline(body[0]) if body else None
    return Article(
        id=_article_id(raw) if article_id is None else article_id,
        source=raw.source,
        text=text,
        sentences=sentences,
        removed=(*(part for line in lines for part in line.dropped), *cut, *truncated),
        title=title,
        url=raw.url,
        outlet=_outlet(raw, lines, dateline, notes, config),
        published=published,
        dateline=dateline,
        notes=tuple(notes),
    )


def _article_id(raw: RawArticle) -> str:
    """The article's id: its record's own id, else 'a' + 12 hex digits of a content hash.

    The hash covers the outlet, the URL and the whitespace-normalised text, so the same
    article always gets the same id while a repost by another outlet gets its own.
    """
    if raw.record_id and raw.record_id.strip():
        return raw.record_id.strip()
    text = " ".join(unicodedata.normalize("NFC", raw.text).split())
    key = "\n".join((raw.outlet or "", raw.url or "", text))
    return "a" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _within_limit(
    text: str, max_sentences: int, split: bool
) -> tuple[str, tuple[Sentence, ...], tuple[str, ...]]:
    """The text cut after `max_sentences` sentences, its sentences (split only when asked or
    when the text may be over the limit) and the truncation note for `removed`."""
    if not (split or may_exceed(text, max_sentences)):
        return text, (), ()
    sentences = split_sentences(text, max_sentences)
    truncated = _truncation(text, sentences)
    return (text[: sentences[-1].end] if truncated else text), sentences, truncated


def _capped(text: str, max_chars: int) -> tuple[str, tuple[str, ...]]:
    """The text cut to at most `max_chars` characters and the note for `removed` (else ()).

    The cut falls at the last sentence end in the second half of what is kept, else at the
    last space or line break there, else (one giant word) at the limit itself.
    """
    if len(text) <= max_chars:
        return text, ()
    floor = max_chars // 2
    ends = [m.end() for m in _CUT_AFTER.finditer(text, floor, max_chars + 1)]
    space = max(text.rfind(" ", floor, max_chars + 1), text.rfind("\n", floor, max_chars + 1))
    cut = ends[-1] if ends else space if space >= 0 else max_chars
    kept = text[:cut].rstrip()
    more = len(text) - len(kept)
    return kept, (f"[truncated: {more} more characters over the limit (ingest.max_text_chars)]",)


def _publication_date(raw: RawArticle, from_text: str | None, notes: list[str]) -> datetime | None:
    """The record's own date, else one printed in the text, else one in the file name (each
    fallback noted in `notes`)."""
    published = parse_published(raw.published)
    if published is None and from_text:
        published = parse_published(from_text)
        if published is not None:
            notes.append("clean: publication date taken from the text")
    if published is None and (named := _FILE_NAME_DATE.search(Path(raw.source).name)):
        published = parse_published(named.group())
        notes.append("clean: publication date taken from the file name")
    return published


def _outlet(
    raw: RawArticle,
    lines: list[_Line],
    dateline: Dateline | None,
    notes: list[str],
    config: CleanSettings,
) -> str | None:
    """The reader's outlet; else, when the dateline names no wire either, the one the text's
    own footer names (`footer.outlet_at_foot`, noted in `notes`), so that the article is not
    shown as of an unknown outlet. A dateline's wire comes first: it already gives the article
    its voice, and the footer would often name the same wire in other words ("AP", "The
    Associated Press")."""
    if raw.outlet or (dateline and dateline.wire):
        return raw.outlet
    foot = [(line.text, "" if line.text else _normalise(line.original)) for line in lines]
    named = outlet_at_foot(foot, config.app_line_max_words)
    if named:
        notes.append(f"clean: outlet named by its footer: {named}")
    return named or raw.outlet


def _truncation(text: str, sentences: tuple[Sentence, ...]) -> tuple[str, ...]:
    """The note for `removed` when the sentences stop before the text does, else ()."""
    rest = text[sentences[-1].end :] if sentences else ""
    if not rest.strip():
        return ()
    more = max(1, len(_SENTENCE_END.findall(rest)))
    return (f"[truncated: {more} more sentences over the limit]",)


def _normalise(line: str) -> str:
    """NFC, invisible characters gone, every run of whitespace one space."""
    return _squeeze(_normalise_text(line))


def _normalise_text(text: str) -> str:
    """`_normalise` but for the whitespace, over a whole text at once (it keeps the lines):
    NFC and the invisible characters never cross a line.

    Mojibake is not repaired here: the readers did it (`readers.common.repair_mojibake`),
    before any invisible character went ("Ã\u00ad" is "í" read as cp1252).
    """
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def _squeeze(line: str) -> str:
    """Every run of whitespace one space, none at the ends."""
    return " ".join(line.split())


def _lines(text: str) -> list[_Line]:
    """The non-empty lines of `text`, normalised, with hard-wrapped lines joined."""
    lines: list[_Line] = []
    follows_line = False
    raw_lines = text.splitlines()
    normal_lines = _normalise_text(text).splitlines()
    if len(normal_lines) != len(raw_lines):  # pragma: no cover - NFC never adds a line break
        normal_lines = [_normalise_text(line) for line in raw_lines]
    for raw_line, normal_line in zip(raw_lines, normal_lines, strict=True):
        normal = _squeeze(normal_line)
        if not normal:
            follows_line = False
            continue
        if follows_line and is_wrapped(lines[-1].text, normal):
            lines[-1] = _Line(
                f"{lines[-1].original} {raw_line.strip()}", f"{lines[-1].text} {normal}"
            )
        else:
            lines.append(_Line(raw_line.strip(), normal))
        follows_line = True
    return lines


def _strip_lines(lines: list[_Line], config: CleanSettings) -> str | None:
    """Remove metadata headers, ad markers and boilerplate lines; the header's date, if any."""
    header_date: str | None = None
    for line in lines:
        header = boilerplate.METADATA_HEADER.match(line.text)
        if header:
            header_date = header_date or header.group("date")
            rest = line.text[header.end() :]
            if not rest or boilerplate.is_section_label(rest, config.section_label_max_words):
                line.drop()
                continue
            if _is_boilerplate(rest, config):
                _drop_boilerplate(line, rest)
                continue
            line.dropped.append(header.group().strip())
            line.text = rest
        markers = boilerplate.AD_MARKER.findall(line.text)
        if markers:
            line.text = _SPACES.sub(" ", boilerplate.AD_MARKER.sub(" ", line.text)).strip()
            if not line.text:
                line.drop()
                continue
            line.dropped.extend(markers)
        if wire_notes.is_editor_note(line.text):
            line.drop()
            continue
        if _is_boilerplate(line.text, config):
            if boilerplate.word_count(line.text) > config.boilerplate_line_max_words:
                _drop_boilerplate_sentences(line, config)
            else:
                _drop_boilerplate(line, line.text)
    _drop_signup_tagline(lines)
    return header_date


def _drop_signup_tagline(lines: list[_Line]) -> None:
    """Drop the tagline of a sign-up box that ends the text (`boilerplate.signup_tagline`)."""
    for index in boilerplate.signup_tagline([(line.text, line.dropped) for line in lines]):
        lines[index].drop()


def _drop_boilerplate_sentences(line: _Line, config: CleanSettings) -> None:
    """In a paragraph too long to be a footer, drop only the sentences that are boilerplate.

    Wire feeds glue rights notices into one-paragraph articles ("COPYRIGHT 1998 BY ...
    IN the treatment of ..."); dropping the whole line would lose the article.
    """
    kept: list[str] = []
    dropped: list[str] = []
    for sentence in split_sentences(line.text):
        (dropped if _is_boilerplate(sentence.text, config) else kept).append(sentence.text)
    if kept:
        line.text = " ".join(kept)
        line.dropped.extend(dropped)


def _drop_boilerplate(line: _Line, boilerplate_text: str) -> None:
    """Drop a boilerplate line, keeping aside the news summary an agency caption may carry."""
    split = boilerplate.caption_news(boilerplate_text)
    line.drop()
    if split is not None:
        description, news, credits = split
        header = line.original[: line.original.find(boilerplate_text[:20])].strip()
        line.dropped = [part for part in (header, description, credits) if part]
        line.kept_from_caption = news


def _is_boilerplate(text: str, config: CleanSettings) -> bool:
    return boilerplate.boilerplate_kind(text, config.app_line_max_words) is not None


def _strip_lead(
    lines: list[_Line], title: str | None, config: CleanSettings
) -> tuple[str | None, str | None]:
    """Clear the lines above the body; the headline found there (if needed) and a date.

    First the stamps of the header zone go (`_strip_stamps`). The lead is then the run of
    headline-shaped lines (no full stop, few words) before the first body line. There a copy
    of the title and short title-case section labels are removed; with no title, the first
    lead line of three words or more is the headline (a deck or standfirst below it stays in
    the text). A text with no body line at all has no lead: nothing is guessed there.
    """
    kept = [line for line in lines if line.text]
    date = _strip_stamps(kept[:_HEADER_LINES])
    kept = [line for line in kept if line.text]  # without the stamps just dropped
    max_words = config.headline_max_words
    lead: list[_Line] = []
    for line in kept:
        if not boilerplate.is_headline_shaped(line.text, max_words):
            break
        lead.append(line)
    if len(lead) == len(kept):
        return None, date
    for line in lead:
        if title and _same_title(line.text, title, config.title_similarity):
            line.drop()
    headline = None
    if title is None:
        for line in lead:
            if line.text and boilerplate.word_count(line.text) >= _HEADLINE_MIN_WORDS:
                headline = line.text
                line.drop()
                break
    for line in lead:
        if line.text and boilerplate.is_section_label(line.text, config.section_label_max_words):
            line.drop()
    return headline, date


def _strip_stamps(header: list[_Line]) -> str | None:
    """Drop date lines, bylines and wire credit lines (`lead_lines`) from the first lines of a
    text, and cut an agency byline or a note to editors glued to the lead (`wire_notes`); the
    first day with a year among them, if any, as printed (unparsed).

    They are looked for in the first `_HEADER_LINES` lines rather than only in the lead, since
    a deck of full sentences ("As fights erupted, 46 were arrested.") or a slug ("520&add.")
    often sits between the headline and the stamp; a line of nothing but date words is never
    body text.
    """
    date: str | None = None
    for line in header:
        if lead_lines.is_date_line(line.text):
            date = date or lead_lines.line_date(line.text)  # read only if the record has none
            line.drop()
        elif boilerplate.BYLINE.match(line.text) or lead_lines.is_wire_credit(line.text):
            line.drop()
        elif (end := wire_notes.prefix_end(line.text)) is not None:
            line.dropped.append(line.text[:end].strip())  # the lead and its dateline stay
            line.text = line.text[end:]
        elif date is None and (opening := lead_lines.leading_date(line.text)):
            date = opening  # "20 July 2014 – The Security Council ...": the line stays
    return date


def _same_title(line: str, title: str, threshold: float) -> bool:
    """True if `line` repeats `title` (or nearly: case, punctuation, an outlet suffix)."""
    words = _comparable(line)
    return any(
        words and SequenceMatcher(None, words, _comparable(form)).ratio() >= threshold
        for form in {title, _OUTLET_SUFFIX.sub("", title)}
    )


def _comparable(text: str) -> str:
    return _NON_WORD.sub(" ", text).casefold().strip()
