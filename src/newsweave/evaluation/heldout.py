"""Held-out-within-dev figures, shared by every `eval` command.

A figure measured on the data its weights or thresholds were chosen on flatters the system:
the hidden test sets score lower. So every `eval` table ends with a held-out block, one row per
system and measure:

- **fitted**: what the system fits on this data (weights, a threshold), or that it fits nothing
  here (fixed rules, settings chosen once and frozen);
- **in-sample**: the figure of the table above;
- **held-out**: where something is fitted, the figure with it fitted on the training folds only
  and each item scored from the fold that held it out (leave one source family out, or K-fold
  by story, cluster or document); where nothing is fitted, the same as in-sample;
- **gap**: in-sample minus held-out;
- **folds**: mean ± sd of the held-out figure over the folds, so a reader sees the variance.

Folds are dealt by a CRC-32 of each unit's key (a document id, a gold story label), so they are
the same on every run and machine, and sizes differ by at most one unit.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

FOLDS = 5
NOTHING_FITTED = "nothing (fixed rules)"
HAND_SET = "none refitted (settings chosen on dev)"


@dataclass(frozen=True, slots=True)
class Spread:
    """A measure over folds: its mean, sample standard deviation and each fold's value."""

    mean: float
    sd: float
    folds: tuple[float, ...]

    def cell(self) -> str:
        return f"{self.mean:.3f} ± {self.sd:.3f} ({len(self.folds)})"


def spread(values: Iterable[float]) -> Spread:
    """Mean and sample standard deviation (0 for a single value)."""
    folds = tuple(float(v) for v in values)
    if not folds:
        return Spread(0.0, 0.0, ())
    mean = sum(folds) / len(folds)
    var = sum((v - mean) ** 2 for v in folds) / (len(folds) - 1) if len(folds) > 1 else 0.0
    return Spread(mean, math.sqrt(var), folds)


def fold_of(keys: Iterable[str], k: int = FOLDS) -> dict[str, int]:
    """Each distinct key's fold (0..k-1): keys ordered by CRC-32, dealt round-robin."""
    distinct = sorted(set(keys), key=lambda key: (zlib.crc32(key.encode("utf-8")), key))
    return {key: n % k for n, key in enumerate(distinct)}


def kfold(keys: Sequence[str], k: int = FOLDS) -> list[list[int]]:
    """The positions in `keys` of each non-empty fold (units of one key share a fold)."""
    folds = fold_of(keys, k)
    chosen: list[list[int]] = [[] for _ in range(k)]
    for position, key in enumerate(keys):
        chosen[folds[key]].append(position)
    return [members for members in chosen if members]


def mean_rows(
    system: str,
    units: Sequence[str],
    per_unit: Sequence[Mapping[str, float]],
    measures: Mapping[str, str],
    fitted: str = NOTHING_FITTED,
) -> list[Row]:
    """Rows for a measure that is a mean over units (a cluster's ROUGE): the mean over all,
    and its spread over K folds of the units. `measures`: key in `per_unit` -> label."""
    rows = []
    chunks = kfold(units)
    for key, label in measures.items():
        values = [float(scores[key]) for scores in per_unit]
        folds = spread(sum(values[n] for n in chunk) / len(chunk) for chunk in chunks)
        mean = sum(values) / len(values) if values else 0.0
        rows.append(Row(system, "all", label, fitted, mean, mean, folds))
    return rows


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the held-out block (see the module docstring)."""

    system: str
    subset: str
    measure: str
    fitted: str
    in_sample: float
    held_out: float
    folds: Spread | None = None

    def as_dict(self) -> dict[str, object]:
        spread_ = self.folds
        return {
            "system": self.system,
            "subset": self.subset,
            "measure": self.measure,
            "fitted": self.fitted,
            "in_sample": self.in_sample,
            "held_out": self.held_out,
            "gap": self.in_sample - self.held_out,
            "folds": None if spread_ is None else {"mean": spread_.mean, "sd": spread_.sd,
                                                   "values": list(spread_.folds)},
        }  # fmt: skip


def fixed_row(
    system: str,
    subset: str,
    measure: str,
    value: float,
    folds: Spread,
    fitted: str = NOTHING_FITTED,
) -> Row:
    """A row for a system that fits nothing on the data: held-out is the in-sample figure.

    `fitted` says so; where settings were once set by hand while reading this data, it
    should say that instead (the K-fold spread is then all the table can show)."""
    return Row(system, subset, measure, fitted, value, value, folds)


def table(title: str, rows: Sequence[Row]) -> str:
    """The held-out block: a title line (how folds are made) and one line per row."""
    header = ["system", "subset", "measure", "fitted on this data", "in-sample", "held-out"]
    header += ["gap", "folds mean ± sd (n)"]
    cells = [header]
    for row in rows:
        cells.append([
            row.system, row.subset, row.measure, row.fitted, f"{row.in_sample:.3f}",
            f"{row.held_out:.3f}", f"{row.in_sample - row.held_out:+.3f}",
            "-" if row.folds is None else row.folds.cell(),
        ])  # fmt: skip
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = [f"held out within dev: {title}"]
    for n, line in enumerate(cells):
        pairs = enumerate(zip(line, widths, strict=True))
        text = [cell.ljust(w) if i < 4 else cell.rjust(w) for i, (cell, w) in pairs]
        lines.append("  ".join(text).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
