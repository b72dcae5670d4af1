"""People, organisations and places in a story, one entity per real thing, with every name used.

spaCy's NER finds the mentions (inside one story only: about ten articles); `names` decides which
mentions are one thing by name structure. A bare surname shared by two people in the story
("Sullivan" with Jake and John Sullivan) goes to the nearest full name before it in the same
article, or stays apart when there is none. Roles stated beside a name ("Kremlin spokesman
Dmitry Peskov", "Jake Sullivan, the national security adviser,") are kept.

One name is one entity whatever NER calls each mention: a full name or surname labelled ORG
joins its person, and the entity's type is what most mentions say. Spans that cannot be names
(across a line break, all lower case, time zones) are dropped, a country glued before a known
person is cut off, and acronyms meet their full names when the text defines them or the pair is
listed in data/acronyms.tsv. The same merge serves the fast mode's rule-found names.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsweave.briefing import roles
from newsweave.briefing.fast_names import places, story_names
from newsweave.briefing.roles import role_holder, role_of
from newsweave.config import settings
from newsweave.models import Entity, Story
from newsweave.nlp import spacy_pipeline as nlp
from newsweave.nlp.cache import cached, code_stamp
from newsweave.text import names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# What the cache keeps NER's mentions under: the model, and this file, `roles` and `names`, whose
# rules turn entities into mentions (an edit of any starts afresh).
_NER_KIND = f"ner-mentions:{nlp.MODEL}:{code_stamp(__file__, roles.__file__, names.__file__)}"


@dataclass(frozen=True, slots=True)
class Mention:
    """One name as it stands in one article."""

    article: str
    text: str
    label: str
    start: int
    role: str | None = None


@dataclass(slots=True)
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    first: str = ""
    last: str = ""
    parts: tuple[str, ...] = ()
    suffix: str = ""


def find_entities(story: Story, *, fast: bool = False) -> tuple[Entity, ...]:
    """The story's entities, most mentioned first (NER over the story's articles only; with
    `fast`, names found by rule instead: see `fast_names`)."""
    mentions = _datelines_are_places(story, rule_mentions(story) if fast else story_mentions(story))
    defined: dict[str, str] = {}
    for text in dict.fromkeys(article.text for article in story.articles):
        defined |= names.defined_acronyms(text)
    return merge_mentions(mentions, [a.id for a in story.articles], defined)


def _datelines_are_places(story: Story, mentions: list[Mention]) -> list[Mention]:
    """A name that is an article's dateline place ('LINDHOLM (Meridian Wire) —') is a place in
    that article, and its wire an organisation, whatever NER or the rules call words in
    capitals at the start of a text; the place is named as a sentence writes it ('Lindholm'),
    so that it meets the same place named elsewhere."""
    datelines = {a.id: a.dateline for a in story.articles if a.dateline is not None}
    found = []
    for mention in mentions:
        dateline = datelines.get(mention.article)
        name = mention.text.casefold()
        if dateline is not None and dateline.place and name == dateline.place.casefold():
            text = _as_written_in_text(mention.text)
            mention = replace(mention, text=text, label="GPE", role=None)
        elif dateline is not None and dateline.wire and name == dateline.wire.casefold():
            mention = replace(mention, label="ORG", role=None)
        found.append(mention)
    return found


def _as_written_in_text(place: str) -> str:
    """A dateline's place in capitals as a sentence writes it ('NEW YORK' -> 'New York')."""
    return place.title() if place.isupper() and len(place) > 3 else place


def rule_mentions(story: Story) -> list[Mention]:
    """`story_mentions` without a model: capitalised runs labelled by rule (`fast_names`)."""
    labels = set(settings("entities").labels)
    texts = list(dict.fromkeys(article.text for article in story.articles))
    found: dict[str, list[Mention]] = {text: [] for text in texts}
    for item in story_names([(str(index), text) for index, text in enumerate(texts)]):
        if item.label in labels and item.label is not None:
            mention = Mention(item.article, item.text, item.label, item.start, item.role)
            found[texts[int(item.article)]].append(mention)
    return [
        replace(mention, article=article.id)
        for article in story.articles
        for mention in found[article.text]
    ]


