"""The cited extractive summary: budget, verbatim citations, support by outlet, no repeats."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import make_article

from newsweave.briefing.summarize import REGISTRY, summarize, summarizer
from newsweave.briefing.summarize.trim import faithful
from newsweave.errors import ConfigError
from newsweave.models import Story, SummarySentence

FLOOD = (
    "Floodwaters in Riverton forced 4,000 residents from their homes on Tuesday, officials said."
)
BRIDGE = "The old Main Street bridge collapsed into the swollen Tarra River shortly after noon."
SHELTER = "The city opened three emergency shelters in school gyms for families without power."
RAIN = "Forecasters expect another 50 millimetres of rain across the valley by Thursday night."
MAYOR = "Mayor Lena Ortiz asked the state government for emergency funds to repair the levees."
ROADS = "Police closed every road into the lower town until engineers inspect the damaged levees."
PRONOUN = "He said the water had risen faster than anyone in the valley could remember."
QUESTION = "Will the levees along the Tarra River hold if the rain keeps falling all week?"


def flood_story() -> Story:
    wire = make_article(
        "\n".join([FLOOD, BRIDGE, SHELTER, RAIN]), id="wire", outlet="Valley Wire",
        published="2024-03-05T10:00",
    )  # fmt: skip
    gazette = make_article(
        "\n".join([FLOOD.replace("Tuesday", "Tuesday afternoon"), MAYOR, PRONOUN, QUESTION]),
        id="gazette", outlet="Riverton Gazette", published="2024-03-05T14:00",
    )  # fmt: skip
    herald = make_article(
        "\n".join([ROADS, BRIDGE, MAYOR]), id="herald", outlet="Daily Herald",
        published="2024-03-06T08:00",
    )  # fmt: skip
    return Story("s1", (wire, gazette, herald))


def words_in(summary: tuple[SummarySentence, ...]) -> int:
    return sum(len(s.text.split()) for s in summary)


@pytest.mark.parametrize("budget", [15, 40, 100])
def test_summary_stays_within_the_word_budget(budget: int) -> None:
    summary = summarize(flood_story(), words=budget)
    assert words_in(summary) <= budget
    if budget >= 40:
        assert len(summary) >= 2


def test_every_source_is_verbatim_at_its_offsets_and_cited_first() -> None:
    story = flood_story()
    for sentence in summarize(story, words=100):
        first = sentence.sources[0]
        assert faithful(sentence)  # its first source's words, but for the lead's trim and date
        assert sentence.edits or sentence.text in first.text
        for source in sentence.sources:
            assert story.article(source.article).text[source.start : source.end] == source.text


def test_a_line_listed_as_removed_is_never_summarized() -> None:
    footer = "Subscribe to the Riverton Gazette for floodwaters news on residents and levees now."
    story = flood_story()
    gazette = make_article(
        "\n".join([FLOOD, footer, MAYOR]), id="gazette", outlet="Riverton Gazette"
    )
    story = Story("s1", (story.articles[0], replace(gazette, removed=(footer,)), story.articles[2]))
    texts = [source.text for s in summarize(story, words=100) for source in s.sources]
    assert footer not in texts


def test_support_counts_outlets_and_a_syndicated_copy_counts_once() -> None:
    wire = make_article(f"{FLOOD}\n{RAIN}", id="wire", outlet="Valley Wire")
    copy = make_article(
        f"{FLOOD}\n{RAIN}", id="copy", outlet="Syndicating Post", duplicate_of="wire"
    )
    other = make_article(f"{FLOOD}\n{MAYOR}", id="other", outlet="Riverton Gazette")
    summary = summarize(Story("s2", (wire, copy, other)), words=100)
    flood = next(s for s in summary if "Floodwaters" in s.text)
    assert {source.article for source in flood.sources} == {"wire", "copy", "other"}
    assert flood.support == 2
    # the outlets named are those counted: the copy is cited, under its original's outlet
    assert set(flood.outlets) == {"Valley Wire", "Riverton Gazette"}
    assert all(s.sources[0].article != "copy" for s in summary)


def test_the_same_statement_from_two_outlets_appears_once_with_both_sources() -> None:
    summary = summarize(flood_story(), words=100)
    about_flood = [s for s in summary if "Floodwaters" in s.text]
    assert len(about_flood) == 1
    assert {source.article for source in about_flood[0].sources} >= {"wire", "gazette"}
    assert about_flood[0].support >= 2
    mayor = [s for s in summary if "Ortiz" in s.text]
    assert len(mayor) <= 1


def test_questions_and_sentences_opening_with_a_pronoun_are_avoided() -> None:
    texts = [s.text for s in summarize(flood_story(), words=100)]
    assert PRONOUN not in texts
    assert QUESTION not in texts


def test_without_a_lead_the_summary_reads_in_chronological_order() -> None:
    story = flood_story()
    summary = summarizer("newsweave", lead_first=False)(story, 100)
    times = [story.article(s.sources[0].article).published for s in summary]
    assert times == sorted(times)  # type: ignore[type-var]


def test_in_time_order_the_sentence_the_evaluation_cuts_stays_last() -> None:
    story = flood_story()
    summary = summarizer("newsweave", lead_first=False)(story, 30, fill=True)
    times = [story.article(s.sources[0].article).published for s in summary]
    assert (
        sum(len(s.text.split()) for s in summary[:-1])
        < 30
        < sum(len(s.text.split()) for s in summary)
    )
    assert times[:-1] == sorted(times[:-1])  # type: ignore[type-var]
    assert times[-1] < times[0]  # type: ignore[operator]  # chosen last: out of time order


def test_after_the_lead_sentences_follow_by_support_then_time() -> None:
    story = flood_story()
    summary = summarize(story, words=100)
    rest = [(-s.support, story.article(s.sources[0].article).published) for s in summary[1:]]
    assert rest == sorted(rest)  # type: ignore[type-var]


def test_the_lead_states_the_event_with_its_day() -> None:
    lead = summarize(flood_story(), words=100)[0]
    assert lead.text.startswith("Floodwaters in Riverton forced 4,000 residents")
    assert "from their homes on the afternoon of Tuesday, March 5, officials said" in lead.text
    assert [(e.kind, e.text) for e in lead.edits] == [("replace", "Tuesday afternoon")]


def test_summary_is_deterministic() -> None:
    assert summarize(flood_story(), words=60) == summarize(flood_story(), words=60)


def test_a_zero_word_budget_is_refused() -> None:
    with pytest.raises(ConfigError):
        summarize(flood_story(), words=0)


@pytest.mark.parametrize("name", sorted(set(REGISTRY) - {"lsa", "klsum"}))
def test_every_summarizer_keeps_the_budget_and_cites_verbatim(name: str) -> None:
    story = flood_story()
    summary = summarizer(name)(story, 40)
    assert summary and words_in(summary) <= 40
    for sentence in summary:
        source = sentence.sources[0]
        assert story.article(source.article).text[source.start : source.end] == source.text


def test_an_unknown_summarizer_name_is_refused() -> None:
    with pytest.raises(ConfigError, match="known"):
        summarizer("gpt")


def _two_outlets(first: str, second: str) -> Story:
    """A story of article "a" by Alpine Times and article "b" by Valley Post."""
    return Story(
        "s1",
        (
            make_article(first, id="a", outlet="Alpine Times"),
            make_article(second, id="b", outlet="Valley Post"),
        ),
    )


def test_two_outlets_telling_one_claim_in_other_words_give_one_summary_sentence() -> None:
    crushed = "A young man was crushed to death on Thursday when a huge wooden cross fell in Cevo."
    collapsed = "The giant crucifix in the village of Cevo collapsed and killed a 21-year-old."
    story = _two_outlets(f"{crushed}\n{SHELTER}", f"{collapsed}\n{RAIN}")

    def telling(summary: tuple[SummarySentence, ...]) -> list[SummarySentence]:
        return [s for s in summary if s.sources[0].text in (crushed, collapsed)]

    assert len(telling(summarize(story, words=100))) == 2  # their words do not look alike
    told_alike = {("a", 0): 7, ("b", 0): 7}  # the agreement stage's fact: one claim
    summary = summarize(story, words=100, told_alike=told_alike)
    (told,) = telling(summary)
    assert {source.article for source in told.sources} == {"a", "b"}
    assert told.support == 2
    assert {SHELTER, RAIN} <= {s.sources[0].text for s in summary}


def test_a_sentence_addressing_the_reader_is_never_summarized_but_a_quoted_you_may_be() -> None:
    advice = "Act like being in the council chamber matters to you, the post said to the mayor."
    quoted = 'Mayor Lena Ortiz told residents: "We will not leave you without power tonight."'
    story = _two_outlets(f"{FLOOD}\n{advice}\n{quoted}", f"{BRIDGE}\n{SHELTER}")
    sources = [s.sources[0].text for s in summarize(story, words=200)]
    assert advice not in sources
    assert quoted in sources


@pytest.mark.parametrize(
    "furniture",
    [
        "3. Get an antivirus program from the council's website and keep it updated.",
        "_ Residents of the flooded streets were offered rooms in the two school gyms.",
        "Q. Will the council pay for the repairs to the homes flooded this week?",
        "(The council's spokesman, Tom Price, would not comment on the cost of the work.)",
        "The day news editor is Tom Price, 404-555-0187, tprice(at)example.com, for questions.",
        "Rita Vance writes for the Riverside Courier, which serves the flooded county.",
        "Starring Nora Quinn, Tom Hale, Ada Price, Lee Ward and Max Bell.",
        "Which is a good thing for the council and for the residents of the town.",
        "I remain concerned that the repairs approved today do not include the river wall.",
        "We will rebuild the bridge over the river before the winter, the council said.",
    ],
)
def test_list_items_asides_contacts_and_writer_notes_are_never_summarized(furniture: str) -> None:
    story = _two_outlets(f"{FLOOD}\n{furniture}", f"{BRIDGE}\n{SHELTER}")
    sources = [s.sources[0].text for s in summarize(story, words=200)]
    assert furniture not in sources
    assert FLOOD in sources


def test_a_sentence_naming_an_initial_a_is_no_answer_of_a_column() -> None:
    khan = "A. Q. Khan, the engineer, told the council the dam would hold through the storm."
    story = _two_outlets(f"{FLOOD}\n{khan}", f"{BRIDGE}\n{SHELTER}")
    assert khan in [s.sources[0].text for s in summarize(story, words=300)]


def test_a_connective_between_commas_leaves_a_sentence_dangling() -> None:
    contrast = "The bridge stayed closed, however, and the ferry carried the commuters across."
    story = _two_outlets(f"{FLOOD}\n{contrast}", f"{BRIDGE}\n{SHELTER}")
    assert contrast not in [s.sources[0].text for s in summarize(story, words=300)]
