"""Quoted stretches of one article with their cue and speaker: the per-article half of quotes.

`attribute(texts, entities)` finds the quotation marks of each text, parses (dependency parser
only) the paragraphs that hold them in one batch, finds each stretch's cue and subject, and
resolves the subject to a story entity (a cue the parse leaves without a subject gets the one
found by position, and one with no cue in its sentence gets an inverted attribution with any
verb or a '- Name.' line after its paragraph, `tails`). Stretches that are not speech are
dropped here. With `fast=True` nothing is
parsed: cues and speakers are found by position (`fast_cues`), and the rest (continued quotes,
colon lead-ins, a quote paragraph after a paragraph about a person, resolution) is the same
code. Datelines ('LONDON (Reuters) -') are blanked before either looks for a subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from newsweave.briefing.quotes.coref import SpeakerResolver
from newsweave.briefing.quotes.fast_cues import fast_cue, lead_subject
from newsweave.briefing.quotes.framing import MIN_WORDS_UNFRAMED, framed
from newsweave.briefing.quotes.mentions import settle
from newsweave.briefing.quotes.spans import CLOSERS, OPENERS, QuoteSpan, find_spans, paragraphs
from newsweave.briefing.quotes.speakers import (
    Cue,
    dash_speaker,
    find_cue,
    looks_like_title,
    region_of,
    regions,
    root_subject,
    scare_marked,
)
from newsweave.briefing.quotes.tails import next_line_speaker, tail_cue
from newsweave.clean.dateline import dateline_end
from newsweave.config import settings
from newsweave.models import Entity
from newsweave.nlp import spacy_pipeline as nlp
from newsweave.sections import QuotesSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class Attributed:
    """One quoted stretch judged to be speech, with what named its speaker."""

    start: int
    end: int
    text: str
    speaker: str | None
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    cue: str | None = None


class _Finder(Protocol):
    """Where a text's cues come from: the dependency parse (full mode) or positions (fast)."""

    def cue(
        self, start: int, region: tuple[int, int], span: QuoteSpan, here: list[QuoteSpan]
    ) -> Cue | None: ...

    def lead(self, start: int, region: tuple[int, int], probe: QuoteSpan) -> Cue | None: ...


@dataclass(frozen=True, slots=True)
class _Parsed:
    """Cues from the parse of the quotation paragraphs, keyed by paragraph start."""

    docs: dict[int, Doc]
    text: str
    cited: bool = True  # [quotes] cited_source_speaks

    def cue(
        self, start: int, region: tuple[int, int], span: QuoteSpan, here: list[QuoteSpan]
    ) -> Cue | None:
        found = find_cue(self.docs[start], start, region, span, here, cited=self.cited)
        if found is not None and found.speaker is None:  # a cue the parse gave no subject
            return fast_cue(self.text, region, span, here, cited=self.cited) or found
        return found

    def lead(self, start: int, region: tuple[int, int], probe: QuoteSpan) -> Cue | None:
        if start not in self.docs:
            return None
        doc = self.docs[start]
        found = find_cue(doc, start, region, probe, [], cited=self.cited)
        return found or root_subject(doc, start, region)


@dataclass(frozen=True, slots=True)
class _Positional:
    """Cues by position alone (`fast_cues`): no parse."""

    text: str
    cited: bool = True  # [quotes] cited_source_speaks

    def cue(
        self, start: int, region: tuple[int, int], span: QuoteSpan, here: list[QuoteSpan]
    ) -> Cue | None:
        return fast_cue(self.text, region, span, here, cited=self.cited)

    def lead(self, start: int, region: tuple[int, int], probe: QuoteSpan) -> Cue | None:
        found = fast_cue(self.text, region, probe, [], cited=self.cited)
        return found or lead_subject(self.text, region)


