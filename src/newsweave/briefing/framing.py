"""How each outlet tells a story: its tone and the words only it uses.

Tone is VADER's compound score averaged over the outlet's sentences (a lexicon model that ships
inside its package and needs no download); it is a rough signal of loaded wording, not a verdict
on an outlet. Distinctive terms are the outlet's words with the highest weighted log-odds against
the other outlets of the same story (see `distinctive_terms`), so "rock bottom" shows up for
the one outlet that says it.
A syndicated or spun copy speaks with its original's words, so copies are left out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from newsweave.briefing.vader import analyzer
from newsweave.config import settings
from newsweave.models import Article, OutletProfile, Story
from newsweave.text.stopwords import ENGLISH_STOP_WORDS

# Words every news story uses whatever its framing: reporting verbs, light verbs and calendar
# words. Left in, they crowd out the words that show how an outlet tells the story.
_NOT_FRAMING = frozenset(
    [
        "said",
        "say",
        "says",
        "saying",
        "told",
        "tell",
        "came",
        "come",
        "comes",
        "does",
        "did",
        "doing",
        "set",
        "sets",
        "year",
        "years",
        "week",
        "weeks",
        "month",
        "months",
        "day",
        "days",
        "today",
        "time",
        "times",
        "final",
        "beginning",
        "according",
        "including",
        "just",
        "new",
        "make",
        "made",
        "making",
        "going",
        "way",
        "ways",
        "want",
        "wants",
        "took",
        "take",
        "takes",
        "use",
        "used",
    ]
)
# scikit-learn's stop word list holds content words that carry framing ("rock bottom",
# "fire", "system"); they are given back.
_STOP_WORDS = ENGLISH_STOP_WORDS - {
    "bottom", "top", "front", "back", "fire", "cry", "bill", "interest", "system", "empty",
    "full", "thick", "thin", "amount", "detail", "side", "move", "call", "found", "mill",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def tone(article: Article) -> float:
    """Mean VADER compound score of an article's sentences, in [-1, 1]."""
    scores = [analyzer().compound(s.text) for s in article.sentences]
    return round(sum(scores) / len(scores), 3) if scores else 0.0


def _terms(articles: Sequence[Article]) -> Counter[str]:
    """Content words and two-word phrases of the articles' titles and texts.

    A phrase is two neighbouring words that are both content words ("rock bottom", "cold
    war"), never two words a stop word stood between.
    """
    counts: Counter[str] = Counter()
    for article in articles:
        tokens = [
            w.lower().strip("'-") for w in _WORD.findall(f"{article.title or ''}\n{article.text}")
        ]
        content = [len(w) > 2 and w not in _STOP_WORDS and w not in _NOT_FRAMING for w in tokens]
        counts.update(w for w, keep in zip(tokens, content, strict=True) if keep)
        counts.update(
            f"{tokens[i]} {tokens[i + 1]}"
            for i in range(len(tokens) - 1)
            if content[i] and content[i + 1]
        )
    return counts


def distinctive_terms(
    own: Counter[str], others: Counter[str], limit: int, min_count: int, prior_weight: float
) -> tuple[str, ...]:
    """Terms an outlet uses that the others don't, ranked by weighted log-odds.

    The statistic is Monroe, Colaresi & Quinn's (2008) log-odds ratio with an informative
    Dirichlet prior (the story's own word counts, scaled to `prior_weight` pseudo-counts),
    divided by its standard deviation: a z-score that does not over-rank rare words the way raw
    ratios do, nor frequent ones the way raw counts do.
    """
    own_total = sum(own.values())
    other_total = sum(others.values())
    combined = own + others
    combined_total = own_total + other_total or 1
    scored = []
    for term, count in own.items():
        if count < min_count or others.get(term, 0) > 0:
            continue
        alpha = prior_weight * combined[term] / combined_total
        other_count = others.get(term, 0)
        delta = math.log((count + alpha) / (own_total + prior_weight - count - alpha)) - math.log(
            (other_count + alpha) / (other_total + prior_weight - other_count - alpha)
        )
        variance = 1.0 / (count + alpha) + 1.0 / (other_count + alpha)
        scored.append((delta / math.sqrt(variance), term))
    scored.sort(key=lambda item: (-item[0], item[1]))
    # A word the outlet only ever uses inside one phrase is shown as that phrase: "rock
    # bottom", not "rock".
    inside_phrase = {
        word
        for term, count in own.items()
        if " " in term
        for word in term.split()
        if own.get(word) == count
    }
    chosen: list[str] = []
    for _, term in scored:
        if term in inside_phrase:
            continue
        if any(f" {term} " in f" {other} " or f" {other} " in f" {term} " for other in chosen):
            continue
        chosen.append(term)
        if len(chosen) == limit:
            break
    return tuple(chosen)


def profile_outlets(story: Story) -> tuple[OutletProfile, ...]:
    """One profile per outlet of the story, most articles first."""
    config = settings("framing")
    by_outlet: dict[str, list[Article]] = {}
    for article in story.articles:
        by_outlet.setdefault(article.voice, []).append(article)
    # Terms are distinctive only against other outlets' words: the words of a story that one
    # outlet tells (most stories) are not counted at all.
    own_words = (
        {
            outlet: _terms([a for a in articles if a.duplicate_of is None])
            for outlet, articles in by_outlet.items()
        }
        if len(by_outlet) > 1
        else {}
    )
    profiles = []
    for outlet, articles in by_outlet.items():
        terms: tuple[str, ...] = ()
        if own_words:
            others: Counter[str] = Counter()
            for other, counts in own_words.items():
                if other != outlet:
                    others.update(counts)
            terms = distinctive_terms(
                own_words[outlet],
                others,
                config.distinctive_terms,
                config.min_term_count,
                config.prior_weight,
            )
        tones = [tone(a) for a in articles]
        profiles.append(
            OutletProfile(
                outlet=outlet,
                articles=tuple(a.id for a in articles),
                tone=round(sum(tones) / len(tones), 3),
                distinctive_terms=terms,
            )
        )
    profiles.sort(key=lambda p: (-len(p.articles), p.outlet))
    return tuple(profiles)
