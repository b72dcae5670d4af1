"""The command line: parse arguments, call the library, render. No logic of its own."""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from newsweave.errors import ConfigError, NewsweaveError

T = TypeVar("T")

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
eval_app = typer.Typer(
    help="Measure newsweave on labelled data, beside baselines run on the same data.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(eval_app, name="eval")

errors = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(StrEnum):
    md = "md"
    json = "json"
    html = "html"


PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Files or folders (read recursively): .txt .html .jsonl(.gz) .json .xml/.rss/.atom "
        ".warc(.gz); the reader is chosen by suffix and content.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="md for people, json for programs, html for a report."),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
]
ExecutorOpt = Annotated[
    str, typer.Option(help="Where per-story work runs: local, or dask (needs newsweave[dask]).")
]
SchedulerOpt = Annotated[
    str | None, typer.Option(help="Address of a running Dask scheduler (with --executor dask).")
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        help="Worker processes for per-article stages and briefs (default: the CPU count; "
        "1 runs everything in this process).",
        min=1,
        show_default=False,
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")]
LimitOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--limit",
        help="Change an input limit, NAME=VALUE, repeatable: max_file_bytes, max_record_bytes, "
        "max_line_bytes, max_decompressed_bytes, max_gzip_ratio, max_html_bytes, "
        "max_html_depth, max_sentences (sizes may end in k/M/G).",
        show_default=False,
    ),
]
JsonOpt = Annotated[Path | None, typer.Option("--json", help="Write the full results here.")]


@contextmanager
def _progress(enabled: bool) -> Iterator[Progress]:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=errors,
        transient=True,
        disable=not enabled,
    )
    with progress:
        yield progress


def _run(debug: bool, action: Callable[[], int]) -> None:
    """Run a command: our errors become one clear line, anything else a short note."""
    try:
        code = action()
    except ConfigError as error:
        errors.print(f"newsweave: {error}", markup=False)
        raise typer.Exit(2) from None
    except NewsweaveError as error:
        errors.print(f"newsweave: {error}", markup=False)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except Exception as error:  # the last line of defence: never a bare traceback
        if debug:
            traceback.print_exc()
        else:
            errors.print(
                f"newsweave: internal error: {type(error).__name__}: {error} "
                "(rerun with --debug for the traceback, and please report it)",
                markup=False,
            )
        raise typer.Exit(1) from None
    raise typer.Exit(code)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise NewsweaveError(f"cannot write {output}: {error.strerror or error}") from None
    errors.print(f"wrote {output}", markup=False)


def _workers(workers: int | None) -> int:
    from newsweave.scale import default_workers

    return workers or default_workers()


