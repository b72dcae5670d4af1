"""Where the story's names stand in a text: as the alternation pattern they replace finds them."""

from __future__ import annotations

import re

import pytest

from newsweave.briefing.quotes.coref import Occurrence, SpeakerResolver
from newsweave.models import Entity


def _entity(name: str, kind: str = "PERSON", aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(name=name, type=kind, aliases=aliases, articles=("a1",), mentions=1)


ENTITIES = [
    _entity("George W. Bush"),
    _entity("Laura Bush"),
    _entity("U.S.", "GPE", ("United States", "US")),
    _entity("New York", "GPE"),
    _entity("York University", "ORG"),
    _entity("Zoë Müller"),
]
TEXTS = [
    "George W. Bush met Laura Bush; Bush said the U.S.A. and the U.S. differ. Bushes grow.",
    "New York University is not York University, nor New Yorker. _US, US_ and US.",
    "Müller, Zoë Müller and Zoë Müllers; Bush's aide: “Bush” (Bush) —Bush—",
    "U.S.U.S. and U.S.-made; George W. Bushy; York University's New York campus",
]


def _occurrences(text: str, entities: list[Entity]) -> list[Occurrence]:
    return SpeakerResolver(text, entities, ()).occurrences


def _by_pattern(text: str, entities: list[Entity]) -> list[tuple[int, int, str]]:
    r"""What the alternation of every name form (a person's surname too), longest first,
    between `(?<!\w)` and `(?!\w)` finds: how the names were found before."""
    surfaces = {form for e in entities for form in (e.name, *e.aliases) if len(form) > 1}
    surfaces |= {e.name.split()[-1] for e in entities if e.type == "PERSON" and " " in e.name}
    forms = sorted(surfaces, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_names_found_where_the_alternation_finds_them(text: str) -> None:
    found = [(o.start, o.end, o.surface) for o in _occurrences(text, ENTITIES)]
    assert found == _by_pattern(text, ENTITIES)
    assert found


def test_a_shared_surname_is_the_full_name_before_it() -> None:
    found = _occurrences("Laura Bush spoke. Bush said no.", ENTITIES)
    assert [o.entity.name if o.entity else None for o in found] == ["Laura Bush", "Laura Bush"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The bank’s chief executive, Mara Lindqvist, said it would pay.", "Mara Lindqvist"),
        (
            "The bank’s chief executive — Mara Lindqvist — said it would pay.",
            "The bank’s chief executive",
        ),
        # a list after the role is no apposition
        (
            "The bank’s chief executive, Mara Lindqvist and Jo Bell said so.",
            "The bank’s chief executive",
        ),
    ],
)
def test_a_role_names_the_person_in_apposition_after_it(text: str, speaker: str) -> None:
    people = [_entity("Mara Lindqvist"), _entity("Jo Bell")]
    phrase = "The bank’s chief executive"
    assert SpeakerResolver(text, people, ()).resolve(phrase, 0, len(text)) == speaker


def test_he_is_the_person_who_reported_in_the_sentence_before_over_an_earlier_speaker() -> None:
    text = (
        "“I want to win the league,” Milo Kern said.\n\n"
        "Manager Dan Roe said Kern would play next week. “He has trained twice,” he said."
    )
    people = [_entity("Milo Kern"), _entity("Dan Roe")]
    resolver = SpeakerResolver(text, people, ())
    assert resolver.resolve("Milo Kern", text.index("Milo Kern"), 0) == "Milo Kern"
    he = text.rindex("he said")
    assert resolver.resolve("he", he, text.rindex("“He")) == "Dan Roe"
    # with no report in the sentence before, the last speaker still speaks
    plain = text.replace("Manager Dan Roe said Kern would play next week.", "Rain fell.")
    resolver = SpeakerResolver(plain, people, ())
    resolver.resolve("Milo Kern", plain.index("Milo Kern"), 0)
    assert resolver.resolve("he", plain.rindex("he said"), plain.rindex("“He")) == "Milo Kern"


def test_a_shared_surname_is_the_first_full_name_of_the_nearest_sentence_naming_one() -> None:
    # stories-dev's Washington Post report of the Westboro ruling: the daughter is the subject,
    # her father an apposition after her, and "Phelps said" in the next paragraph is her.
    text = (
        "Margie Phelps, the daughter of the founder, the Rev. Fred W. Phelps, called the "
        "decision a providential ruling.\n\nAsked about tactics, Phelps said, “We will go on.”"
    )
    people = [_entity("Margie Phelps"), _entity("Fred W. Phelps", aliases=("Phelps",))]
    found = _occurrences(text, people)
    assert [o.entity.name if o.entity else None for o in found] == [
        "Margie Phelps",
        "Fred W. Phelps",
        "Margie Phelps",
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The lone dissenter was Justice Samuel A. Alito Jr., who said", "Samuel A. Alito Jr."),
        ("He met Rep. Jim Clyburn (D-S.C.), who said", "Jim Clyburn"),
        ("He met Jim Clyburn, the whip, who said", None),  # not right before 'who': unsure
        ("People who said", None),
        # a name inside a longer phrase is not who: the phrase is, where it can speak
        ("He met the head of the agency in Europe, who said", "the head of the agency in Europe"),
        (
            "said an Egyptian blogger and journalist, who added",
            "an Egyptian blogger and journalist",
        ),
        ("It drew fire from Jim Clyburn's critics, who called", "Jim Clyburn's critics"),
    ],
)
def test_who_speaks_for_the_name_right_before_it(text: str, speaker: str | None) -> None:
    people = [_entity("Samuel A. Alito Jr."), _entity("Jim Clyburn"), _entity("Europe", "GPE")]
    who = text.index("who")
    assert SpeakerResolver(text, people, ()).resolve("who", who, len(text)) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Just last week one of his sons Nathan Phelps wrote", "Nathan Phelps"),
        ("Just last week one of his sons, Nathan Phelps, wrote", "Nathan Phelps"),
        ("Just last week one of them wrote", None),
        ("Just last week one of the dockers wrote", "one of the dockers"),
    ],
)
def test_one_is_the_person_in_apposition_after_it_or_its_group(
    text: str, speaker: str | None
) -> None:
    people = [_entity("Nathan Phelps")]
    one = text.index("one")
    assert SpeakerResolver(text, people, ()).resolve("one", one, len(text)) == speaker


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        # common words capitalised only where a sentence opens: no one
        ("Increasingly, officials worry. Increasingly said", "Increasingly", None),
        ("Launched in 2010, the fund grew. Launched said", "Launched", None),
        # a source noun, or a name that is no common word, still speaks
        ("Police said the road was closed. Police said", "Police", "Police"),
        ("Politico reported it first. Politico said", "Politico", "Politico"),
        # a common word that also stands in capitals inside a sentence is a name
        ("He met Mr. Close on Monday. Close said", "Close", "Close"),
        # a pronoun with a contraction is that pronoun
        ("I've been told so, I've said", "I've", None),
    ],
)
def test_a_word_that_only_opens_sentences_is_no_speaker(
    text: str, phrase: str, speaker: str | None
) -> None:
    at = text.rindex(phrase)
    assert SpeakerResolver(text, [], ()).resolve(phrase, at, len(text)) == speaker


def test_he_with_a_contraction_is_he() -> None:
    text = "Milo Kern spoke on Monday. He’d said so before."
    resolver = SpeakerResolver(text, [_entity("Milo Kern")], ())
    assert resolver.resolve("He’d", text.index("He’d"), len(text)) == "Milo Kern"
