"""What the commands share: their options, the progress bar, error handling and output."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from newsweave.errors import ConfigError, NewsweaveError

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
FollowLinksOpt = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Read symbolic links that lead out of a folder given (by default each is named "
        "and skipped: a link to /etc/passwd dropped into a crawl is not an article).",
    ),
]
JsonOpt = Annotated[Path | None, typer.Option("--json", help="Write the full results here.")]


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Progress]:
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


def run_command(debug: bool, action: Callable[[], int]) -> None:
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


def write_output(text: str | Callable[[TextIO], None], output: Path | None) -> None:
    """Write `text` (or what `text(out)` writes, a piece at a time) to `output` or stdout."""
    from newsweave.readers.paths import display_path

    write = text if callable(text) else lambda out: out.write(text)
    if output is None:
        write(sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8") as out:
            write(out)
    except OSError as error:
        reason = error.strerror or error
        raise NewsweaveError(f"cannot write {display_path(str(output))}: {reason}") from None
    errors.print(f"wrote {display_path(str(output))}", markup=False)


def worker_count(workers: int | None) -> int:
    from newsweave.runner import default_workers

    return workers or default_workers()
