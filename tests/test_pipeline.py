"""The pipeline's reading: every article of a run has an id of its own."""

from __future__ import annotations

from pathlib import Path

from newsweave.dedup import mark_duplicates
from newsweave.models import Article
from newsweave.pipeline import read_articles

TEXT = "The climber slipped and fell 180 metres from the ridge, police said on Sunday.\n"


def test_two_files_of_one_text_are_two_articles_one_a_copy_of_the_other(tmp_path: Path) -> None:
    for name in ("ridge.txt", "valley.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    articles = [a for a in read_articles([tmp_path]) if isinstance(a, Article)]
    assert len({a.id for a in articles}) == 2
    second = articles[1]
    assert second.id == f"{articles[0].id}~1"
    assert any("earlier article" in note for note in second.notes)
    originals = {a.id for a in articles}
    marked = mark_duplicates(articles)
    copies = [a for a in marked if a.duplicate_of]
    assert len(copies) == 1 and copies[0].duplicate_of in originals - {copies[0].id}
