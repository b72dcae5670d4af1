"""What kind of statement a sentence is: a reported fact, an attributed claim, an opinion or
analysis, or background. A small, general classifier of cues, never one story's words.

A summary should open with what happened, and the facts several outlets agree on should be
what happened or what someone said, not how an outlet judges it or what has long been true.

The register test (`kind_of`, used by the summarizer's lead) looks at the outlet's own words,
outside quotation marks:

- strong opinion cues: a question; first or second person ("we", "our", "you"); "I think",
  "in my view"; analysis phrases ("for the most part", "remains to be seen", "in other
  words");
- strong background cues: habitual or long-running time ("has long", "for years", "for
  decades", "on many occasions", "time and again", "over the years", "historically");
- weak cues: evaluative adjectives ("fraught", "disastrous", "shameful"...) and hedges
  ("likely", "perhaps", "arguably"...). One weak cue is common in plain reporting ("with
  disagreements likely"); two make the sentence a judgement.

`statement_kind` adds attribution: a sentence that says who said it ("..., officials said",
"according to", a quotation) is that source's `claim`, unless the outlet's own words around the
attribution carry the judgement (two weak cues, an analysis phrase) or it is background. A
first-person sentence without quotation marks is, in news copy, nearly always a quotation
running on from the paragraph before, so it is a claim too, not the outlet's opinion.
"""

from __future__ import annotations

import re

KINDS = ("fact", "claim", "opinion", "background")
AGREED_KINDS = frozenset({"fact", "claim"})  # what may be listed as agreed facts

_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|‘[^’]*’")
_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")

# Advice to the reader (`is_instruction`): the verb, and the first word of what it acts on.
_ENUMERATORS = frozenset(
    {"first", "second", "third", "fourth", "fifth", "next", "then", "finally", "lastly", "also"}
)
_ADVICE_VERBS = frozenset({
    "take", "check", "change", "call", "use", "ask", "make", "keep", "avoid", "watch",
    "remember", "consider", "contact", "visit", "read", "sign", "enable", "turn", "set",
    "follow", "get", "try", "find", "add", "click", "download", "update", "install", "freeze",
    "monitor", "review", "protect", "report", "tell", "stop", "share", "subscribe", "join",
})  # fmt: skip
_ADVICE_OBJECTS = frozenset({
    "the", "a", "an", "your", "yours", "this", "that", "these", "those", "it", "them", "up",
    "out", "off", "down", "back", "away", "care", "advantage", "steps", "action", "note",
    "any", "all", "every", "some", "sure", "with", "for", "yourself",
})  # fmt: skip
_BE_ADVICE = frozenset({"wary", "careful", "aware", "alert", "sure", "suspicious", "cautious"})
_INSTRUCTION = re.compile(
    r"(?:(?P<enumerator>" + "|".join(_ENUMERATORS) + r"),?\s+)?"
    r"(?P<verb>[A-Za-z]+(?:n[’']t)?)\s+(?P<after>[A-Za-z]+)\b(?:\s+(?P<then>\S+))?",
    re.IGNORECASE,
)
_PERSONAL = frozenset({"i", "we", "us", "our", "ours", "you", "your", "yours", "me", "my"})
_OPINION_PHRASES = (
    "i think", "i believe", "in my view", "in our view", "let us", "let's",
    "for the most part", "remains to be seen", "in other words", "needless to say",
    "it should be noted", "raises questions", "raises its own", "to be sure",
)  # fmt: skip
_BACKGROUND_PHRASES = (
    "has long", "have long", "had long", "for years", "for decades", "for centuries",
    "on many occasions", "on several occasions", "on numerous occasions", "time and again",
    "over the years", "over the decades", "historically", "long been", "long-standing",
    "longstanding", "as usual", "traditionally", "has repeatedly", "have repeatedly",
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
# Reporting verbs and phrases that name a statement's source ("officials said").
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|according to|claimed|claims|argued|argues|insisted|"
    r"insists|added|adds|stated|states|wrote|writes|announced|announces|reported|reports|"
    r"noted|notes|denied|denies|accused|accuses|asked|warned|warns|confirmed|confirms|"
    r"suggested|urged|acknowledged|explained|declared|tweeted|testified|complained|vowed|"
    r"promised|cautioned|recommended|proposed|disputed|contends|contended|believes|"
    r"expressed|predicted|estimated|estimates|called for|responded|replied|admitted)\b",
    re.IGNORECASE,
)
_QUOTE_MARKS = ("“", "”", '"')
_MIN_QUOTED_WORDS = 3  # a quotation this long is its speaker's claim, not a scare quote


