"""Attributions that stand after a quotation, outside its sentence's parse: a speaker's name on
the line after a quoted paragraph ('- Sanders.', as fact checks and vox pops print it), and the
inverted attribution of news style with any verb ('“...,” remembered Roy Verley', '“...,” the
nominee riffed on ...', '“...,” he surmised').

Both are read by position, so full and fast mode share them. The inverted tail is taken only
when the quotation opens its sentence and closes its clause with a comma, '!' or '?' inside
the marks (not a show's title: 'on ABC’s “This Week,” Rubio said'), and the words
after it are a verb and a subject (either order) before the clause ends: the shape news uses
for nothing but attribution, whatever the verb. It also keeps a short quote whose words are
capitalised ('“Debate recap,” tweeted ...') from passing for a title.
"""

from __future__ import annotations

import re

from newsweave.briefing import fast_names
from newsweave.briefing.quotes.spans import QuoteSpan, paragraphs
from newsweave.briefing.quotes.speakers import Cue, is_cue
from newsweave.text.names import word_set

_NAME = r"[A-Z][\w.’'-]*(?:[ \xa0]+(?:[A-Z][\w’'-]*\.?|de|van|von|al|bin)(?!\w)){0,4}"
# '- Sanders.', '-Michelle Marks, Philadelphia.', '— President Obama, tweeting after ...'
_DASH_LINE = re.compile(r"\s*[-―—–]\s*(" + _NAME + r")\s*(?:[,.(]|$)")
MAX_DASH_LINE_WORDS = 16
_STOPS = r"who|whom|whose|which|that|of|from|at|in|on|for|with|to|and|but|or|as|after|before"
_SUBJECT_WORD = rf"(?!(?:{_STOPS})\b)[\w’'.@-]+"
_NP = rf"{_SUBJECT_WORD}(?:[ \xa0]+{_SUBJECT_WORD}){{0,5}}"
_VERB = r"[a-z]+(?:ed|es|s)|wrote|said|told|spoke|went|shot|put"
_CLOSE = r"[”\"’'»]"
# After the closing mark: ', VERB SUBJECT' or ', SUBJECT VERB', then the clause's end.
_VERB_FIRST = re.compile(
    rf"{_CLOSE}?[ \xa0]+({_VERB})[ \xa0]+({_NP})(?=\s*(?:[,.;:!?(—–]|$)|\s+(?:{_STOPS})\b)"
)
_SUBJECT_FIRST = re.compile(rf"{_CLOSE}?[ \xa0]+({_NP})[ \xa0]+({_VERB})(?![\w’'-])")
_OPENERS = word_set("he she they i we it the a an his her their its this that these those our")
_NOT_SUBJECT = word_set(
    """and but or nor so as if then than when while because which who whom whose that to of
    in on at by for with from not no is was are were be been has have had do does did will
    would can could should may might must"""
)


def next_line_speaker(text: str, span: QuoteSpan) -> Cue | None:
    """A quotation that ends its paragraph, followed by a short paragraph that is only a dash
    and a name ('- Sanders.', '-Michelle Marks, Philadelphia.'): that name."""
    rest = text[span.end : text.find("\n", span.end) if "\n" in text[span.end :] else None]
    if rest.strip(' \t\xa0”"’.,!?)') != "":
        return None  # the quote does not end its paragraph
    bounds = [b for b in paragraphs(text) if b[0] > span.end]
    if not bounds:
        return None
    start, end = bounds[0]
    if len(text[start:end].split()) > MAX_DASH_LINE_WORDS:
        return None
    found = _DASH_LINE.match(text, start, end)
    if found is None or _credit(found.group(1)):
        return None
    name = _unstop(found.group(1))
    return Cue("―", name, found.start(1), found.start(1) + len(name))


def _credit(name: str) -> bool:
    """'- Reuters.', '-AP': a wire's or an outlet's credit line, not a speaker."""
    words = name.rstrip(".").split()
    return (len(words) == 1 and words[0].isupper() and len(words[0]) <= 5) or any(
        word.lower() in fast_names.ORG_WORDS for word in words
    )


def tail_cue(text: str, span: QuoteSpan, limit: int) -> Cue | None:
    """The inverted attribution right after a quotation that closes its clause (module doc):
    '“...,” remembered Roy Verley, ...' -> Roy Verley; '“...,” he surmised.' -> he. Nothing
    past `limit` (the end of the quote's sentence) is read."""
    inside = text[span.start : span.end].rstrip(" ”\"’'")
    if not inside.endswith((",", "!", "?")) or not _opens_sentence(text, span):
        return None
    after = span.end + 1
    stop = min(limit, after + 160)
    first = _VERB_FIRST.match(text, after, stop)
    if first is not None:
        verb, subject, at = first.group(1), _unstop(first.group(2)), first.start(2)
        if _subject_like(subject, after_verb=True) and _verb_like(verb, text, first.end(1)):
            return Cue(verb, subject, at, at + len(subject))
    second = _SUBJECT_FIRST.match(text, after, stop)
    if second is not None:
        subject, verb, at = second.group(1), second.group(2), second.start(1)
        if _subject_like(subject, after_verb=False) and _verb_like(verb, text, second.end(2)):
            return Cue(verb, subject, at, at + len(subject))
    return None


def _opens_sentence(text: str, span: QuoteSpan) -> bool:
    """The quotation opens its sentence or paragraph: not a title after a preposition ('on
    ABC’s “This Week,” Rubio said'), nor a phrase inside a longer sentence."""
    before = text[max(0, span.start - 4) : span.start - 1].rstrip(" \t\xa0")
    return not before or before.endswith(("\n", ".", "!", "?", ":", ";", "”", '"'))


def _unstop(phrase: str) -> str:
    """Without the full stop that ends the sentence ('Alex Conant.'), keeping an initial's."""
    last = phrase.split()[-1]
    return phrase[:-1] if phrase.endswith(".") and len(last) > 2 else phrase


def _subject_like(phrase: str, *, after_verb: bool) -> bool:
    """A pronoun, a determiner's phrase or a name; after the verb, no pronoun but a phrase that
    opens with a capital or a determiner ('Roy Verley', 'the nominee', 'a Trump supporter')."""
    words = phrase.split()
    first = words[0]
    if any(word.lower() in _NOT_SUBJECT for word in words):
        return False
    if after_verb:
        return first[:1].isupper() or first.lower() in _OPENERS - {"he", "she", "they", "it"}
    return first.lower() in _OPENERS or all(w[:1].isupper() for w in words)


def _verb_like(verb: str, text: str, end: int) -> bool:
    """A reporting verb, or a past or present tense that is not a plural noun ('officials')."""
    if is_cue(verb, text, end):
        return True
    return verb.endswith("ed") and len(verb) > 4
