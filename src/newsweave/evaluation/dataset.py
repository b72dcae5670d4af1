"""Reading an evaluation data set: JSON Lines, one object a line, errors that name the line.

Each `eval` command checks its own record shape; what they share (the file can be read, each
non-empty line is a JSON object) lives here, so every data set fails the same clear way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsweave.errors import DatasetError


def jsonl_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for each non-empty line; DatasetError naming the line otherwise."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        raise DatasetError(
            f"{path}: cannot read the data set ({error.strerror or error})"
        ) from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise DatasetError(f"{path}:{number}: not JSON ({error.msg})") from None
            except UnicodeDecodeError:
                raise DatasetError(f"{path}:{number}: not UTF-8 text") from None
            if not isinstance(record, dict):
                raise DatasetError(f"{path}:{number}: expected a JSON object")
            yield number, record
