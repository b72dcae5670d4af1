"""One name per outlet: a domain and the outlet's own name are the same publisher.

Crawlers name the outlet by its domain (`source_domain: northernledger.example`) while pages
and feeds give its name ("The Northern Ledger"); counted apart, one outlet would look like two
independent confirmations. Within one pile, a domain-like outlet takes the name that other
articles from the same web host carry, when they agree on one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from newsweave.models import Article

_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$", re.IGNORECASE)
UNKNOWN_OUTLET = "unknown outlet"


def host(url: str | None) -> str | None:
    """The lower-cased web host of a URL without 'www.' ('bbc.co.uk'), or None.

    Readers take it as the outlet of last resort; `unify_outlets` matches articles by it.
    """
    if not url:
        return None
    name = urlsplit(url.strip()).hostname or ""
    return name.removeprefix("www.").lower() or None


def outlet_name(article: Article | None) -> str:
    """The name to show for an article's outlet: its `voice` (the outlet, else the wire its
    dateline names, else its file's name), or "unknown outlet" when there is no article."""
    if article is None:
        return UNKNOWN_OUTLET
    return article.voice


def shown_outlet(article: Article) -> str:
    """The outlet as a reader should see it in text: its `voice`, but "unknown outlet
    (FILE)" when the article names neither an outlet nor a wire, so that a file name is never
    taken for a publisher."""
    if article.outlet or (article.dateline and article.dateline.wire):
        return article.voice
    return f"{UNKNOWN_OUTLET} ({article.voice})"


def shown_names(articles: Iterable[Article]) -> Callable[[str], str]:
    """`shown_outlet` for names already taken from `articles` by their `voice`."""
    shown = {article.voice: shown_outlet(article) for article in articles}
    return lambda voice: shown.get(voice, voice)


def _is_domain(outlet: str) -> bool:
    return bool(_DOMAIN.match(outlet.strip()))


def unify_outlets(articles: Sequence[Article]) -> list[Article]:
    """The articles, with domain-named outlets replaced by the name their host goes by."""
    names: dict[str, Counter[str]] = {}
    for article in articles:
        site = host(article.url)
        if site and article.outlet and not _is_domain(article.outlet):
            names.setdefault(site, Counter())[article.outlet] += 1
    unified = []
    for article in articles:
        outlet = article.outlet
        site = (outlet or "").strip().lower().removeprefix("www.") if outlet else None
        if outlet and _is_domain(outlet) and site:
            site = host(article.url) or site
            known = names.get(site)
            if known:
                (name, _), *others = known.most_common()
                if not others:
                    note = f"outlet: {outlet} is named {name} by its other articles"
                    article = replace(article, outlet=name, notes=(*article.notes, note))
        unified.append(article)
    return unified
