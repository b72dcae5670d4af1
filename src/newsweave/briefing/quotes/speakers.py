"""Who a quotation is attributed to: the cue ("said", "told CNN", "according to", a colon) in the
quotation's sentence, and the cue's subject in the dependency parse. 'According to X' in the
sentence names X before any verb does (the source the writer cites, as PolNeAR annotates it).

A quoted stretch with no cue in its sentence is speech only when it continues an attributed
quotation (the next sentence of the same speaker, the next paragraph of a long quote, a lead-in
ending in a colon) or is long enough to be speech on its own; short unattributed stretches are
scare quotes, titles or nicknames, and so are stretches right after "so-called".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from newsweave.briefing.quotes.sources import DOCUMENT_NOUNS
from newsweave.briefing.quotes.spans import QuoteSpan
from newsweave.text.names import word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Speech verbs in the forms `verb_forms` below cannot make (irregular pasts, doubled
# consonants), and verbs that report speech only in some forms ('called' a plan 'a disaster',
# not 'call'; 'found', 'believes').
CUES = word_set(
    """said told wrote continue continues continued admitted call calls called calling quipped
    according put puts quoted yelled dubbed labelled pointed yells reads read attacked found
    finds believes believed thinks thought hopes hoped referred refers referring pressed"""
)


_ONE_SYLLABLE_CVC = re.compile(r"[^aeiou]*[aeiou][^aeiouwxy]")


def verb_forms(bases: str) -> frozenset[str]:
    """'praise insist slam' -> praise praises praised praising insist insists insisted
    insisting slam slams slammed slamming (one syllable ending consonant-vowel-consonant
    doubles its last letter)."""
    forms: set[str] = set()
    for base in bases.split():
        stem = base[:-1] if base.endswith("e") else base
        if _ONE_SYLLABLE_CVC.fullmatch(base):
            stem = base + base[-1]  # 'slam' -> 'slamm': slammed, slamming
        third = base + "es" if base.endswith(("sh", "ch", "s", "x", "o")) else base + "s"
        past = base + "d" if base.endswith("e") else stem + "ed"
        if base.endswith("y") and base[-2:-1] not in "aeiou":
            third, past = base[:-1] + "ies", base[:-1] + "ied"
        forms |= {base, third, past, stem + "ing"}
    return frozenset(forms)


# Verbs that report words without saying so ('praised X as “...”', 'is pledging to “...”').
CUES = CUES | verb_forms(
    """praise pledge insist decry shout interject echo confess reveal rate rule brand laud
    compare identify comment denounce condemn criticize criticise slam mock hail tout concede
    repeat recount chant scream whisper describe label dub sing promise threaten caution
    assert maintain affirm allege deny dismiss question wonder scoff quip muse counter
    characterize characterise"""
)
# Reporting verbs in every form ('says', 'jokes', 'concludes', 'recalling'), and verbs of
# exclaiming that introduce speech ('the judge exclaimed', 'the supporter retorted').
CUES = CUES | verb_forms(
    """say tell add warn write ask explain note argue insist claim declare state recall reply
    respond tweet announce acknowledge admit suggest complain describe urge predict promise vow
    joke quip remark observe report conclude testify emphasize stress contend boast lament
    charge counter blast proclaim answer agree post accuse type text email demand exclaim
    retort snap grouse gripe opine plead marvel fume thunder retaliate bark demur cite chide
    scold confide bemoan assure jab"""
)
# Phrasal verbs of speech: the verb, and what must follow it ('she went on.', 'Trump shot back
# at', 'her husband cut in.'); 'went on to ...' and 'cut in half' are not speech.
# Plain saying verbs: the nearest of these to a quotation names its speaker, whatever reports
# it further out ('Ryan said X, though he said, “...”').
SAYING = frozenset({"said", "told"}) | verb_forms("say tell add")
_PHRASAL = {
    **dict.fromkeys(("went", "goes", "go"), re.compile(r"\s+on\s*[,.:;!?”\"—]")),
    **dict.fromkeys(("shot", "shoots", "fired", "fires", "hit", "hits"), re.compile(r"\s+back\b")),
    **dict.fromkeys(("cut", "cuts", "chimed", "chimes"), re.compile(r"\s+in\s*[,.:;!?”\"—]")),
}
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CLIMB = frozenset({"conj", "advcl", "xcomp"})
_VERBAL = frozenset(
    {"ROOT", "ccomp", "conj", "advcl", "xcomp", "parataxis", "relcl", "acl", "pcomp", "dep"}
)
_SENTENCE_END = re.compile(r"[.?!][”\"’]?\s+(?=[A-Z“\"‘])")
ABBREVIATIONS = word_set(
    "mr mrs ms dr sen rep gov gen lt col sgt st jr sr prof rev u.s gop no vs jan feb aug sept oct"
    " nov"
)
_SHORT_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w.’'-]*\s+){1,4}(?:said|says|added|adds|told|tells|wrote|writes|asked)\b"
)
_SO_CALLED = re.compile(r"so[- ]called\s*$", re.IGNORECASE)
_NAME = r"[A-Z][\w.’'-]*(?:[ \xa0]+(?:[A-Z][\w’'-]*\.?|de|van|von|al|bin)(?!\w)){0,4}"
_DASH_NAME = re.compile(r"[ \t\xa0]*[―—–][ \t\xa0]*(" + _NAME + ")")
_TRANSCRIPT = re.compile(r"([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)?):\s")
_SMALL_WORDS = word_set("a an and the of in on at to for with by or")
_CHUNK = re.compile(r"[^,]+")
MAX_SUBJECT_WORDS = 6
MAX_HOPS = 6
# 'Peskov:', or with a party label in brackets as transcripts print it: 'Rep. Ann Lee (R-Ohio):'.
_COLON_LEAD = re.compile(
    r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})(?:\s*\([A-Z][\w.-]{0,10}\))?\s*:\s*$"
)


def is_cue(word: str, text: str, end: int) -> bool:
    """Whether the lower-cased `word`, ending at `end` in `text`, reports speech: a reporting
    verb, or a phrasal one with its particle ('went on.', 'shot back')."""
    if word in CUES:
        return True
    particle = _PHRASAL.get(word)
    return particle is not None and particle.match(text, end) is not None


@dataclass(frozen=True, slots=True)
class Cue:
    """The attribution found for one quoted stretch (offsets into the article text)."""

    word: str | None
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    head: int | None = None


def sentence_ends(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Full stops that end a sentence: not those of 'Mr.', 'Sen.', 'U.S.' or an initial."""
    for match in _SENTENCE_END.finditer(text, start, len(text) if end is None else end):
        word = text[max(0, match.start() - 6) : match.start()].split()[-1:] or [""]
        bare = word[0].lstrip('(“"‘').lower()
        if match.group()[0] == "." and (bare in ABBREVIATIONS or len(bare.replace(".", "")) == 1):
            continue
        yield match


