"""What a long command shows while it works: one rich bar per phase, on a terminal only.

The library reports through `runner.Progress` (`progress(phase, done, total)`); `phases`
turns those calls into bars that give each phase's count and total, its rate and the time
left, and draws nothing when stderr is not a terminal or `--quiet` is given. A phase whose
total is not known yet (cleaning while files are still being read, writing to a store) shows
its count and rate beside a pulsing bar, never "0/?".
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, ProgressColumn, SpinnerColumn, Task, TaskID, TextColumn
from rich.progress import Progress as Bars
from rich.text import Text

from newsweave.runner import Progress, no_progress

REDRAWS_PER_SECOND = 10  # rich's own redraw rate; each phase's bar is updated as often
UNITS = {  # what each phase counts, else "articles"
    "reading": "files",
    "reposts": "pairs",
    "briefing": "stories",
    "summarizing": "clusters",
    "systems": "systems",
    "held out": "systems",
}


class CountColumn(ProgressColumn):
    """'1,234/5,678 articles', or '1,234 articles' while the total is not known."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit", "")
        done = f"{int(task.completed):,}"
        if task.total is None:
            return Text(f"{done} {unit}")
        return Text(f"{done}/{int(task.total):,} {unit}")


class RateColumn(ProgressColumn):
    """'512/s' once two updates have been seen."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if not speed:
            return Text("")
        return Text(f"{speed:,.0f}/s" if speed >= 10 else f"{speed:.1f}/s")


class TimeLeftColumn(ProgressColumn):
    """'0:12 left' where the total and a rate are known; 'done in 3.4 s' once finished."""

    max_refresh = 0.5  # the estimate would flicker if redrawn at every frame

    def render(self, task: Task) -> Text:
        if task.finished:
            elapsed = task.finished_time or task.elapsed or 0.0
            return Text(f"done in {elapsed:.1f} s")
        left = task.time_remaining
        if left is None and task.total and task.completed and task.elapsed:
            # rich estimates from recent samples only; before it has two, the phase's own
            # pace so far says as much
            left = task.elapsed * (task.total - task.completed) / task.completed
        if left is None:
            return Text("")
        minutes, seconds = divmod(int(left + 0.5), 60)
        return Text(f"{minutes}:{seconds:02d} left")


class PhaseBars:
    """A `Progress` that draws a bar per phase on `bars`; each bar is updated at most
    `REDRAWS_PER_SECOND` times a second, so a call per article costs a clock read."""

    def __init__(self, bars: Bars):
        self.bars = bars
        self.tasks: dict[str, TaskID] = {}
        self.next_update: dict[str, float] = {}

    def __call__(self, phase: str, done: int, total: int | None, /) -> None:
        now = time.monotonic()
        task = self.tasks.get(phase)
        if task is None:
            unit = UNITS.get(phase, "articles")
            self.tasks[phase] = self.bars.add_task(phase, total=total, completed=done, unit=unit)
        elif now >= self.next_update[phase] or done == total:
            self.bars.update(task, completed=done, total=total)
        else:
            return
        self.next_update[phase] = now + 1 / REDRAWS_PER_SECOND


@contextmanager
def phases(console: Console, enabled: bool) -> Iterator[Progress]:
    """A `Progress` that draws on `console` while the block runs (bars gone at its end), or
    `no_progress` when not `enabled`."""
    if not enabled:
        yield no_progress
        return
    bars = Bars(
        SpinnerColumn(),
        TextColumn("{task.description:<12}"),
        BarColumn(),
        CountColumn(),
        RateColumn(),
        TimeLeftColumn(),
        console=console,
        transient=True,
        refresh_per_second=REDRAWS_PER_SECOND,
    )
    with bars:
        yield PhaseBars(bars)