_SPECULATIVE = re.compile(
    r"\b(?:could|might|would|threatens? to|a chance that|will have to)\b", re.IGNORECASE
)


def own_words(text: str) -> str:
    """The sentence without its quotations: balanced ones, and a quotation that runs on from
    the sentence before (closing mark, no opening one) or into the next (the other way)."""
    unquoted = _QUOTED.sub(" ", text)
    opens = sum(unquoted.count(mark) for mark in ("“", '"'))
    closes = unquoted.count("”")
    if "”" in unquoted and closes > unquoted.count("“"):
        unquoted = unquoted[unquoted.rindex("”") + 1 :]
    elif opens and opens > closes:
        cut = min(i for i in (unquoted.find("“"), unquoted.find('"')) if i >= 0)
        unquoted = unquoted[:cut]
    return unquoted


def _personal(word: str) -> bool:
    """A first- or second-person pronoun ("US", the country, is not "us")."""
    return word == "I" or (word.lower() in _PERSONAL and not word.isupper())


def _is_question(text: str) -> bool:
    return text.strip().rstrip("\"'”’)").endswith("?")


def judging(word: str) -> bool:
    """A hedge or an evaluative word ("likely", "fraught"): the weak cues above."""
    return word.lower() in _HEDGES or evaluative(word)


def evaluative(word: str) -> bool:
    """An evaluative word ("fraught", "controversial"), not a hedge ("allegedly")."""
    return word.lower() in _EVALUATIVE


def _weak_cues(words: list[str]) -> int:
    return sum(judging(w) for w in words)


def is_instruction(text: str) -> bool:
    """Whether the sentence tells the reader what to do ("Third, take up the free credit
    monitoring.", "Check your bank statements."): a verb of advice opening it, after at most
    an enumerator ("First,", "Finally,"), followed by what it acts on ("the", "your", "up").
    News sentences open with their subject; one that opens with a bare verb is the outlet's
    advice, which states no claim. A quotation is its speaker's: never an instruction here."""
    found = _INSTRUCTION.match(text.strip())
    if found is None:
        return False
    verb, after = found.group("verb").lower(), found.group("after").lower()
    if found.group("enumerator") is None and not found.group("verb")[:1].isupper():
        return False
    if verb in {"don't", "don’t", "do"}:
        return verb != "do" or after == "not"
    if verb == "be":
        return after in _BE_ADVICE
    if found.group("verb")[:1].isupper() and (found.group("then") or "")[:1].isupper():
        return False  # a name or a title: "Stop the Steal rallies drew thousands"
    return verb in _ADVICE_VERBS and after in _ADVICE_OBJECTS


def kind_of(text: str) -> str | None:
    """`opinion`, `background`, or None when the outlet's own words read as news."""
    if _is_question(text) or is_instruction(text):
        return "opinion"
    unquoted = _QUOTED.sub(" ", text)
    own = unquoted.lower()
    words = _WORD.findall(unquoted)
    if any(_personal(w) for w in words) or any(p in own for p in _OPINION_PHRASES):
        return "opinion"
    if any(p in own for p in _BACKGROUND_PHRASES):
        return "background"
    return "opinion" if _weak_cues(words) >= 2 else None


def attributed(text: str) -> bool:
    """Whether the sentence names who says it: a reporting verb, or a quotation of a few words
    (a sentence that opens or closes inside quotation marks runs on a quotation)."""
    if _ATTRIBUTION.search(own_words(text)):
        return True
    stripped = text.strip()
    if stripped[:1] in _QUOTE_MARKS or stripped.rstrip(".").endswith(_QUOTE_MARKS):
        return True
    return any(len(q.split()) >= _MIN_QUOTED_WORDS for q in _QUOTED.findall(text))


def statement_kind(text: str) -> str:
    """`fact`, `claim`, `opinion` or `background` (see the module docstring for the order)."""
    unquoted = own_words(text)
    own = unquoted.lower()
    words = _WORD.findall(unquoted)
    if any(p in own for p in _BACKGROUND_PHRASES):
        return "background"
    if any(p in own for p in _OPINION_PHRASES) or _weak_cues(words) >= 2:
        return "opinion"
    if attributed(text):
        return "claim"
    if is_instruction(text):
        return "opinion"  # the outlet's advice ('Check your statements'), not a quotation
    if any(_personal(w) for w in words):
        return "claim"
    if _is_question(text) or _SPECULATIVE.search(unquoted):
        return "opinion"
    return "fact"
