"""The fast VADER analyzer gives VADER's own scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from newsweave.briefing.vader import FastAnalyzer, analyzer

# VADER's own examples and the corners of its rules: boosters in capitals, "kind of", "no",
# "never so", "without doubt", "least", "but", emoji, punctuation emphasis, empty text.
CORNERS = [
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "No good deed. no no bad. It is no or nor good.",
    "never so good, never this bad, so nice",
    "without doubt bad; without any doubt good",
    "the least bad, at least good, very least happy",
    "It was a GREAT deal, the kind of thing that helps??",
    "",
    "   ",
]


def _sentences(shared: Path) -> list[str]:
    path = shared / "data" / "summaries-dev-duc2006-2007.jsonl"
    texts: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line, _ in zip(lines, range(10), strict=False):
            for article in json.loads(line)["articles"]:
                texts.extend(article["text"].replace("\n", " ").split(". "))
    return texts


@pytest.mark.parametrize("text", CORNERS)
def test_same_scores_as_vader_on_its_corners(text: str) -> None:
    assert analyzer().polarity_scores(text) == SentimentIntensityAnalyzer().polarity_scores(text)


def test_same_scores_as_vader_on_real_sentences(shared: Path) -> None:
    texts = _sentences(shared)
    assert len(texts) > 1000
    fast, vader = FastAnalyzer(), SentimentIntensityAnalyzer()
    assert [fast.polarity_scores(t) for t in texts] == [vader.polarity_scores(t) for t in texts]


@pytest.mark.parametrize("text", CORNERS)
def test_compound_is_vaders_compound_on_its_corners(text: str) -> None:
    vader = SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
    assert analyzer().compound(text) == vader


def test_compound_is_vaders_compound_on_real_sentences(shared: Path) -> None:
    texts = _sentences(shared)
    fast, vader = FastAnalyzer(), SentimentIntensityAnalyzer()
    assert [fast.compound(t) for t in texts] == [
        vader.polarity_scores(t)["compound"] for t in texts
    ]