def attribute(
    texts: Sequence[str], entities: Sequence[Entity], *, fast: bool = False, **overrides: Any
) -> list[list[Attributed]]:
    """The attributed quotes of each text (same order), parsing only quotation paragraphs;
    with `fast`, parsing nothing (cues and speakers by position, see `fast_cues`)."""
    config = settings("quotes", **overrides)
    cited = config.cited_source_speaks
    found = [find_spans(text) for text in texts]
    if fast:
        return [
            _attribute_text(
                text, spans, _Positional(blank_datelines(text), cited), entities, config
            )
            for text, spans in zip(texts, found, strict=True)
        ]
    wanted: dict[tuple[int, int], str] = {}
    for text, spans in zip(texts, found, strict=True):
        bounds = list(paragraphs(text))
        for span in spans:
            number = span.paragraph
            for index in (number, number - 1) if number else (number,):
                start, end = bounds[index]
                if index == number or text[start:end].rstrip().endswith(":"):
                    wanted[(id(text), start)] = blank_datelines(text[start:end])
    unique = list(dict.fromkeys(wanted.values()))  # a paragraph reposted by outlets: parsed once
    parsed = dict(zip(unique, nlp.parsed_docs(unique), strict=True))
    docs = {key: parsed[paragraph] for key, paragraph in wanted.items()}
    out = []
    for text, spans in zip(texts, found, strict=True):
        own = {start: doc for (key, start), doc in docs.items() if key == id(text)}
        finder = _Parsed(own, blank_datelines(text), cited)
        out.append(_attribute_text(text, spans, finder, entities, config))
    return out


def blank_datelines(text: str) -> str:
    """`text` with each paragraph's opening dateline ('LONDON (Reuters) - ') blanked to spaces
    (offsets kept), so that neither the parse nor the positional rules take the place or the
    wire for the subject of the lead sentence."""
    for start, end in paragraphs(text):
        stop = dateline_end(text[start:end])
        if stop is not None:
            text = text[:start] + " " * stop + text[start + stop :]
    return text


def _attribute_text(
    text: str,
    spans: list[QuoteSpan],
    finder: _Finder,
    entities: Sequence[Entity],
    config: QuotesSettings,
) -> list[Attributed]:
    resolver = SpeakerResolver(text, entities, spans, config.max_sentences_back)
    bounds = list(paragraphs(text))
    people = {e.name for e in entities if e.type == "PERSON"}
    chains: dict[int, Attributed] = {}
    out: list[Attributed] = []
    previous: Attributed | None = None
    previous_span: QuoteSpan | None = None
    for span in spans:
        words = len(text[span.start : span.end].split())
        quoted = text[span.start : span.end]
        start, end = bounds[span.paragraph]
        here = [s for s in spans if s.paragraph == span.paragraph]
        region = region_of(span, regions(text, start, end, here))
        tail = tail_cue(text, span, region[1])
        if (
            scare_marked(text, span)
            or (words < config.min_words_alone and looks_like_title(quoted) and tail is None)
            or not any(char.isalnum() for char in quoted)  # '“__________”': no words at all
        ):
            continue
        cue = dash_speaker(text, span) or next_line_speaker(text, span)
        cue = cue or finder.cue(start, region, span, here) or tail
        if cue is None:
            cue = _colon_before(text, span, region, here, finder, start)  # the colon frames it
            if cue is None and looks_like_title(quoted) and not _ends_sentence(quoted):
                continue  # a work's title, however long: '“Star Wars: Episode I _ The ...”'
        elif words < MIN_WORDS_UNFRAMED and not framed(text, span, cue, region, here):
            continue  # a scare quote: no entry, no speaker
        item: Attributed | None = None
        if cue is not None:
            item = _with_cue(text, span, cue, resolver)
        elif span.chain in chains:
            item = _inherit(text, span, chains[span.chain])
        elif (
            words >= config.min_words_alone
            or _new_paragraph(previous_span, span, bounds, words >= config.min_words_continued)
        ) and (found := _embedded(text, span, region, here, finder, start, resolver)):
            item = found  # a long quotation inside a sentence with its own subject
        elif words >= config.min_words_continued and _continues(previous_span, span, bounds):
            item = _inherit(text, span, previous) if previous else None
        if item is None and span.paragraph > 0 and words >= config.min_words_continued:
            item = _colon_lead(text, span, bounds, finder, resolver)
        if item is None and words >= config.min_words_alone:
            item = _after_lead_sentence(text, span, bounds, resolver, people) or Attributed(
                span.start, span.end, text[span.start : span.end], None
            )
        if item is None:
            continue
        out.append(item)
        chains.setdefault(span.chain, item)
        previous, previous_span = item, span
    return out


