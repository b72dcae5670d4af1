"""The command line: parse arguments, call the library, render. No logic of its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Annotated, Any, TextIO

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
    SchedulerOpt,
    WorkersOpt,
    errors,
    progress_bar,
    run_command,
    worker_count,
    write_output,
)
from newsweave.errors import ConfigError

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


def _read_pile(
    paths: Sequence[Path],
    show_progress: bool,
    limit_flags: Sequence[str] = (),
    placement: tuple[int, str, str | None] = (1, "local", None),
    follow_links: bool = False,
) -> list[Any]:
    """Read and clean everything; report each skipped file or record on stderr as it comes."""
    from newsweave.models import Problem
    from newsweave.pipeline import read_articles
    from newsweave.readers import Limits, ReadStats

    limits = Limits.from_flags(limit_flags)
    stats = ReadStats()
    articles = []
    with progress_bar(show_progress) as progress:
        task = progress.add_task("reading", total=None)
        workers, executor, scheduler = placement
        items = read_articles(
            paths,
            stats,
            limits,
            workers,
            executor,
            scheduler,
            split=False,
            follow_links=follow_links,
        )
        for item in items:
            if isinstance(item, Problem):
                errors.print(f"skipped {item.source}: {item.reason}", markup=False)
            else:
                articles.append(item)
                progress.advance(task)
    errors.print(stats.summary(), markup=False)
    return articles


def _stories_command(
    paths: Sequence[Path],
    output_format: OutputFormat,
    output: Path | None,
    executor: str,
    scheduler: str | None,
    words: int | None,
    limit_flags: Sequence[str] = (),
    workers: int = 1,
    fast: bool = False,
    follow_links: bool = False,
) -> int:
    from newsweave.pipeline import brief_story, group_stories, story_only_brief
    from newsweave.render.json_v1 import write_document
    from newsweave.render.markdown import render_markdown
    from newsweave.runner import check_executor, map_stories

    check_executor(executor, scheduler)
    if words is not None and words < 1:
        raise ConfigError("--words must be a positive number of words")
    show_progress = errors.is_terminal
    placement = (workers, executor, scheduler)
    articles = _read_pile(paths, show_progress, limit_flags, placement, follow_links)
    if not articles:
        errors.print("newsweave: no article could be read", markup=False)
        return 1
    stories = group_stories(articles, workers, executor, scheduler)
    if words is None:
        briefs = [story_only_brief(s) for s in stories]
    elif executor == "local" and workers == 1:
        with progress_bar(show_progress) as progress:
            task = progress.add_task("briefing stories", total=len(stories))
            briefs = []
            for story in stories:
                briefs.append(brief_story(story, words, fast or None))
                progress.advance(task)
    else:
        work = partial(brief_story, words=words, fast=fast or None)
        briefs = map_stories(work, stories, executor, scheduler, workers)
    text: str | Callable[[TextIO], None]
    if output_format is OutputFormat.json:
        text = partial(write_document, briefs)  # streamed: the pile's text is in it
    elif output_format is OutputFormat.html:
        from newsweave.render.html import write_html

        text = partial(write_html, briefs, stories_only=words is None)
    else:
        text = render_markdown(briefs, stories_only=words is None)
    write_output(text, output)
    return 0


@app.command()
def brief(
    paths: PathsArg,
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
    debug: DebugOpt = False,
) -> None:
    """Group the pile into stories and brief each: summary with citations, who said what,
    timeline, what outlets agree on and where they differ."""
    run_command(
        debug,
        lambda: _stories_command(
            paths,
            output_format,
            output,
            executor,
            scheduler,
            words,
            limit or (),
            worker_count(workers),
            fast,
            follow_links=follow_links,
        ),
    )


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
    debug: DebugOpt = False,
) -> None:
    """Only group the pile into stories, with reposts and rewrites marked (fast)."""
    run_command(
        debug,
        lambda: _stories_command(
            paths,
            output_format,
            output,
            executor,
            scheduler,
            None,
            limit or (),
            worker_count(workers),
            follow_links=follow_links,
        ),
    )


StoreOpt = Annotated[
    Path, typer.Option("--store", help="The SQLite store file (created by the first ingest).")
]


def _ingest_command(
    paths: Sequence[Path],
    store: Path,
    executor: str,
    scheduler: str | None,
    limit_flags: Sequence[str],
    workers: int = 1,
    follow_links: bool = False,
) -> int:
    from newsweave.models import Problem
    from newsweave.readers import Limits, ReadStats, display_path
    from newsweave.runner import check_executor
    from newsweave.store.ingest import ingest

    check_executor(executor, scheduler)
    stats = ReadStats()

    def problem(item: Problem) -> None:
        errors.print(f"skipped {item.source}: {item.reason}", markup=False)

    with progress_bar(errors.is_terminal) as progress:
        tasks: dict[str, Any] = {}

        def advance(step: str, done: int, total: int | None) -> None:
            if step not in tasks:
                tasks[step] = progress.add_task(step, total=total)
            progress.update(tasks[step], completed=done, total=total)

        report = ingest(
            paths,
            store,
            executor=executor,
            scheduler=scheduler,
            workers=workers,
            limits=Limits.from_flags(limit_flags),
            stats=stats,
            on_problem=problem,
            progress=advance,
            follow_links=follow_links,
        )
    errors.print(stats.summary(), markup=False)
    errors.print(f"{display_path(str(store))}: {report.summary()}", markup=False)
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
    debug: DebugOpt = False,
) -> None:
    """Add articles to a store: idempotent (same content, same article), new articles join
    or start stories, and only stories whose articles changed are briefed again."""
    run_command(
        debug,
        lambda: _ingest_command(
            paths, store, executor, scheduler, limit or (), worker_count(workers), follow_links
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
