"""The windowed rule scan finds exactly what running every rule over the whole text finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.timex.patterns import RULES
from newsweave.timex.scan import RUN, TRIGGERS, WINDOWED, Text, plain_words, rule_matches

Spans = list[tuple[str, int, int, tuple[str | None, ...]]]


def _full(text: str) -> Spans:
    return [
        (rule.name, *match.span(), match.groups())
        for rule in RULES
        for match in rule.pattern.finditer(text)
    ]


def _windowed(text: str) -> Spans:
    scanned = Text.of(text)
    return [
        (windowed.rule.name, *match.span(), match.groups())
        for windowed in WINDOWED
        for match in rule_matches(windowed, scanned)
    ]


def _shared_texts(shared: Path) -> list[str]:
    data = shared / "data"
    texts = [
        json.loads(line)["text"]
        for line in (data / "timex-dev-tbaq.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    with (data / "summaries-dev-duc2006-2007.jsonl").open(encoding="utf-8") as lines:
        for line, _ in zip(lines, range(20), strict=False):
            texts.extend(article["text"] for article in json.loads(line)["articles"])
    return texts


def test_every_rule_has_a_trigger() -> None:
    assert {rule.name for rule in RULES} == set(TRIGGERS)


def test_same_matches_as_the_full_scan_on_real_text(shared: Path) -> None:
    texts = _shared_texts(shared)
    assert len(texts) > 300
    found = 0
    for text in texts:
        expected = _full(text)
        assert _windowed(text) == expected
        found += len(expected)
    assert found > 5000


def test_every_match_contains_its_rules_trigger(shared: Path) -> None:
    """The property the windows rest on, checked rule by rule (a new rule needs a trigger
    that all its matches contain)."""
    for text in _shared_texts(shared)[:200]:
        scanned = Text.of(text)
        assert scanned.folded is not None
        for windowed in WINDOWED:
            sought = scanned.folded if windowed.folded else text
            for match in windowed.rule.pattern.finditer(text):
                trigger = windowed.trigger.search(sought, match.start())
                assert trigger is not None and trigger.end() <= match.end(), windowed.rule.name


@pytest.mark.parametrize(
    "text",
    [
        # triggers close together, so windows overlap and a match crosses a window's end
        "On Monday, June 16, 2021, two weeks later, the second quarter of 2021 ended; "
        + "every day for three days and two nights since Tuesday morning, a year ago. " * 6,
        # a whitespace run longer than RUN: the rules scan the whole text
        "It happened on June" + " " * (RUN + 3) + "16, two" + "\n" * (RUN + 2) + "weeks ago.",
        # a digit run longer than RUN, beside a duration whose number is digits
        "Order 12345678901234 came 15 days after 3 1/2 years, in 1999.",
        # letters that re's IGNORECASE takes for ASCII ones, and one lower() makes two letters
        "On ſunday the fırst quarter of 2020 closed. İstanbul said on Monday, a week later.",
        # dates at the very start and end of the text
        "2021-06-16 and, at last, 10 p.m. Wednesday",
        "",
    ],
)
def test_same_matches_at_the_edges(text: str) -> None:
    assert _windowed(text) == _full(text)


@pytest.mark.parametrize(
    ("trigger", "words"),
    [
        ("now|these days", ("now", "these days")),
        (r"mon\.|tue\.", ("mon.", "tue.")),
        ("century", ("century",)),
        (r"[- ](?:day|week)", None),
        (r"(?:every|each)\s", None),
        (r"\d{4}-", None),
    ],
)
def test_plain_words_only_of_a_choice_of_plain_words(
    trigger: str, words: tuple[str, ...] | None
) -> None:
    assert plain_words(trigger) == words


def test_plain_word_triggers_find_what_their_pattern_finds() -> None:
    text = "The ruling came a week ago, and now, these days, a month later, the future. " * 20
    folded = Text.of(text)
    for windowed in WINDOWED:
        if windowed.literals:
            found = [m.span() for m in rule_matches(windowed, folded)]
            assert found == [m.span() for m in windowed.rule.pattern.finditer(text)]
