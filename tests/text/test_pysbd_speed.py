"""The shortcuts of the pysbd speed-up skip only scans that could not match."""

from __future__ import annotations

import re

import pytest

from newsweave.text.pysbd_speed import period_rule_tests, required_text, segmenter


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?<=Co)\.(?=\sKG)", "Co"),
        (r"(?<= P∯M)∯(?=\s[A-Z])", " P∯M"),
        (r"(ab)?cd", "cd"),
        (r"(?<!ab)c", "c"),
        (r"(\s\.){3}\s", "."),
        (r"a|b", None),
        (r"x*", None),
        (r"(?i)abc", None),
        (r"(?i:ab)c", "c"),
    ],
)
def test_required_text(pattern: str, text: str | None) -> None:
    assert required_text(pattern) == text


def test_every_match_holds_the_required_text() -> None:
    samples = ["Co. KG is here", "8:00 P∯M∯ Then", "abcd cd", "x . . . y", "a) b) c.", "1. 2. 3."]
    for pattern in (r"(?<=Co)\.(?=\sKG)", r"(?<= P∯M)∯(?=\s[A-Z])", r"(ab)?cd", r"(\s\.){3}\s"):
        needed = required_text(pattern)
        assert needed is not None
        for sample in samples:
            if re.search(pattern, sample):
                assert needed in sample


def test_list_scans_answer_nothing_only_without_list_items() -> None:
    segmenter()  # gives pysbd's modules the patched `re`, with the list-scan tests
    import pysbd.lists_item_replacer
    from pysbd.lists_item_replacer import ListItemReplacer as Lists

    patched = pysbd.lists_item_replacer.re

    texts = ["1. Buy milk. 2. Sell it.", "a. one b. two", "(a) first (b) second", "Plain text."]
    for pattern in (
        Lists.NUMBERED_LIST_REGEX_1,
        Lists.ALPHABETICAL_LIST_WITH_PERIODS,
        Lists.ALPHABETICAL_LIST_WITH_PARENS,
    ):
        for text in texts:
            assert patched.findall(pattern, text) == re.findall(pattern, text)


def test_period_rule_tests_pass_every_text_the_rule_matches() -> None:
    texts = [
        "Mr. A. Smith paid 3.5 dollars at x.y.com.",
        "E. coli, said J. Doe . . . and then. . . .",
        "He waited.... Then",
        "1. First item",
        "12. Twelfth",
        "1) one",
        "A. Lincoln",
        "end . . . \\n",
        "plain text.",
    ]
    for pattern, test in period_rule_tests().items():
        for text in texts:
            assert test(text) or re.search(pattern, text) is None, (pattern, text)
        assert any(re.search(pattern, text) for text in texts), pattern
