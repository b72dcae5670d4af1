"""`newsweave eval ...`: measure newsweave on labelled data, beside baselines.

Every table ends with a held-out block (`evaluation/heldout.py`): what each system fits on the
data, its in-sample figure beside the held-out one (settings refitted on training folds
only) and the spread over folds.

Each takes `--quiet`, as every long command does (the contract). `eval summaries` draws its
clusters' progress and `eval stories` its systems' (on a terminal only); the others draw none
yet.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from newsweave.cli.options import (
    DebugOpt,
    JsonOpt,
    QuietOpt,
    check_output,
    errors,
    run_command,
    shows_progress,
)
from newsweave.cli.progress import phases
from newsweave.errors import ConfigError

eval_app = typer.Typer(
    help="Measure newsweave on labelled data, beside baselines run on the same data.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


REPORTS_PROGRESS = {"summaries", "stories"}  # whose `run` takes `progress`


def _eval(
    name: str, dataset: Path, json_out: Path | None, debug: bool, quiet: bool, **options: Any
) -> None:
    def action() -> int:
        import importlib

        if not dataset.is_file():
            raise ConfigError(f"{dataset}: no such data set file")
        check_output(json_out)
        module = importlib.import_module(f"newsweave.evaluation.{name}")
        with phases(errors, shows_progress(quiet)) as progress:
            if name in REPORTS_PROGRESS:
                options["progress"] = progress
            table: str = module.run(dataset, json_out, **options)
        sys.stdout.write(table if table.endswith("\n") else table + "\n")
        return 0

    run_command(debug, action)


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
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """ROUGE-1/2/L of newsweave's summaries against human references, beside baselines."""
    chosen = [s.strip() for s in systems.split(",")] if systems else None
    _eval("summaries", dataset, json_out, debug, quiet, words=words, systems=chosen)


@eval_app.command("stories")
def eval_stories(
    dataset: DatasetArg, json_out: JsonOpt = None, quiet: QuietOpt = False, debug: DebugOpt = False
) -> None:
    """B-cubed precision/recall/F1 of story grouping against gold labels, beside baselines;
    held out by source family (weights and thresholds fitted on the other families)."""
    _eval("stories", dataset, json_out, debug, quiet)


@eval_app.command("timex")
def eval_timex(
    dataset: DatasetArg, json_out: JsonOpt = None, quiet: QuietOpt = False, debug: DebugOpt = False
) -> None:
    """Date expressions found and resolved, against TIMEX3 gold, beside dateparser."""
    _eval("timex", dataset, json_out, debug, quiet)


@eval_app.command("quotes")
def eval_quotes(
    dataset: DatasetArg, json_out: JsonOpt = None, quiet: QuietOpt = False, debug: DebugOpt = False
) -> None:
    """Direct quotations and their speakers against gold, beside textacy."""
    _eval("quotes", dataset, json_out, debug, quiet)


@eval_app.command("alignment")
def eval_alignment(
    dataset: DatasetArg,
    data_dir: Annotated[
        Path | None,
        typer.Option(help="Folder that pointer records (ref_a/ref_b) resolve against."),
    ] = None,
    split: Annotated[
        str | None,
        typer.Option(help="Only the pairs of this split (train/test) where the file fixes one."),
    ] = None,
    json_out: JsonOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Statement alignment and conflicts against labelled pairs, beside TF-IDF cosine."""
    _eval("alignment", dataset, json_out, debug, quiet, data_dir=data_dir, split=split)


@eval_app.command("reposts")
def eval_reposts(
    dataset: DatasetArg, json_out: JsonOpt = None, quiet: QuietOpt = False, debug: DebugOpt = False
) -> None:
    """Reposts, trimmed copies and spun rewrites found, beside MinHash LSH alone."""
    _eval("reposts", dataset, json_out, debug, quiet)
