"""What the library tells a `runner.Progress` listener: every phase, counts that only grow,
each phase ending at its total (on the bundled examples, read and grouped for real)."""

from __future__ import annotations

from conftest import EXAMPLES

from newsweave.models import Article
from newsweave.pipeline import group_stories, read_articles
from newsweave.runner import Runner


class Recorder:
    """A Progress that keeps every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int | None]] = []

    def __call__(self, phase: str, done: int, total: int | None, /) -> None:
        self.calls.append((phase, done, total))

    def of(self, phase: str) -> list[tuple[int, int | None]]:
        return [(done, total) for name, done, total in self.calls if name == phase]


def test_reading_and_grouping_report_each_phase_up_to_its_total() -> None:
    heard = Recorder()
    items = list(read_articles([EXAMPLES], progress=heard, split=False))
    articles = [item for item in items if isinstance(item, Article)]
    stories = group_stories(articles, progress=heard)
    assert stories
    phases = [name for name, _, _ in heard.calls]
    order = ["reading", "cleaning", "signatures", "reposts", "grouping", "second look"]
    assert list(dict.fromkeys(phases))[2:] == order[2:] and set(phases) == set(order)
    files = heard.of("reading")
    assert files[0] == (0, files[-1][1]) and files[-1][0] == files[-1][1] > 0
    assert heard.of("cleaning")[-1] == (len(items), len(items))
    for phase in ("signatures", "grouping", "second look"):
        counts = heard.of(phase)
        assert counts[-1] == (len(articles), len(articles)), phase
        assert [done for done, _ in counts] == sorted(done for done, _ in counts), phase
    assert len(heard.of("grouping")) == len(articles) + 1  # once per article placed


def test_briefs_report_one_story_at_a_time_in_a_pool() -> None:
    heard = Recorder()
    results = Runner(workers=2).map_stories(len, ["ab", "c", "def"], heard, "briefing")
    assert results == [2, 1, 3]
    assert heard.calls == [("briefing", n, 3) for n in range(4)]
