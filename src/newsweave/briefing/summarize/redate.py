"""Relative dates in summary sentences replaced by the day they name, as an editor would.

A summary sentence is read away from its article, often days later and beside sentences of
other days: an older article's "The conversation next Wednesday ..." or a newer one's "set to
take place within hours" says nothing without the article's date. An editor writes the day:
"The conversation on Wednesday, June 16, ...", "set to take place on June 16, 2021, in ...".

`redated` does that for the expressions whose day is certain given the article's own
publication date, as the timex stage resolves them (`timex.expressions`):

- a weekday ("Friday", "next Wednesday", "on Tuesday"): "on Wednesday, June 16";
- "today", "tomorrow", "yesterday", "within hours": "on June 16, 2021";
- this / next / last month or year, with "later" or "earlier": "in July 2021", "earlier in 2021".

Never a vague one ("recently", "soon", "next week", "in recent days"), never inside a quotation
(the speaker's words stay theirs), never in an article whose date is not known. Each
replacement is an `Edit("replace", words, replacement)`; the sources keep the verbatim sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsweave.models import Edit, SummarySentence
from newsweave.timex.expressions import find_expressions

_WEEKDAY = re.compile(
    r"^(?:(?P<rel>next|this|last|coming|on)\s+)?(?:(?P<edge>late|early)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
# A time of day today: "tonight" -> "on the night of June 16, 2021".
_TODAY_PART = {
    "tonight": "night",
    "this morning": "morning",
    "this afternoon": "afternoon",
    "this evening": "evening",
    "last night": "night",
}
_DEICTIC = frozenset({"today", "tomorrow", "yesterday"})
_SAME_DAY = re.compile(r"\bwithin (?:hours|the hour|the next few hours)\b", re.IGNORECASE)
_PERIOD = re.compile(
    r"^(?:(?P<side>later|earlier)\s+)?(?:in\s+)?(?:this|next|last|the coming)\s+"
    r"(?P<unit>month|year)$",
    re.IGNORECASE,
)
# A word that every replaceable expression holds (a weekday's "day", "tonight", "this morning",
# "next month", "within hours"...): a sentence with none is not scanned for dates.
_MAY_REPLACE = re.compile(
    r"day|tomorrow|night|morning|afternoon|evening|month|year|within", re.IGNORECASE
)
# A preposition before the words already says how the day relates ("until tomorrow").
_PREPOSITION = re.compile(r"\b(?:on|by|until|till|since|from|before|after|for|of|to)\s+$", re.I)
# Words that point ahead: a bare weekday in a sentence with one is not surely a past day, and
# a future weekday needs one ("Quiroga could make his debut on Sunday": which Sunday?).
_AHEAD = re.compile(
    r"\b(?:will|would|could|may|might|shall|can|['’]ll|going to|expected|set to|due to|"
    r"scheduled|plans? to|planning to)\b",
    re.IGNORECASE,
)
# Where a clause ends: a comma, a semicolon, or a word that opens a clause of its own.
_CLAUSE_CUT = re.compile(r"[,;:]|\b(?:that|which|who|but|while|when|after|before|because)\b", re.I)
# A verb right after the words makes them the subject: "Tomorrow will mark the start ...".
_SUBJECT_VERB = re.compile(
    r"\s+(?:will|would|is|was|marks|marked|has|had|could|may|might|must|should|can)\b"
)


@dataclass(frozen=True, slots=True)
class Replacement:
    """Words of a sentence (`start`..`end`) and the dated words that stand for them."""

    start: int
    end: int
    text: str
    by: str


def replacements(text: str, published: date) -> list[Replacement]:
    """The certain relative dates of `text`, resolved against `published`, in reading order.

    Most summary sentences name no day: one search for the words every replacement holds
    (`_MAY_REPLACE`) spares them the date scan (~0.3 ms a sentence)."""
    if _MAY_REPLACE.search(text) is None:
        return []
    found = [
        r
        for t in find_expressions(text, published)
        if t.type in ("DATE", "TIME")
        and t.value
        and (r := _replacement(text, t.start, t.end, t.value, t.precision, published))
    ]
    for match in _SAME_DAY.finditer(text):
        if not _quoted(text, match.start()) and not _followed_by_date(text, match.end()):
            found.append(Replacement(match.start(), match.end(), match.group(), _day(published)))
    found.sort(key=lambda r: r.start)
    kept: list[Replacement] = []
    for item in found:  # overlapping finds: the first wins
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return [_fitted(text, r) for r in kept]


def _replacement(
    text: str, start: int, end: int, value: str, precision: str, published: date
) -> Replacement | None:
    """The replacement of one resolved expression, if it is a certain relative one."""
    words = text[start:end]
    if _quoted(text, start) or _followed_by_date(text, end) or text[end : end + 1] in "'’":
        return None
    if re.fullmatch(r"\d{4}-\d\d-\d\d(?:T(?:MO|AF|EV|NI))?", value):
        day = date.fromisoformat(value[:10])
        weekday = _WEEKDAY.match(words)
        rel = weekday.group("rel") if weekday else None
        if weekday and not _certain_weekday(text, start, day, published, rel):
            return None
        return _day_replacement(words, day, precision, start, end)
    period = _PERIOD.match(words)
    if period and precision in ("month", "year"):
        if precision == "month" and re.fullmatch(r"\d{4}-\d\d", value):
            named = f"{date.fromisoformat(value + '-01'):%B %Y}"
        elif precision == "year" and re.fullmatch(r"\d{4}", value):
            named = value
        else:
            return None
        side = f"{period.group('side').lower()} " if period.group("side") else ""
        return Replacement(start, end, words, f"{side}in {named}")
    return None


def _certain_weekday(text: str, at: int, day: date, published: date, rel: str | None) -> bool:
    """Whether a weekday surely names `day`: the publication day itself; "next" / "last" X
    when the nearest X that way is also X of the next / last week (from a Thursday "next
    Saturday" may be in two or in nine days; from a Friday "next Wednesday" is in five); a
    bare one when the tense agrees: a past day in a clause with no word that points ahead, a
    future day in a clause with one (the weekday's own clause)."""
    if day == published:
        return True
    lower = (rel or "").lower()
    if lower in ("next", "last"):  # the nearest X that way, and X of the next / last week
        step = 1 if lower == "next" else -1
        weeks = (day - timedelta(day.weekday())) - (published - timedelta(published.weekday()))
        return 0 < step * (day - published).days <= 7 and weeks.days // 7 == step
    ahead = _AHEAD.search(_clause(text, at)) is not None
    return ahead if day > published else not ahead


def _clause(text: str, at: int) -> str:
    """The clause around offset `at`: "said on Tuesday" in "X said on Tuesday that it would
    ...", where "would" belongs to what was said, not to when it was said."""
    cuts = list(_CLAUSE_CUT.finditer(text))
    start = max((c.end() for c in cuts if c.end() <= at), default=0)
    end = min((c.start() for c in cuts if c.start() >= at), default=len(text))
    return text[start:end]


def _day_replacement(
    words: str, day: date, precision: str, start: int, end: int
) -> Replacement | None:
    """A weekday ("late Tuesday" -> "late on Tuesday, March 5"; "Monday night" -> "on the
    night of Monday, March 4"), a deictic day or a time of today, as the day it names."""
    weekday = _WEEKDAY.match(words)
    if weekday and precision == "day":
        named = f"{day:%A}, {day:%B} {day.day}"
        if weekday.group("part"):
            return Replacement(start, end, words, f"on the {weekday.group('part')} of {named}")
        edge = f"{weekday.group('edge').lower()} " if weekday.group("edge") else ""
        return Replacement(start, end, words, f"{edge}on {named}")
    if words.lower() in _DEICTIC and precision == "day":
        return Replacement(start, end, words, _day(day))
    part = _TODAY_PART.get(words.lower())
    if part and precision == "time":
        return Replacement(start, end, words, f"on the {part} of {day:%B} {day.day}, {day.year}")
    return None


def _day(day: date) -> str:
    return f"on {day:%B} {day.day}, {day.year}"


def _quoted(text: str, at: int) -> bool:
    """Whether offset `at` is inside a quotation (straight quotes counted, curly ones paired)."""
    before = text[:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _followed_by_date(text: str, end: int) -> bool:
    """ "Wednesday, June 16" already names its day: nothing to replace."""
    return re.match(r",?\s*(?:\(|\[)?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b", text[end:]) is not None


def _fitted(text: str, item: Replacement) -> Replacement:
    """The replacement fitted to the sentence: no second preposition ("until tomorrow" ->
    "until June 17, 2021") and none for a subject ("Tomorrow will mark" -> "May 15, 1996,
    will mark"), a capital at the start, a comma closing a date's comma when the
    sentence runs on ("in May 2000" needs none)."""
    by = item.by
    after = text[item.end :]
    subject = item.start == 0 and _SUBJECT_VERB.match(after) is not None  # "Tomorrow will"
    if by.startswith("on ") and (_PREPOSITION.search(text[: item.start]) or subject):
        by = by[3:]
    if item.start == 0:
        by = by[:1].upper() + by[1:]
    if "," in by and re.match(r"\s+[A-Za-z(]", after):
        by += ","  # "on Wednesday, June 16, will": the date's comma is closed
    return Replacement(item.start, item.end, item.text, by)


def added_words(text: str, published: date | None) -> int:
    """How many words `redated` would add to `text`."""
    if published is None:
        return 0
    return sum(len(r.by.split()) - len(r.text.split()) for r in replacements(text, published))


def redated(sentence: SummarySentence, published: date | None, room: int) -> SummarySentence:
    """The sentence with its certain relative dates replaced by the day, each listed in
    `edits`, as far as the words they add fit in `room` (the sentence itself when none do)."""
    if published is None or room <= 0:
        return sentence
    text, edits, shift = sentence.text, list(sentence.edits), 0
    for item in replacements(sentence.text, published):
        extra = len(item.by.split()) - len(item.text.split())
        if extra > room:
            continue
        room -= extra
        start, end = item.start + shift, item.end + shift
        text = text[:start] + item.by + text[end:]
        shift += len(item.by) - len(item.text)
        edits.append(Edit("replace", item.text, replacement=item.by))
    if len(edits) == len(sentence.edits):
        return sentence
    return SummarySentence(text, sentence.sources, sentence.support, sentence.outlets, tuple(edits))
