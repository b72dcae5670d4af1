"""Entity merging against labelled alias pairs: does newsweave make two names one entity?

Each pair (`a`, `b`, type, same) becomes two mentions in two articles of one story and goes
through `entities.merge_mentions`, the same code `find_entities` uses after NER (NER itself is
not scored here). Merge precision = merged pairs that are truly one entity / merged pairs;
merge recall = truly-same pairs that were merged / truly-same pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsweave.briefing.entities import Mention, merge_mentions
from newsweave.errors import DatasetError


@dataclass(frozen=True, slots=True)
class MergeScore:
    pairs: int
    precision: float
    recall: float
    wrong: tuple[tuple[str, str, bool], ...]  # (a, b, gold same) for each mistake


def merge_scores(path: Path) -> MergeScore:
    """Merge precision/recall over the alias pairs in the TSV file at `path`."""
    pairs = merged_right = merged = same = found_same = 0
    wrong = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or fields[3] not in {"0", "1"}:
            raise DatasetError(f"{path}:{number}: expected a, b, type, same (0/1) by tabs")
        a, b, kind, label = fields
        truth = label == "1"
        pairs += 1
        ner_label = "PERSON" if kind == "PERSON" else "GPE"
        mentions = [Mention("1", a, ner_label, 0), Mention("2", b, ner_label, 0)]
        together = len(merge_mentions(mentions, ["1", "2"])) == 1
        merged += together
        merged_right += together and truth
        same += truth
        found_same += together and truth
        if together != truth:
            wrong.append((a, b, truth))
    return MergeScore(
        pairs=pairs,
        precision=merged_right / merged if merged else 0.0,
        recall=found_same / same if same else 0.0,
        wrong=tuple(wrong),
    )
