"""The split-story diagnostics: which gold stories grouping splits, and what held each part off."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
from conftest import make_article

from newsweave.evaluation.stories import load, to_articles
from newsweave.evaluation.story_splits import causes_of, fragments, report
from newsweave.grouping.match import FEATURES

RESCUE = (
    "Divers pulled two fishermen from the flooded Kestrel Bay harbour on Sunday.\n"
    "The Kestrel Bay coastguard said both men were taken to hospital in Marlow.\n"
    "A storm surge had swamped their trawler near the harbour wall."
)
RESCUE_AGAIN = (
    "Two fishermen were rescued by divers in Kestrel Bay harbour after a storm surge.\n"
    "The coastguard in Kestrel Bay said the trawler sank near the harbour wall.\n"
    "Both men were treated in hospital in Marlow."
)
# The same gold story, told months later and in other words (an inquiry, not the rescue).
INQUIRY = (
    "An inquiry into the sinking of a trawler off Kestrel Bay opened in Marlow.\n"
    "The owner told the panel the boat had passed its safety checks."
)


def test_an_article_months_after_its_story_is_a_fragment_held_off_by_the_gap() -> None:
    articles = [
        make_article(RESCUE, id="r1", published="2021-03-07"),
        make_article(RESCUE_AGAIN, id="r2", outlet="Coast News", published="2021-03-07"),
        make_article(INQUIRY, id="i1", outlet="Marlow Post", published="2021-09-20"),
    ]
    gold = {"r1": "rescue", "r2": "rescue", "i1": "rescue"}
    sources = dict.fromkeys(gold, "invented")
    found = fragments(articles, gold, sources)
    assert [f.article for f in found] == ["i1"]
    (inquiry,) = found
    assert inquiry.main_size == 2 and "time gap" in inquiry.causes
    assert "short" in inquiry.causes  # under 400 characters
    assert "i1" in report(found) and "time gap 1" in report(found)


def test_causes_come_from_the_feature_row() -> None:
    row = np.zeros(len(FEATURES))
    assert causes_of(row, 2000, candidate=True) == ("wording drift",)
    row[FEATURES.index("year_conflict")] = 1.0
    row[FEATURES.index("days")] = np.log1p(30.0)
    assert causes_of(row, 2000, candidate=False) == ("not a candidate", "time gap", "year conflict")


def test_fragments_of_a_dev_slice_each_belong_to_a_split_story(shared: Path) -> None:
    dataset = shared / "data" / "stories-dev.jsonl"
    records, gold, sources = load(dataset)
    records = records[:150]
    gold = {r["id"]: gold[r["id"]] for r in records}
    found = fragments(to_articles(records, dataset), gold, sources)
    sizes = Counter(gold.values())
    for fragment in found:
        assert sizes[fragment.gold] > fragment.main_size >= 1  # the main part misses it
        assert 0.0 <= fragment.probability <= 1.0 and fragment.causes
