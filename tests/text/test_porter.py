"""newsweave's Porter stems are NLTK's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsweave.text.porter import stem

# NLTK's own examples of each step and extension, and the corners of "y".
CORNERS = {
    "caresses": "caress", "ponies": "poni", "ties": "tie", "cats": "cat", "feed": "feed",
    "agreed": "agre", "plastered": "plaster", "motoring": "motor", "sing": "sing",
    "hopping": "hop", "falling": "fall", "filing": "file", "happy": "happi", "enjoy": "enjoy",
    "relational": "relat", "skies": "sky", "dying": "die", "news": "news", "generously":
    "gener", "controlling": "control", "yy": "yy", "syzygy": "syzygi", "ab": "ab", "Running":
    "run",
}  # fmt: skip


@pytest.mark.parametrize(("word", "expected"), CORNERS.items())
def test_known_stems(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_same_stems_as_nltk_on_real_words(shared: Path) -> None:
    porter = pytest.importorskip("nltk.stem.porter")
    text = (shared / "data" / "summaries-dev-duc2006-2007.jsonl").read_text(encoding="utf-8")
    words = sorted({w.lower() for w in re.findall(r"[A-Za-z0-9'-]+", text[:3_000_000])})
    assert len(words) > 20_000
    nltk = porter.PorterStemmer()
    assert [stem(w) for w in words] == [nltk.stem(w) for w in words]
