"""`one_sentence`, the paragraphs the sentence splitter leaves to no pysbd call, are ones pysbd
itself leaves whole: the split is the same with or without the shortcut."""

from __future__ import annotations

import json
from pathlib import Path

import pysbd
import pytest

from newsweave.text.sentences import one_sentence, split_sentences


def _pysbd_pieces(paragraph: str) -> list[str]:
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return [span.sent.strip() for span in segmenter.segment(paragraph) if span.sent.strip()]


def test_pysbd_leaves_every_one_sentence_paragraph_of_real_news_whole(shared: Path) -> None:
    lines = (shared / "data" / "stories-dev.jsonl").read_text(encoding="utf-8").splitlines()
    paragraphs = [p for line in lines for p in json.loads(line)["text"].splitlines()]
    chosen = [p for p in paragraphs if one_sentence(p)]
    assert len(chosen) > 0.25 * len(paragraphs)
    for paragraph in chosen:
        assert _pysbd_pieces(paragraph) == [paragraph.strip()]


@pytest.mark.parametrize(
    ("paragraph", "whole"),
    [
        ("The company's plan failed on Tuesday.", True),
        ("Why did it fail?", True),
        ("Two sentences. Here.", False),
        ("'It was a brick, ' Mrs Armstead said of her injury.", False),  # quotes in apostrophes
        ('He said "no" to it.', False),
        ("The plan will a) cut costs and b) raise prices.", False),  # list items
        ("It ended  there.", False),  # two spaces: a boundary to pysbd
        ("It ended here .", False),
        ("It ended here", False),  # no mark at all: another shortcut
    ],
)
def test_which_paragraphs_are_one_sentence(paragraph: str, whole: bool) -> None:
    assert one_sentence(paragraph) is whole
    if whole:
        assert _pysbd_pieces(paragraph) == [paragraph]
        assert [s.text for s in split_sentences(paragraph)] == [paragraph]
