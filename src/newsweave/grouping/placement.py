"""Placing new articles among stories grouped before (`newsweave ingest` into a store).

The store keeps each article's compact term counts, the document frequencies of all it holds,
and a blocking index of its stories; it hands this module the few stored stories the new
articles may join (their members as `seeds`, already grouped) and the new articles. The
stored stories are rebuilt as they stand (members placed without scoring, views weighed with
the store's idf as it is now), then the new articles go through the online pass and the
second look as in `group`, with the stored members pinned: a second look may merge stories
(a new article can bridge two stored ones) but never re-places a stored article, so a
stored story only grows or merges.

Cost: the new articles, plus the members of the stories they may join; never the store.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.config import ClusterSettings
from newsweave.grouping.counting import PileCounts
from newsweave.grouping.online import OnlinePass
from newsweave.grouping.state import GroupingState
from newsweave.models import Article


def place(
    seeds: Sequence[tuple[Article, int]],
    new: Sequence[Article],
    counted: PileCounts,
    knobs: ClusterSettings,
) -> list[list[int]]:
    """Group `new` articles with stored stories; the groups, as positions in `seeds + new`.

    `seeds`: (article, stored story number) for every member of the stored stories the new
    articles may join; `counted`: the compact counts of `seeds` then `new`, in that order,
    with the store's idf. Every seed and every new article is in exactly one group.
    """
    articles = [article for article, _ in seeds] + list(new)
    state = GroupingState(articles, knobs, None, counted)
    rebuilt: dict[int, int] = {}
    for position, (_, number) in enumerate(seeds):
        story = rebuilt.get(number)
        if story is None:
            story = rebuilt[number] = state.new_story()
        state.place(position, story, state.profile(position))
    online = OnlinePass(state, knobs)
    look = online.second_look
    if look is not None:
        look.pinned.update(range(len(seeds)))
    start = len(seeds)
    for position in range(len(seeds), len(articles)):
        online.assign(position, articles[position])
        if look is not None and position + 1 - start >= online.window:
            look(range(start, position + 1))
            start = position + 1
    if look is not None and start < len(articles):
        look(range(start, len(articles)))
    return [list(story.members) for story in state.stories if story.members]
