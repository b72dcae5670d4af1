"""Where outlets' statements disagree: a number, a date, whether it happened, a loaded word.

Two statements of different outlets conflict only when (a) they are about the same event or
relation and (b) they fill the same slot with values that cannot both be true. Precision
first: a false conflict misleads a reader more than a missed one. Clashes of figures, the
commonest, are found by rule (`number_clashes`) and kept by a learned gate
(`conflict_model.py`: a logistic regression over how similar the statements are, how alike
their wording, whether they name different things, how many figures they carry and how many
words around the two figures agree, fitted on the training stories of the labelled pairs by
`python -m newsweave.evaluation.conflict_fit`). Dates, negation and loaded words are too rare
in the labels to learn from and stay rules (`rule_clashes`), for statements at the alignment
threshold only.

- **a number**: counts of the same kind of thing ("workers"), with a word around them shared,
  that no reading reconciles: "at least 19" allows 20, "about 300" allows 310, "about 30"
  allows 35, "7 million" allows 7.4 million, "43,000" allows 43,350, another figure of the
  other side may agree, and a total may be the sum of a figure and a part named beside it
  ("109 on board and four on the ground" is 113). Close figures only (the larger at most
  `number_conflict_max_ratio` times the smaller) unless the statements are worded alike;
  a percentage or a sum of money, which counts anything, needs `generic_context_words` words
  around it shared or the same whole ("percent of the seats"). Never a clash: a score
  ("13-3"), the same digits twice, figures broken by extraction ("6, 728", "41 / 2"), and
  figures of sentences that name different years ("429 murders in 1998", "566 in 1985") or
  different days ("31 vessels on Thursday", "35 on Friday"), the amounts of two things
  named before them ("a bid of 30 million", "an offer of 36 million"), and a figure someone
  asks for against one that is not asked for ("requested 103,000", "a bill for 120,000").
  Outlets that disagree on a toll say 10 and 11, 247 and 253; "12 magazines" in one operation
  and "31" in five are different counts.
- **a date**: the same event (words around the date shared) on different calendar days; days
  a whole number of weeks or years apart are the resolution of "every Sunday" or "Christmas"
  against different publication dates, not a clash.
- **whether it happened**: one side negates a word the other states, and the plain side does
  not say the same thing with a negative verb ("declined to comment" is "had no comment").
- **a characterisation**: the same statement in words of clearly different loaded tone
  (`loaded.characterisation`), for statements at the alignment threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsweave.briefing.agreement.conflict_model import gate
from newsweave.briefing.agreement.figure_pairs import agree, figures_differ, middle
from newsweave.briefing.agreement.figures import Quantity, owners_apart, part_words, pinned
from newsweave.briefing.agreement.loaded import characterisation
from newsweave.briefing.agreement.statements import Anchors
from newsweave.sections import AgreementSettings

Side = tuple[str, Anchors]  # a statement's text and anchors

_GENERIC_UNITS = frozenset({"%", "$", "€", "£"})
_SCORE_IN_TEXT = re.compile(r"(?<![\d.,:/-])\d{1,3}[-–]\d{1,3}(?!\d|[.,]\d|[:/-])")
_NEGATIVE_VERB = re.compile(
    r"\b(?:declin|refus|reject|denied|denies|deny|fail|without|lack|cant|dont|wont|didnt|"
    r"doesnt|isnt|wasnt|avoid)\w*",
    re.IGNORECASE,
)
_CALENDAR_STEPS = (7, 365, 366)  # days apart that a relative date resolved twice can drift
_SAME_EVENT_WORDS = 2  # words around two dates that both have, for one event
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_PART_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?([a-z][a-z-]+)")
_HEAD_OF = re.compile(r"\b([a-z]+)\s+of\s+(?:about\s+|some\s+|nearly\s+)?[$€£]?\s?$")
# The amounts of proposals: what is offered or asked, not what is ("a bid of", "an offer of").
_PROPOSALS = frozenset({"bid", "offer", "proposal", "request", "demand", "counteroffer"})
# "has requested 103,000", "asked for $5 million": what someone asks for, not what is
_ASKED = re.compile(
    r"\b(?:request|propos|seek|sought|ask|demand|need)\w*\s+(?:for\s+)?(?:[a-z]+\s+){0,2}"
    r"[$€£]?\s?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Clash:
    """A candidate conflict: what it is about, its kind, and the features the gate weighs."""

    kind: str
    about: str
    features: dict[str, float]


def align_threshold(config: AgreementSettings, used: str) -> float:
    """The similarity at which statements say the same, for the similarity `used`."""
    return {
        "embedding": config.embedding_align_threshold,
        "lexical": config.lexical_align_threshold,
    }[used]


def conflict_threshold(config: AgreementSettings, used: str) -> float:
    """The similarity from which two statements are compared for clashes, for `used`."""
    return {
        "embedding": config.embedding_conflict_threshold,
        "lexical": config.lexical_conflict_threshold,
    }[used]


def conflict(a: Side, b: Side, score: float, config: AgreementSettings, used: str) -> str | None:
    """What two statements of different outlets disagree on, or None: the likeliest clash of
    figures (`number_clashes`) that the gate of the similarity `used` keeps, else a clash of
    dates, negation or loaded words (`rule_clashes`)."""
    if score < conflict_threshold(config, used):
        return None
    model = gate(used)
    numbers = [clash for clash in number_clashes(a, b, score, config) if model.keeps(clash)]
    if numbers:
        return max(numbers, key=model.probability).about
    rules = rule_clashes(a, b, score, config, used)
    return rules[0].about if rules else None


def rule_clashes(
    a: Side, b: Side, score: float, config: AgreementSettings, used: str
) -> list[Clash]:
    """Clashes of dates, negation and loaded words, decided by rule: only between statements
    at the alignment threshold (sentences on one topic often carry different dates and a "not"
    somewhere), a negation or a loaded word only between statements worded alike
    (`same_wording_overlap`: "stocks plunged after the violence" and "stocks closed down" are
    no clash of tone)."""
    if score < align_threshold(config, used):
        return []
    found = []
    dated = date_conflict(a[1], b[1])
    if dated and not measured_twice(a[1], b[1]):
        found.append(Clash("date", dated, {}))
    if not worded_alike(a[1], b[1], config.same_wording_overlap):
        return found  # a "not" or a loaded word in sentences worded apart is no clash
    negated = negation_conflict(a, b)
    if negated:
        found.append(Clash("negation", negated, {}))
    loaded = characterisation(a[0], b[0])
    if loaded:
        found.append(Clash("wording", loaded, {}))
    return found


def measured_twice(a: Anchors, b: Anchors) -> bool:
    """Two days with two figures of one kind: a count taken at two moments ("31 vessels were
    waiting on Thursday", "35 on Friday"), not one event dated twice."""
    return any(qa.same_kind(qb) and not agree(qa, qb) for qa in a.quantities for qb in b.quantities)


def _pair_features(a: Side, b: Side, score: float) -> dict[str, float]:
    """What says two statements are about one event: similarity, wording, whether both name
    things and none the same, and how many figures they carry (a line of statistics holds many
    counts of one kind)."""
    names_a = {n.lower() for n in a[1].names}
    names_b = {n.lower() for n in b[1].names}
    return {
        "score": score,
        "alike": jaccard(a[1].words, b[1].words),
        "names_apart": float(bool(names_a and names_b) and not names_a & names_b),
        "figures": float(max(len(a[1].quantities), len(b[1].quantities))),
    }


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the words of either that both have."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def worded_alike(a: Anchors, b: Anchors, min_overlap: float) -> bool:
    """Whether two statements share at least `min_overlap` of their content words (Jaccard)."""
    return bool(a.words | b.words) and jaccard(a.words, b.words) >= min_overlap


def _candidate(a: Quantity, b: Quantity, texts: tuple[str, str]) -> bool:
    """Figures of one kind that cannot both be true, are really figures and share a word
    around them."""
    return figures_differ(a, b, texts) and bool(a.context & b.context)


def figures_apart(a: Side, b: Side, config: AgreementSettings) -> bool:
    """Whether two statements give figures of one kind that cannot both be true, share words
    around them and can be one count however far apart (`_one_count` for statements worded
    alike), none reconciled by another figure of the other side: then they do not state one
    claim, whatever their words share. Looser than `number_clashes`, which lists a conflict
    only for close figures or sentences worded alike."""
    (text_a, anchors_a), (text_b, anchors_b) = a, b
    texts = (text_a, text_b)
    for qa in anchors_a.quantities:
        for qb in anchors_b.quantities:
            if not _candidate(qa, qb, texts) or not _one_count(qa, qb, texts, config, True):
                continue
            if not _reconciled(qa, qb, anchors_a, anchors_b):
                return True
    return False


def _reconciled(qa: Quantity, qb: Quantity, anchors_a: Anchors, anchors_b: Anchors) -> bool:
    """Whether another figure of the other side agrees with either figure ("113 killed" beside
    "109 on board" agrees with the other outlet's 113)."""
    return any(agree(qb, o) for o in anchors_a.quantities if o.same_kind(qb)) or any(
        agree(qa, o) for o in anchors_b.quantities if o.same_kind(qa)
    )


def _whole(text: str, quantity: Quantity) -> str:
    """What a percentage is of ("82 percent of the seats" -> "seat"), or ""."""
    at = text.find(quantity.text)
    found = _PART_OF.match(text[at + len(quantity.text) :]) if at >= 0 else None
    return found.group(1).rstrip("s") if found else ""


def _head(text: str, quantity: Quantity) -> str:
    """The noun a figure is the amount of, written before it ("an opening bid of 30 million
    euros" -> "bid"), or ""."""
    at = text.find(quantity.text)
    found = _HEAD_OF.search(text[max(0, at - 30) : at]) if at > 0 else None
    return found.group(1).lower().rstrip("s") if found else ""


def _asked(text: str, quantity: Quantity) -> bool:
    """Whether a figure is what someone asks for ("requested 103,000", "proposed a $5
    million"): a position, not a count, so not one count with a figure that is not asked for."""
    at = text.find(quantity.text)
    return at > 0 and bool(_ASKED.search(text[max(0, at - 40) : at]))


def _proposed(text: str, quantity: Quantity) -> bool:
    """A figure someone asks for or offers: requested ("requested 103,000") or the amount of a
    proposal ("an opening bid of 30 million euros", "an offer of 36 million"). A bid and the
    price finally paid ("a move worth 42 million euros") are two amounts, not one disputed."""
    return _asked(text, quantity) or _head(text, quantity) in _PROPOSALS


def _one_count(
    a: Quantity, b: Quantity, texts: tuple[str, str], config: AgreementSettings, alike: bool
) -> bool:
    """Figures that can be two tellings of one count: close (the larger at most
    `number_conflict_max_ratio` times the smaller) unless the statements are worded alike
    ("2,000" or "3,500 workers went on strike"); a percentage or a sum of money, which counts
    anything, with `generic_context_words` words around it shared, or a percentage of the
    same whole ("82 percent of the seats", "80 percent of its seats"); never the amounts of two
    different things named before them ("a bid of", "an offer of")."""
    heads = _head(texts[0], a), _head(texts[1], b)
    if all(heads) and heads[0] != heads[1]:
        return False  # "a bid of 30 million" and "an offer of 36 million" are two amounts
    if _proposed(texts[0], a) != _proposed(texts[1], b):
        return False  # "requested 103,000 vouchers" and "a bill for 120,000": asked and given
    if owners_apart((texts[0], a), (texts[1], b)):
        return False  # "Ty Lawson added 16 points" and "Deon Thompson had 15": two people's
    generic = bool((a.unit | b.unit) & _GENERIC_UNITS)
    whole = _whole(texts[0], a)
    same_whole = bool(whole) and whole == _whole(texts[1], b)
    if generic and not same_whole and len(a.context & b.context) < config.generic_context_words:
        return False
    low, high = sorted((abs(middle(a)), abs(middle(b))))
    return alike or (low > 0 and high / low <= config.number_conflict_max_ratio)


def _number_features(a: Quantity, b: Quantity, config: AgreementSettings) -> dict[str, float]:
    """What says two figures count one thing: the words around them both have, against the
    number needed (`number_context_words`, `generic_context_words` for percentages and money)."""
    generic = bool((a.unit | b.unit) & _GENERIC_UNITS)
    needed = config.generic_context_words if generic else config.number_context_words
    return {"context": min(len(a.context & b.context) / needed, 2.0)}


def number_clashes(a: Side, b: Side, score: float, config: AgreementSettings) -> list[Clash]:
    """Figures for one count that cannot both be true, none reconciled by another figure of
    the other side; each with the features the gate weighs (`score`: the similarity)."""
    (text_a, anchors_a), (text_b, anchors_b) = a, b
    if not anchors_a.quantities or not anchors_b.quantities:
        return []
    years_a, years_b = set(_YEAR.findall(text_a)), set(_YEAR.findall(text_b))
    if years_a and years_b and not years_a & years_b:
        return []  # "429 murders in 1998" and "566 in 1985" count different years
    scores_a, scores_b = set(_SCORE_IN_TEXT.findall(text_a)), set(_SCORE_IN_TEXT.findall(text_b))
    if scores_a and scores_b and not scores_a & scores_b:
        return []  # "a 108-70 rout" and "a 91-73 victory": two games, each its own figures
    sides_a, sides_b = _score_sides(scores_a), _score_sides(scores_b)
    days_a, days_b = {d for d, _ in anchors_a.dated}, {d for d, _ in anchors_b.dated}
    if days_a and days_b and not days_a & days_b:
        return []  # "31 vessels on Thursday morning", "35 on Friday evening": two moments
    alike = worded_alike(anchors_a, anchors_b, config.same_wording_overlap) or pinned(
        (text_a, anchors_a.quantities), (text_b, anchors_b.quantities)
    )
    found = []
    for qa in anchors_a.quantities:
        for qb in anchors_b.quantities:
            if not _candidate(qa, qb, (text_a, text_b)) or not _one_count(
                qa, qb, (text_a, text_b), config, alike
            ):
                continue
            reconciled = _reconciled(qa, qb, anchors_a, anchors_b)
            reconciled = reconciled or qb.value in sides_a or qa.value in sides_b
            if not reconciled and not summed((text_a, qa), (text_b, qb)):
                noun = min((q.noun for q in (qa, qb) if q.noun), key=len, default="of it")
                features = _pair_features(a, b, score)
                features |= _number_features(qa, qb, config)
                found.append(Clash("number", f"how many {noun}: {qa.text} or {qb.text}", features))
    return found


def _score_sides(scores: set[str]) -> set[float]:
    """The numbers on either side of a statement's scores or records: a figure the other
    statement gives that is one of them agrees with it ("58 wins" and "improves to 58-3 with
    51 wins coming by way of knockout")."""
    return {float(side) for score in scores for side in re.split(r"[-–]", score)}


def summed(a: tuple[str, Quantity], b: tuple[str, Quantity]) -> bool:
    """Whether the smaller figure and a part named beside it add up to the larger: "all 109
    on board and four on the ground" is "113 killed", and so is "113, including four on the
    ground" against "109" (but not against "109 and five on the ground": other parts)."""
    (text_small, small), (text_large, large) = sorted((a, b), key=lambda side: side[1].value)
    gap = large.value - small.value
    parts_small = {float(n) for n in part_words(text_small)} - {small.value}
    parts_large = {float(n) for n in part_words(text_large)} - {large.value}
    if gap in parts_small:
        return True
    other_parts = any(n < small.value / 10 for n in parts_small)
    return gap in parts_large and not other_parts


def date_conflict(a: Anchors, b: Anchors) -> str | None:
    """The same event (`_SAME_EVENT_WORDS` words around the two dates shared) on two calendar
    days: "Santorum spoke on Saturday" and "Santorum clarified on Sunday" are two events, and
    one date written alike ("questioned yesterday") read against two publication days is one."""
    if len(a.dated) != 1 or len(b.dated) != 1:
        return None
    (day_a, around_a), (day_b, around_b) = a.dated[0], b.dated[0]
    if day_a == day_b or len(around_a & around_b) < _SAME_EVENT_WORDS:
        return None
    said_a = {event.said for event in a.events if event.day == day_a}
    if said_a & {event.said for event in b.events if event.day == day_b}:
        return None
    apart = abs((date.fromisoformat(day_a) - date.fromisoformat(day_b)).days)
    if any(apart % step == 0 for step in _CALENDAR_STEPS):
        return None
    return f"when it happened: {day_a} or {day_b}"


def negation_conflict(a: Side, b: Side) -> str | None:
    """One side negates a word the other states (`rule_clashes` also wants them worded alike)."""
    (text_a, anchors_a), (text_b, anchors_b) = a, b
    if (anchors_a.negations == 0) == (anchors_b.negations == 0):
        return None  # both negate something, or neither: no clash on whether it happened
    plain = text_a if anchors_a.negations == 0 else text_b
    if _NEGATIVE_VERB.search(plain):
        return None  # "declined to comment" says what "had no comment" says
    negated = (anchors_a.negated_words & (anchors_b.words - anchors_b.negated_words)) | (
        anchors_b.negated_words & (anchors_a.words - anchors_a.negated_words)
    )
    if negated:
        return (
            f"whether it happened ({', '.join(sorted(negated))}): one outlet says so, another not"
        )
    return None