def regions(text: str, start: int, end: int, spans: Sequence[QuoteSpan]) -> list[tuple[int, int]]:
    """Sentence-like stretches of a paragraph, split only outside quotation marks."""
    cuts = [start]
    for match in sentence_ends(text, start, end):
        if not any(s.start - 1 <= match.start() < s.end + 1 for s in spans) or (
            any(match.start() == s.end - 1 and match.group()[:2] in {".”", '."'} for s in spans)
            and not _SHORT_ATTRIBUTION.match(text, match.end())
        ):  # outside the quotes, or a quotation that ends its sentence ('timing.” Gov. X'),
            # unless the next sentence only attributes it ('missing.” Trump said.')
            cuts.append(match.end())
    cuts.append(end)
    return list(pairwise(cuts))


def region_of(span: QuoteSpan, bounds: list[tuple[int, int]]) -> tuple[int, int]:
    """The stretch that holds a quoted span (from its first to its last sentence)."""
    first = next((b for b in bounds if b[0] <= span.start < b[1]), bounds[0])
    last = next((b for b in bounds if b[0] < span.end <= b[1]), first)
    return first[0], max(first[1], last[1])


def scare_marked(text: str, span: QuoteSpan) -> bool:
    """'a so-called “multi-polar” world': the writer's distance, not someone's words."""
    return bool(_SO_CALLED.search(text[max(0, span.start - 12) : span.start - 1]))


def looks_like_title(words: str) -> bool:
    """'Fox and Friends', 'Morning Joe': every word capitalised (small words aside)."""
    content = [w for w in re.findall(r"[\w’'-]+", words) if w.lower() not in _SMALL_WORDS]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def dash_speaker(text: str, span: QuoteSpan) -> Cue | None:
    """'“...” ― Carlos Raúl' (a dash after the closing mark) or '"PENCE: Well, ..."'."""
    after = _DASH_NAME.match(text, span.end + 1)
    if after:
        return Cue("―", after.group(1), after.start(1), after.end(1))
    inside = _TRANSCRIPT.match(text, span.start, span.end)
    if inside:
        return Cue(":", inside.group(1), inside.start(1), inside.end(1))
    return None