def _read_pile(
    paths: Sequence[Path],
    show_progress: bool,
    limit_flags: Sequence[str] = (),
    placement: tuple[int, str, str | None] = (1, "local", None),
) -> list[Any]:
    """Read and clean everything; report each skipped file or record on stderr as it comes."""
    from newsweave.ingest import Limits, ReadStats
    from newsweave.models import Problem
    from newsweave.pipeline import read_articles

    limits = Limits.from_flags(limit_flags)
    stats = ReadStats()
    articles = []
    with _progress(show_progress) as progress:
        task = progress.add_task("reading", total=None)
        workers, executor, scheduler = placement
        items = read_articles(paths, stats, limits, workers, executor, scheduler, split=False)
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
) -> int:
    from newsweave.pipeline import brief_story, group_stories, story_only_brief
    from newsweave.render.json_v1 import document
    from newsweave.render.markdown import render_markdown
    from newsweave.scale import check_executor, map_stories

    check_executor(executor, scheduler)
    if words is not None and words < 1:
        raise ConfigError("--words must be a positive number of words")
    show_progress = errors.is_terminal
    articles = _read_pile(paths, show_progress, limit_flags, (workers, executor, scheduler))
    if not articles:
        errors.print("newsweave: no article could be read", markup=False)
        return 1
    stories = group_stories(articles, workers)
    if words is None:
        briefs = [story_only_brief(s) for s in stories]
    elif executor == "local" and workers == 1:
        with _progress(show_progress) as progress:
            task = progress.add_task("briefing stories", total=len(stories))
            briefs = []
            for story in stories:
                briefs.append(brief_story(story, words, fast or None))
                progress.advance(task)
    else:
        work = partial(brief_story, words=words, fast=fast or None)
        briefs = map_stories(work, stories, executor, scheduler, workers)
    if output_format is OutputFormat.json:
        text = json.dumps(document(briefs), ensure_ascii=False, indent=2) + "\n"
    elif output_format is OutputFormat.html:
        from newsweave.render.html import render_html

        text = render_html(briefs, stories_only=words is None)
    else:
        text = render_markdown(briefs, stories_only=words is None)
    _write(text, output)
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
    debug: DebugOpt = False,
) -> None:
    """Group the pile into stories and brief each: summary with citations, who said what,
    timeline, what outlets agree on and where they differ."""
    _run(
        debug,
        lambda: _stories_command(
            paths,
            output_format,
            output,
            executor,
            scheduler,
            words,
            limit or (),
            _workers(workers),
            fast,
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
    debug: DebugOpt = False,
) -> None:
    """Only group the pile into stories, with reposts and rewrites marked (fast)."""
    _run(
        debug,
        lambda: _stories_command(
            paths,
            output_format,
            output,
            executor,
            scheduler,
            None,
            limit or (),
            _workers(workers),
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
) -> int:
    from newsweave.ingest import Limits, ReadStats
    from newsweave.models import Problem
    from newsweave.scale import check_executor
    from newsweave.store import ingest

    check_executor(executor, scheduler)
    stats = ReadStats()

    def problem(item: Problem) -> None:
        errors.print(f"skipped {item.source}: {item.reason}", markup=False)

    with _progress(errors.is_terminal) as progress:
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
        )
    errors.print(stats.summary(), markup=False)
    errors.print(f"{store}: {report.summary()}", markup=False)
    return 0 if report.read else 1


@app.command("ingest")
def ingest_command(
    paths: PathsArg,
    store: StoreOpt,
    executor: ExecutorOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    limit: LimitOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Add articles to a store: idempotent (same content, same article), new articles join
    or start stories, and only stories whose articles changed are briefed again."""
    _run(
        debug,
        lambda: _ingest_command(paths, store, executor, scheduler, limit or (), _workers(workers)),
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
        from newsweave.server import serve

        serve(
            store,
            host=host,
            port=port,
            token=token,
            announce=lambda line: errors.print(line, markup=False),
        )
        return 0

    _run(debug, action)


def _eval(name: str, dataset: Path, json_out: Path | None, debug: bool, **options: Any) -> None:
    def action() -> int:
        import importlib

        if not dataset.is_file():
            raise ConfigError(f"{dataset}: no such data set file")
        module = importlib.import_module(f"newsweave.evaluation.{name}")
        table: str = module.run(dataset, json_out, **options)
        sys.stdout.write(table if table.endswith("\n") else table + "\n")
        return 0

    _run(debug, action)


DatasetArg = Annotated[Path, typer.Argument(help="The labelled data set (JSON Lines).")]


@eval_app.command("summaries")
def eval_summaries(
    dataset: DatasetArg,
    words: Annotated[
        int | None,
        typer.Option(
            help="Truncate every summary to N words (default: 250 for DUC 2006, else 100)."
        ),
    ] = None,
    systems: Annotated[
        str | None,
        typer.Option(help="Comma-separated systems to run (default: all but slow ones)."),
    ] = None,
    json_out: JsonOpt = None,
    debug: DebugOpt = False,
) -> None:
    """ROUGE-1/2/L of newsweave's summaries against human references, beside baselines."""
    chosen = [s.strip() for s in systems.split(",")] if systems else None
    _eval("summaries", dataset, json_out, debug, words=words, systems=chosen)


@eval_app.command("stories")
def eval_stories(dataset: DatasetArg, json_out: JsonOpt = None, debug: DebugOpt = False) -> None:
    """B-cubed precision/recall/F1 of story grouping against gold labels, beside baselines."""
    _eval("stories", dataset, json_out, debug)


@eval_app.command("timex")
def eval_timex(dataset: DatasetArg, json_out: JsonOpt = None, debug: DebugOpt = False) -> None:
    """Date expressions found and resolved, against TIMEX3 gold, beside dateparser."""
    _eval("timex", dataset, json_out, debug)


@eval_app.command("quotes")
def eval_quotes(dataset: DatasetArg, json_out: JsonOpt = None, debug: DebugOpt = False) -> None:
    """Direct quotations and their speakers against gold, beside textacy."""
    _eval("quotes", dataset, json_out, debug)


@eval_app.command("alignment")
def eval_alignment(
    dataset: DatasetArg,
    data_dir: Annotated[
        Path | None,
        typer.Option(help="Folder that pointer records (ref_a/ref_b) resolve against."),
    ] = None,
    json_out: JsonOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Statement alignment and conflicts against labelled pairs, beside TF-IDF cosine."""
    _eval("alignment", dataset, json_out, debug, data_dir=data_dir)


@eval_app.command("reposts")
def eval_reposts(dataset: DatasetArg, json_out: JsonOpt = None, debug: DebugOpt = False) -> None:
    """Reposts, trimmed copies and spun rewrites found, beside MinHash LSH alone."""
    _eval("reposts", dataset, json_out, debug)


def main() -> None:
    """Console entry point."""
    app()
