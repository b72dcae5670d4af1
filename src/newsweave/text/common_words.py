"""Common English words: the whole-word entries of MiniLM's WordPiece vocabulary.

The tokenizer file ships with the package for the embeddings (`data/minilm-tokenizer.json`);
its ~23,000 whole lower-case words are the commonest of English text ('launched',
'increasingly', 'police'), while most surnames and outlets are not ('Haldeman', 'Politico').
Used where a capitalised word must be told from a name without a parser.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    path = resources.files("newsweave").joinpath("data/minilm-tokenizer.json")
    vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    return frozenset(word for word in vocab if word.isalpha() and word.islower())


def is_common_word(word: str) -> bool:
    """Whether `word`, lower-cased, is a whole word of the vocabulary.

    >>> is_common_word("Increasingly"), is_common_word("Politico")
    (True, False)
    """
    return word.lower() in _vocabulary()