def story_mentions(story: Story) -> list[Mention]:
    """Every kept named-entity mention of every article; identical texts are tagged once, and
    a text tagged by an earlier brief is read from the cache (`nlp.cache`)."""
    labels = set(settings("entities").labels)
    texts = list(dict.fromkeys(article.text for article in story.articles))
    found = dict(zip(texts, cached(_NER_KIND, texts, _tag), strict=True))
    mentions: list[Mention] = []
    for article in story.articles:
        for surface, label, start, role in json.loads(found[article.text]):
            if label in labels:
                mentions.append(Mention(article.id, surface, label, start, role))
    return mentions


def _tag(texts: list[str]) -> list[bytes]:
    """Each text's name mentions (surface, label, start, role) as JSON, NER batched over all."""
    return [json.dumps(doc_mentions(doc)).encode("utf-8") for doc in nlp.entity_docs(texts)]


def doc_mentions(doc: Doc) -> list[tuple[str, str, int, str | None]]:
    """(surface, label, start, role) of each name NER found in `doc`: a film's title after
    'the' is no person, a role's holder that NER calls an organisation is one (`roles.role_holder`),
    and a person keeps the role written beside the name."""
    found = []
    for ent in doc.ents:
        label = "PERSON" if role_holder(ent) else ent.label_
        if label == "PERSON" and _after_the(ent):
            continue  # 'the Invisible Man' names a film, not a person
        surface = names.strip_possessive(ent.text)
        if label != "PERSON" and surface.lower().startswith("the "):
            surface = surface[4:]
        if surface and any(c.isalpha() for c in surface):
            role = role_of(ent) if label == "PERSON" else None
            found.append((surface, label, ent.start_char, role))
    return found


def _after_the(ent: Span) -> bool:
    """The name opens with 'the' or follows it: a work, a ship or a group, no person."""
    first = ent.doc[ent.start - 1] if ent.start > 0 else None
    return ent[0].lower_ == "the" or (first is not None and first.lower_ == "the")


def merge_mentions(
    mentions: Sequence[Mention],
    article_order: Sequence[str],
    defined: Mapping[str, str] | None = None,
) -> tuple[Entity, ...]:
    """Group mentions into entities by name structure and build the records; an entity's type
    is the label most of its mentions have. `defined` maps acronyms the story defines to their
    names (`names.defined_acronyms`)."""
    mentions = _strip_country_prefixes([_no_person(m) for m in mentions if _is_name(m.text)])
    people, others = _merge_people([m for m in mentions if m.label == "PERSON"])
    surnames = Counter(c.last for c in people if c.first)
    by_last = {c.last: c for c in people if c.first and surnames[c.last] == 1}
    rest = []
    for mention in (m for m in mentions if m.label != "PERSON"):
        home = None if _place_word(mention.text) else _person_for(mention, people, by_last)
        if home is None:
            rest.append(mention)
        elif " " in mention.text:
            home.mentions.append(mention)  # 'Alexei Navalny' tagged ORG is the person
        else:
            # The surname of one person of the story, which NER took for a place or a company
            # ('Pospelova' GPE three times beside 'Svetlana Pospelova'): it votes as the person.
            home.mentions.append(replace(mention, label="PERSON"))
    clusters = _join_across_types(people + others, _merge_places(rest, defined or {}))
    order = {article: index for index, article in enumerate(article_order)}
    entities = [_entity(c.mentions, order) for c in clusters if c.mentions]
    return tuple(sorted(entities, key=lambda e: (-e.mentions, e.name)))


def _place_word(text: str) -> bool:
    """A one-word name NER did not call a person that is a dateline in capitals ('WASHINGTON')
    or a listed place ('London', 'Havana'): the place, even where a person of the story bears
    it as a surname ('Eric London')."""
    return " " not in text and (text.isupper() or text.lower() in places())


def _is_name(text: str) -> bool:
    """Whether an entity mention can be a name at all: not across a line break ('Trump\n
    Continue reading'), not all in lower case ('cordon sanitaire'), not a time zone ('GMT')."""
    return (
        "\n" not in text
        and any(char.isupper() for char in text)
        and names.place_key(text).lower() not in names.TIME_ZONES
    )


def _no_person(mention: Mention) -> Mention:
    """A PERSON label on a name with a digit ('COVID-19') or on a short word in capitals ('FBN',
    'CNN') is NER's mistake: such a name is taken for an organisation."""
    text = mention.text
    short_caps = text.isupper() and len(text) <= 4 and " " not in text
    if mention.label == "PERSON" and (short_caps or any(char.isdigit() for char in text)):
        return replace(mention, label="ORG")
    return mention


