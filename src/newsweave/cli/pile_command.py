"""Reading a pile of files and writing its stories or briefs: the work behind `newsweave
stories` and `newsweave brief PATHS` (`main.py` parses their arguments)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newsweave.cli.options import (
    OutputFormat,
    check_output,
    closing_line,
    errors,
    report_problem,
    shows_progress,
    write_output,
)
from newsweave.cli.progress import phases
from newsweave.errors import ConfigError

if TYPE_CHECKING:
    from newsweave.models import Article, Brief, Problem, Story, StoryProblem
    from newsweave.readers import ReadStats
    from newsweave.render.markdown import MarkdownDocument
    from newsweave.runner import Progress, Runner


def _read_pile(
    paths: Sequence[Path],
    progress: Progress,
    limit_flags: Sequence[str] = (),
    left_out: list[Problem | StoryProblem] | None = None,
    *,
    runner: Runner,
    follow_links: bool = False,
) -> tuple[list[Article], ReadStats]:
    """Read and clean everything; report each skipped file or record on stderr as it comes
    (and add it to `left_out`, for the output's own list)."""
    from newsweave.models import Problem
    from newsweave.pipeline import read_articles
    from newsweave.readers import Limits, ReadStats

    limits = Limits.from_flags(limit_flags)
    stats = ReadStats()
    articles = []
    items = read_articles(
        paths,
        stats,
        limits,
        runner=runner,
        split=False,
        follow_links=follow_links,
        progress=progress,
    )
    for item in items:
        if isinstance(item, Problem):
            report_problem(item)
            if left_out is not None:
                left_out.append(item)
        else:
            articles.append(item)
    return articles, stats


def stories_command(
    paths: Sequence[Path],
    output_format: OutputFormat,
    output: Path | None,
    words: int | None,
    limit_flags: Sequence[str] = (),
    fast: bool = False,
    *,
    runner: Runner,
    follow_links: bool = False,
    quiet: bool = False,
) -> int:
    from newsweave.pipeline import group_for_briefs, group_stories, guarded, story_only_brief
    from newsweave.render.markdown import MarkdownDocument

    started = time.perf_counter()
    if words is not None and words < 1:
        raise ConfigError("--words must be a positive number of words")
    check_output(output)
    left_out: list[Problem | StoryProblem] = []
    with phases(errors, shows_progress(quiet)) as progress, runner.session():
        articles, stats = _read_pile(
            paths, progress, limit_flags, left_out, runner=runner, follow_links=follow_links
        )
        if not articles:
            closing_line(quiet, stats.summary(), started)
            errors.print("newsweave: no article could be read", markup=False)
            return 1
        grouping = group_stories if words is None else group_for_briefs
        stories = grouping(articles, runner=runner, progress=progress)
        results: list[Brief | StoryProblem]
        markdown: MarkdownDocument | None = None
        if words is None:
            results = [guarded(story_only_brief, s) for s in stories]
        else:
            markdown = MarkdownDocument() if output_format is OutputFormat.md else None
            results = _brief_each(stories, words, fast, markdown, runner=runner, progress=progress)
    briefs = _briefs_reporting_problems(results, left_out)
    _write_briefs(
        briefs, left_out, output_format, output, stories_only=words is None, rendered=markdown
    )
    done = f"{len(stories)} stories" + ("" if words is None else f", {len(briefs)} briefed")
    closing_line(quiet, f"{stats.summary()}; {done}", started)
    if stories and not briefs:
        errors.print("newsweave: no story could be briefed", markup=False)
        return 1
    return 0


def _briefs_reporting_problems(
    results: Sequence[Brief | StoryProblem], left_out: list[Problem | StoryProblem]
) -> list[Brief]:
    """The briefs among `results`; each story that could not be briefed is reported on stderr
    and added to `left_out`, for the output's own list."""
    from newsweave.models import Brief

    for result in results:
        if not isinstance(result, Brief):
            report_problem(result)
            left_out.append(result)
    return [result for result in results if isinstance(result, Brief)]


def _brief_each(
    stories: Sequence[Story],
    words: int,
    fast: bool,
    markdown: MarkdownDocument | None,
    *,
    runner: Runner,
    progress: Progress,
) -> list[Brief | StoryProblem]:
    """Each story's brief, or why it could not be briefed; with `markdown`, each brief is
    rendered into it as it comes back, while the workers brief the next stories (the
    Markdown of a 1,000-article pile would otherwise wait ~0.5 s for the last brief)."""
    from newsweave.pipeline import brief_story, guarded

    work = partial(guarded, partial(brief_story, words=words, fast=fast or None))
    each = markdown.add if markdown is not None else None
    return runner.map_stories(work, stories, progress, each=each)


def _write_briefs(
    briefs: list[Brief],
    left_out: list[Problem | StoryProblem],
    output_format: OutputFormat,
    output: Path | None,
    *,
    stories_only: bool,
    rendered: MarkdownDocument | None = None,
) -> None:
    """Render the briefs (and what was left out) as `output_format` into `output`
    (`rendered`: the Markdown of `briefs`, rendered already)."""
    from newsweave.render.json_v1 import write_document
    from newsweave.render.markdown import render_markdown

    text: str | Callable[[TextIO], None]
    if output_format is OutputFormat.json:
        text = partial(write_document, briefs, problems=left_out)  # streamed: see there
    elif output_format is OutputFormat.html:
        from newsweave.render.html import write_html

        text = partial(write_html, briefs, stories_only=stories_only, problems=left_out)
    elif rendered is not None:
        text = rendered.text(left_out)
    else:
        text = render_markdown(briefs, stories_only=stories_only, problems=left_out)
    write_output(text, output)
