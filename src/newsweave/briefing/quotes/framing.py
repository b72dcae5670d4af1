"""Scare quotes: whether a short quoted stretch is framed as someone's words.

A stretch of fewer than `MIN_WORDS_UNFRAMED` words is speech only when something frames it: a
speech verb before it in its sentence ('Trump called him a “loser”', 'said the plan was “a
disaster”'), though not a verb of stance across a relative clause ('agreed with a host who used
the word “crook”'); a speech verb after it whose clause the quote ends, with only the verb's
subject between ('“Sad!” Trump tweeted', 'The deal is “a disaster,” Lee said'; not 'a
“low-energy” Trump said'); a colon or a dash. Never a slogan or a sign ('known for its slogan
“God hates fags”, she announced'). Anything else is the writer's scare quote ('a “low-energy”
Trump'), reported nowhere and given no speaker. Found by position, so full and
fast mode apply the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.briefing.quotes.fast_cues import cue_words
from newsweave.briefing.quotes.spans import QuoteSpan
from newsweave.briefing.quotes.speakers import MAX_SUBJECT_WORDS, Cue, sentence_ends, verb_forms
from newsweave.text.names import word_set

# Fewer words than this and nothing that frames it: a scare quote. On PolNeAR train articles
# 0-599 (full mode) the short quotes reported went from 600 gold and 65 not (scare quotes,
# titles, stray marks) to 586 and 49.
MIN_WORDS_UNFRAMED = 4
# The cue words of a transcript label ('LEE: ...'), a dash after the quote or a colon lead-in.
FRAMING_MARKS = frozenset({":", "―"})
_CLAUSE_END = re.compile(r"[,.!?—–]")
_RELATIVE_WORD = re.compile(r"\b(?:who|whom|whose|which)\b", re.IGNORECASE)
# Verbs of stance, not of speech: they frame their own clause ('believes the country is on the
# “wrong track”') but not a relative clause about someone else's words ('agreed with a host who
# used the word “crook”').
_STANCE_VERBS = verb_forms("agree believe think hope find feel") | {"found", "thought", "felt"}
# What may stand between listed quotes: '“loser,” a “liar” and a “whiner”'.
_LISTED = re.compile(r"[\s,]*(?:(?:and|or|nor)\s+)?(?:(?:a|an|the)\s+)?")
# Nouns that name what the quotation marks hold: a slogan or a sign is no one's speech ...
_NAMED = re.compile(
    r"\b(?:slogans?|mottos?|banners?|signs?|placards?|chants?|hashtags?|nicknames?|headlines?|"
    r"catchphrases?)\s*[,:]?\s*[\"“‘']?$",
    re.IGNORECASE,
)
# ... written before or after it, after it in lower case ('its “God hates fags” placards').
_NAMING = re.compile(
    r"[”\"’']?[ \t]+(?:slogans?|signs?|banners?|placards?|hashtags?|mottos?|chants?|t-shirts?|"
    r"stickers?)\b"
)
_MARKS = "’'”\" "
_WORD = re.compile(r"[\w’'.-]+")
_NOT_IN_SUBJECT = word_set("and but or nor who whom whose which that when while because if as")


def framed(
    text: str, span: QuoteSpan, cue: Cue, region: tuple[int, int], spans: Sequence[QuoteSpan]
) -> bool:
    """Whether the quoted `span`, whose attribution is `cue`, is framed as someone's words:
    by a colon or a dash, or by a speech verb of `region` (see the module doc)."""
    if cue.word in FRAMING_MARKS:
        return True
    if _NAMED.search(text, max(0, span.start - 24), span.start) or _NAMING.match(text, span.end):
        return False  # 'known for its slogan “God hates fags”', 'its “God hates fags” signs'
    verbs = cue_words(text, region, spans)
    before = [verb for verb in verbs if verb.end() <= span.start]
    if before:
        between = text[before[-1].end() : span.start]
        stance = before[-1].group().lower() in _STANCE_VERBS
        if ";" not in between and not (stance and _RELATIVE_WORD.search(between)):
            return True
    after = [verb for verb in verbs if verb.start() >= span.end]
    return bool(after) and _ends_clause_before(text, span, after[0].start(), spans)


def _ends_clause_before(text: str, span: QuoteSpan, cue: int, spans: Sequence[QuoteSpan]) -> bool:
    """The quote ends a clause that the cue at `cue` closes, with at most the cue's subject
    after the clause's last comma ('“...,” Lee said'; '“...” are sickening, Lee said'); quotes
    listed after it count as one ('a “loser” and a “liar,” Lee said')."""
    for other in sorted(spans, key=lambda s: s.start):
        if span.end <= other.start < cue:
            if not listed(text, span.end, other.start):
                return False  # another quotation stands between
            span = other
    last = span.end - 1
    while last > span.start and text[last] in _MARKS:
        last -= 1  # '“’House of Cards,’” she said': the comma inside the inner quote
    tail = text[last:cue]
    cuts = list(_CLAUSE_END.finditer(tail))
    if not cuts or ";" in tail or any(sentence_ends(text, last + 1, last + cuts[-1].start())):
        return False  # (from the quote's end: its own '!' is no break: '“Go!” Rep. Lee said')
    subject = _WORD.findall(tail, cuts[-1].end())
    return len(subject) <= MAX_SUBJECT_WORDS and not any(
        word.lower() in _NOT_IN_SUBJECT for word in subject
    )


def listed(text: str, end: int, start: int) -> bool:
    """Whether the quote that ends at `end` and the one that starts at `start` are listed
    together: only commas, 'and'/'or' and an article between their marks."""
    return start - end < 20 and _LISTED.fullmatch(text, end + 1, start - 1) is not None
