"""From the words that name a speaker to the speaker: a story entity, a description, or None.

"Peskov" and "Kremlin spokesman Dmitry Peskov" become the entity's canonical name; "he" becomes
the person named first before it in its sentence, else the most recent speaker, else the
person who is the subject of the nearest sentence before it ("the first person named in the
closest sentence": right far more often than "the last person named"); "the Russian leader" and
"the spokesman" become the person whose stated role fits; "the official" after "a senior US
official" keeps that description; "the Trump campaign" and "Trump's spokeswoman" stay
descriptions (a common noun after the name heads them). A phrase that names no entity must be
able to speak (`sources`), and an entity must be a person, an organisation or a country: "New
research", "The Invisible Man" or "the Old Post Office" are no speaker. Whatever cannot be
resolved is None, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from newsweave.briefing.quotes import sources
from newsweave.briefing.quotes.spans import QuoteSpan
from newsweave.briefing.quotes.speakers import sentence_ends
from newsweave.models import Entity
from newsweave.text import names
from newsweave.text.common_words import is_common_word

PERSON_PRONOUNS = frozenset({"he", "she"})
OTHER_PRONOUNS = frozenset({"they", "i", "we", "it", "you", "who", "him", "her", "them"})
_DEFINITE = ("the ", "this ", "that ")
_CONJUNCTION = re.compile(r"^(?:and|but|so|yet)\s+")
_CONTRACTED = re.compile(r"[’'](?:s|ve|re|d|m|ll)$")
_APPOSITION = re.compile(r"\s*,\s*")
# A reporting verb right after a name: the person reports what follows.
_REPORTS = re.compile(r"\s+(?:said|says|told|tells|added|adds|explained|insisted|argued)\b")
_APPOSITION_CLOSED = re.compile(r"\s*(?:,|—|–|\))")
# Titles before a name ('Mr. Close'): its capital is a name's, though a full stop precedes it.
_TITLES = r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|Rev|St)"
_DASH_BEFORE = re.compile(r"[-—–―]\s*$")
# A preposition right before a name: the name is inside a longer phrase ('the head of X').
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|in|for|at|from|to|with|on|by)\s+$")
# A description that ends right before ', who': 'an Egyptian blogger and journalist, who'.
_DESCRIBED_BEFORE = re.compile(
    r"\b((?:[Tt]he|[Aa]n?|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*['’]s)\s+[^,;:.!?“”\"()]{1,80}?)"
    r",\s*$"
)
# Between 'one' and the person it is: 'one of his sons(,) Nathan Phelps'.
_ONE_OF = re.compile(r"\s+of\s+(?:the|his|her|their|its|our|my)\s+[a-z]+(?:\s+[a-z]+)?\b(?![’'])")
# Between a name and the 'who' that stands for it: a comma, after a suffix or a party label.
_RELATIVE_AFTER = re.compile(r"(?:,?\s+(?:Jr|Sr)\.?|\s+[IV]{2,3})?(?:\s*\([^()]{1,30}\))?\s*,\s*")
# Entity types that can speak; a FAC ('the Old Post Office') or an EVENT cannot.
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class Occurrence:
    start: int
    end: int
    entity: Entity | None
    surface: str


@dataclass(slots=True)
class SpeakerResolver:
    """Resolves speaker phrases in one article against the story's entities."""

    text: str
    entities: Sequence[Entity]
    quoted: Sequence[QuoteSpan]
    max_sentences_back: int = 5
    occurrences: list[Occurrence] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    speakers: list[tuple[int, Entity]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sentence_starts = [0] + [m.end() for m in sentence_ends(self.text)]
        self.occurrences = _occurrences(self.text, self.entities, self._sentence)

    def resolve(self, phrase: str, start: int, before: int, head: int | None = None) -> str | None:
        """The speaker named by `phrase` (at `start`) for a quote that starts at `before`."""
        cleaned = phrase.strip(" ,;:—-")
        lowered = _CONTRACTED.sub("", _CONJUNCTION.sub("", cleaned.lower()))  # 'And he’s'
        if lowered in PERSON_PRONOUNS:
            return self._antecedent(start, lowered)
        if lowered == "who":
            return self._relative_antecedent(start)
        if lowered == "one":
            return self._one_of(start + len(phrase))
        if lowered in OTHER_PRONOUNS:
            return None
        inside = [o for o in self.occurrences if start <= o.start < start + len(phrase)]
        people = [o for o in inside if o.entity is None or o.entity.type == "PERSON"]
        whole = [o for o in inside if o.end >= start + len(phrase.rstrip(" ,;:"))]
        at_head = [o for o in inside if head is not None and o.start <= head < o.end]
        if (at_head or people or whole) and not _noun_after_name(phrase, start, inside, head):
            return self._speaker(start, (at_head or people or whole)[-1])
        named_after = self._appositive(start + len(phrase.rstrip(" ,;:—-")))
        if named_after is not None and names.role_head(lowered):
            self.speakers.append((start, named_after))
            return named_after.name  # 'The company's chief executive, Hanna Verlaine, said'
        if lowered.startswith(_DEFINITE) and names.role_head(lowered):
            return self._described(cleaned, before)
        if not sources.can_speak(cleaned):
            return None  # 'album', 'New research', 'Farook's name': not a speaker
        if self._only_opens_sentences(cleaned, start):
            return None  # 'Increasingly, ...', 'Launched in 2010, ...': a word, not a name
        if lowered.startswith(("a ", "an ")) and names.role_head(lowered):
            self.descriptions.append(cleaned)
        return cleaned

    def _speaker(self, at: int, named: Occurrence) -> str | None:
        """The speaker a name found at `at` gives: its entity's name (a person is also a
        speaker 'he' may point back to), the words themselves when no entity holds them, or
        None for an entity that cannot speak (a building, a place, an event)."""
        if named.entity is None:
            return named.surface
        if named.entity.type not in SPEAKER_TYPES:
            return None
        if named.entity.type == "PERSON":
            self.speakers.append((at, named.entity))
        return named.entity.name

    def _appositive(self, end: int) -> Entity | None:
        """The person named between commas right after a role phrase that ends at `end`
        ('Quillstream's chief executive, Hanna Verlaine, said'): the parse and the cue's
        position give the role as the subject, and the name in apposition is who it is. Only a
        closed apposition counts ('the chief executive, Verlaine and Rask' is a list)."""
        after = _APPOSITION.match(self.text, end)
        if after is None:
            return None
        for occurrence in self.occurrences:
            if occurrence.start == after.end() and occurrence.entity is not None:
                closed = _APPOSITION_CLOSED.match(self.text, occurrence.end)
                if occurrence.entity.type == "PERSON" and closed is not None:
                    return occurrence.entity
        return None

    def _only_opens_sentences(self, phrase: str, start: int) -> bool:
        """A single capitalised word that names no entity, is a common English word and is
        capitalised only where a sentence or a line opens: 'Increasingly', 'Launched',
        'Putting', not a name ('said Xinhua', '“...,” Doug said', 'Politico reported') nor a
        source ('Police said')."""
        if " " in phrase or not phrase[:1].isupper() or phrase.isupper():
            return False
        if _DASH_BEFORE.search(self.text, max(0, start - 3), start):
            return False  # '- Walsh.' on the line after a quoted paragraph: a signature
        if not is_common_word(phrase) or sources.is_source_noun(phrase.lower()):
            return False
        inside = re.compile(rf"(?:[a-z0-9,;:”\"’)]|{_TITLES}\.) +{re.escape(phrase)}\b")
        return inside.search(self.text) is None

    def _relative_antecedent(self, who_at: int) -> str | None:
        """The one 'who' stands for: the entity named right before it ('Justice Samuel A.
        Alito Jr., who said ...', 'Rep. Jim Clyburn (D-S.C.), who told ...') unless a
        preposition ties it into a longer phrase ('the head of the OSCE in Europe, who'), else
        the description before it that can speak ('an Egyptian blogger and journalist, who
        added'), else None."""
        named = next((o for o in reversed(self.occurrences) if o.end <= who_at), None)
        if (
            named is not None
            and _RELATIVE_AFTER.fullmatch(self.text, named.end, who_at)
            and not _PREPOSITION_BEFORE.search(self.text, max(0, named.start - 6), named.start)
        ):
            return self._speaker(who_at, named)
        described = _DESCRIBED_BEFORE.search(self.text, max(0, who_at - 90), who_at)
        if described is None or not sources.can_speak(phrase := described.group(1)):
            return None
        if phrase.lower().startswith(_DEFINITE) and names.role_head(phrase.lower()):
            return self._described(phrase, who_at)  # 'The congressman, who described ...'
        return phrase

    def _one_of(self, end: int) -> str | None:
        """Who a bare 'one' is: the person in apposition after 'of his sons' ('one of his sons
        Nathan Phelps ... wrote'), else the group it is one of ('said one of the dockers'),
        else None: 'one' alone names no one."""
        group = _ONE_OF.match(self.text, end)
        if group is None:
            return None
        gap = self.text[group.end() : group.end() + 4]
        named = group.end() + len(gap) - len(gap.lstrip(" ,"))
        for occurrence in self.occurrences:
            if occurrence.start == named and occurrence.entity is not None:
                if occurrence.entity.type != "PERSON":
                    return None
                self.speakers.append((end, occurrence.entity))
                return occurrence.entity.name
        words = ("one" + group.group()).split()
        for size in (len(words), len(words) - 1):  # 'one of the dockers (wrote)'
            if size > 3 and sources.is_source_noun(words[size - 1]):
                return " ".join(words[:size])
        return None

    def _antecedent(self, pronoun_at: int, pronoun: str) -> str | None:
        """The person 'he'/'she' names: the first fitting person named before it in its own
        sentence ('Hill, the engineer, said ..., and he told'), else the most recent speaker of
        a fitting gender within `max_sentences_back`, else the first fitting person named in
        the nearest sentence."""
        wanted = "m" if pronoun == "he" else "f"
        here = self._sentence(pronoun_at)
        window = max(-1, here - self.max_sentences_back)
        people = self._people_before(pronoun_at, wanted)
        same = [o for o in people if self._sentence(o.start) == here]
        if same and same[0].entity is not None:  # 'Fiorina wrote, she began ...'
            self.speakers.append((pronoun_at, same[0].entity))
            return same[0].entity.name
        latest = self._latest_speaker(pronoun_at, window, wanted)
        reporter = self._reporter(people, here)
        if (
            reporter is not None
            and reporter.entity is not None
            and (latest is None or reporter.start > latest[0])
        ):
            self.speakers.append((pronoun_at, reporter.entity))
            return reporter.entity.name
        if latest is not None:
            self.speakers.append((pronoun_at, latest[1]))
            return latest[1].name
        for sentence in range(here, window, -1):
            found = [o for o in people if self._sentence(o.start) == sentence]
            if found and found[0].entity is not None:
                self.speakers.append((pronoun_at, found[0].entity))
                return found[0].entity.name
        return None

    def _latest_speaker(self, at: int, window: int, wanted: str) -> tuple[int, Entity] | None:
        """The last speaker of a fitting gender before `at`, after sentence `window`."""
        for said_at, entity in reversed(self.speakers):
            if said_at < at and self._sentence(said_at) > window and _fits(entity, wanted):
                return said_at, entity
        return None

    def _reporter(self, people: Sequence[Occurrence], here: int) -> Occurrence | None:
        """The last person of the sentence before (`here` - 1) who reports something in it
        ('Manager Declan Fairweather said Quiroga would make his debut next Saturday. “He has
        trained twice with us,” he said.'): a speaker too, though of no quotation, and more
        recent than the last quotation's."""
        for occurrence in reversed(people):
            if self._sentence(occurrence.start) < here - 1:
                return None
            if self._sentence(occurrence.start) == here - 1 and _REPORTS.match(
                self.text, occurrence.end
            ):
                return occurrence
        return None

    def _people_before(self, at: int, wanted: str) -> list[Occurrence]:
        """The people of fitting gender named before `at`, outside quotations."""
        return [
            o
            for o in self.occurrences
            if o.start < at
            and o.entity is not None
            and o.entity.type == "PERSON"
            and _fits(o.entity, wanted)
            and not any(q.start <= o.start < q.end for q in self.quoted)
        ]

    def _described(self, description: str, before: int) -> str:
        fits = {
            e.name
            for e in self.entities
            if e.type == "PERSON" and any(names.roles_compatible(description, r) for r in e.roles)
        }
        recent = [o for o in self.occurrences if o.start < before and o.entity is not None]
        for occurrence in reversed(recent):
            if occurrence.entity is not None and occurrence.entity.name in fits:
                return occurrence.entity.name
        head = names.role_head(description)
        for earlier in reversed(self.descriptions):
            if names.role_head(earlier) == head:
                return earlier
        return description

    def _sentence(self, at: int) -> int:
        low, high = 0, len(self.sentence_starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.sentence_starts[middle] <= at:
                low = middle
            else:
                high = middle - 1
        return low


def _noun_after_name(
    phrase: str, start: int, inside: Sequence[Occurrence], head: int | None
) -> bool:
    """'the Trump campaign', 'Grayson's spokeswoman', 'Farook's name': the phrase is headed by
    a common noun after every name it holds, so it names that noun, not the person ('Russia's
    presidential aide Yuri Ushakov' is Ushakov). The head is the parse's head word when there
    is one, else the last word before any apposition."""
    core = sources.core(phrase)
    if head is None or not start <= head < start + len(core):
        last = core.split()[-1:]
        if not last:
            return False
        head = start + phrase.index(core) + core.rindex(last[0])
    word = phrase[head - start : head - start + 1]
    named = [o for o in inside if o.start < start + len(core)]
    return word.islower() and bool(named) and all(o.end <= head for o in named)


def _fits(entity: Entity, wanted: str) -> bool:
    """The entity can be 'he' (wanted 'm') or 'she' ('f'): its known gender does not conflict."""
    known = names.gender(" ".join((entity.name, *entity.aliases)), entity.roles)
    return known is None or known == wanted


def _surfaces(entities: Sequence[Entity]) -> dict[str, list[Entity]]:
    """Every name form of every entity, with a person's bare surname added."""
    table: dict[str, list[Entity]] = {}
    for entity in entities:
        forms = {entity.name, *entity.aliases}
        if entity.type == "PERSON":
            parts = names.strip_possessive(entity.name).split()
            if len(parts) >= 2:
                forms.add(parts[-1])
        for form in forms:
            if len(form) > 1 and entity not in table.setdefault(form, []):
                table[form].append(entity)
    return table


def _occurrences(
    text: str, entities: Sequence[Entity], sentence_of: Callable[[int], int]
) -> list[Occurrence]:
    """Where the entities' names stand in `text`, longest form first; a surname two people
    share is the one named first in the nearest sentence that names either in full, as a
    pronoun is: after 'Margie Phelps, the daughter of the Rev. Fred W. Phelps, called the
    decision ...', 'Phelps said' is Margie Phelps."""
    table = _surfaces(entities)
    found: list[Occurrence] = []
    cursor = 0
    for start, _, form in _whole_words(text, table):
        if start < cursor:
            continue  # inside the name found before
        candidates = table[form]
        entity = candidates[0] if len(candidates) == 1 else None
        if entity is None:
            earlier = [o for o in found if o.entity in candidates and " " in o.surface]
            nearest = sentence_of(earlier[-1].start) if earlier else -1
            entity = next((o.entity for o in earlier if sentence_of(o.start) == nearest), None)
        found.append(Occurrence(start, start + len(form), entity, form))
        cursor = start + len(form)
    return found


def _whole_words(text: str, forms: Iterable[str]) -> list[tuple[int, int, str]]:
    r"""(start, -length, form) of every place a form stands with no word character either side,
    by place, longest first. Taking the first at each place past the last one taken finds what
    `re.finditer` finds with the forms as one alternation, longest first, between `(?<!\w)` and
    `(?!\w)`, without compiling that pattern anew for each story (~0.4 ms an article)."""
    found = []
    for form in forms:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not (start and _is_word(text[start - 1])) and not (
                end < len(text) and _is_word(text[end])
            ):
                found.append((start, -len(form), form))
            start = text.find(form, start + 1)
    found.sort()
    return found


def _is_word(char: str) -> bool:
    r"""What `\w` matches in a str pattern: a letter, a digit or a numeral, or the underscore."""
    return char.isalnum() or char == "_"
