"""Pieces of the HTML report that are computed, not just laid out: the timeline chart's
geometry and the word diff between quote variants. Both return plain records; the template
draws them, so every string still goes through autoescaping.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsweave.models import TimelineEntry

CHART_WIDTH = 760
MARGIN = 36
ROW = 14  # vertical step between dots that share a date
MAX_ROWS = 12  # dots beyond this stack on the top row: the list below still has every entry
MAX_TICKS = 8
ZONE = 56  # width of the "earlier" and "later" zones at the ends of a focused chart


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    href: str
    label: str
    precision: str  # "day", "month" or "year"
    span_from: float  # the period the date covers (a month or a year is drawn as a band)
    span_to: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class TimelineChart:
    width: int
    height: int
    axis_y: float
    dots: tuple[Dot, ...]
    ticks: tuple[Tick, ...]
    zones: bool = False  # whether the ends hold dates outside the focus ("earlier", "later")


def parse_period(value: str) -> tuple[date, date, str] | None:
    """First and last day of an ISO date at its precision ('2025', '2025-03', '2025-03-12')."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip()[:10])
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            first = date(int(year), int(month), int(day))
            return first, first, "day"
        if month:
            first = date(int(year), int(month), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1), "month"
        return date(int(year), 1, 1), date(int(year), 12, 31), "year"
    except ValueError:
        return None


def timeline_chart(
    entries: Sequence[TimelineEntry], links: Sequence[str], focus: tuple[date, date] | None = None
) -> TimelineChart | None:
    """Dots on a date axis, one per dated entry, each linking to its sentence (`links`).

    With `focus` (the days the story was published, say), a date far outside it would squeeze
    the rest into one column, so such dates sit in an "earlier" or "later" zone at the ends.
    """
    dated = []
    for entry, link in zip(entries, links, strict=True):
        period = parse_period(entry.date)
        if period is not None:
            dated.append((period, entry, link))
    if not dated:
        return None
    low = min(p[0] for p, _, _ in dated)
    high = max(p[1] for p, _, _ in dated)
    zones = focus is not None and (high - low).days > 3 * max((focus[1] - focus[0]).days, 7)
    if zones and focus is not None:
        low, high = max(low, focus[0]), min(high, focus[1])
    span = max((high - low).days, 1)
    inner = MARGIN + ZONE if zones else MARGIN

    def x_of(day: date) -> float:
        if day < low:
            return ZONE / 2
        if day > high:
            return CHART_WIDTH - ZONE / 2
        return inner + (day - low).days / span * (CHART_WIDTH - 2 * inner)

    rows: dict[int, int] = {}
    placed = []
    for (first, last, precision), entry, link in sorted(dated, key=lambda d: d[0][0]):
        x = x_of(first + (last - first) / 2)
        column = round(x / ROW)
        row = min(rows.get(column, 0), MAX_ROWS - 1)
        rows[column] = row + 1
        label = f"{entry.date}: “{entry.expression}”. {entry.text}"
        band = (x, x) if first < low or last > high else (x_of(first), x_of(last))
        placed.append((x, row, link, label, precision, *band))
    axis_y = 16 + (max(r for _, r, *_ in placed) + 1) * ROW
    dots = tuple(
        Dot(x, axis_y - 10 - row * ROW, link, label, precision, start, stop)
        for x, row, link, label, precision, start, stop in placed
    )
    ticks = [Tick(x_of(day), text) for day, text in _ticks(low, high)]
    if zones:
        ticks = [Tick(ZONE / 2, "earlier"), *ticks, Tick(CHART_WIDTH - ZONE / 2, "later")]
    return TimelineChart(CHART_WIDTH, int(axis_y + 30), axis_y, dots, tuple(ticks), zones)


def _ticks(low: date, high: date) -> list[tuple[date, str]]:
    """Round dates between low and high to label the axis: years, months or days."""
    span = (high - low).days
    if span == 0:
        return [(low, low.isoformat())]
    if span > 3 * 365:
        step = math.ceil((high.year - low.year + 1) / MAX_TICKS)
        years = range(low.year + (low != date(low.year, 1, 1)), high.year + 1, step)
        return [(date(y, 1, 1), str(y)) for y in years]
    if span > 60:
        months = []
        cursor = date(low.year, low.month, 1)
        if cursor < low:
            cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
        while cursor <= high:
            months.append(cursor)
            cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
        step = math.ceil(len(months) / MAX_TICKS)
        return [(m, m.strftime("%b %Y")) for m in months[::step]]
    step = math.ceil((span + 1) / MAX_TICKS)
    days = [low + timedelta(days=n) for n in range(0, span + 1, step)]
    return [(d, d.strftime("%d %b")) for d in days]


_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


def word_diff(original: str, variant: str) -> list[tuple[str, str]]:
    """How a variant's wording differs from the original, word by word.

    A list of (kind, text) with kind "same", "del" (only in the original) or "ins" (only in
    the variant), in reading order.
    """
    old, new = _TOKEN.findall(original), _TOKEN.findall(variant)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(old[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("del", "".join(old[a1:a2])))
        if b2 > b1:
            pieces.append(("ins", "".join(new[b1:b2])))
    return pieces
