"""One exception root for everything newsweave raises on purpose.

Messages name the file (and record) and, where there is one, the fix. The CLI prints them
without a traceback unless `--debug` is given.
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Root of newsweave's own errors."""


class InputError(NewsweaveError):
    """A file or record that cannot be read; the batch goes on without it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ConfigError(NewsweaveError):
    """A setting or flag with a value newsweave cannot use."""


class DatasetError(NewsweaveError):
    """An evaluation data set that is not in the shape the `eval` command expects."""
