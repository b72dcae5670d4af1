"""The summary, backed by the agreed facts: no fact told twice, outlets counted as the facts
count them.

The summarizer (`briefing/summarize`) counts the outlets behind a sentence by word overlap and
skips a sentence that repeats a chosen one in the same words; the agreement stage
(`compare.py`) finds which outlets state a claim in other words too. `told_alike` hands the
facts to the summarizer before it chooses; `label_summary` backs what it chose with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsweave.models import Fact, SummarySentence


def told_alike(facts: Sequence[Fact]) -> dict[tuple[str, int], int]:
    """Each fact's sentences, (article id, start), mapped to the fact's number: the sentences
    the summarizer takes as one statement (`summarize(..., told_alike=...)`), so two outlets'
    tellings of one fact in other words ("An Italian man was crushed to death by a giant
    crucifix ..." / "A giant crucifix ... has collapsed and killed a 21-year-old man") are not
    both in the summary: their words pass its test for repeats, their claim does not."""
    return {
        (ref.article, ref.start): number
        for number, fact in enumerate(facts)
        for ref in fact.sources
        if ref.start is not None
    }


def label_summary(
    summary: Sequence[SummarySentence], facts: Sequence[Fact]
) -> tuple[SummarySentence, ...]:
    """The summary with each sentence's support raised to that of the fact it states, if any.

    The summarizer counts outlets by word overlap; alignment finds paraphrases too, so where a
    summary sentence is one of a fact's statements, the fact's outlets and sentences back it.
    """
    by_source = {(ref.article, ref.text): fact for fact in facts for ref in fact.sources}
    return tuple(_with_fact_support(sentence, by_source) for sentence in summary)


def _with_fact_support(
    sentence: SummarySentence, by_source: dict[tuple[str, str], Fact]
) -> SummarySentence:
    """The sentence backed by the outlets and sentences of the fact one of its sources is a
    statement of, where that fact has more outlets than the sentence counts."""
    fact = next(
        (
            by_source[key]
            for ref in sentence.sources
            if (key := (ref.article, ref.text)) in by_source
        ),
        None,
    )
    if fact is None or fact.support <= sentence.support:
        return sentence
    cited = {(ref.article, ref.text) for ref in sentence.sources}
    extra = tuple(ref for ref in fact.sources if (ref.article, ref.text) not in cited)
    outlets = tuple(dict.fromkeys(sentence.outlets + fact.outlets))
    return replace(
        sentence,
        sources=sentence.sources + extra,
        support=max(fact.support, len(outlets)),  # the outlets named are the count
        outlets=outlets,
    )
