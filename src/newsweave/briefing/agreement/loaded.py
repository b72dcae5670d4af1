"""Loaded characterisations: two outlets say the same thing in words of clearly different tone.

"Relations are at rock bottom" and "relations are in a poor state"; "terrorists attacked the
post" and "militants attacked the post". The two statements were already aligned (same meaning),
so what differs between them is a handful of words; when those words differ in loaded tone, the
outlets characterise one thing differently, and a reader should see both words.

A loaded word is one of `LOADED`, a short list of terms that journalism style guides (AP,
Reuters, BBC) name as value-laden labels with a neutral counterpart ("regime" vs "government",
"militants" vs "terrorists"). Strict on purpose (precision over recall): the statements differ
by a few words on each side (a substitution, not a different sentence), and one side's
differing words include a LOADED term while the other side's do not.

Words that are merely strong in tone are no characterisation: VADER's valence of the differing
words was used until 2026-12-07 and, on the multi-outlet stories of stories-dev, gave 12 listed
conflicts, none right ("a small hut" against "died while climbing", "riot squad officers"
against "officers", "the convicted killer said" against a quotation of the same words):
factual words ("died", "fatal", "killer", "riot") carry strong valence.
"""

from __future__ import annotations

import re

from newsweave.text.stopwords import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP = ENGLISH_STOP_WORDS | {"said", "says", "told", "according"}
# Value-laden labels and phrases (style guides advise the neutral word in brackets):
# terrorist(s) (militants, fighters), regime (government),
# rock bottom / all-time low / nosedive (low, poor), thugs (protesters), slammed / blasted
# (criticised), massacre (killing), puppet (ally), propaganda (statement).
LOADED = frozenset(
    {
        "rock bottom",
        "all-time low",
        "nosedive",
        "regime",
        "thugs",
        "thug",
        "slammed",
        "blasted",
        "massacre",
        "puppet",
        "propaganda",
        "terrorist",
        "terrorists",
    }
)
_MAX_DIFFERENT = 4  # content words only one side has; more and it is not one substitution


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


def _strongest(terms: list[str]) -> str:
    """The loaded label among the differing words if there is one, else the first of them."""
    return next((t for t in terms if t in LOADED), terms[0])


def characterisation(a: str, b: str) -> str | None:
    """'how it is characterised: 'X' or 'Y'' when two same-meaning texts differ by a loaded
    label on one side only (see the module docstring), else None."""
    terms_a, terms_b = _terms(a), _terms(b)
    only_a = [t for t in terms_a if t not in set(terms_b)]
    only_b = [t for t in terms_b if t not in set(terms_a)]
    if not only_a or not only_b or max(len(only_a), len(only_b)) > _MAX_DIFFERENT:
        return None
    listed_a, listed_b = any(t in LOADED for t in only_a), any(t in LOADED for t in only_b)
    if listed_a == listed_b:
        return None
    word_a, word_b = _strongest(only_a), _strongest(only_b)
    return (
        f"how it is characterised: '{_phrase(a, only_a, word_a)}' or '{_phrase(b, only_b, word_b)}'"
    )


def _phrase(text: str, only: list[str], word: str) -> str:
    """The differing words as the text has them, or the strongest one when they are scattered."""
    joined = " ".join(only)
    return joined if joined in text.lower() and len(only) <= 3 else word