def _strip_country_prefixes(mentions: list[Mention]) -> list[Mention]:
    """'US Anatoly Antonov' (a country glued to a name by NER) -> the person 'Anatoly Antonov',
    when the story names that person elsewhere."""
    people = [names.person_parts(m.text) for m in mentions if m.label == "PERSON"]
    known = [parts for parts in people if len(parts) >= 2]
    out = []
    for mention in mentions:
        first, _, rest = mention.text.partition(" ")
        parts = names.person_parts(rest)
        if (
            len(parts) >= 2
            and names.country_word(first)
            and any(names.people_compatible(p, parts, ("", "")) for p in known)
        ):
            start = mention.start + len(mention.text) - len(rest)
            mention = replace(mention, text=rest, label="PERSON", start=start)
        out.append(mention)
    return out


def _join_across_types(people: list[_Cluster], places: list[_Cluster]) -> list[_Cluster]:
    """A name NER labelled a person in some mentions and an organisation or a place in others
    ('Politico', 'La Raza') is one entity: each place cluster whose key is a name of exactly one
    person cluster joins it, and the entity's type is then what most mentions say."""
    keys: dict[str, list[_Cluster]] = {}
    for cluster in people:
        for key in {names.place_key(m.text) for m in cluster.mentions if m.label == "PERSON"}:
            keys.setdefault(key, []).append(cluster)
    kept = []
    for place in places:
        homes = keys.get(names.place_key(place.mentions[0].text), [])
        if len(homes) == 1:
            homes[0].mentions.extend(place.mentions)
        else:
            kept.append(place)
    return people + kept


def _person_for(
    mention: Mention, people: list[_Cluster], by_last: dict[str, _Cluster]
) -> _Cluster | None:
    """The one person a name NER labelled otherwise stands for: a bare surname of one person
    of the story, or a full name compatible with exactly one person's."""
    parts = names.person_parts(mention.text)
    if len(parts) < 2:
        return by_last.get(parts[0]) if parts else None
    suffix = names.name_suffix(mention.text)
    homes = [c for c in people if names.people_compatible(c.parts, parts, (c.suffix, suffix))]
    return homes[0] if len(homes) == 1 else None


def _merge_people(mentions: list[Mention]) -> tuple[list[_Cluster], list[_Cluster]]:
    """Full names by (compatible first name, surname); then bare names onto them."""
    full: list[_Cluster] = []
    for mention in mentions:
        parts = names.person_parts(mention.text)
        if len(parts) < 2:
            continue
        suffix = names.name_suffix(mention.text)
        home = next(
            (c for c in full if names.people_compatible(c.parts, parts, (c.suffix, suffix))),
            None,
        )
        if home is None:
            home = _Cluster(first=parts[0], last=parts[-1], parts=parts, suffix=suffix)
            full.append(home)
        elif len(parts) > len(home.parts):
            home.parts = parts  # the fullest form decides later comparisons
        home.mentions.append(mention)
    full = _join_unsuffixed(_join_double_surnames(full))
    bare: dict[str, _Cluster] = {}
    for mention in mentions:
        parts = names.person_parts(mention.text)
        if len(parts) == 1:
            home = _home_for_bare(parts[0], mention, full) or bare.setdefault(
                parts[0], _Cluster(last=parts[0])
            )
            home.mentions.append(mention)
    return full, list(bare.values())


def _join_double_surnames(full: list[_Cluster]) -> list[_Cluster]:
    """'Wasserman Schultz' is the surname of 'Debbie Wasserman Schultz', not a first name:
    a two-word name that ends a longer name of the story joins it when that is the only one."""
    kept: list[_Cluster] = []
    for cluster in full:
        homes = [
            c for c in full
            if len(cluster.parts) == 2 and len(c.parts) >= 3 and c.parts[-2:] == cluster.parts
            and c.suffix == cluster.suffix
        ]  # fmt: skip
        if len(homes) == 1:
            homes[0].mentions.extend(cluster.mentions)
        else:
            kept.append(cluster)
    return kept


def _join_unsuffixed(full: list[_Cluster]) -> list[_Cluster]:
    """'Fred W. Phelps' is 'Fred Phelps Sr': a father is mostly written without his 'Sr.',
    which marks him apart from a son, so a name without a suffix joins the one 'Sr.' name it
    fits. Not a 'Jr.' name: 'Donald Trump' beside 'Donald Trump Jr.' is the father."""
    kept: list[_Cluster] = []
    for cluster in full:
        homes = [
            c for c in full
            if c.suffix == "sr" and not cluster.suffix
            and names.people_compatible(c.parts, cluster.parts, (c.suffix, c.suffix))
        ]  # fmt: skip
        if len(homes) == 1:
            homes[0].mentions.extend(cluster.mentions)
            if len(cluster.parts) > len(homes[0].parts):
                homes[0].parts = cluster.parts
        else:
            kept.append(cluster)
    return kept


