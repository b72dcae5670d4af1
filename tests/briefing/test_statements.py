"""Statements and their anchors: counted quantities, dates, names, negation."""

from __future__ import annotations

from conftest import make_article

from newsweave.briefing.agreement.clauses import clauses
from newsweave.briefing.agreement.figures import quantities
from newsweave.briefing.agreement.statements import anchors, article_statements


def test_a_count_keeps_what_it_counts_in_singular() -> None:
    (found,) = quantities("Some 2,000 dock workers walked out on Monday.")
    assert found.unit == {"dock", "worker"}
    assert not found.exact  # "some 2,000" is an estimate


def test_a_bound_is_compatible_with_a_value_inside_it() -> None:
    (at_least,) = quantities("At least 19 states joined the lawsuit.")
    (twenty,) = quantities("The 20 states suing the company say so.")
    (ten,) = quantities("Only 10 states joined.")
    assert at_least.compatible(twenty)
    assert not at_least.compatible(ten)


def test_a_range_is_one_quantity() -> None:
    (share,) = quantities("Between 3 and 5 percent of children are affected.")
    assert (share.low, share.high, share.unit) == (3.0, 5.0, frozenset({"%"}))


def test_rounded_figures_agree_with_precise_ones() -> None:
    (precise,) = quantities("The party won 43.6 percent of the vote.")
    (rounded,) = quantities("The party won 44 percent of the vote.")
    assert precise.compatible(rounded)


def test_years_and_days_of_the_month_are_not_counts() -> None:
    assert quantities("In 2020 the plant closed on March 3 after 12 years.")[0].unit == {"year"}
    assert len(quantities("In 2020 the plant closed on March 3 after 12 years.")) == 1


def test_negation_records_what_is_negated() -> None:
    found = anchors("The minister did not sign the agreement.")
    assert found.negations == 1
    assert "sign" in found.negated_words


def test_relative_dates_resolve_against_publication() -> None:
    article = make_article(
        "The two leaders will meet in Geneva next Wednesday, officials said.",
        published="2021-06-11",
    )
    (statement,) = article_statements(article, min_words=5)
    assert "2021-06-16" in statement.anchors.dates


def test_questions_and_fragments_are_not_statements() -> None:
    article = make_article("What happens next?\nGENEVA\nThe summit opens on Wednesday in Geneva.")
    assert [s.text for s in article_statements(article, min_words=5)] == [
        "The summit opens on Wednesday in Geneva."
    ]


def test_a_sentence_joining_two_claims_gives_two_statements_citing_it() -> None:
    sentence = "Putin will meet Biden in Geneva next week, but the Kremlin expects no breakthrough."
    article = make_article("GENEVA\n" + sentence)
    first, second = article_statements(article, min_words=5)
    assert first.text == "Putin will meet Biden in Geneva next week"
    assert second.text == "the Kremlin expects no breakthrough."
    for statement in (first, second):
        assert statement.sentence.text == sentence  # the source sentence is cited verbatim
        assert article.text[statement.start : statement.end] == statement.text


def test_coordinated_words_without_their_own_verb_are_not_cut() -> None:
    text = "The United States imposed sanctions on Russia and China, and new export curbs on chips."
    assert clauses(text) == [(0, len(text))]
    quoted = 'He said "we will meet, and we will talk about everything" on Monday in Geneva.'
    assert clauses(quoted) == [(0, len(quoted))]
    joined = "The union asked for 9 percent; the port offered 4 percent on Friday."
    assert [joined[a:b] for a, b in clauses(joined)] == [
        "The union asked for 9 percent",
        "the port offered 4 percent on Friday.",
    ]


def test_a_relative_clauses_verb_is_not_the_verb_of_a_cut() -> None:
    # stories-dev's Washington Post sentence once listed "a lawyer who argued the case before
    # the court, called ..." as an exclusive of its own
    text = (
        "Margie Phelps, the daughter of the founder, the Rev. Fred W. Phelps, and a lawyer who "
        "argued the case before the court, called the decision a providential ruling."
    )
    assert clauses(text) == [(0, len(text))]
    joined = "The fire spread quickly, and the firm that owns it said it would rebuild."
    assert len(clauses(joined)) == 2


def test_advice_to_the_reader_is_no_statement() -> None:
    text = (
        "The company will offer two years of free credit monitoring to every worker.\n\n"
        "Third, take up the free credit monitoring the company offers.\n\n"
        "Check your bank statements for payments you do not recognise."
    )
    found = [s.text for s in article_statements(make_article(text), 5)]
    assert found == ["The company will offer two years of free credit monitoring to every worker."]


def test_a_figures_context_is_read_where_it_is_written_whole() -> None:
    text = "Its Tupolev 154-300 lost radar contact over the bay about 30 minutes after takeoff."
    (_, minutes) = anchors(text).quantities
    assert minutes.text == "30" and {"bay", "minute", "takeoff"} <= minutes.context
    assert "tupolev" not in minutes.context  # the "30" of "154-300" is not this figure


def test_a_conversion_in_parentheses_is_as_exact_as_what_it_converts() -> None:
    (miles,) = quantities("The quake struck about 64km (40 miles) north of the port.")
    assert (miles.text, miles.exact) == ("40", False) and miles.low < 39 < miles.high
    (dollars,) = quantities("Ministers agreed a 90 billion ($120 billion) loan.")
    assert dollars.exact and dollars.low == dollars.high == 120e9


def test_a_figure_with_a_leading_point_is_a_decimal_fraction() -> None:
    (written,) = quantities("Police said he carried a .44 caliber pistol.")
    assert written.value == 0.44
    (moved,) = quantities("He aimed a. 22 caliber rifle at the deputies.")  # the space moved
    assert moved.value == 0.22
    assert 0.5 not in [q.value for q in quantities("It ranked No. 5 among 12 hotels.")]
