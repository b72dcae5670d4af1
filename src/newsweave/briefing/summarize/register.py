"""Is a sentence news, or an outlet's opinion or background? A small, general classifier.

A summary should open with what happened, not with how an outlet judges it or what has long
been true. The cues are general English, never one story's words:

- strong opinion cues: a question; first or second person outside quotation marks ("we",
  "our", "you"); "I think", "in my view";
- strong background cues: habitual or long-running time ("has long", "for years", "for
  decades", "on many occasions", "time and again", "over the years", "historically");
- weak cues: evaluative adjectives ("fraught", "disastrous", "shameful"...) and hedges
  ("likely", "perhaps", "arguably"...). One weak cue is common in plain reporting ("with
  disagreements likely"); two make the sentence a judgement.

`kind_of` names the register (`opinion`, `background`) or returns None for news.
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|‘[^’]*’")
_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")

_PERSONAL = frozenset({"i", "we", "us", "our", "ours", "you", "your", "yours", "me", "my"})
_OPINION_PHRASES = ("i think", "i believe", "in my view", "in our view", "let us", "let's")
_BACKGROUND_PHRASES = (
    "has long", "have long", "had long", "for years", "for decades", "for centuries",
    "on many occasions", "on several occasions", "on numerous occasions", "time and again",
    "over the years", "over the decades", "historically", "long been", "long-standing",
    "longstanding", "as usual", "traditionally",
)  # fmt: skip
_HEDGES = frozenset({
    "likely", "unlikely", "perhaps", "possibly", "probably", "arguably", "presumably",
    "seemingly", "apparently", "supposedly", "allegedly", "conceivably", "maybe", "seems",
    "seem", "appears", "arguable", "doubtless", "surely", "clearly", "undoubtedly",
})  # fmt: skip
_EVALUATIVE = frozenset({
    "fraught", "disastrous", "shameful", "outrageous", "absurd", "ridiculous", "terrible",
    "awful", "wonderful", "brilliant", "excellent", "disgraceful", "appalling", "alarming",
    "stunning", "shocking", "unacceptable", "deplorable", "reckless", "foolish", "naive",
    "misguided", "laughable", "pathetic", "admirable", "remarkable", "extraordinary",
    "dangerous", "troubling", "worrying", "embarrassing", "humiliating", "tragic",
    "incompetent", "cynical", "hypocritical", "dubious", "questionable", "baffling",
    "astonishing", "dismal", "bleak", "grim", "impressive", "welcome", "sad", "unfortunate",
    "fortunate", "bizarre", "ugly", "scandalous", "egregious", "irresponsible", "vital",
    "crucial", "high-stakes", "controversial", "angered", "infamous", "notorious",
})  # fmt: skip


def _personal(word: str) -> bool:
    """A first- or second-person pronoun ("US", the country, is not "us")."""
    return word == "I" or (word.lower() in _PERSONAL and not word.isupper())


def kind_of(text: str) -> str | None:
    """`opinion`, `background`, or None when the sentence reads as news."""
    stripped = text.strip().rstrip("\"'”’)")
    if stripped.endswith("?"):
        return "opinion"
    unquoted = _QUOTED.sub(" ", text)
    own = unquoted.lower()
    words = _WORD.findall(unquoted)
    if any(_personal(w) for w in words) or any(p in own for p in _OPINION_PHRASES):
        return "opinion"
    if any(p in own for p in _BACKGROUND_PHRASES):
        return "background"
    weak = sum(w.lower() in _HEDGES or w.lower() in _EVALUATIVE for w in words)
    return "opinion" if weak >= 2 else None


def judging(word: str) -> bool:
    """A hedge or an evaluative word ("likely", "fraught"): the weak cues above."""
    return word.lower() in _HEDGES or evaluative(word)


def evaluative(word: str) -> bool:
    """An evaluative word ("fraught", "controversial"), not a hedge ("allegedly")."""
    return word.lower() in _EVALUATIVE
