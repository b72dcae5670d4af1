"""What the commands share: their options, error handling and output."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console

from newsweave.errors import ConfigError, NewsweaveError
from newsweave.models import Problem, StoryProblem

if TYPE_CHECKING:
    from newsweave.runner import Runner

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
        "max_html_depth, max_sentences, max_text_chars (sizes may end in k/M/G).",
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
QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help="No progress display and no closing summary line (skipped files and errors are "
        "still reported). Progress is only ever drawn when stderr is a terminal.",
    ),
]


def shows_progress(quiet: bool) -> bool:
    """Whether to draw progress: stderr is a terminal and `--quiet` was not given."""
    return errors.is_terminal and not quiet


def closing_line(quiet: bool, line: str, started: float) -> None:
    """The closing summary on stderr, with the wall time since `started` (a
    `time.perf_counter()`), unless `--quiet`: printed on a terminal or not, for logs."""
    if not quiet:
        seconds = time.perf_counter() - started
        errors.print(f"{line}; {seconds:.1f} s", markup=False)


def report_problem(problem: Problem | StoryProblem) -> None:
    """One line on stderr for a file, record or story left out: 'skipped SOURCE: REASON'."""
    errors.print(f"skipped {problem.source}: {problem.reason}", markup=False)


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


def check_output(output: Path | None) -> None:
    """Refuse an `--output` that could not be written, before any work (ConfigError, status
    2): its folder must exist and take a new file, and it must not be a folder itself.

    Writability is tried, not read from permission bits (which root, ACLs and read-only
    mounts make unreliable): a temporary file is made in the folder and removed.
    """
    if output is None:
        return
    target = _written_path(output)
    if target.is_dir():
        raise ConfigError(f"--output {output}: is a folder; give a file name")
    if not target.exists() or target.is_file():
        folder = target.parent
        if not folder.is_dir():
            raise ConfigError(f"--output {output}: there is no folder {folder}")
        try:
            descriptor, probe = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.")
            os.close(descriptor)
            os.unlink(probe)
        except OSError as error:
            raise ConfigError(
                f"--output {output}: cannot write in {folder} ({error.strerror or error})"
            ) from None
    if target.exists() and not os.access(target, os.W_OK):
        raise ConfigError(f"--output {output}: the file is read-only")


def write_output(text: str | Callable[[TextIO], None], output: Path | None) -> None:
    """Write `text` (or what `text(out)` writes, a piece at a time) to `output` or stdout.

    A file is written beside `output` under a temporary name, then renamed over it: a write
    that fails (a full disk, an interrupt) leaves the previous `output` as it was, and no
    reader ever sees half a file. A device or pipe (`/dev/stdout`) is written as it is.
    """
    from newsweave.readers.paths import display_path

    write = text if callable(text) else lambda out: out.write(text)
    if output is None:
        write(sys.stdout)
        return
    target = _written_path(output)
    try:
        if target.exists() and not target.is_file():
            with target.open("w", encoding="utf-8") as out:
                write(out)
        else:
            _write_replacing(write, target)
    except OSError as error:
        shown = display_path(str(output))
        if error.errno == errno.ENOSPC:
            raise NewsweaveError(
                f"disk full while writing {shown}; any earlier {output.name} is unchanged"
            ) from None
        raise NewsweaveError(f"cannot write {shown}: {error.strerror or error}") from None
    errors.print(f"wrote {display_path(str(output))}", markup=False)


def _written_path(output: Path) -> Path:
    """The file a write to `output` changes: through a symbolic link, the file it names."""
    return output.resolve() if output.is_symlink() else output


def _write_replacing(write: Callable[[TextIO], object], target: Path) -> None:
    """`write` into a temporary file beside `target`, then rename it over `target`."""
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    try:
        with open(descriptor, "w", encoding="utf-8") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())  # on disk before the rename makes it the output
        os.chmod(temporary, _file_mode(target))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _file_mode(target: Path) -> int:
    """The permissions `target` has, or a new file would get (mkstemp's are owner-only)."""
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def make_runner(executor: str, scheduler: str | None, workers: int | None) -> Runner:
    """The Runner that --executor, --scheduler and --workers ask for (ConfigError if they
    do not go together); --workers defaults to the CPUs this process may use."""
    from newsweave.runner import Runner, default_workers

    return Runner(workers or default_workers(), executor, scheduler)
