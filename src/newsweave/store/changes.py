"""What changed in a story between two versions of its brief (the contract's `changes`).

A pure function over two JSON v1 story dicts (each carries its articles): nothing is read or
written. Items keep the shapes of the lists they come from, so a reader renders a new fact as
it renders a fact. Statements are compared by their normalised words and their sources, never
by object identity: a fact that gained an outlet is the same fact, not a new one.

- new facts: facts of the later brief that share neither normalised text nor any source
  sentence (article, words) with a fact of the earlier one;
- new exclusives and quotes: by normalised text (a quote that gained a variant is not new);
- changed numbers: a count in a statement of a new article that cannot be the count of the
  same thing in a statement of the earlier brief ("12 dead", later "30 dead"), both cited;
- contradicted: facts of the earlier brief that a conflict of the later one, not already in
  the earlier one, now sets another claim against (the claims against it in `contradicted_by`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from newsweave.briefing.agreement.figures import Quantity
from newsweave.briefing.agreement.statements import anchors

Story = dict[str, Any]
_WORD = re.compile(r"\w+", re.UNICODE)
_GENERIC_UNITS = frozenset({"%", "$", "€", "£"})  # counted of anything: need more shared words


def normalised(text: str) -> str:
    """The words of `text`, lower case, one space apart: what two wordings must share."""
    return " ".join(_WORD.findall(text.casefold()))


def story_changes(before: Story | None, after: Story, since: str | None) -> dict[str, Any]:
    """The `changes` object of `after` against `before` (None: a story new since `since`,
    all of it new). `since` is written as given: the time or version the changes count from."""
    earlier: Story = before or {}
    old_articles = {a["id"] for a in earlier.get("articles", [])}
    fresh = [a for a in after.get("articles", []) if a["id"] not in old_articles]
    fresh_ids = {a["id"] for a in fresh}
    old_outlets = {o["outlet"] for o in earlier.get("outlets", [])}
    old_outlets |= {a["outlet"] for a in earlier.get("articles", []) if a.get("outlet")}
    return {
        "since": since,
        "new_articles": fresh,
        "new_outlets": [o for o in after.get("outlets", []) if o["outlet"] not in old_outlets],
        "new_facts": _new_facts(earlier.get("facts", []), after.get("facts", [])),
        "new_exclusives": _new_by_text(
            earlier.get("exclusives", []), after.get("exclusives", []), lambda e: [e["text"]]
        ),
        "new_quotes": _new_by_text(earlier.get("quotes", []), after.get("quotes", []), _wordings),
        "changed_numbers": changed_numbers(
            list(_statements(earlier)),
            [s for s in _statements(after) if s[1] in fresh_ids],
        ),
        "contradicted": _contradicted(earlier, after),
    }


def is_empty(changes: dict[str, Any]) -> bool:
    """Whether `changes` reports nothing new."""
    return not any(value for key, value in changes.items() if key != "since")


def _fact_keys(fact: dict[str, Any]) -> set[tuple[str, str]]:
    keys = {("", normalised(fact["text"]))}
    keys.update((s["article"], normalised(s["text"])) for s in fact.get("sources", []))
    return keys


def _new_facts(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    known: set[tuple[str, str]] = set()
    for fact in old:
        known |= _fact_keys(fact)
    return [fact for fact in new if not _fact_keys(fact) & known]


def _wordings(quote: dict[str, Any]) -> list[str]:
    return [quote["text"], *(v["text"] for v in quote.get("variants", []))]


def _new_by_text(
    old: list[dict[str, Any]], new: list[dict[str, Any]], texts: Any
) -> list[dict[str, Any]]:
    known = {normalised(text) for item in old for text in texts(item)}
    return [item for item in new if not {normalised(t) for t in texts(item)} & known]


def _statements(story: Story) -> Iterator[tuple[str, str]]:
    """Every (text, article) the brief states: facts' source sentences, exclusives, claims."""
    for fact in story.get("facts", []):
        sources = fact.get("sources") or [
            {"text": fact["text"], "article": a} for a in fact["articles"][:1]
        ]
        for source in sources:
            yield source["text"], source["article"]
    for exclusive in story.get("exclusives", []):
        yield exclusive["text"], exclusive["article"]
    for conflict in story.get("conflicts", []):
        for claim in conflict["claims"]:
            yield claim["text"], claim["article"]


def _same_thing(a: Quantity, b: Quantity) -> bool:
    """Counts of the same kind of thing, said of the same subject (shared words around)."""
    if not a.same_kind(b):
        return False
    shared = len(a.context & b.context)
    return shared >= 2 if a.unit & _GENERIC_UNITS else shared >= 1


def changed_numbers(
    before: Iterable[tuple[str, str]], after: Iterable[tuple[str, str]]
) -> list[dict[str, Any]]:
    """Counts in `after` statements (text, article) that replace a count of the same thing in
    `before` ones: one entry per (thing, old value, new value), with both sentences."""
    old = [(text, article, q) for text, article in before for q in anchors(text).quantities]
    found: dict[tuple[str, float, float], dict[str, Any]] = {}
    for text, article in after:
        for new in anchors(text).quantities:
            kin = [item for item in old if _same_thing(item[2], new)]
            if not kin or any(item[2].compatible(new) for item in kin):
                continue
            old_text, old_article, was = kin[0]
            noun = min((q.noun for q in (was, new) if q.noun), key=len, default="of it")
            key = (noun, was.value, new.value)
            found.setdefault(
                key,
                {
                    "about": f"how many {noun}: {was.text}, now {new.text}",
                    "before": {"text": old_text, "article": old_article},
                    "after": {"text": text, "article": article},
                },
            )
    return list(found.values())


def _conflict_key(conflict: dict[str, Any]) -> frozenset[str]:
    return frozenset(normalised(claim["text"]) for claim in conflict["claims"])


def _contradicted(before: Story, after: Story) -> list[dict[str, Any]]:
    """Facts of `before` that a conflict new in `after` sets another claim against."""
    known = {_conflict_key(c) for c in before.get("conflicts", [])}
    fresh = [c for c in after.get("conflicts", []) if _conflict_key(c) not in known]
    contradicted = []
    for fact in before.get("facts", []):
        texts = {text for _, text in _fact_keys(fact)}
        against = [
            claim
            for conflict in fresh
            if _conflict_key(conflict) & texts
            for claim in conflict["claims"]
            if normalised(claim["text"]) not in texts
        ]
        if against:
            contradicted.append({**fact, "contradicted_by": against})
    return contradicted
