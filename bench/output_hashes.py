"""Hashes of what the commands write for the bundled examples and the shared samples.

A refactor that must not change behaviour is checked by running this before and after it and
comparing the two listings (`diff`): every line names a command and the SHA-256 of its output.

    python bench/output_hashes.py > before.txt   # on the old build
    python bench/output_hashes.py > after.txt    # on the new one
    diff before.txt after.txt
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"

RUNS = [
    ["brief", "{pile}", "-f", "json"],
    ["brief", "{pile}", "-f", "md", "--words", "60"],
    ["brief", "{pile}", "-f", "html"],
    ["brief", "{pile}", "-f", "json", "--fast"],
    ["stories", "{pile}", "-f", "json"],
    ["stories", "{pile}", "-f", "md"],
]


def output_hash(args: list[str]) -> str:
    """Run `newsweave ARGS -o FILE` in a fresh process; the SHA-256 of FILE."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        command = [sys.executable, "-m", "newsweave", *args, "-o", str(out), "--workers", "1"]
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        return hashlib.sha256(out.read_bytes()).hexdigest()


def main() -> None:
    # Relative to the repository root, so that the outputs (which name their sources) are the
    # same in any checkout or worktree.
    piles = {"examples": "examples", "samples": os.path.relpath(SAMPLES, ROOT)}
    for name, pile in piles.items():
        if not (ROOT / pile).exists():
            print(f"{name}: missing ({pile})")
            continue
        for run in RUNS:
            args = [pile if part == "{pile}" else part for part in run]
            label = " ".join(name if part == "{pile}" else part for part in run)
            print(f"{output_hash(args)}  {label}", flush=True)


if __name__ == "__main__":
    main()
