"""Cited extractive summaries of a story, behind one small protocol.

A summarizer is any callable `(story, words, *, fill=False, told_alike=None) ->
tuple[SummarySentence, ...]`;
each lives in a module of its own (`coverage` is newsweave's default, `lead`, `random_pick`,
`centroid`, `sumy_baselines`, `oracle`) and is chosen by name. `summarize()` is what the rest
of newsweave calls: the default method from the `[summarize]` settings, at most `words` words.

`fill=True` is for evaluation only: the last sentence may run past the budget because the
scorer cuts every summary at exactly `words` words, as the DUC evaluations did. `told_alike`
maps sentences (article id, start) that state one claim in other words to that claim's number
(a brief's agreed facts): newsweave's summarizer and the centroid baseline take one of them
and cite the others; the other baselines ignore it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

from newsweave.config import settings
from newsweave.errors import ConfigError
from newsweave.models import Story, SummarySentence

if TYPE_CHECKING:
    from newsweave.briefing.summarize.candidates import ToldAlike


class Summarizer(Protocol):
    """Chooses and cites sentences of a story, in reading order, within a word budget."""

    def __call__(
        self, story: Story, words: int, *, fill: bool = False, told_alike: ToldAlike | None = None
    ) -> tuple[SummarySentence, ...]: ...


# name -> "module:factory"; a factory takes keyword options and returns a Summarizer.
REGISTRY = {
    "newsweave": "newsweave.briefing.summarize.coverage:Coverage",
    "centroid": "newsweave.briefing.summarize.centroid:Centroid",
    "lead": "newsweave.briefing.summarize.lead:Lead",
    "random": "newsweave.briefing.summarize.random_pick:RandomPick",
    "lexrank": "newsweave.evaluation.sumy_baselines:LexRank",
    "textrank": "newsweave.evaluation.sumy_baselines:TextRank",
    "lsa": "newsweave.evaluation.sumy_baselines:Lsa",
    "luhn": "newsweave.evaluation.sumy_baselines:Luhn",
    "klsum": "newsweave.evaluation.sumy_baselines:KlSum",
}


def summarizer(name: str, **options: Any) -> Summarizer:
    """The summarizer registered under `name`, built with `options` (imports lazily)."""
    if name not in REGISTRY:
        raise ConfigError(f"unknown summarizer {name!r}; known: {', '.join(sorted(REGISTRY))}")
    module_name, factory = REGISTRY[name].split(":")
    built: Summarizer = getattr(import_module(module_name), factory)(**options)
    return built


def summarize(
    story: Story, words: int = 100, told_alike: ToldAlike | None = None
) -> tuple[SummarySentence, ...]:
    """A cited summary of `story` in at most `words` words, sentences in reading order.

    Each sentence is taken from an article (never from its `removed` lines) and cites that
    article first, then the other articles that say the same; `support` counts independent
    outlets (a syndicated or spun copy counts once, under its original). Sentences that
    `told_alike` says state one claim are one statement: one of them is taken, the others cited.
    """
    if words < 1:
        raise ConfigError(f"summary length must be at least 1 word, got {words}")
    method = settings("summarize").method
    return summarizer(method)(story, words, told_alike=told_alike)