def find_cue(
    doc: Doc,
    offset: int,
    region: tuple[int, int],
    span: QuoteSpan,
    spans: Sequence[QuoteSpan],
    *,
    cited: bool = True,
) -> Cue | None:
    """The attribution in the span's region, nearest cue first; None when there is none. With
    `cited`, 'according to X' names X before any verb does; without, after every verb."""
    quoted = [(s.start - 1, s.end + 1) for s in spans]
    text = doc.text  # spaCy rebuilds it from every token on each access: once, not per token
    candidates = [
        token
        for token in doc
        if region[0] <= token.idx + offset < region[1]
        and is_cue(token.lower_, text, token.idx + len(token))
        and not any(a <= token.idx + offset < b for a, b in quoted)
        and not _so_called(token)
    ]

    def distance(token: Token) -> int:
        at = token.idx + offset
        return min(abs(at - span.end), abs(span.start - at))

    sources = [t for t in candidates if cited and t.lower_ == "according" and _cites(t)]
    governing = _cue_of(doc, offset, sources[0]) if sources else None  # 'according to X': X
    governing = governing or _governing_cue(doc, offset, span, quoted)
    if governing is not None:
        return governing
    for token in sorted(
        candidates, key=lambda t: (not cited and t.lower_ == "according", distance(t))
    ):
        outside = [
            t for t in _subjects(token) if not any(a <= t.idx + offset < b for a, b in quoted)
        ]
        subject = outside[0] if outside else None
        if subject is not None:
            left, right = _phrase(subject)
            return Cue(token.text, doc.text[left:right], left + offset, right + offset,
                       subject.idx + offset)  # fmt: skip
    colon = colon_speaker(doc.text[: span.start - offset], region[0] - offset)
    if colon is not None:
        return Cue(":", doc.text[colon[0] : colon[1]], colon[0] + offset, colon[1] + offset)
    verbs = [t for t in candidates if t.dep_ in _VERBAL or t.lower_ == "according"]
    if verbs:  # a cue used as a verb, not the noun of 'his “killer” comment'
        return _between(doc, offset, span, sorted(verbs, key=distance)[0])
    return None


def _cites(according: Token) -> bool:
    """'according to X' names the quote's source, unless it opens the clause another cue
    reports ('Lee said that according to its count, “...”' is Lee's). Read by the word before
    it, not the parse, which hangs a closing 'according to' as often from the reported clause
    ('Trump said he was “happy,” according to The Times') as from its report."""
    before = according.nbor(-1).lower_ if according.i > 0 else ""
    return before != "that" and bool(_subjects(according))


def _cue_of(doc: Doc, offset: int, cue: Token) -> Cue:
    """The cue `cue` with its first subject (one it is known to have) as the speaker."""
    subject = _subjects(cue)[0]
    left, right = _phrase(subject)
    return Cue(cue.text, doc.text[left:right], left + offset, right + offset, subject.idx + offset)


def _governing_cue(
    doc: Doc, offset: int, span: QuoteSpan, quoted: Sequence[tuple[int, int]]
) -> Cue | None:
    """The cue the quote hangs from in the parse ('She says X is “...”' -> says): the outermost
    cue among the ancestors of the quote's words that has a subject outside the quotes ('Trump
    said Clinton described it as “...”' is Trump's report), unless a plain saying verb comes
    first, nearer the quote: 'Ryan said X, though he said, “...”' is his, not Ryan's report of
    it, whether the parse hangs 'he said' from the quote (parataxis) or the quote from it."""
    inside = [t for t in doc if span.start <= t.idx + offset < span.end]
    heads = [t for t in inside if not span.start <= t.head.idx + offset < span.end]
    found: Cue | None = None
    text = doc.text  # rebuilt from every token on each access
    for head in heads[:1]:
        inner = [c for c in head.children if c.dep_ == "parataxis" and c.lower_ in SAYING]
        for hops, token in enumerate([*inner[:1], *head.ancestors]):
            if hops >= MAX_HOPS:
                break
            if not is_cue(token.lower_, text, token.idx + len(token)) or any(
                a <= token.idx + offset < b for a, b in quoted
            ):
                continue
            outside = [
                t for t in _subjects(token) if not any(a <= t.idx + offset < b for a, b in quoted)
            ]
            if outside:
                left, right = _phrase(outside[0])
                found = Cue(token.text, doc.text[left:right], left + offset, right + offset,
                            outside[0].idx + offset)  # fmt: skip
                if token.lower_ in SAYING:
                    break
    return found


