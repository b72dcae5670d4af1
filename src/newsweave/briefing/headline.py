"""A headline for a story: the title that best names what the story's articles share."""

from __future__ import annotations

import re
from collections import Counter

from newsweave.models import Story
from newsweave.text.sentences import first_rough_sentence

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'-]*")
_MAX_FALLBACK_WORDS = 16
_MAX_LABEL_WORDS = 5
_SECTIONS = re.compile(r"\b[A-Z][a-z]+/[A-Z][a-z]+\b")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 3}


def is_section_label(title: str) -> bool:
    """A page's section given as its title ('Indianapolis Politics/Government', 'News/Local'):
    a few capitalised words, two of them joined by a slash. No headline reads so."""
    words = title.split()
    return (
        len(words) <= _MAX_LABEL_WORDS
        and all(word[:1].isupper() for word in words)
        and bool(_SECTIONS.search(title))
    )


def choose_headline(story: Story) -> str:
    """The original article title that shares the most words with the other titles and leads.

    A title chosen this way names what most outlets say rather than one outlet's angle. Stories
    without any title (or only a site's section label for one) get the opening words of their
    earliest article instead.
    """
    originals = story.originals or story.articles
    titled = [a for a in originals if a.title and not is_section_label(a.title)]
    if not titled:
        first = originals[0]
        opening = first_rough_sentence(first.text)
        words = opening.split()
        suffix = " …" if len(words) > _MAX_FALLBACK_WORDS else ""
        return " ".join(words[:_MAX_FALLBACK_WORDS]) + suffix
    shared: Counter[str] = Counter()
    for article in originals:
        lead = first_rough_sentence(article.text)
        shared.update(_words(f"{article.title or ''} {lead}"))

    def score(title: str) -> float:
        words = _words(title)
        return sum(shared[w] - 1 for w in words) / (len(words) ** 0.5 or 1.0)

    best = max(titled, key=lambda a: (score(a.title or ""), -len(a.title or "")))
    return best.title or ""
