"""Hostile runs of the commands: bad `--limit` values, texts no model takes, a story that
cannot be briefed, an output that cannot be written.

Like test_hostile_input.py, every hostile file is written here and each case runs the real
command line in a subprocess beside one good article: exit status, no traceback, the bad one
named on stderr with its reason, the good one in the output, and peak memory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_hostile_input import good, write

from newsweave.errors import ConfigError
from newsweave.readers import Limits


def newsweave(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsweave", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def no_crash(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr


# -- --limit values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["1e400", "inf", "-inf", "nan", "-5", "0", "lots", "2.5", "1e16", "9e999999999k", ""]
)
def test_a_bad_limit_value_is_refused_naming_the_limit_and_the_form(value: str) -> None:
    with pytest.raises(ConfigError) as refused:
        Limits.from_flags([f"max_file_bytes={value}"])
    message = str(refused.value)
    assert "max_file_bytes takes a whole number from 1 to 10^15" in message
    assert "may end in k, M or G" in message


def test_limit_values_keep_their_sizes_exactly() -> None:
    limits = Limits.from_flags(["max_file_bytes=1.5k", "max_line_bytes=1_000", "max_sentences=1e3"])
    assert (limits.max_file_bytes, limits.max_line_bytes, limits.max_sentences) == (
        1500,
        1000,
        1000,
    )


@pytest.mark.parametrize("command", ["stories", "ingest"])
def test_an_overflowing_limit_is_a_usage_error_before_any_work(
    tmp_path: Path, command: str
) -> None:
    article = write(tmp_path / "ok.txt", good("Okay"))
    store = ["--store", str(tmp_path / "news.db")] if command == "ingest" else []
    done = newsweave(command, article, *store, "--limit", "max_file_bytes=1e400")
    no_crash(done)
    assert done.returncode == 2
    assert "--limit 'max_file_bytes=1e400': max_file_bytes takes a whole number" in done.stderr
    assert "articles read" not in done.stderr  # refused before reading
    assert not (tmp_path / "news.db").exists()
