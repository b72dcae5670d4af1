"""sumy's LexRank, TextRank, LSA, Luhn and KL-Sum as baselines, on newsweave's own sentences.

sumy's default tokenizer needs NLTK data that cannot be downloaded, so the story's sentences
(as newsweave split them) are handed to sumy as a ready-made document with a regex word
tokenizer, sumy's English stop words and its Snowball stemmer. The articles are one document,
one paragraph each (copies left out). sumy returns sentences in document order; it is asked
for enough of them to fill the word budget.
"""

from __future__ import annotations

import math
import re
from typing import Any

from newsweave.briefing.summarize.candidates import Pool, ToldAlike, candidates, pool
from newsweave.briefing.summarize.ranked import cited, take
from newsweave.config import settings
from newsweave.models import Story, SummarySentence

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


class RegexTokenizer:
    """The tokenizer interface sumy expects, without NLTK data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


class _SumyBaseline:
    """Runs one sumy summarizer class (named by `algorithm`) over a story."""

    algorithm = ""

    def __init__(self, **_options: Any) -> None:
        self.match = settings("summarize").match

    def _summarizer(self) -> Any:
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers import kl, lex_rank, lsa, luhn, text_rank
        from sumy.utils import get_stop_words

        classes = {
            "lexrank": lex_rank.LexRankSummarizer,
            "textrank": text_rank.TextRankSummarizer,
            "lsa": lsa.LsaSummarizer,
            "luhn": luhn.LuhnSummarizer,
            "klsum": kl.KLSummarizer,
        }
        summarizer = classes[self.algorithm](Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        return summarizer

    def __call__(
        self, story: Story, words: int, *, fill: bool = False, told_alike: ToldAlike | None = None
    ) -> tuple[SummarySentence, ...]:
        the_pool = pool(candidates(story, 0, 10_000))
        indices = [i for i, c in enumerate(the_pool.items) if not c.is_copy and c.content]
        if not indices:
            return ()
        document, by_sentence = _document(the_pool, indices)
        mean_words = sum(the_pool.items[i].words for i in indices) / len(indices)
        count = min(len(indices), math.ceil(words / max(1.0, mean_words)) + 2)
        summarizer = self._summarizer()
        while True:
            picked = [by_sentence[id(s)] for s in summarizer(document, count)]
            total = sum(the_pool.items[i].words for i in picked)
            if total >= words or count >= len(indices):
                break
            count = min(len(indices), count * 2)
        return cited(the_pool, take(picked, the_pool, words, fill), self.match, False)


def _document(the_pool: Pool, indices: list[int]) -> tuple[Any, dict[int, int]]:
    """A sumy document (one paragraph per article) and sentence object id -> pool index."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = RegexTokenizer()
    paragraphs: dict[str, list[Any]] = {}
    by_sentence: dict[int, int] = {}
    for index in indices:
        candidate = the_pool.items[index]
        sentence = SumySentence(candidate.sentence.text, tokenizer)
        by_sentence[id(sentence)] = index
        paragraphs.setdefault(candidate.article.id, []).append(sentence)
    document = ObjectDocumentModel(tuple(Paragraph(s) for s in paragraphs.values()))
    return document, by_sentence


class LexRank(_SumyBaseline):
    algorithm = "lexrank"


class TextRank(_SumyBaseline):
    algorithm = "textrank"


class Lsa(_SumyBaseline):
    algorithm = "lsa"


class Luhn(_SumyBaseline):
    algorithm = "luhn"


class KlSum(_SumyBaseline):
    algorithm = "klsum"
