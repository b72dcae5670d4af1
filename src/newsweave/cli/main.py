"""The command line: parse arguments, call the library, render. No logic of its own."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from newsweave.cli.eval_commands import eval_app
from newsweave.cli.options import (
    DebugOpt,
    ExecutorOpt,
    FollowLinksOpt,
    FormatOpt,
    LimitOpt,
    OutputFormat,
    OutputOpt,
    PathsArg,
    QuietOpt,
    SchedulerOpt,
    WorkersOpt,
    check_output,
    closing_line,
    errors,
    make_runner,
    report_problem,
    run_command,
    shows_progress,
    write_output,
)
from newsweave.cli.pile_command import stories_command
from newsweave.cli.progress import phases
from newsweave.cli.watch_command import watch_command
from newsweave.errors import ConfigError

if TYPE_CHECKING:
    from newsweave.runner import Runner

app = typer.Typer(
    name="newsweave",
    help=(
        "Read many news articles from many outlets and tell what actually happened: which "
        "articles are one story, what outlets agree on, who said what, when, and a summary in "
        "which every sentence cites its sources."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(eval_app, name="eval")
app.command("watch")(watch_command)


BriefPathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Files or folders (read recursively), as for `stories`; or give --store instead.",
        show_default=False,
    ),
]


def _brief_store_command(
    store: Path, since: str | None, output_format: OutputFormat, output: Path | None
) -> int:
    """`brief --store`: the stored briefs, or those changed since `since` with `changes`."""
    from contextlib import closing

    from newsweave.render.json_v1 import write_document
    from newsweave.render.markdown import render_markdown
    from newsweave.store.schema import connect_reader
    from newsweave.store.versions import instant, stored_briefs

    moment = instant(since) if since is not None else None
    check_output(output)
    with closing(connect_reader(store)) as connection:
        briefs, changes = stored_briefs(connection, moment)
    text: str | Callable[[TextIO], None]
    if output_format is OutputFormat.json:
        text = partial(write_document, briefs, changes=changes)
    elif output_format is OutputFormat.html:
        from newsweave.render.html import write_html

        text = partial(write_html, briefs, changes=changes)
    else:
        text = render_markdown(briefs, changes=changes)
        if not briefs:
            text = f"No stories {'changed since ' + since if since else 'in the store'}.\n"
    write_output(text, output)
    return 0


@app.command()
def brief(
    paths: BriefPathsArg = None,
    output_format: FormatOpt = OutputFormat.md,
    output: OutputOpt = None,
    words: Annotated[int, typer.Option(help="Summary length per story, in words.")] = 100,
    fast: Annotated[
        bool,
        typer.Option(
            "--fast",
            help="Brief without spaCy or MiniLM (~4x faster): names and quote speakers by "
            "rule, wording-based agreement; a little less exact.",
        ),
    ] = False,
    executor: ExecutorOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    limit: LimitOpt = None,
    follow_links: FollowLinksOpt = False,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store", help="Brief the stories of this store (from `ingest`) instead of PATHs."
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            help="With --store: only stories changed since this ISO 8601 date or time "
            "(UTC unless it names a zone), each with what changed.",
            show_default=False,
        ),
    ] = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Group the pile into stories and brief each: summary with citations, who said what,
    timeline, what outlets agree on and where they differ. With --store: the stored briefs
    (--since: only what changed since then, and what changed)."""

    def action() -> int:
        if (store is None) == (not paths):
            raise ConfigError("give PATH... to brief, or --store FILE.db, not both")
        if store is not None:
            return _brief_store_command(store, since, output_format, output)
        if since is not None:
            raise ConfigError("--since needs --store: it asks a store what changed")
        return stories_command(
            paths or [],
            output_format,
            output,
            words,
            limit or (),
            fast,
            runner=make_runner(executor, scheduler, workers),
            follow_links=follow_links,
            quiet=quiet,
        )

    run_command(debug, action)


@app.command()
def stories(
    paths: PathsArg,
    output_format: FormatOpt = OutputFormat.md,
    output: OutputOpt = None,
    executor: ExecutorOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    limit: LimitOpt = None,
    follow_links: FollowLinksOpt = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Only group the pile into stories, with reposts and rewrites marked (fast)."""
    run_command(
        debug,
        lambda: stories_command(
            paths,
            output_format,
            output,
            None,
            limit or (),
            runner=make_runner(executor, scheduler, workers),
            follow_links=follow_links,
            quiet=quiet,
        ),
    )


StoreOpt = Annotated[
    Path, typer.Option("--store", help="The SQLite store file (created by the first ingest).")
]


def _ingest_command(
    paths: Sequence[Path],
    store: Path,
    limit_flags: Sequence[str],
    *,
    runner: Runner,
    follow_links: bool = False,
    quiet: bool = False,
) -> int:
    from newsweave.readers import Limits, ReadStats, display_path
    from newsweave.store.ingest import ingest

    started = time.perf_counter()
    stats = ReadStats()
    with phases(errors, shows_progress(quiet)) as progress, runner.session():
        report = ingest(
            paths,
            store,
            runner=runner,
            limits=Limits.from_flags(limit_flags),
            stats=stats,
            on_problem=report_problem,
            progress=progress,
            on_wait=lambda line: errors.print(line, markup=False),
            follow_links=follow_links,
        )
    if not quiet:
        errors.print(stats.summary(), markup=False)
    closing_line(quiet, f"{display_path(str(store))}: {report.summary()}", started)
    return 0 if report.read else 1


@app.command("ingest")
def ingest_command(
    paths: PathsArg,
    store: StoreOpt,
    executor: ExecutorOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    limit: LimitOpt = None,
    follow_links: FollowLinksOpt = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Add articles to a store: idempotent (same content, same article), new articles join
    or start stories, and only stories whose articles changed are briefed again."""
    run_command(
        debug,
        lambda: _ingest_command(
            paths,
            store,
            limit or (),
            runner=make_runner(executor, scheduler, workers),
            follow_links=follow_links,
            quiet=quiet,
        ),
    )


@app.command("serve")
def serve_command(
    store: StoreOpt,
    host: Annotated[
        str, typer.Option(help="Address to bind; anything but loopback needs --token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="NEWSWEAVE_TOKEN",
            help="Every request must carry it (Authorization: Bearer T, or ?token=T once).",
            show_default=False,
        ),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Serve a store read-only in the browser: stories, search, entity pages, JSON API."""

    def action() -> int:
        from newsweave.app.server import serve

        serve(
            store,
            host=host,
            port=port,
            token=token,
            announce=lambda line: errors.print(line, markup=False),
        )
        return 0

    run_command(debug, action)


def main() -> None:
    """Console entry point."""
    app()