def _ends_sentence(quoted: str) -> bool:
    """Whether a quotation ends as a sentence does (a title does not; a headline's quote in
    title case, 'Mayor Tom Becker ‘Not Fit to Lead the City Council Any Longer.’', does)."""
    return quoted.rstrip("’'”\" ").endswith((".", "!", "?"))


_HEADLINE_NAME = re.compile(r"\s*([A-Z][\w.’'-]*(?:[ \xa0]+[A-Z][\w.’'-]*){0,3}):\s")


def _embedded(
    text: str,
    span: QuoteSpan,
    region: tuple[int, int],
    here: list[QuoteSpan],
    finder: _Finder,
    paragraph_start: int,
    resolver: SpeakerResolver,
) -> Attributed | None:
    """A quotation inside a sentence with no cue, after the sentence's own subject and verb
    ('He anticipated that the challenge would be “...”', 'The campaign projects that “...”'):
    the subject of that sentence, when it can speak."""
    lead_start, lead_end = _lead_in(span, region, here)
    lead = text[lead_start:lead_end]
    if len(lead.split()) < 3 or not lead.lstrip(' ”"’)')[:1].isupper():
        return None  # the quote opens its sentence, or follows another quote's tail
    headline = _HEADLINE_NAME.match(text, lead_start)
    cue: Cue | None = None
    if headline is not None and not headline.group(1).isupper():  # not 'NEW YORK:'
        cue = Cue(":", headline.group(1), headline.start(1), headline.end(1))  # 'Carson: ...'
    else:
        probe = QuoteSpan(lead_end, lead_end, span.paragraph, -1)
        cue = finder.lead(paragraph_start, (lead_start, lead_end), probe)
    if cue is None or cue.speaker is None or cue.speaker_start is None:
        return None
    if not lead_start <= cue.speaker_start < lead_end:
        return None
    item = _with_cue(text, span, cue, resolver)
    return item if item.speaker is not None else None


def _with_cue(text: str, span: QuoteSpan, cue: Cue, resolver: SpeakerResolver) -> Attributed:
    cue = settle(text, cue)
    speaker = None
    if cue.speaker is not None and cue.speaker_start is not None:
        speaker = resolver.resolve(cue.speaker, cue.speaker_start, span.start, cue.head)
    return Attributed(
        span.start, span.end, text[span.start : span.end], speaker,
        cue.speaker, cue.speaker_start, cue.speaker_end, cue.word,
    )  # fmt: skip


def _inherit(text: str, span: QuoteSpan, source: Attributed | None) -> Attributed:
    if source is None:
        return Attributed(span.start, span.end, text[span.start : span.end], None)
    return Attributed(
        span.start, span.end, text[span.start : span.end], source.speaker,
        source.mention, source.mention_start, source.mention_end, source.cue,
    )  # fmt: skip


def _new_paragraph(
    previous: QuoteSpan | None, span: QuoteSpan, bounds: list[tuple[int, int]], long: bool
) -> bool:
    """A quote that would inherit the speaker of the previous paragraph's quote: a sentence
    with its own subject here ('Dottie Deans ... credited him for “...”') names its speaker
    first. Only a quote that would be kept anyway: this never adds a quote."""
    return (
        long
        and previous is not None
        and previous.paragraph < span.paragraph
        and _continues(previous, span, bounds)
    )