def _home_for_bare(word: str, mention: Mention, full: list[_Cluster]) -> _Cluster | None:
    """The one full name a bare name belongs to, or None when it is ambiguous or unknown."""
    candidates = [c for c in full if c.last == word]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        by_first = [c for c in full if c.first == word]
        return by_first[0] if len(by_first) == 1 else None
    before = [
        (m.start, c)
        for c in candidates
        for m in c.mentions
        if m.article == mention.article and m.start < mention.start
    ]
    return max(before, key=lambda pair: pair[0])[1] if before else None


def _merge_places(mentions: list[Mention], defined: Mapping[str, str]) -> list[_Cluster]:
    """Places and organisations by alias table, by an acronym the story defines ('the Group of
    Seven (G7)') and by initials ('NATO' = its full name)."""
    groups: dict[str, _Cluster] = {}
    for mention in mentions:
        key = names.place_key(mention.text)
        groups.setdefault(defined.get(key, key), _Cluster()).mentions.append(mention)
    for key, cluster in list(groups.items()):
        short = names.acronym(cluster.mentions[0].text)
        if short and short.upper() in names.org_aliases().values():
            short = short.upper()  # 'Grand Old Party' -> 'GOP', a listed acronym's key
        if short and short in groups and short != key:
            groups[short].mentions.extend(cluster.mentions)
            del groups[key]
    return list(groups.values())


def _entity(mentions: list[Mention], order: dict[str, int]) -> Entity:
    surfaces = Counter(m.text for m in mentions)
    name = max(surfaces, key=lambda s: (len(names.person_parts(s)), len(s), surfaces[s]))
    roles = _roles([m.role for m in mentions if m.role])
    articles = sorted({m.article for m in mentions}, key=lambda a: order.get(a, len(order)))
    return Entity(
        name=name,
        type="ORG" if _listed_organisation(surfaces) else _voted_type(mentions),
        aliases=tuple(s for s, _ in surfaces.most_common() if s != name),
        articles=tuple(articles),
        mentions=len(mentions),
        roles=roles,
    )


def _roles(written: list[str]) -> tuple[str, ...]:
    """The roles, most often written first, one per role whatever its case ('Chief executive'
    opening a sentence is 'chief executive'): each in its most common form, on a tie the one
    with fewer capitals."""
    forms: dict[str, Counter[str]] = {}
    for role in written:
        forms.setdefault(role.casefold(), Counter())[role] += 1
    chosen = [
        (sum(counts.values()), max(counts, key=lambda f: (counts[f], -_capitals(f))))
        for counts in forms.values()
    ]
    return tuple(role for _, role in sorted(chosen, key=lambda item: -item[0]))


def _capitals(text: str) -> int:
    return sum(char.isupper() for char in text)


def _listed_organisation(surfaces: Counter[str]) -> bool:
    """An organisation or grouping of `data/acronyms.tsv` by one of its names ('G7', 'Group of
    Seven', 'NATO'): NER calls the G7 a place as often as not, and a vote would follow it."""
    table = names.org_aliases()
    return any(names.place_key(surface).lower() in table for surface in surfaces)


def _voted_type(mentions: list[Mention]) -> str:
    """The label most mentions have. On a tie, PERSON when the mentions name someone as people
    are named, a full name then the surname alone ('Marco Rubio' PERSON, 'Rubio' LOC), else not
    PERSON ('Las Vegas' twice a place and twice a person is a place: a place taken for a person
    can become a quote's 'he')."""
    votes = Counter(m.label for m in mentions)
    best = max(votes.values())
    tied = [label for label in votes if votes[label] == best]
    parts = [names.person_parts(m.text) for m in mentions]
    full = {
        p[-1] for p, m in zip(parts, mentions, strict=True) if len(p) >= 2 and m.label == "PERSON"
    }
    if "PERSON" in tied and (len(tied) == 1 or any(len(p) == 1 and p[0] in full for p in parts)):
        return "PERSON"
    return next(label for label in tied if label != "PERSON")
