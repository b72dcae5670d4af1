"""Names by rule, without a model: the fast mode of `entities` (about 50x cheaper than NER).

A name is a run of capitalised words ("Dmitry Peskov", "Bank of England", "U.S."). Its kind comes
from what is in and around it: a title or role before it ("President", "Kremlin spokesman") or a
first name makes a person, and so does a reporting verb right after it ("Peskov said") or a role
after it (", the national security adviser,"); organisation words ("Ministry", "Party") make an
organisation, a list of places (data/places.txt) or a place preposition ("in Geneva") a place.
What one article settles holds for the whole story: "Peskov" alone is a person once "Dmitry
Peskov" is. A word that opens a sentence is a name only when the story also capitalises it
mid-sentence, and a lone unexplained word is dropped: precision over recall, since a wrong
person in a brief is worse than a missing one. The mentions go through the same merge as NER's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from newsweave.text import names
from newsweave.text.names import word_set

_INITIALS = r"(?:[A-Z]\.){2,}"
_WORD = rf"(?:{_INITIALS}|[A-Z][\w'’\-]*\.?|al-[A-Z][\w'’\-]*)"
_LINK = r"(?:of[ \xa0]+the|of|de|del|da|van|von|bin|der|du|dos|la|le)"
_RUN = re.compile(rf"(?<![\w'’\-.]){_WORD}(?:[ \xa0]+(?:{_LINK}[ \xa0]+)?{_WORD})*")
_LOWER = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]+")
_MID_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][\w'’-]*")
_LINE = re.compile(r"[^\n]+")
_SMALL = frozenset(
    {"a", "an", "and", "the", "of", "in", "on", "at", "to", "for", "with", "by", "or"}
)
_BEFORE_WORDS = re.compile(r"[\w’'.-]+|[^\w\s]")
_CUE_AFTER = re.compile(
    r"(?:'s|’s)?(?:,[^,.;“”\"]{1,60},)?\s+(?:has\s+|had\s+|also\s+|later\s+)?"
    r"(?:said|says|told|tells|added|adds|wrote|writes|asked|asks|explained|insisted|argued)\b"
)
_CUE_BEFORE = re.compile(r"(?:[,”\"’]\s*(?:said|says|added|wrote)|\baccording to|\bspokes\w+)\s+$")
_ROLE_AFTER = re.compile(r",\s+(?:the|a|an)\s+((?:[\w’'-]+\s+){0,6}[\w’'-]+)(?=\s*[,.;)])")
_WHO_AFTER = re.compile(r",\s+(?:who|whose)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|near|across|throughout|outside)\s+(?:the\s+)?$")
_OPENING = frozenset(".!?:\n")
_THE_BEFORE = re.compile(r"(?<![\w])[Tt]he[ \xa0]$")
_LEAD_IN = " \t\"“‘'([—–-"

STOP = word_set(
    """a about after again against all also although an and another any are as at because been
    before being both but by can could did do does during each either even every few for from
    had has have he her here hers his how however i if in into is it its just many may me might
    more most much my neither no nor not now of on once one only or other our out over own per
    same she should since so some such than that the their them then there these they this
    those though through thus to too under until up upon us very was we were what when where
    whether which while who whom whose why will with within without would yet you your yes
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday tomorrow meanwhile
    still instead indeed later earlier last next asked speaking according despite unlike like
    following including"""
)
ORG_WORDS = word_set(
    """ministry department party committee council agency university college school bank inc
    corp corporation company co ltd llc plc group association union organization organisation
    institute court congress senate house parliament commission times post news press reuters
    network foundation fund service board authority office army navy forces police club church
    league federation administration campaign journal review television tv radio airlines
    airways motors technologies systems capital partners holdings fc kremlin pentagon cabinet
    assembly government guard command bureau alliance coalition movement front center centre
    hospital museum magazine tribune herald gazette daily telegraph guardian exchange reserve
    rovers athletic wanderers rangers albion hotspur"""
)
# Last words of the names of places, laws and things ('Clean Air Act', 'Kaneohe Bay').
THING_WORDS = word_set(
    """act plan bay mall monument bridge state matter park river street avenue road square hall
    tower island islands mountains lake beach valley county city district province region coast
    sea ocean airport station stadium arena awards award prize day week war law bill program
    programme project summit conference convention festival series show research issues
    warriors caucus"""
)
# Capitalised groups of people and common capitalised abbreviations: not entities.
NOT_NAMES = names.TIME_ZONES | word_set(
    """democrats republicans conservatives liberals progressives americans hispanics latinos
    europeans christians muslims jews catholics evangelicals tv ceo cfo gdp am pm ok id dna ai
    covid ap nfl nba"""
)
_INSTITUTIONS = word_set("congress senate kremlin pentagon parliament reuters cabinet")
_COUNTRY_KEYS = frozenset({"US", "UK", "RU", "CN", "AE", "SU", "KP", "KR"})
_ROLE_MODIFIERS = word_set(
    """national security foreign defense defence deputy senior press presidential former vice
    state prime top assistant special acting interior finance economic trade health campaign
    white house kremlin"""
)
_ROLE_LINKS = frozenset({"of", "to", "for"})
_ABBREVIATIONS = frozenset(
    {w for w in names.TITLES if len(w) <= 4} | names.SUFFIXES | {"st", "inc", "corp", "co", "ltd"}
)
MAX_PERSON_WORDS = 4
# Labels the rest of the story may overrule: 'in Clinton' is a place and 'PENCE' an acronym only
# if the story says nothing else of Clinton or Pence.
WEAK = {"GPE?": "GPE", "ORG?": "ORG", "PERSON?": "PERSON"}
# A short quotation, of at most six words: a sign, a slogan, a title ('“Thank God for dead
# soldiers”'), not a speaker's sentence that names someone.
_QUOTED = re.compile(r"“(?:[^“”\s]++\s++){0,5}+[^“”\s]++”|\"(?:[^\"\s]++\s++){0,5}+[^\"\s]++\"")
# Words before a name that are not part of it but say it is a person ('Democrat Hillary Clinton').
PREFIXES = names.TITLES | word_set(
    """democrat democratic republican gop independent libertarian daughter son wife husband
    brother sister mother father uncle aunt congressman congresswoman councilman councilwoman
    assemblyman assemblywoman lawmaker detective sheriff officer coach"""
)
_KEEPS_OF = ORG_WORDS | names.TITLES | word_set("republic people's state states university")
_NOT_NAME_ENDS = STOP | NOT_NAMES  # trimmed from either end of a run
_NOT_ALONE = PREFIXES | frozenset(names.NATIONALITIES)  # 'President', 'Russian' alone
_GIVEN = names.MALE | names.FEMALE


_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Found:
    """One capitalised run of one article with what the rules made of it."""

    article: str
    start: int
    text: str
    label: str | None
    role: str | None = None
    initial: bool = False


@cache
def places() -> frozenset[str]:
    """The place list shipped with the package, lower-cased."""
    text = resources.files("newsweave").joinpath("data/places.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def story_names(texts: Sequence[tuple[str, str]]) -> list[Found]:
    """The labelled names of (article id, text) pairs of one story; unknown kinds are settled
    by what the rest of the story says about the same words, else dropped."""
    lower = frozenset(w for _, text in texts for w in _LOWER.findall(text))
    lower -= {w.lower() for _, text in texts for w in _MID_CAPITAL.findall(text)}
    found = [f for article, text in texts for f in text_names(article, text, lower)]
    known = {f.text: f.label for f in found if f.label is not None and f.label not in WEAK}
    people = [names.person_parts(f.text) for f in found if f.label == "PERSON"]
    surnames = {parts[-1] for parts in people if len(parts) >= 2}
    called = {parts[-1] for parts in people if parts}
    quoted = _only_quoted(texts, found)
    kept = []
    for item in found:
        label = known.get(item.text, item.label)
        if label == "PERSON?" and item.text in quoted:
            continue  # 'Thank God for dead soldiers', 'God Hates Fags': a sign, not a person
        parts = names.person_parts(item.text) if label is None or label in WEAK else ()
        if parts and parts[-1] in (surnames if len(parts) == 1 else called):
            label = "PERSON"
        if label is not None:
            kept.append(
                Found(item.article, item.start, item.text, WEAK.get(label, label), item.role)
            )
    return kept


def _only_quoted(texts: Sequence[tuple[str, str]], found: Sequence[Found]) -> frozenset[str]:
    """The names that stand only inside short quotations, in every article of the story: the
    words of a sign, a slogan or a title more often than a person's name. Each mention is
    placed among its article's quotations by bisection: a text of thousands of quoted names
    costs what its names cost, not their product."""
    quoted: dict[str, tuple[list[int], list[int]]] = {}
    for article, text in texts:
        spans = [m.span() for m in _QUOTED.finditer(text)]
        quoted[article] = ([a for a, _ in spans], [b for _, b in spans])
    inside: dict[str, bool] = {}
    for item in found:
        starts, ends = quoted.get(item.article, ([], []))
        at = bisect_left(starts, item.start) - 1  # the last quotation opening before it
        within = at >= 0 and item.start < ends[at]
        inside[item.text] = inside.get(item.text, True) and within
    return frozenset(text for text, only in inside.items() if only)


def text_names(article: str, text: str, lower: frozenset[str]) -> Iterator[Found]:
    """Every capitalised run of one text, split at titles, with the kind the rules give it."""
    headlines = [(m.start(), m.end()) for m in _LINE.finditer(text) if _title_case(m.group())]
    for match in _RUN.finditer(text):
        if headlines and any(a <= match.start() < b for a, b in headlines):
            continue  # 'Obama Says Trump Is Wrong': a title-case headline says nothing
        for start, words in _pieces(text, match.start(), match.group()):
            initial = _opens_sentence(text, start)
            while words and (
                _bare(words[0]) in _NOT_NAME_ENDS or (initial and _bare(words[0]) in lower)
            ):
                start += len(words[0]) + 1
                words = words[1:]
                initial = False
            while words and _bare(words[-1]) in _NOT_NAME_ENDS:
                words = words[:-1]
            if len(words) >= 3 and _bare(words[0]) in places() and words[1][0].isupper():
                yield Found(article, start, words[0], "GPE", None, initial)  # 'Russia John
                start, words, initial = start + len(words[0]) + 1, words[1:], False  # Sullivan'
            if words:
                yield from _split_title(article, text, start, words, (initial, lower))


def _title_case(line: str) -> bool:
    """'Obama Says Trump Is Wrong on Trade': four or more words, all capitalised but small ones.
    Most lines are prose: the first word in lower case (not a small one) settles it."""
    capitalised = 0
    for word in line.split():
        if word in _SMALL:
            continue
        if word[:1].isalpha() and not word[:1].isupper():
            return False
        capitalised += 1
    return capitalised >= 4


def _pieces(text: str, start: int, run: str) -> Iterator[tuple[int, list[str]]]:
    """A run cut where a word ends a sentence ('... met Putin. Biden said'), after a possessive
    ('Trump's RT') and at 'of' after a plain name ('Xi Jinping of China', not 'Bank of
    England'), with the offset of each piece."""
    words: list[str] = []
    at = start
    for match in _TOKEN.finditer(run):
        word = match.group()
        if word in {"of", "the"} and not (word == "the" and words and words[-1] == "of"):
            if words and _bare(words[-1]) in _KEEPS_OF:
                words.append(word)
                continue
            if words:
                yield at, words
            words, at = [], start + match.end() + 1
            continue
        words.append(word)
        ends = word.endswith(".") and not _abbreviation(word)
        if ends or (names.POSSESSIVE.search(word) and word[-1] != "."):
            words[-1] = word[:-1] if ends else word
            yield at, words
            words, at = [], start + match.end() + 1
    if words:
        yield at, words


def _abbreviation(word: str) -> bool:
    bare = word.rstrip(".").lower()
    return bare in _ABBREVIATIONS or len(bare.replace(".", "")) <= 1 or "." in bare


@lru_cache(maxsize=65_536)  # a word of a capitalised run, asked about ~7 times
def _bare(word: str) -> str:
    return names.strip_possessive(word).lower().rstrip(".")


def _opens_sentence(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in _LEAD_IN:
        index -= 1
    return index < 0 or text[index] in _OPENING


def _split_title(
    article: str, text: str, start: int, words: list[str], where: tuple[bool, frozenset[str]]
) -> Iterator[Found]:
    """'Russian President Vladimir Putin' -> the person 'Vladimir Putin' with that role, and
    'White House Chief of Staff Rahm Emanuel' -> 'White House' (an organisation) and the person.
    A run whose words name an organisation or a place is not split ('General Motors'). `where`
    is (whether the run opens a sentence, the story's lower-case words)."""
    titled = [i for i, w in enumerate(words) if _bare(w) in PREFIXES]
    tail = words[titled[-1] + 1 :] if titled else []
    if any(_bare(w) in {"of", "the"} for w in tail) or len(tail) > MAX_PERSON_WORDS:
        tail = tail[-2:]  # 'Secretary of State John Kerry'
    while tail and _bare(tail[0]) in {"of", "the"}:
        tail = tail[1:]
    if not tail or {_bare(w) for w in tail} & ORG_WORDS:
        label = _label(text, start, words, *where)
        if not (len(words) == 1 and _bare(words[0]) in _NOT_ALONE):
            yield _found(article, text, start, words, label, where[0])
        return
    head = words[: titled[0]]
    if head and not (len(head) == 1 and _bare(head[0]) in names.NATIONALITIES):
        yield _found(article, text, start, head, _label(text, start, head, *where), where[0])
    at = start + len(" ".join(words)) - len(" ".join(tail))
    yield _found(article, text, at, tail, "PERSON", False)


def _found(
    article: str, text: str, start: int, words: list[str], label: str | None, initial: bool
) -> Found:
    surface = names.strip_possessive(" ".join(words))
    role = _role(text, start, start + len(surface)) if label == "PERSON" else None
    return Found(article, start, surface, label, role, initial)


def _label(
    text: str, start: int, words: list[str], initial: bool, lower: frozenset[str]
) -> str | None:
    """PERSON, ORG, GPE, or None when nothing in or around the words tells. A name right after
    'the' is no person ('the Invisible Man' names a film, 'the Glass Stranger' a character)."""
    label = _kind(text, start, words, initial, lower)
    if label in {"PERSON", "PERSON?"} and _THE_BEFORE.search(text, max(0, start - 4), start):
        return None
    return label


def _kind(
    text: str, start: int, words: list[str], initial: bool, lower: frozenset[str]
) -> str | None:
    surface = names.strip_possessive(" ".join(words))
    lowered = [_bare(w) for w in words]
    if surface.replace(".", "").isupper() and len(surface) >= 2:
        if len(words) > 1 or (len(surface) > 5 and "." not in surface):
            return None  # 'WALLACE:', 'HEMPSTEAD, N.Y.': labels and datelines in capitals
        return "GPE" if names.place_key(surface) in _COUNTRY_KEYS else "ORG?"
    key = names.place_key(surface)
    if surface.lower() in places() or key in _COUNTRY_KEYS:
        return "GPE"
    if key in names.org_aliases().values():
        return "ORG"
    if set(lowered) & ORG_WORDS:
        alone = len(words) == 1 and not initial and lowered[0] in _INSTITUTIONS
        return "ORG" if set(lowered) - ORG_WORDS or alone else None
    if lowered[0] in _GIVEN and len(words) > 1:
        return "PERSON"
    end = start + len(" ".join(words))
    before = text[max(0, start - 30) : start]
    if _CUE_AFTER.match(text, end) or _CUE_BEFORE.search(before):
        return "PERSON" if len(words) > 1 else None  # 'the Treasury said': not alone
    if _role_after(text, end) or _WHO_AFTER.match(text, end):
        return "PERSON"
    if _PLACE_BEFORE.search(before) and len(words) <= 3:
        return "GPE?"
    return "PERSON?" if not initial and _looks_personal(words, lower) else None


def _looks_personal(words: list[str], lower: frozenset[str]) -> bool:
    """Two or three plain capitalised words, none an ordinary word of the story or a word that
    ends place and thing names ('Clean Power Plan', 'National Mall'): most likely a person."""
    plain = all(w[:1].isupper() and not w.isupper() and w[-1] != "." for w in words)
    bare = [_bare(w) for w in words]
    common = any(w in lower or w in THING_WORDS for w in bare)
    return plain and 2 <= len(words) <= 3 and not common


def _role(text: str, start: int, end: int) -> str | None:
    return _role_before(text, start) or _role_after(text, end)


def _role_before(text: str, start: int) -> str | None:
    """'Kremlin spokesman' before 'Dmitry Peskov': role words and capitalised words, up to six,
    back to punctuation; kept only when a role head is among them (as `entities` does)."""
    window = text[max(0, start - 90) : start]
    offset = max(0, start - 90)
    tokens = list(_BEFORE_WORDS.finditer(window))
    taken: list[re.Match[str]] = []
    for token in reversed(tokens):
        word = token.group()
        bare = _bare(word)
        fits = bare in names.ROLE_HEADS or bare in _ROLE_MODIFIERS or bare in _ROLE_LINKS
        capital = word[:1].isupper() and bare not in STOP
        if len(taken) >= 6 or not (fits or capital) or not word[:1].isalnum():
            break
        taken.insert(0, token)
    while taken and _bare(taken[0].group()) in _ROLE_LINKS | {"former"}:
        taken.pop(0)
    if not any(_bare(t.group()) in names.ROLE_HEADS for t in taken):
        return None
    return text[taken[0].start() + offset : taken[-1].end() + offset]


def _role_after(text: str, end: int) -> str | None:
    """'the national security adviser' in 'Jake Sullivan, the national security adviser,'."""
    match = _ROLE_AFTER.match(text, end)
    if match and _bare(match.group(1).split()[-1]) in names.ROLE_HEADS:
        return match.group(1)
    return None
