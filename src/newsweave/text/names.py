"""Name structure: what part of a name is a title, a first name, a surname; which place names
are one place. Used to merge entity mentions by structure, not by string overlap.

"Russian President Vladimir Putin", "Mr. Putin" and "Putin's" share the surname Putin and no
conflicting first name, so they are one person; "Jake Sullivan" and "John Sullivan" share a
surname but their first names conflict, so they stay two.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (for long word lists)."""
    return frozenset(words.split())


# Words that precede a name as a title; stripped before comparing names.
TITLES = word_set(
    """mr mrs ms miss dr prof sir dame lord lady president vice sen senator rep representative
    gov governor secretary minister prime premier ambassador spokesman spokeswoman spokesperson
    adviser advisor aide gen general lt col colonel maj major capt captain adm admiral sgt judge
    justice chancellor king queen prince princess pope mayor leader chairman chairwoman chair
    director chief ceo commissioner attorney speaker rev reverend sheikh ayatollah former"""
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Time zones: capitalised like names ('14:00 GMT'), named entities to NER, never an entity.
TIME_ZONES = word_set(
    """gmt bst utc est edt cst cdt mst mdt pst pdt akst akdt hst et pt ct mt cet cest eet eest
    wet west ist jst kst hkt sgt aest aedt acst awst nzst nzdt msk"""
)
# Head nouns of a role ("Kremlin spokesman"); a description's head is compared with these.
ROLE_HEADS = word_set(
    """president spokesman spokeswoman spokesperson adviser advisor ambassador minister secretary
    aide senator governor leader chancellor director chief official officer envoy general mayor
    representative judge justice premier king queen chairman chairwoman commissioner attorney
    lawmaker diplomat negotiator strategist analyst manager counsel deputy speaker"""
)
# Role heads that name the same office in a description ("the Russian leader" = the president).
ROLE_SYNONYMS = {
    "leader": {"president", "leader", "premier", "minister", "chancellor", "king", "queen"},
    "president": {"president", "leader"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokeswoman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
    "adviser": {"adviser", "advisor", "aide"},
    "advisor": {"adviser", "advisor", "aide"},
    "aide": {"aide", "adviser", "advisor"},
}
# Countries with several names: normalised form -> one key (organisations: `org_aliases`).
PLACE_ALIASES = {
    **dict.fromkeys(
        ["us", "usa", "united states", "united states of america", "america", "the us"], "US"
    ),
    **dict.fromkeys(["uk", "united kingdom", "britain", "great britain"], "UK"),
    **dict.fromkeys(["russia", "russian federation"], "RU"),
    **dict.fromkeys(["china", "people's republic of china", "prc"], "CN"),
    **dict.fromkeys(["uae", "united arab emirates"], "AE"),
    **dict.fromkeys(["ussr", "soviet union"], "SU"),
    **dict.fromkeys(["dprk", "north korea"], "KP"),
    **dict.fromkeys(["south korea", "republic of korea"], "KR"),
}
NATIONALITIES = {
    "russian": "RU", "american": "US", "us": "US", "u.s.": "US", "british": "UK", "uk": "UK",
    "chinese": "CN", "french": "FR", "german": "DE", "ukrainian": "UA", "iranian": "IR",
    "swiss": "CH", "israeli": "IL", "turkish": "TR", "indian": "IN", "japanese": "JP",
}  # fmt: skip
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_CONNECTORS = frozenset({"of", "the", "and", "for", "de", "&"})
# The name functions below are asked about the same few thousand names of a story again and
# again (the rule-based names ask `strip_possessive` ~740 times an article): their answers are
# kept, as they depend on the name alone.
_NAMES_KEPT = 65_536


@lru_cache(maxsize=_NAMES_KEPT)
def strip_possessive(name: str) -> str:
    """'Putin's' -> 'Putin'; 'the leaders'' -> 'the leaders'."""
    return POSSESSIVE.sub("", name.strip()).strip()


def _word(token: str) -> str:
    return token.lower().strip(".,")


@lru_cache(maxsize=_NAMES_KEPT)
def person_parts(name: str) -> tuple[str, ...]:
    """The name's words without titles, suffixes or a possessive, lower-cased.

    'Russian President Vladimir Putin's' -> ('vladimir', 'putin'); 'Mr. Obama' -> ('obama',).
    """
    words = strip_possessive(name).replace("’", "'").split()
    while words and (_word(words[0]) in TITLES or _word(words[0]) in NATIONALITIES):
        words = words[1:]
    while words and _word(words[-1]) in SUFFIXES:
        words = words[:-1]
    return tuple(_word(word) for word in words if _word(word))


def name_suffix(name: str) -> str:
    """'Donald Trump Jr.' -> 'jr'; '' when the name has no generational suffix."""
    words = strip_possessive(name).replace(",", " ").split()
    return _word(words[-1]) if words and _word(words[-1]) in SUFFIXES else ""


def middle_initials(parts: tuple[str, ...]) -> str:
    """The initials of the middle names: ('george', 'h.w.', 'bush') -> 'hw'."""
    return "".join(
        piece[0] for word in parts[1:-1] for piece in re.split(r"[.\s-]+", word) if piece
    )


def people_compatible(
    one: tuple[str, ...], other: tuple[str, ...], suffixes: tuple[str, str]
) -> bool:
    """Two full names can be one person: same surname and suffix ('Jr.' is another person),
    compatible first names, and middle initials that agree where both give them ('George H.W.
    Bush' is not 'George W. Bush'; 'George Bush' can be either)."""
    if one[-1] != other[-1] or suffixes[0] != suffixes[1]:
        return False
    if not first_names_compatible(one[0], other[0]):
        return False
    middles = middle_initials(one), middle_initials(other)
    return not all(middles) or middles[0] == middles[1]


# Common first names and titles that tell a person's gender, for "he"/"she" (small on purpose:
# an unknown name is compatible with both pronouns).
MALE = word_set(
    """mr sir lord king prince he spokesman chairman congressman businessman joe john james
    michael david robert william richard thomas mark donald george barack bernie ted marco jeb
    chris mike paul tim jake dmitry vladimir sergey sergei yuri antony tony bill ben rand jeff
    steve stephen kevin brian jim tom bob dan daniel peter andrew eric scott ryan jason matt
    matthew charles karl boris emmanuel xi kim ali mohammed muhammad ahmed lindsey"""
)
FEMALE = word_set(
    """mrs ms miss lady dame queen princess she spokeswoman chairwoman congresswoman
    businesswoman hillary mary elizabeth nancy sarah susan karen jennifer lisa michelle melania
    ivanka kellyanne carly nikki angela theresa marine jill amy kamala debbie donna huma hope
    kate katie laura linda barbara patricia jane anne ann anna maria margaret catherine
    christine claire megyn loretta samantha sheryl condoleezza madeleine"""
)


def gender(name: str, roles: tuple[str, ...] = ()) -> str | None:
    """'m', 'f' or None from a title, a role or a common first name ('Mrs. Clinton' -> 'f')."""
    words = [_word(w) for w in strip_possessive(name).split()] + [
        _word(w) for role in roles for w in role.split()
    ]
    male = any(w in MALE for w in words)
    female = any(w in FEMALE for w in words)
    return "m" if male and not female else "f" if female and not male else None


def first_names_compatible(first: str, other: str) -> bool:
    """Same first name, or one is the other's initial ('J.' and 'John')."""
    if first == other:
        return True
    short, long = sorted((first.rstrip("."), other.rstrip(".")), key=len)
    return len(short) == 1 and long.startswith(short)


# One name in British and American spelling ("Betty Ford Centre", "Betty Ford Center"; "Ministry
# of Defence", "Defense Ministry"): the words that differ in names of places and organisations.
_US_SPELLINGS = {
    "centre": "center", "centres": "centers", "theatre": "theater", "defence": "defense",
    "organisation": "organization", "organisations": "organizations", "programme": "program",
    "labour": "labor", "harbour": "harbor", "honour": "honor", "neighbourhood": "neighborhood",
}  # fmt: skip
_US_SPELLING = re.compile(r"\b(?:" + "|".join(_US_SPELLINGS) + r")\b")


@lru_cache(maxsize=_NAMES_KEPT)
def place_key(name: str) -> str:
    """A key under which the names of one place or organisation meet ('U.S.' -> 'US', 'Group
    of Seven' -> 'G7', 'Nato' -> 'NATO'); an acronym of three letters or fewer counts only in
    capitals ('WHO', not 'Who'; 'SEC', not 'Sec.')."""
    bare = strip_possessive(name).replace(".", "").replace("’", "'")
    normal = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", bare.lower())).strip()
    normal = _US_SPELLING.sub(lambda word: _US_SPELLINGS[word.group(0)], normal)
    if normal in PLACE_ALIASES:
        return PLACE_ALIASES[normal]
    key = org_aliases().get(normal)
    if key is None or (key.lower() == normal and len(key) < 4 and not bare.isupper()):
        return normal
    return key


@cache
def org_aliases() -> dict[str, str]:
    """Acronyms and full names of organisations shipped in data/acronyms.tsv, normalised as
    `place_key` normalises a name, each to its acronym ('group of seven' -> 'G7')."""
    text = resources.files("newsweave").joinpath("data/acronyms.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            short, full = line.split("\t")
            key = short.replace(".", "")
            table[key.lower()] = key
            table[re.sub(r"^the\s+", "", full.lower().replace(".", "").replace("’", "'"))] = key
    return table


_DEFINED = re.compile(
    r"((?:[A-Z][\w’'&.-]*|of|the|and|for|on|in|de)(?:[ \xa0]+(?:[A-Z][\w’'&.-]*|of|the|and|for|on"
    r"|in|de)){1,8})[ \xa0]*\(([A-Z][A-Z0-9&.-]{1,7})\)"
)
# The bracketed acronym every definition ends with: a text without one is not searched for
# names before it (the search of `_DEFINED` costs ~0.15 ms an article; six in ten have none).
_BRACKETED = re.compile(r"\(([A-Z][A-Z0-9&.-]{1,7})\)")


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines in brackets after a name ('the Group of Seven (G7)'), as
    `place_key` of the acronym -> `place_key` of the name. The name must open with the
    acronym's letter and not be in capitals ('NEW YORK (AP)' is a dateline)."""
    found: dict[str, str] = {}
    if _BRACKETED.search(text) is None:
        return found
    for match in _DEFINED.finditer(text):
        words, short = match.group(1).split(), match.group(2)
        starts = [i for i, word in enumerate(words) if word[:1] == short[0]]
        if not starts:
            continue
        name = " ".join(words[starts[0] :])  # 'Leaders of the Group of Seven' -> 'Group ...'
        if len(words) - starts[0] >= 2 and not name.isupper():
            found[place_key(short)] = place_key(name)
    return found


def acronym(name: str) -> str | None:
    """'North Atlantic Treaty Organization' -> 'nato'; None for one-word names."""
    words = [w for w in strip_possessive(name).split() if w.lower() not in _CONNECTORS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words).lower()


def role_head(phrase: str) -> str | None:
    """The last role word of a phrase ('the Russian leader' -> 'leader'), or None."""
    for word in reversed(phrase.lower().split()):
        if word.strip(".,") in ROLE_HEADS:
            return word.strip(".,")
    return None


def country_word(word: str) -> bool:
    """'US', 'U.S.', 'Russia', 'Russian': a word that names a country or its people."""
    return word[:1].isupper() and (
        strip_possessive(word).lower() in NATIONALITIES or place_key(word) in PLACE_ALIASES.values()
    )


def nationality(phrase: str) -> str | None:
    """The country a phrase names ('the Russian leader' -> 'RU', 'US President' -> 'US')."""
    for word in phrase.replace("’", "'").split():
        key = NATIONALITIES.get(strip_possessive(word).lower())
        if key:
            return key
        if place_key(word) in PLACE_ALIASES.values() and word[:1].isupper():
            return place_key(word)
    return None


def roles_compatible(description: str, role: str) -> bool:
    """Whether a description ('the Russian leader') can name a holder of `role`."""
    head, role_word = role_head(description), role_head(role)
    if head is None or role_word is None:
        return False
    if role_word not in ROLE_SYNONYMS.get(head, {head}):
        return False
    wanted, stated = nationality(description), nationality(role)
    return wanted is None or stated is None or wanted == stated