def root_subject(doc: Doc, offset: int, region: tuple[int, int]) -> Cue | None:
    """The subject of the main verb of a lead-in with no cue ('He then listed the qualities
    ...:' before a quoted paragraph): a root of the parse, or the lead-in's top word when the
    parse hangs it from the quotation after it ('questioners ranged from ... to hostile: “Is
    it ...?”' made the quote's 'Is' the root)."""

    def inside(token: Token) -> bool:
        return region[0] <= token.idx + offset < region[1]

    roots = [t for t in doc if inside(t) and (t.dep_ == "ROOT" or not inside(t.head))]
    for root in reversed(roots):
        subjects = _subjects(root)
        if subjects:
            left, right = _phrase(subjects[0])
            return Cue(root.text, doc.text[left:right], left + offset, right + offset,
                       subjects[0].idx + offset)  # fmt: skip
    return None


def _between(doc: Doc, offset: int, span: QuoteSpan, cue: Token) -> Cue:
    """When the parse gives the cue no subject: the first comma-separated chunk between the
    quote's end and the cue ('“...,” a senior US official, speaking on condition..., told')."""
    start = span.end + 1 - offset
    if 0 <= start <= cue.idx:
        stretch = doc.text[start : cue.idx]
        for match in _CHUNK.finditer(stretch):
            chunk = match.group().strip()
            if chunk and len(chunk.split()) <= MAX_SUBJECT_WORDS:
                at = start + match.start() + match.group().index(chunk)
                return Cue(cue.text, chunk, at + offset, at + len(chunk) + offset)
            if chunk:
                break
    return Cue(cue.text, None, None, None)


def _so_called(token: Token) -> bool:
    return token.lower_ == "called" and token.i > 0 and token.nbor(-1).lower_ in {"so", "-"}


def _subjects(cue: Token) -> list[Token]:
    """The head words of the cue's subject, following conj/advcl links upward."""
    if cue.lower_ == "according" and cue.i + 1 < len(cue.doc):
        return [c for c in cue.doc[cue.i + 1].children if c.dep_ == "pobj"]
    if cue.dep_ == "acl":  # 'footage of Hillary Clinton asking, “...”'
        return _issuer(cue.head) or [cue.head]
    agents = [c for c in cue.children if c.dep_ == "agent"]
    if agents and any(c.dep_ == "nsubjpass" for c in cue.children):
        return [c for c in agents[0].children if c.dep_ == "pobj"]  # 'X was asked by Y'
    token, hops = cue, 0
    while hops < 4:
        if token.dep_ == "ccomp" and token.head.lower_ in CUES and token is not cue:
            token = token.head  # 'told ... that X is “...”, adding': the teller, not X
        subjects = [c for c in token.children if c.dep_ in SUBJECTS]
        if subjects:
            return [t for t in subjects if not (t.is_punct or t.is_quote)]
        if token.dep_ not in _CLIMB or token.head is token:
            return []
        token, hops = token.head, hops + 1
    return []


def _issuer(document: Token) -> list[Token]:
    """Who put out the document a participle cue hangs from: 'Black Lives Matter issued a
    statement saying ...' is Black Lives Matter's, not the statement's."""
    if document.lower_ not in DOCUMENT_NOUNS or document.dep_ != "dobj":
        return []
    return [c for c in document.head.children if c.dep_ in SUBJECTS]


def _phrase(head: Token) -> tuple[int, int]:
    """The noun phrase a subject heads, without trailing clauses ('a senior US official')."""
    left = head.left_edge
    while left.i < head.i and (left.is_punct or left.is_quote or left.is_space):
        left = left.doc[left.i + 1]
    right = head
    for child in head.rights:
        gap = child.doc[right.i + 1 : child.left_edge.i]
        if child.dep_ in {"compound", "flat", "nummod", "appos"} and all(t.is_space for t in gap):
            right = child.right_edge if child.dep_ == "appos" else child
    return left.idx, right.idx + len(right.text)


def colon_speaker(before: str, region_start: int) -> tuple[int, int] | None:
    """'Peskov: “...”' — a short capitalised name right before a colon and the quote."""
    lead = before.rstrip(' “"‘«')
    match = _COLON_LEAD.search(lead, max(0, region_start))
    return (match.start(1), match.end(1)) if match else None
