"""Roles written beside a name in a parsed text: 'Kremlin spokesman Dmitry Peskov', 'Jake Sullivan,
the national security adviser,', 'the company's chief executive, Hanna Verlaine,'.

A role tells who a person is (it becomes the entity's roles, and lets "the spokesman" name
him later), and a name right after one is a person whatever NER calls it (`role_holder`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsweave.briefing.fast_names import ORG_WORDS
from newsweave.text import names
from newsweave.text.names import word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ROLE_MODIFIERS = word_set(
    """national security foreign defense defence deputy senior press presidential former vice
    state prime top assistant special acting interior finance economic trade health campaign
    white house kremlin executive"""
)
_ROLE_LINKS = frozenset({"of", "to", "for"})
_ORG_LIKE = frozenset({"GPE", "NORP", "ORG", "FAC"})
_ROLE_WORDS = names.ROLE_HEADS | ROLE_MODIFIERS  # a role's last word is one of these


def role_holder(ent: Span) -> bool:
    """A name NER calls an organisation that holds a role written right before it ('chief
    executive Hanna Verlaine said', or between commas after it: 'the company's chief executive,
    Hanna Verlaine, said'): two or three capitalised words, none an organisation's word, after
    a role's last word, not after a link ('chief executive of Quillstream Systems' names the
    company)."""
    words = [token.text for token in ent]
    if ent.label_ != "ORG" or not 2 <= len(words) <= 3:
        return False
    if not all(word[:1].isupper() and word[1:].islower() and word.isalpha() for word in words):
        return False
    if any(word.lower() in ORG_WORDS for word in words):
        return False
    before = _word_before(ent)
    if before is None or ent.doc[before].lower_ not in _ROLE_WORDS:
        return False  # 'chief executive of Quillstream Systems' names the company
    return _role_ending(ent.doc, before) is not None


def role_of(ent: Span) -> str | None:
    """The role written beside a person's name: before it ('Kremlin spokesman Dmitry Peskov')
    or after it ('Jake Sullivan, the national security adviser,'), or None."""
    return _role_before(ent.doc, ent) or _role_after(ent.doc, ent)


def _role_before(doc: Doc, ent: Span) -> str | None:
    """'Kremlin spokesman' in 'Kremlin spokesman Dmitry Peskov' and in 'the Kremlin's
    spokesman, Dmitry Peskov, said'."""
    index = _word_before(ent)
    return None if index is None else _role_ending(doc, index)


def _word_before(ent: Span) -> int | None:
    """The index of the word before a name, past the comma of a closed apposition ('the
    chief executive, Mara Lindqvist, said'; not a list: 'the chief executive, Mara Lindqvist
    and ...'), or None at the start of the text."""
    doc, index = ent.doc, ent.start - 1
    closed = ent.end < len(doc) and doc[ent.end].text == ","
    if index > 0 and doc[index].text == "," and closed:
        index -= 1
    return index if index >= 0 else None


def _role_ending(doc: Doc, index: int) -> str | None:
    """The role whose last word is `doc[index]`, or None."""
    taken: list[Token] = []
    while index >= 0 and len(taken) < 6:
        token = doc[index]
        word = token.lower_
        fits = word in names.ROLE_HEADS or word in ROLE_MODIFIERS or word in _ROLE_LINKS
        if not (fits or token.ent_type_ in _ORG_LIKE or token.is_upper) or token.is_punct:
            break
        taken.insert(0, token)
        index -= 1
    while taken and (taken[0].lower_ in _ROLE_LINKS or taken[0].lower_ == "former"):
        taken.pop(0)
    if not any(t.lower_ in names.ROLE_HEADS for t in taken):
        return None
    return doc[taken[0].i : taken[-1].i + 1].text


def _role_after(doc: Doc, ent: Span) -> str | None:
    """'the national security adviser' in 'Jake Sullivan, the national security adviser,'."""
    if ent.end + 2 >= len(doc) or doc[ent.end].text != ",":
        return None
    if doc[ent.end + 1].lower_ not in {"the", "a", "an"}:
        return None
    end = ent.end + 2
    while end < len(doc) and end < ent.end + 9 and not doc[end].is_punct:
        end += 1
    phrase = doc[ent.end + 2 : end]
    if phrase and phrase[-1].lower_ in names.ROLE_HEADS:
        return phrase.text
    return None
