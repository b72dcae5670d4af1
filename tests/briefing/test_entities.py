"""Entities: one per real person or place, merged by name structure."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import make_article
from spacy.tokens import Doc
from test_quotes import PORT_STORY, sample_story

from newsweave.briefing.entities import Mention, doc_mentions, find_entities, merge_mentions
from newsweave.clean.cleaner import clean
from newsweave.evaluation.entities import merge_scores
from newsweave.models import Entity, RawArticle, Story
from newsweave.nlp.spacy_pipeline import pipeline

ALIASES = Path(__file__).parents[1] / "data" / "entity_aliases.tsv"


def by_name(entities: tuple[Entity, ...], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in entities]}"
    return found[0]


@pytest.mark.slow
def test_sample_people_are_merged_and_namesakes_kept_apart(shared: Path) -> None:
    entities = find_entities(sample_story(shared))
    putin = by_name(entities, "Vladimir Putin")
    assert "Putin" in putin.aliases
    assert "Russian President" in putin.roles
    peskov = by_name(entities, "Dmitry Peskov")
    assert "Peskov" in peskov.aliases and "Kremlin spokesman" in peskov.roles
    assert by_name(entities, "Jake Sullivan") != by_name(entities, "John Sullivan")
    assert not [e for e in entities if e.name in {"Putin", "Biden", "Peskov"}]
    assert entities[0].mentions >= entities[-1].mentions


def test_bare_surname_goes_to_the_nearest_full_name_before_it() -> None:
    mentions = [
        Mention("a", "Jake Sullivan", "PERSON", 10),
        Mention("a", "John Sullivan", "PERSON", 100),
        Mention("a", "Sullivan", "PERSON", 200),
        Mention("b", "Sullivan", "PERSON", 5),
    ]
    entities = merge_mentions(mentions, ["a", "b"])
    john = by_name(entities, "John Sullivan")
    assert john.mentions == 2
    assert by_name(entities, "Jake Sullivan").mentions == 1
    assert by_name(entities, "Sullivan").mentions == 1  # ambiguous: left alone


def test_a_name_without_a_suffix_joins_the_senior_it_fits() -> None:
    # stories-dev's Westboro story: 'Fred W. Phelps' (Washington Post), 'Fred Phelps Sr' (BBC)
    mentions = [
        Mention("a", "Fred W. Phelps", "PERSON", 10),
        Mention("b", "Fred Phelps Sr", "PERSON", 10),
        Mention("c", "Fred Phelps", "PERSON", 10),
        Mention("c", "Margie Phelps", "PERSON", 90),
    ]
    entities = merge_mentions(mentions, ["a", "b", "c"])
    assert by_name(entities, "Fred W. Phelps").mentions == 3
    assert by_name(entities, "Margie Phelps").mentions == 1
    # a son stays apart
    both = merge_mentions([*mentions, Mention("d", "Fred Phelps Jr.", "PERSON", 5)], ["a", "d"])
    assert by_name(both, "Fred W. Phelps").mentions == 3
    assert by_name(both, "Fred Phelps Jr.").mentions == 1


def test_a_surname_ner_took_for_a_place_votes_as_its_person() -> None:
    mentions = [Mention("a", "Svetlana Pospelova", "PERSON", 10)]
    mentions += [Mention("a", "Pospelova", "GPE", at) for at in (100, 200, 300)]
    (runner,) = merge_mentions(mentions, ["a"])
    assert (runner.name, runner.type, runner.mentions) == ("Svetlana Pospelova", "PERSON", 4)


def test_a_listed_place_or_a_dateline_stays_a_place_beside_a_namesake() -> None:
    mentions = [
        Mention("a", "Eric London", "PERSON", 10),
        Mention("a", "London", "GPE", 100),
        Mention("a", "WASHINGTON", "GPE", 0),
        Mention("b", "Ruby Washington", "PERSON", 50),
    ]
    entities = merge_mentions(mentions, ["a", "b"])
    assert by_name(entities, "Eric London").mentions == 1
    assert by_name(entities, "London").type == "GPE"
    assert by_name(entities, "WASHINGTON").type == "GPE"


def test_country_names_are_one_place() -> None:
    mentions = [Mention("a", n, "GPE", i) for i, n in enumerate(["U.S.", "US", "America"])]
    mentions.append(Mention("a", "United States", "GPE", 9))
    entities = merge_mentions(mentions, ["a"])
    assert [(e.name, e.mentions) for e in entities] == [("United States", 4)]


def test_alias_pairs_merge_precision_and_recall() -> None:
    score = merge_scores(ALIASES)
    assert score.pairs >= 50
    assert score.precision >= 0.9
    assert score.recall >= 0.9


def test_suffixes_and_middle_initials_name_different_people() -> None:
    names = ["Donald Trump", "Donald Trump Jr.", "George W. Bush", "George H.W. Bush", "Bush"]
    mentions = [Mention("a", n, "PERSON", i * 10) for i, n in enumerate(names)]
    entities = merge_mentions(mentions, ["a"])
    assert {e.name for e in entities} == set(names) - {"Bush"}
    assert by_name(entities, "George H.W. Bush").mentions == 2  # the nearest full name before


def test_double_surname_joins_the_full_name() -> None:
    names = ["Debbie Wasserman Schultz", "Wasserman Schultz", "Schultz"]
    mentions = [Mention("a", n, "PERSON", i * 10) for i, n in enumerate(names)]
    entities = merge_mentions(mentions, ["a"])
    assert [(e.name, e.mentions) for e in entities] == [("Debbie Wasserman Schultz", 3)]


def test_fast_entities_find_people_with_roles_places_and_organisations() -> None:
    story = Story("port", (make_article(PORT_STORY),))
    entities = find_entities(story, fast=True)
    people = {e.name for e in entities if e.type == "PERSON"}
    assert people == {"Greta Halloran", "Conrad Ebbe", "Mirela Castan", "Jonas Weber"}
    assert "Halloran" in by_name(entities, "Greta Halloran").aliases
    assert "Finance Minister" in by_name(entities, "Mirela Castan").roles
    assert by_name(entities, "Halden").type == "GPE"  # 'in Halden'
    assert by_name(entities, "Norda Bank").type == "ORG"


def test_fast_entities_skip_sentence_openers_headlines_and_groups() -> None:
    text = (
        "Mayor Says Bridge Will Open Soon After Long Delay\n"
        "Meanwhile Republicans said the bridge was late. Officials said it cost too much.\n"
        "Mayor Tom Becker said the bridge would open. Becker spoke in Aldford.\n"
    )
    entities = find_entities(Story("s", (make_article(text),)), fast=True)
    assert [(e.name, e.type, e.mentions) for e in entities] == [
        ("Tom Becker", "PERSON", 2),
        ("Aldford", "GPE", 1),
    ]


def test_fast_entities_skip_names_only_ever_in_short_quotations() -> None:
    # stories-dev's Westboro story: the signs read "Thank God for dead soldiers"
    text = (
        "Their signs read “Thank God for Dead Soldiers” at the funeral.\n"
        "Mayor Tom Becker said the city was shocked. “I told Anna Price we would act,” he said.\n"
    )
    entities = find_entities(Story("s", (make_article(text),)), fast=True)
    names = {e.name for e in entities}
    assert "Thank God" not in names and "Dead Soldiers" not in names
    assert {"Tom Becker", "Anna Price"} <= names  # a name in a sentence quoted is kept


def test_fast_entities_read_a_run_of_opening_quotation_marks_in_linear_time() -> None:
    # hostile text: 20,000 opening marks took the first short-quotation pattern 10 s
    text = "“" * 20_000 + "\nMayor Tom Becker said the bridge would open."
    started = time.perf_counter()
    entities = find_entities(Story("s", (make_article(text),)), fast=True)
    assert time.perf_counter() - started < 5.0
    assert [e.name for e in entities] == ["Tom Becker"]


def test_fast_entities_place_thousands_of_quoted_names_in_linear_time() -> None:
    # hostile text: 20,000 quoted names once took 20,000 x 20,000 comparisons (~18 s)
    text = " ".join(["he read “Anna Price” in the hall."] * 20_000)
    started = time.perf_counter()
    entities = find_entities(Story("s", (make_article(text + "\nTom Becker said so."),)), fast=True)
    assert time.perf_counter() - started < 5.0
    assert "Tom Becker" in {e.name for e in entities}


@pytest.mark.slow
def test_fast_entities_merge_the_sample_people_like_ner(shared: Path) -> None:
    entities = find_entities(sample_story(shared), fast=True)
    putin = by_name(entities, "Vladimir Putin")
    assert "Putin" in putin.aliases and "Russian President" in putin.roles
    assert "Kremlin spokesman" in by_name(entities, "Dmitry Peskov").roles
    assert by_name(entities, "Jake Sullivan") != by_name(entities, "John Sullivan")
    assert not [e for e in entities if e.name in {"Putin", "Biden", "Peskov"}]


@pytest.mark.slow
def test_a_name_after_the_is_no_person_in_either_mode() -> None:
    text = (
        "Critics loved The Glass Stranger, the film Ida Marsh made last year.\n"
        "Ida Marsh said the Glass Stranger was her best work."
    )
    for fast in (False, True):
        entities = find_entities(Story("s", (make_article(text),)), fast=fast)
        people = {e.name for e in entities if e.type == "PERSON"}
        assert people == {"Ida Marsh"}, (fast, people)


def test_junk_spans_are_no_entities() -> None:
    mentions = [
        Mention("a", "Marta Kovac", "PERSON", 0),
        Mention("a", "Kovac\nContinue", "PERSON", 40),  # across a line break
        Mention("a", "cordon sanitaire", "PERSON", 80),  # lower case
        Mention("a", "GMT", "ORG", 120),  # a time zone
        Mention("a", "BST", "ORG", 160),
    ]
    assert [e.name for e in merge_mentions(mentions, ["a"])] == ["Marta Kovac"]


def test_a_country_glued_to_a_name_is_dropped_and_the_person_kept() -> None:
    mentions = [
        Mention("a", "Pavel Orlov", "PERSON", 0),
        Mention("a", "US Pavel Orlov", "ORG", 60),
        Mention("b", "Orlov", "PERSON", 10),
    ]
    entities = merge_mentions(mentions, ["a", "b"])
    assert [(e.name, e.type, e.aliases, e.mentions) for e in entities] == [
        ("Pavel Orlov", "PERSON", ("Orlov",), 3)
    ]


def test_one_name_under_two_types_is_one_entity_of_the_type_most_mentions_give() -> None:
    mentions = [
        Mention("a", "Dmitri Volkov", "PERSON", 0),
        Mention("a", "Dmitri Volkov", "ORG", 30),
        Mention("a", "Volkov", "ORG", 60),
        Mention("b", "Volkov", "PERSON", 0),
        Mention("b", "Dmitri Volkov", "PERSON", 90),
        Mention("a", "MERV-24", "PERSON", 120),  # a name with a digit is no person
        Mention("b", "MERV-24", "ORG", 150),
        Mention("b", "MERV-24", "ORG", 190),
    ]
    entities = merge_mentions(mentions, ["a", "b"])
    assert [(e.name, e.type, e.mentions) for e in entities] == [
        ("Dmitri Volkov", "PERSON", 5),
        ("MERV-24", "ORG", 3),
    ]


def test_a_tie_between_a_person_and_a_place_is_a_place() -> None:
    mentions = [Mention("a", "Port Alder", label, i * 20) for i, label in enumerate(
        ["PERSON", "GPE", "GPE", "PERSON"]
    )]  # fmt: skip
    assert [(e.name, e.type) for e in merge_mentions(mentions, ["a"])] == [("Port Alder", "GPE")]


def test_listed_acronyms_merge_with_their_full_names() -> None:
    pairs = [
        ("G7", "Group of Seven"),
        ("UN", "United Nations"),
        ("WHO", "World Health Organization"),
    ]
    for short, full in pairs:
        mentions = [Mention("a", short, "ORG", 0), Mention("b", full, "ORG", 0)]
        entities = merge_mentions(mentions, ["a", "b"])
        assert [(e.name, e.aliases) for e in entities] == [(full, (short,))]


@pytest.mark.parametrize("fast", [False, True])
def test_an_acronym_the_story_defines_merges_with_its_name(fast: bool) -> None:
    text = (
        "Ministers of the Council of Nine (C9) met in Halden on Monday.\n"
        "The C9 said shipping fees would rise, and the Council of Nine will meet again."
    )  # initials alone ('CN') would not tie them
    entities = find_entities(Story("s", (make_article(text),)), fast=fast)
    council = [e for e in entities if "C9" in (e.name, *e.aliases)]
    assert len(council) == 1
    assert {council[0].name, *council[0].aliases} == {"Council of Nine", "C9"}


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True])
def test_a_briefed_story_has_no_junk_entities(fast: bool) -> None:
    text = (
        "Russia’s envoy to the US Pavel Orlov said the talks would go on.\n"
        "Ambassador Pavel Orlov met officials at 14:00 GMT on Monday, said Marta Kovac\n"
        "Continue reading the main story\n"
        "The party kept its cordon sanitaire around the far right, Kovac said."
    )
    entities = find_entities(Story("s", (make_article(text),)), fast=fast)
    named = [n for e in entities for n in (e.name, *e.aliases)]
    assert not [n for n in named if "\n" in n or n.islower() or n in {"GMT", "US Pavel Orlov"}]
    assert by_name(entities, "Pavel Orlov").type == "PERSON"


def _doc_with(text: str, name: str, label: str) -> Doc:
    """A real spaCy doc of `text` whose only entity is `name`, labelled as NER might have."""
    doc = pipeline().make_doc(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label=label)
    assert span is not None
    doc.ents = [span]
    return doc


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("“We will pay,” chief executive Mara Lindqvist said.", "PERSON"),
        ("Harbour Bank’s chief executive, Mara Lindqvist, said it would pay.", "PERSON"),
        # a list, not an apposition; a company after 'of'; a company's own name
        ("The chief executive, Mara Lindqvist and two aides resigned.", "ORG"),
        ("He is the chief executive of Mara Lindqvist today.", "ORG"),
        ("The spokesman for Harbour Bank said so.", "ORG"),
    ],
)
def test_a_name_ner_calls_an_organisation_after_a_role_is_the_roles_holder(
    text: str, label: str
) -> None:
    name = "Harbour Bank" if "spokesman for" in text else "Mara Lindqvist"
    ((surface, found, _, role),) = doc_mentions(_doc_with(text, name, "ORG"))
    assert (surface, found) == (name, label)
    assert (role is not None) == (label == "PERSON")


def test_a_role_written_in_two_cases_is_one_role() -> None:
    mentions = [
        Mention("a", "Mara Lindqvist", "PERSON", 0, "Chief executive"),
        Mention("b", "Mara Lindqvist", "PERSON", 0, "chief executive"),
        Mention("c", "Mara Lindqvist", "PERSON", 0, "chief executive"),
        Mention("c", "Lindqvist", "PERSON", 50, "chairwoman"),
    ]
    (entity,) = merge_mentions(mentions, ["a", "b", "c"])
    assert entity.roles == ("chief executive", "chairwoman")


def test_a_listed_grouping_is_an_organisation_whatever_ner_calls_it() -> None:
    mentions = [
        Mention("a", "Group of Seven", "GPE", 0),
        Mention("a", "G7", "GPE", 40),
        Mention("b", "G7", "ORG", 10),
    ]
    (entity,) = merge_mentions(mentions, ["a", "b"])
    assert (entity.name, entity.type) == ("Group of Seven", "ORG")


def test_a_dateline_place_is_a_place_and_its_wire_an_organisation_in_either_mode() -> None:
    text = (
        "LINDHOLM (Meridian Wire) — A group of employees whose bank details were stolen filed "
        "a class action against the payroll company on Monday."
    )
    article = clean(RawArticle(source="a.txt", text=text, published="2025-03-18"))
    for fast in (False, True):
        entities = find_entities(Story("s", (article,)), fast=fast)
        kinds = {e.name: e.type for e in entities}
        assert kinds.get("Lindholm", "GPE") == "GPE" and "LINDHOLM" not in kinds, (fast, kinds)
        assert kinds.get("Meridian Wire", "ORG") == "ORG", (fast, kinds)
        assert "PERSON" not in kinds.values(), (fast, kinds)


def test_fast_entities_take_football_clubs_for_organisations() -> None:
    text = "Harwick Rovers beat Kelby Athletic 2-0 on Sunday, and Ida Marsh scored both goals."
    entities = find_entities(Story("s", (make_article(text),)), fast=True)
    kinds = {e.name: e.type for e in entities}
    assert kinds.get("Harwick Rovers") == "ORG" and kinds.get("Kelby Athletic") == "ORG", kinds


def test_one_name_in_british_and_american_spelling_is_one_entity() -> None:
    mentions = [
        Mention("a", "Betty Ford Centre", "ORG", 0),
        Mention("b", "Betty Ford Center", "ORG", 10),
        Mention("b", "Harbour Theatre", "ORG", 40),
    ]
    entities = merge_mentions(mentions, ["a", "b"])
    assert len(entities) == 2
    (center,) = [e for e in entities if "Betty" in e.name]
    assert {center.name, *center.aliases} == {"Betty Ford Centre", "Betty Ford Center"}
