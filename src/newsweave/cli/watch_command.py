"""`newsweave watch SOURCES --store FILE.db [--every DURATION] [--once]`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsweave.cli.options import DebugOpt, errors, report_problem, run_command
from newsweave.errors import ConfigError

if TYPE_CHECKING:
    from newsweave.watch.poll import PollReport


def watch_command(
    sources: Annotated[
        Path,
        typer.Argument(
            help="A text file of feed URLs (one a line, # comments) or an OPML file.",
            show_default=False,
        ),
    ],
    store: Annotated[Path, typer.Option("--store", help="The SQLite store file (created if new).")],
    every: Annotated[
        str | None,
        typer.Option(
            "--every",
            help="Poll every DURATION (30s, 15m, 1h, 1d) until Ctrl+C; default: [watch] every.",
            show_default=False,
        ),
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron).")] = False,
    debug: DebugOpt = False,
) -> None:
    """Follow feeds: poll each (conditional GET, politely), fetch the page of an item that has
    a blurb only, and ingest what is new into the store."""

    def action() -> int:
        from newsweave.config import settings
        from newsweave.watch.loop import follow, parse_every

        if once and every is not None:
            raise ConfigError("--once polls once; leave out --every (or leave out --once)")
        interval = None if once else parse_every(every or settings("watch").every)
        try:
            return follow(
                sources, store, every=interval, on_problem=report_problem, on_poll=_tell_poll
            )
        except KeyboardInterrupt:
            errors.print("newsweave watch: stopped", markup=False)
            return 0

    run_command(debug, action)


def _tell_poll(report: PollReport) -> None:
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    errors.print(f"{stamp} poll: {report.summary()}", markup=False)