def _continues(previous: QuoteSpan | None, span: QuoteSpan, bounds: list[tuple[int, int]]) -> bool:
    """The previous attributed quote is in this paragraph or ends the one before it."""
    if previous is None:
        return False
    if previous.paragraph == span.paragraph:
        return True
    if previous.paragraph != span.paragraph - 1:
        return False
    paragraph_end = bounds[previous.paragraph][1]
    return paragraph_end - previous.end <= 40 or span.start - bounds[span.paragraph][0] <= 1


def _after_lead_sentence(
    text: str,
    span: QuoteSpan,
    bounds: list[tuple[int, int]],
    resolver: SpeakerResolver,
    people: set[str],
) -> Attributed | None:
    """A quotation with no cue that opens its sentence right after a sentence about a person
    with no quotation of its own, at the end of the paragraph before ('Valastro praised
    Christie’s leadership.' then '“We need someone who ...”') or in the same paragraph ('Lynch
    announced the lawsuit on Monday. “We are seeking ...”'): the person that sentence opens
    with."""
    start = bounds[span.paragraph][0]
    end = start + len(text[start : span.start - 1].rstrip())
    if end == start and span.paragraph > 0:
        start, end = bounds[span.paragraph - 1]
    elif end == start or text[end - 1] not in ".!?":
        return None  # the first paragraph, or a lead-in that runs into the quote
    if any(mark in text[start:end] for mark in OPENERS + CLOSERS + '"'):
        return None
    lead = lead_subject(text, regions(text, start, end, [])[-1])
    if lead is None or lead.speaker is None or lead.speaker_start is None:
        return None
    speaker = resolver.resolve(lead.speaker, lead.speaker_start, span.start)
    if speaker not in people:
        return None
    return Attributed(
        span.start, span.end, text[span.start : span.end], speaker,
        lead.speaker, lead.speaker_start, lead.speaker_end,
    )  # fmt: skip


def _lead_in(span: QuoteSpan, region: tuple[int, int], here: list[QuoteSpan]) -> tuple[int, int]:
    """The words of the quote's sentence before its opening mark, after any earlier quote."""
    return max([region[0]] + [s.end + 1 for s in here if s.end < span.start]), span.start - 1


def _colon_before(
    text: str,
    span: QuoteSpan,
    region: tuple[int, int],
    here: list[QuoteSpan],
    finder: _Finder,
    paragraph_start: int,
) -> Cue | None:
    """A lead-in with no cue that ends with a colon right before the quote, in the same
    sentence and outside other quotes ('She then turned to the crowd: “...”'): its subject."""
    lead_start, lead_end = _lead_in(span, region, here)
    while lead_end > lead_start and text[lead_end - 1] in ' \t\xa0“"‘«':
        lead_end -= 1
    if (
        lead_end <= lead_start
        or text[lead_end - 1] != ":"
        or not text[lead_start:lead_end].strip(" :,")
    ):
        return None
    probe = QuoteSpan(lead_end, lead_end, span.paragraph, -1)
    return finder.lead(paragraph_start, (lead_start, lead_end), probe)


def _colon_lead(
    text: str,
    span: QuoteSpan,
    bounds: list[tuple[int, int]],
    finder: _Finder,
    resolver: SpeakerResolver,
) -> Attributed | None:
    """A quote paragraph right after a lead-in that ends with a colon ('Trump said:')."""
    start, end = bounds[span.paragraph - 1]
    if not text[start:end].rstrip().endswith(":"):
        return None
    probe = QuoteSpan(end, end, span.paragraph - 1, -1)
    lead_regions = regions(text, start, end, [])
    cue = finder.lead(start, lead_regions[-1], probe)
    return _with_cue(text, span, cue, resolver) if cue is not None else None
