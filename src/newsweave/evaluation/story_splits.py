"""Which gold stories the grouping splits, and what kept each fragment from its story.

Recall is story grouping's weak side on topic-level sets (articles of one story spread over
days and outlets), and a figure alone does not say why. This lists every article that ended
up outside the part of its gold story holding most of its members (the story's "main" part),
with the model's probability that it joins that part and the evidence against it, read off
its match features (`grouping.match.FEATURES`):

- `not a candidate`: blocking never offered the main part (no heavy term in common);
- `time gap`: more than a day outside the main part's dates (the `days` feature);
- `short`: under `SHORT` characters of text, too few words for the cosines to rise;
- `year conflict`, `number conflict`, `name conflict`: both sides name years (numbers,
  names) and share none;
- `wording drift`: none of these; the words themselves differ (a background or opinion piece,
  a later turn of the story).

With `held_out`, the match weights are refitted per source family without it (as the
held-out check of `eval stories` does) and the family's fragments come from that run, at
the shipped join threshold:

    python -m newsweave.evaluation.story_splits ../shared/data/stories-dev.jsonl [--held-out]
"""

from __future__ import annotations

import math
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.config import settings
from newsweave.evaluation.stories import load, to_articles
from newsweave.evaluation.story_fit import family, fit, pairs
from newsweave.grouping.match import FEATURES
from newsweave.grouping.online import OnlinePass
from newsweave.grouping.state import GroupingState
from newsweave.models import Article

SHORT = 400  # characters: below this an article is "short"
GAP = math.log1p(1.0)  # the `days` feature of a one-day gap
CONFLICTS = {
    "year_conflict": "year conflict",
    "number_conflict": "number conflict",
    "name_conflict": "name conflict",
}
COLUMN = {name: n for n, name in enumerate(FEATURES)}


@dataclass(frozen=True, slots=True)
class Fragment:
    """An article grouped apart from the main part of its gold story, and why."""

    gold: str
    source: str
    article: str
    title: str
    characters: int
    main_size: int
    probability: float  # the model's, of joining the main part (0 when not a candidate)
    causes: tuple[str, ...]


def causes_of(row: np.ndarray, characters: int, candidate: bool) -> tuple[str, ...]:
    """The evidence against a join, read off one feature row (see the module docstring)."""
    found = [] if candidate else ["not a candidate"]
    if row[COLUMN["days"]] > GAP:
        found.append("time gap")
    if characters < SHORT:
        found.append("short")
    found += [words for name, words in CONFLICTS.items() if row[COLUMN[name]] > 0]
    return tuple(found) or ("wording drift",)


def fragments(
    articles: Sequence[Article],
    gold: dict[str, str],
    sources: dict[str, str],
    only: set[str] | None = None,
    **options: Any,
) -> list[Fragment]:
    """Group `articles` (duplicate-marked) with these [cluster] `options`; every article of a
    gold story (of `only`, if given) outside the story's main part, as a `Fragment`."""
    knobs = settings("cluster", **options)
    state = GroupingState(articles, knobs)
    OnlinePass(state, knobs).run()
    members: dict[str, list[int]] = defaultdict(list)
    for position, article in enumerate(articles):
        if only is None or gold[article.id] in only:
            members[gold[article.id]].append(position)
    found = []
    for label, positions in members.items():
        main = Counter(state.story_at(p) for p in positions).most_common(1)[0][0]
        for position in positions:
            if state.story_at(position) != main:
                found.append(_fragment(state, position, main, label, sources))
    return found


def _fragment(
    state: GroupingState, position: int, main: int, label: str, sources: dict[str, str]
) -> Fragment:
    article = state.articles[position]
    view = state.kept(position)
    candidate = main in state.candidates(view)
    story = state.stories[main]
    row = state.scorer.features(position, view, [story], article.published)[0]
    probability = float(state.probabilities(position, view, [main])[0]) if candidate else 0.0
    return Fragment(
        gold=label,
        source=sources[article.id],
        article=article.id,
        title=(article.title or article.text[:80]).replace("\n", " ")[:80],
        characters=len(article.text),
        main_size=len(story.members),
        probability=probability,
        causes=causes_of(row, len(article.text), candidate),
    )


def held_out_fragments(
    articles: Sequence[Article], gold: dict[str, str], sources: dict[str, str]
) -> list[Fragment]:
    """`fragments` of each source family with weights fitted on the other families' pairs."""
    x, y, owners = pairs(articles, gold, settings("cluster"))
    owner_family = np.array([family(sources[owner]) for owner in owners])
    found = []
    for left_out in sorted(set(owner_family.tolist())):
        train = owner_family != left_out
        weights = fit(x[train], y[train], owner_family[train])
        labels = {gold[a] for a in gold if family(sources[a]) == left_out}
        found += fragments(articles, gold, sources, only=labels, **weights)
    return found


def report(found: Sequence[Fragment]) -> str:
    """How many fragment articles each cause touches, per source, then every fragment."""
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for fragment in found:
        tally[fragment.source]["fragments"] += 1
        tally[fragment.source].update(fragment.causes)
    lines = ["fragment articles by cause (an article may have several):"]
    for source in sorted(tally):
        counts = ", ".join(f"{cause} {n}" for cause, n in tally[source].most_common())
        lines.append(f"  {source}: {counts}")
    lines.append("")
    for f in sorted(found, key=lambda f: (f.source, f.gold, -f.probability)):
        lines.append(
            f"{f.gold:<34} {f.article:<12} main {f.main_size:>3}  p {f.probability:.3f}"
            f"  {f.characters:>6} ch  {'; '.join(f.causes):<30} {f.title}"
        )
    return "\n".join(lines)


def run(dataset: Path, held_out: bool = False) -> str:
    """Read an `eval stories` file, group it as `stories` does, and report its fragments."""
    from newsweave.dedup.reposts import mark_duplicates

    records, gold, sources = load(Path(dataset))
    articles = mark_duplicates(to_articles(records, Path(dataset)))
    if held_out:
        return report(held_out_fragments(articles, gold, sources))
    return report(fragments(articles, gold, sources))


if __name__ == "__main__":
    print(run(Path(sys.argv[1]), held_out="--held-out" in sys.argv[2:]))
