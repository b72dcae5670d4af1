"""The stop list newsweave keeps is scikit-learn's, and grouping runs without scikit-learn."""

from __future__ import annotations

import subprocess
import sys

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN_STOP_WORDS

from newsweave.text.stopwords import ENGLISH_STOP_WORDS


def test_the_stop_list_is_scikit_learns() -> None:
    assert ENGLISH_STOP_WORDS == SKLEARN_STOP_WORDS


def test_reading_and_grouping_load_neither_scikit_learn_nor_scipy() -> None:
    # `newsweave stories` and its worker processes import the pipeline; the brief's stages,
    # which need scikit-learn (and SciPy, ~90 MB a process), load only when a brief is made.
    probe = (
        "import sys, newsweave.pipeline, newsweave.cli.main;"
        "print(sorted(m for m in ('sklearn', 'scipy', 'spacy') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"
