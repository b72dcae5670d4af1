"""Where a speaker phrase really starts: the name before the brackets or the party label that
follow it ('Sen. Ann Berg (D-MA) said', 'Rep. Ann Berg, D-Mass., said'), and the name before a
relative clause between it and its verb ('Sanders, who sits at zero endorsements, said'). The
parse (and the positional rules) can take the bracket's contents or a word of the clause for
the subject; these move the mention back to the name.
"""

from __future__ import annotations

import re

from newsweave.briefing.quotes.speakers import Cue


def settle(text: str, cue: Cue) -> Cue:
    """The cue with its speaker moved out of brackets and relative clauses (module doc)."""
    return _before_relative(text, _outside_brackets(text, cue))


_PARTY_LABEL = re.compile(r"[RDI]-[A-Z][\w.]*")
_BEFORE_BRACKET = re.compile(r"((?:[A-Z][\w.’'-]*[ \xa0]+){0,4}[A-Z][\w’'-]*)[ \xa0]*$")


def _outside_brackets(text: str, cue: Cue) -> Cue:
    """A speaker found inside the brackets that follow a name ('Sen. Ann Berg (D-MA) said'),
    or in the party label between commas after it ('Rep. Ann Berg, D-Mass., said'): the name
    before them."""
    left, right = cue.speaker_start, cue.speaker_end
    if left is None or right is None or left < 2 or cue.speaker is None:
        return cue
    if text[left - 1] == "(":
        if not text.startswith((")", ".)"), right):  # 'Calif.)': the name stops at the point
            return cue
        name = _BEFORE_BRACKET.search(text, max(0, left - 80), left - 1)
    elif text[left - 2 : left] == ", " and _PARTY_LABEL.fullmatch(cue.speaker):
        name = _BEFORE_BRACKET.search(text, max(0, left - 80), left - 2)
    else:
        return cue
    if name is None:
        return cue
    return Cue(cue.word, name.group(1), name.start(1), name.end(1))


_RELATIVE = re.compile(
    r"([A-Z][\w.’'-]*(?:[ \xa0]+[A-Z][\w.’'-]*){0,3}),(?: [a-z]+,)?"
    r" who(?:se)? [^,;:.()“”\"]{1,120},"
    r" ([a-z]+)\b(?: ([a-z]+)\b)?"
)


_PREPOSITIONS = frozenset({"Of", "On", "In", "At", "For", "As", "With", "About"})


def _before_relative(text: str, cue: Cue) -> Cue:
    """A speaker taken from in or near a relative clause between a name and its verb ('Of
    Carson, Levine, who has given money to Rubio, said'; 'Sanders, who sits at zero
    endorsements, said'), or a preposition the parse took for the subject ('Of'): the name
    before the clause."""
    at = cue.speaker_start
    if at is None or cue.word is None:
        return cue
    for match in _RELATIVE.finditer(text, max(0, at - 160), at + 200):
        verb = 2 if match.group(2) == cue.word.lower() else 3  # 'said', 'also said'
        if match.group(verb) != cue.word.lower() or match.start(1) == at:
            continue
        inside = match.end(1) <= at < match.start(verb)
        if inside or (match.start(1) - 40 <= at and cue.speaker in _PREPOSITIONS):
            return Cue(cue.word, match.group(1), match.start(1), match.end(1))
    return cue
