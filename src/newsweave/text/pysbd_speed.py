"""pysbd 0.3.4, made several times faster without changing one output.

pysbd passes pattern strings to `re` about 2,000 times an article, builds patterns from its
abbreviation list on every call, and runs ~100 rules over every paragraph, most of which
need text the paragraph lacks ("Co." before " KG", "∯"), and list-item scans ("1.", "a)")
that open with lookbehinds, so `re` tries them at every character. A one-time patch, on the
first `segmenter()`: pysbd's modules get `_CachedRe` in place of `re` (compiled patterns kept
in one dict; a scan that cannot match, as the text lacks what each of its matches holds, is
not run), and its English abbreviation scan is `_search_abbreviations`, which runs the same
steps in the same order without work whose result is known. The same splits on 87k
paragraphs when first measured, and with and without the skipped scans on 5,269 shared
texts; `tests/text/test_sentences.py` and `test_pysbd_speed.py` hold the cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from re import _parser  # type: ignore[attr-defined]  # the stdlib parser: what a match holds
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pysbd


@cache
def segmenter() -> pysbd.Segmenter:
    """The English segmenter newsweave splits with (pysbd, patched once for speed)."""
    import pysbd

    _speed_up_pysbd()
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


class _CachedRe:
    """The `re` functions pysbd calls, with its compiled patterns kept in one plain dict.

    pysbd passes pattern strings to `re.sub` & co. about 2,000 times per article (it builds
    some from its abbreviation list on every call); `re`'s own cache lookup cost ~1 us each.
    The results are `re`'s own: the same pattern compiled with the same flags.
    """

    def __init__(self) -> None:
        self.patterns: dict[tuple[Any, int], re.Pattern[str]] = {}
        # (pattern, flags) -> a cheap test that a text has what every match of it needs (the
        # longest plain text each match holds, `required_text`), or None where none is known
        self.needs: dict[tuple[Any, int], Callable[[str], bool] | None] = {}

    def cannot_match(self, pattern: Any, string: str, flags: int) -> bool:
        """Whether `string` lacks what every match of `pattern` needs (then there is none)."""
        try:
            needs = self.needs[pattern, flags]
        except KeyError:
            needs = self.needs[pattern, flags] = _needs(pattern, flags)
        except TypeError:  # an unhashable pattern
            return False
        return needs is not None and not needs(string)

    def compiled(self, pattern: Any, flags: int = 0) -> re.Pattern[str]:
        try:
            return self.patterns[pattern, flags]
        except KeyError:
            compiled = self.patterns[pattern, flags] = re.compile(pattern, flags)
            return compiled
        except TypeError:  # an unhashable pattern: let `re` decide
            return re.compile(pattern, flags)

    def sub(self, pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
        if self.cannot_match(pattern, string, flags):
            return string
        return self.compiled(pattern, flags).sub(repl, string, count)

    def findall(self, pattern: Any, string: str, flags: int = 0) -> list[Any]:
        if self.cannot_match(pattern, string, flags):
            return []
        return self.compiled(pattern, flags).findall(string)

    def finditer(self, pattern: Any, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
        return self.compiled(pattern, flags).finditer(string)

    def search(self, pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        if self.cannot_match(pattern, string, flags):
            return None
        return self.compiled(pattern, flags).search(string)

    def match(self, pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        return self.compiled(pattern, flags).match(string)

    def split(self, pattern: Any, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
        return self.compiled(pattern, flags).split(string, maxsplit)

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)  # escape, IGNORECASE, ...


def _speed_up_pysbd() -> None:
    """Make pysbd 0.3.4 ~3x faster without changing one output (checked on 87k paragraphs).

    A one-time patch, on first use: pysbd's modules get `_CachedRe` in place of `re`, and the
    English abbreviation scan (most of pysbd's time) `_search_abbreviations`, which runs the
    same steps in the same order but compiles its patterns once and skips work whose result
    is known: see there.
    """
    import pysbd.abbreviation_replacer as abbreviations
    import pysbd.between_punctuation
    import pysbd.exclamation_words
    import pysbd.lists_item_replacer
    import pysbd.processor
    import pysbd.punctuation_replacer
    import pysbd.utils

    for module in (
        abbreviations,
        pysbd.utils,
        pysbd.processor,
        pysbd.lists_item_replacer,
        pysbd.between_punctuation,  # eight scans a paragraph, for text between quotes
        pysbd.punctuation_replacer,  # seven substitutions a quoted span
        pysbd.exclamation_words,
    ):
        module.re = _CACHED_RE
    _LIST_TESTS.update(_list_scan_needs(pysbd.lists_item_replacer.ListItemReplacer))
    _LIST_TESTS.update(period_rule_tests())
    _CACHED_RE.needs.update(((pattern, 0), test) for pattern, test in _LIST_TESTS.items())
    abbreviations.AbbreviationReplacer.search_for_abbreviations_in_string = _search_abbreviations
    pysbd.utils.Text.apply = _apply


_CACHED_RE = _CachedRe()
_LIST_TESTS: dict[str, Callable[[str], bool]] = {}  # pysbd's list scans, each with its test
# Every match of pysbd's numbered-list scan is one or two digits before ". " or ".)"; every
# match of its lettered-list scans a lower-case letter before "." after a space (or at the
# start), or letters before ")". Few paragraphs have either, and the scans, which open with
# lookbehinds, cost ~0.07 ms a paragraph (a third of pysbd's regex time on news).
_NUMBER_BEFORE_PERIOD = re.compile(r"\d\.[\s)]")
_LETTER_BEFORE_PERIOD = re.compile(r"\s[a-z]\.")
_FIRST_LETTER_BEFORE_PERIOD = re.compile(r"[a-z]\.")


# pysbd rules about periods, which every paragraph has, so `required_text` (".") skips none.
# Each test below finds a period first (which `re` skips to in C) and then looks around it,
# where the rule opens with a lookbehind or a class that `re` tries at every character: it
# answers whether the rule has a match, and the rule runs only where it has.
_PERIOD_RULE_TESTS: dict[str, re.Pattern[str]] = {
    r"([a-zA-Z0-9_])(\.)([a-zA-Z0-9_])": re.compile(r"\.(?<=[a-zA-Z0-9_]\.)[a-zA-Z0-9_]"),
    r"(?<=\d)\.(?=\S)": re.compile(r"\.(?<=\d\.)(?=\S)"),
    r"(?<=\s[A-Z])\.(?=,?\s)": re.compile(r"\.(?<=\s[A-Z]\.)(?=,?\s)"),
    r"(\s\.){3}\s": re.compile(r"\.(?<=\s\.)\s\.\s\.\s"),
    r"(?<=[a-z])(\.\s){3}\.($|\\n)": re.compile(r"\.(?<=[a-z]\.)\s\.\s\.\s\.($|\\n)"),
    r"(?<=\S)\.{3}(?=\.\s[A-Z])": re.compile(r"\.(?<=\S\.)\.\.(?=\.\s[A-Z])"),
}


def period_rule_tests() -> dict[str, Callable[[str], bool]]:
    """pysbd's period rules above, and its rules about a period at a line's start (no
    MULTILINE: the text's start), each with a test that the text can hold a match."""
    tests: dict[str, Callable[[str], bool]] = {
        rule: partial(_has_match, test) for rule, test in _PERIOD_RULE_TESTS.items()
    }
    tests[r"(?<=^[A-Z])\.(?=\s)"] = lambda text: text[1:2] == "."
    tests[r"(?<=^\d)\.(?=(\s\S)|\))"] = lambda text: text[1:2] == "."
    tests[r"(?<=^\d\d)\.(?=(\s\S)|\))"] = lambda text: text[2:3] == "."
    return tests


def _has_match(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


def _list_scan_needs(lists: Any) -> dict[str, Callable[[str], bool]]:
    """pysbd's list-scan patterns (`ListItemReplacer`'s), each with the test above."""
    return {
        lists.NUMBERED_LIST_REGEX_1: lambda text: _NUMBER_BEFORE_PERIOD.search(text) is not None,
        lists.ALPHABETICAL_LIST_WITH_PERIODS: lambda text: (
            _FIRST_LETTER_BEFORE_PERIOD.match(text) is not None
            or _LETTER_BEFORE_PERIOD.search(text) is not None
        ),
        lists.ALPHABETICAL_LIST_WITH_PARENS: lambda text: ")" in text,
    }


def _holds(literal: str) -> Callable[[str], bool]:
    return lambda text: literal in text


def _needs(pattern: Any, flags: int) -> Callable[[str], bool] | None:
    """A test that a text holds what every match of `pattern` needs, or None if none is known."""
    literal = required_text(pattern, flags) if isinstance(pattern, str) else None
    return _holds(literal) if literal else None


@dataclass(frozen=True, slots=True)
class _RulePlan:
    """How `_apply` runs one pysbd rule: the plain text every match holds ("" where none is
    known, which every text holds), another test where there is one, the compiled pattern."""

    literal: str
    test: Callable[[str], bool] | None
    pattern: re.Pattern[str]


_PLANS: dict[Any, _RulePlan] = {}  # by pysbd `Rule` (its rules are made once, in class bodies)


def _plan(rule: Any) -> _RulePlan:
    pattern = rule.pattern
    if not isinstance(pattern, str):
        return _RulePlan("", None, re.compile(pattern))
    test = _LIST_TESTS.get(pattern)
    literal = required_text(pattern) if test is None else None
    return _RulePlan(literal or "", test, _CACHED_RE.compiled(pattern))


def _apply(self: str, *rules: Any) -> str:
    """pysbd's `Text.apply` (`re.sub` of each rule in turn, as `_CACHED_RE` runs it), without
    the three calls a rule cost through `_CachedRe`: pysbd applies ~1,000 rules an article,
    and the calls were a third of its time."""
    text = self
    for rule in rules:
        try:
            plan = _PLANS[rule]
        except KeyError:
            plan = _PLANS[rule] = _plan(rule)
        if plan.literal in text and (plan.test is None or plan.test(text)):
            text = plan.pattern.sub(rule.replacement, text)
    return text


def required_text(pattern: str, flags: int = 0) -> str | None:
    """The longest run of plain characters that every match of `pattern` holds, or None.

    Read from the stdlib's parse of the pattern: characters in a row at its top level, inside
    its groups, lookarounds and repeats of at least one (not in alternatives, optional parts
    or negative lookarounds); none for a pattern that ignores case. pysbd applies ~100 such
    rules to every paragraph ("(?<=Co)\\.(?=\\sKG)" holds "Co" and "KG"), and most paragraphs
    lack the text of most of them: a substring test is cheaper than the scan.
    """
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    if (flags | parsed.state.flags) & re.IGNORECASE:
        return None
    runs = _plain_runs(parsed.data)
    return max(runs, key=len) if runs else None


def _plain_runs(items: Any) -> list[str]:
    """The runs of literal characters every match of a parsed sequence holds."""
    runs: list[str] = []
    run: list[str] = []
    for op, value in items:
        if op is _parser.LITERAL:
            run.append(chr(value))
            continue
        if run:
            runs.append("".join(run))
            run = []
        if op is _parser.SUBPATTERN and not value[1] & re.IGNORECASE:
            runs.extend(_plain_runs(value[3]))
        elif op is _parser.ASSERT:
            runs.extend(_plain_runs(value[1]))
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) and value[0] >= 1:
            runs.extend(_plain_runs(value[2]))
    if run:
        runs.append("".join(run))
    return runs


# What stands between whitespace (or the line's start) and the next period: "Mr" in " Mr. X".
_CHUNK_BEFORE_PERIOD = re.compile(r"(?<=\s)([^\s.]+)\.")


@dataclass(frozen=True, slots=True)
class _AbbreviationPatterns:
    """Per abbreviation, in pysbd's order: its stripped form and pysbd's two patterns for it."""

    rows: list[tuple[str, re.Pattern[str], re.Pattern[str]]]
    positions: dict[str, list[int]]  # stripped abbreviation of letters only -> its rows
    dotted: list[int]  # the rows of the others ("u.s", "e.g")


@cache
def _abbreviation_patterns(abbreviations: tuple[str, ...]) -> _AbbreviationPatterns:
    """pysbd's patterns of `abbreviations`, compiled once."""
    rows = [
        (
            stripped,
            re.compile(rf"(?:^|\s|\r|\n){stripped}", re.IGNORECASE),
            re.compile(r"(?<={" + str(re.escape(stripped)) + "} ).{1}"),
        )
        for stripped in (abbreviation.strip() for abbreviation in abbreviations)
    ]
    positions: dict[str, list[int]] = {}
    for row, (stripped, _, _) in enumerate(rows):
        if stripped.isascii() and stripped.isalpha():
            positions.setdefault(stripped, []).append(row)
    dotted = [row for row, (stripped, _, _) in enumerate(rows) if stripped not in positions]
    return _AbbreviationPatterns(rows, positions, dotted)


def _search_abbreviations(self: Any, text: str) -> str:
    """pysbd's `search_for_abbreviations_in_string`, step for step, minus repeated work.

    Three shortcuts, all exact. Every rule `scan_for_replacements` applies replaces a period
    that follows whitespace and the matched abbreviation itself, so an abbreviation of letters
    only that never stands between whitespace and a period in the line is skipped (in an
    ASCII line; the rules only ever turn periods into "∯", which removes such places). The
    "next word" pattern starts with a literal "{" (pysbd's quirk), so without a "{" in the
    text it finds nothing. And `scan_for_replacements` is a pure function of (text, match,
    next char), so a call that left the text unchanged is not repeated with the same
    arguments until the text changes (a line with twenty words starting in "p" asked the "p."
    rule twenty times).
    """
    lowered = text.lower()
    scan = self.scan_for_replacements
    chunks = _CHUNK_BEFORE_PERIOD.findall(" " + text)
    exact = all(chunk.isascii() for chunk in chunks)
    before_period = {chunk.lower() for chunk in chunks}
    patterns = _abbreviation_patterns(tuple(self.lang.Abbreviation.ABBREVIATIONS))
    if exact:  # in list order: those not of letters only, and those that stand before a period
        positions = patterns.positions
        chosen = sorted(
            [*patterns.dotted, *(i for c in before_period if c in positions for i in positions[c])]
        )
        rows = [patterns.rows[i] for i in chosen]
    else:
        rows = patterns.rows
    for stripped, find, next_word in rows:
        if stripped not in lowered:
            continue
        matches = find.findall(text)
        if not matches:
            continue
        chars = next_word.findall(text) if "{" in text else []
        unchanged: set[tuple[str, str]] = set()
        for index, match in enumerate(matches):
            key = (match, chars[index] if index < len(chars) else "")
            if key in unchanged:
                continue
            replaced = scan(text, match, index, chars)
            if replaced == text:
                unchanged.add(key)
            else:
                text = replaced
                unchanged.clear()
    return text
