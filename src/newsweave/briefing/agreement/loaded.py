"""Loaded characterisations: two outlets say the same thing in words of clearly different tone.

"Relations are at rock bottom" and "relations are in a poor state"; "terrorists attacked the
post" and "militants attacked the post". The two statements were already aligned (same meaning),
so what differs between them is a handful of words; when those words differ in loaded tone, the
outlets characterise one thing differently, and a reader should see both words.

Tone of a word: VADER's lexicon valence (human-rated, -4 .. 4), overridden by `LOADED`, a short
list of terms that journalism style guides (AP, Reuters, BBC) name as value-laden labels with a
neutral counterpart that VADER rates mildly or not at all ("regime" vs "government", "militants"
vs "terrorists"). Strict on purpose (precision over recall):
- the statements differ by a few words on each side (a substitution, not a different sentence);
- one side's differing words include a LOADED term and the other side's none; or they include a
  strongly loaded one (|valence| >= `strong`) and the other
  side's differing words are mild (every |valence| <= `mild`), or the two are strongly loaded in
  opposite directions.
"""

from __future__ import annotations

import re
from functools import cache

from newsweave.text.stopwords import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP = ENGLISH_STOP_WORDS | {"said", "says", "told", "according"}
# Value-laden labels and phrases (style guides advise the neutral word in brackets), rated as
# strongly as VADER's strongest words: terrorist(s) (militants, fighters), regime (government),
# rock bottom / all-time low / nosedive (low, poor), thugs (protesters), slammed / blasted
# (criticised), massacre (killing), puppet (ally), propaganda (statement).
LOADED = {
    "rock bottom": -3.5,
    "all-time low": -3.0,
    "nosedive": -3.0,
    "regime": -3.0,
    "thugs": -3.5,
    "thug": -3.5,
    "slammed": -3.0,
    "blasted": -3.0,
    "massacre": -3.5,
    "puppet": -3.0,
    "propaganda": -3.0,
    "terrorist": -3.5,
    "terrorists": -3.5,
}
_MAX_DIFFERENT = 4  # content words only one side has; more and it is not one substitution


@cache
def _lexicon() -> dict[str, float]:
    from newsweave.briefing.vader import analyzer

    return dict(analyzer().lexicon)


def _terms(text: str) -> list[str]:
    """Content words in order, with LOADED two-word phrases kept as one term."""
    words = [w.lower().strip("'’-") for w in _WORD.findall(text)]
    terms: list[str] = []
    for word in words:
        if terms and f"{terms[-1]} {word}" in LOADED:
            terms[-1] = f"{terms[-1]} {word}"
        else:
            terms.append(word)
    return [t for t in terms if t not in _STOP and len(t) > 1]


def valence(term: str) -> float:
    """The term's loaded tone: LOADED, else VADER's lexicon, else 0."""
    return LOADED.get(term, _lexicon().get(term, 0.0))


def _strongest(terms: list[str]) -> tuple[str, float]:
    return max(((t, valence(t)) for t in terms), key=lambda item: abs(item[1]))


def characterisation(a: str, b: str, strong: float = 2.5, mild: float = 1.0) -> str | None:
    """'how it is characterised: 'X' or 'Y'' when two same-meaning texts differ in loaded
    words (see the module docstring), else None."""
    terms_a, terms_b = _terms(a), _terms(b)
    only_a = [t for t in terms_a if t not in set(terms_b)]
    only_b = [t for t in terms_b if t not in set(terms_a)]
    if not only_a or not only_b or max(len(only_a), len(only_b)) > _MAX_DIFFERENT:
        return None
    word_a, tone_a = _strongest(only_a)
    word_b, tone_b = _strongest(only_b)
    listed_a, listed_b = any(t in LOADED for t in only_a), any(t in LOADED for t in only_b)
    listed = listed_a != listed_b  # a style-guide label on one side only
    loaded_vs_mild = (
        max(abs(tone_a), abs(tone_b)) >= strong and min(abs(tone_a), abs(tone_b)) <= mild
    )
    opposed = tone_a * tone_b < 0 and min(abs(tone_a), abs(tone_b)) >= strong
    if not (listed or loaded_vs_mild or opposed):
        return None
    return (
        f"how it is characterised: '{_phrase(a, only_a, word_a)}' or '{_phrase(b, only_b, word_b)}'"
    )


def _phrase(text: str, only: list[str], word: str) -> str:
    """The differing words as the text has them, or the strongest one when they are scattered."""
    joined = " ".join(only)
    return joined if joined in text.lower() and len(only) <= 3 else word
