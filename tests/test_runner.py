"""Worker pools and Dask give the same stories and briefs as one process, on the example corpus.

The Dask test starts a real `distributed.LocalCluster` with two worker processes and runs the
command line against its scheduler, as a user pointing newsweave at a cluster would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

from newsweave.config import settings
from newsweave.dedup.reposts import Fingerprint, mark_duplicates
from newsweave.errors import ConfigError
from newsweave.grouping.profiles import Compact
from newsweave.models import Article
from newsweave.pipeline import Signatures, group_for_briefs, group_stories, read_articles
from newsweave.runner import Runner
from newsweave.text.sentences import split_sentences


def _newsweave(*args: str | Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "newsweave", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as local:
        yield local.scheduler_address


def test_dask_cluster_gives_the_same_stories_and_briefs(cluster: str) -> None:
    for command in (["stories"], ["brief", "--words", "60"]):
        local = _newsweave(*command, EXAMPLES, "-f", "json", "--workers", "1")
        on_dask = _newsweave(
            *command, EXAMPLES, "-f", "json", "--executor", "dask", "--scheduler", cluster
        )
        assert json.loads(on_dask) == json.loads(local)
        assert json.loads(local)["stories"], "the example corpus has stories"


def test_worker_pool_reads_and_marks_reposts_as_one_process_does() -> None:
    alone = list(read_articles([EXAMPLES], runner=Runner(workers=1)))
    pooled = list(read_articles([EXAMPLES], runner=Runner(workers=2), batch_size=4))
    assert pooled == alone
    articles = [a for a in alone if isinstance(a, Article)]
    marked = mark_duplicates(articles)
    assert mark_duplicates(articles, runner=Runner(workers=2), batch_size=4) == marked
    assert any(a.duplicate_of for a in marked), "the example corpus has a syndicated copy"


def test_batches_come_back_in_input_order_from_a_pool() -> None:
    in_order = Runner(workers=2).map_batches(abs, range(-50, 0), batch_size=3)
    assert list(in_order) == list(range(50, 0, -1))


def test_a_session_keeps_one_pool_for_every_phase_run_inside() -> None:
    runner = Runner(workers=2)
    with runner.session():
        first = list(runner.map_batches(_pid, range(40), batch_size=2))
        second = runner.map_stories(_pid, list(range(10)))
    workers = set(first + second)
    assert os.getpid() not in workers
    assert len(workers) <= 2, "both phases ran on the session's two workers"
    outside = list(runner.map_batches(_pid, range(40), batch_size=2))
    assert not set(outside) & workers, "the session's pool closed with it"


def _pid(_: object) -> int:
    return os.getpid()


def test_work_started_ahead_comes_back_in_order_only_inside_a_session() -> None:
    runner = Runner(workers=2)
    assert runner.ahead(abs, [-1, -2]) is None, "no session: nothing started"
    with runner.session():
        collect = runner.ahead(abs, list(range(-20, 0)), batch_size=3)
        assert collect is not None
        assert collect() == list(range(20, 0, -1))


def test_briefs_get_the_sentences_a_story_would_split_for_itself() -> None:
    """Split by the workers while this process groups, each article's sentences are those
    `split_sentences` gives its text; the stories are the same as `group_stories` gives."""
    articles = [a for a in read_articles([EXAMPLES], split=False) if isinstance(a, Article)]
    runner = Runner(workers=2)
    heard: list[str] = []
    with runner.session():
        stories = group_for_briefs(
            articles, runner=runner, progress=lambda phase, done, total: heard.append(phase)
        )
    assert heard[-1] == "sentences", "the wait for the last of the split is a phase of its own"
    plain = group_stories(articles)
    assert [[a.id for a in s.articles] for s in stories] == [
        [a.id for a in s.articles] for s in plain
    ]
    split = [a for s in stories for a in s.articles]
    assert all(a.sentences == split_sentences(a.text) for a in split)
    assert all(not a.sentences for s in group_for_briefs(articles) for a in s.articles), (
        "without a session pool each brief splits its own"
    )


def test_a_default_runner_is_one_local_process() -> None:
    assert Runner() == Runner(workers=1, executor="local", scheduler=None)


@pytest.mark.parametrize(
    ("executor", "scheduler", "message"),
    [
        ("spark", None, "unknown executor 'spark'; choose one of: local, dask"),
        ("local", "tcp://host:8786", "--scheduler only applies with --executor dask"),
    ],
)
def test_a_runner_refuses_a_choice_that_cannot_run(
    executor: str, scheduler: str | None, message: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        Runner(executor=executor, scheduler=scheduler)
    assert str(refused.value) == message


def test_a_work_of_stages_gives_batch_by_batch_what_it_gives_article_by_article() -> None:
    """`Signatures` runs its stages over whole batches (`over_batch`), in this process and
    in a pool: every fingerprint and count is what the article-by-article call gives."""
    articles = [a for a in read_articles([EXAMPLES], split=False) if isinstance(a, Article)]
    work = Signatures(settings("cluster"))
    one_by_one = [_plain(work(article)) for article in articles]
    in_batches = Runner(workers=1).map_batches(work, articles, batch_size=4)
    pooled = Runner(workers=2).map_batches(work, articles, batch_size=4)
    assert len(articles) > 4, "more than one batch"
    assert [_plain(result) for result in in_batches] == one_by_one
    assert [_plain(result) for result in pooled] == one_by_one


def _plain(result: tuple[Fingerprint, Compact]) -> tuple[object, ...]:
    (shingles, anchors, size), counted = result
    arrays = (shingles, anchors, counted.ids, counted.counts)
    return (*(array.tolist() for array in arrays), size, counted.lengths)


def _descendants(root: int) -> set[int]:
    """The processes under `root` (children, their children...), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = set(), [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.add(child)
            stack.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc")
def test_workers_end_when_their_command_is_killed() -> None:
    """SIGKILL leaves a pool's owner no chance to stop its workers; they end on their own."""
    command = [sys.executable, "-m", "newsweave", "brief", str(EXAMPLES), "--workers", "2"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while len(workers) < 3 and time.monotonic() < deadline:  # the forkserver and 2 workers
            time.sleep(0.2)
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            workers = _descendants(process.pid)
        assert len(workers) >= 3, "the pool started"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 15
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "workers outlived the killed command"
