"""Who said what in a story: direct quotations with their speakers, one entry per quotation.

`extract_quotes(story, entities)` attributes the quotes of every article (see `attribution`),
then folds the same words reported by several outlets into one entry: the earliest outlet's
(by publication time, then story order) is the entry, the others are `variants`, and a variant
whose words differ beyond punctuation and case is marked `differs` (a possible misquote).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any

from newsweave.briefing.quotes.attribution import Attributed, attribute
from newsweave.config import settings
from newsweave.models import Article, Entity, Quote, QuoteVariant, Story

_WORD = re.compile(r"[\w’']+")


@dataclass(slots=True)
class _Group:
    quote: Quote
    words: tuple[str, ...]
    order: tuple[datetime, int, int]
    variants: list[QuoteVariant] = field(default_factory=list)


def extract_quotes(
    story: Story, entities: Sequence[Entity], *, fast: bool = False, **overrides: Any
) -> tuple[Quote, ...]:
    """The story's quotations, each once, in order of first report (date, then position);
    `fast` attributes them without a parse (see `fast_cues`)."""
    config = settings("quotes", **overrides)
    texts = list(dict.fromkeys(article.text for article in story.articles))
    found = dict(zip(texts, attribute(texts, entities, fast=fast, **overrides), strict=True))
    ranked = sorted(enumerate(story.articles), key=lambda pair: _article_order(pair[1], pair[0]))
    groups: list[_Group] = []
    for position, article in ranked:
        for item in found[article.text]:
            quote = _quote(article, item)
            words = normal_words(item.text)
            home = _matching_group(groups, words, config.variant_similarity)
            if home is None:
                order = (*_article_order(article, position), item.start)
                groups.append(_Group(quote, words, order))
                continue
            home.variants.append(QuoteVariant(item.text, article.id, words != home.words))
            if home.quote.speaker is None and quote.speaker is not None:
                home.quote = replace(home.quote, speaker=quote.speaker)
    groups.sort(key=lambda g: g.order)
    return tuple(replace(g.quote, variants=tuple(g.variants)) for g in groups)


def normal_words(text: str) -> tuple[str, ...]:
    """The words of a quote without punctuation or case, for comparing reports."""
    return tuple(w.replace("’", "'") for w in _WORD.findall(text.lower()))


def _article_order(article: Article, position: int) -> tuple[datetime, int]:
    published = article.published or datetime.max
    return published.replace(tzinfo=None), position


def _matching_group(
    groups: list[_Group], words: tuple[str, ...], threshold: float
) -> _Group | None:
    for group in groups:
        if group.words == words:
            return group
    if len(words) < 4:
        return None
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words)  # the expensive side is indexed once for all groups
    for group in groups:
        if len(group.words) < 4:
            continue
        matcher.set_seq1(group.words)
        quick = matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold
        if quick and matcher.ratio() >= threshold:
            return group
    return None


def _quote(article: Article, item: Attributed) -> Quote:
    return Quote(
        text=item.text,
        speaker=item.speaker,
        article=article.id,
        sentence=_sentence(article, item.start, item.end),
        start=item.start,
        end=item.end,
    )


def _sentence(article: Article, start: int, end: int) -> str | None:
    """The exact sentence(s) of the article's text that hold the quote."""
    touched = [s for s in article.sentences if s.start < end and start < s.end]
    if not touched:
        return None
    return article.text[touched[0].start : touched[-1].end]
