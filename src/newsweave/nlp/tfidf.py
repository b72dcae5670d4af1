"""scikit-learn's TF-IDF, called without its argument and input checks.

The brief fits a TF-IDF model per story (the summary's sentence pool, lexical agreement) on
a handful of sentences; there, scikit-learn's checks of the vectorizer's parameters and of
finite input were a third of each call (~0.45 ms a one-article story). The inputs are lists
of strings or of tokens made here, so the checks could not fail; the arithmetic is the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sklearn import config_context


@contextmanager
def unchecked() -> Iterator[None]:
    """Inside: scikit-learn skips parameter validation and the finite-input check."""
    with config_context(assume_finite=True, skip_parameter_validation=True):
        yield
