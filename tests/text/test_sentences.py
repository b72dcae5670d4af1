"""Sentence splitting: exact offsets, and the news constructions that must stay whole."""

from __future__ import annotations

import pytest

from newsweave.text.sentences import first_rough_sentence, rough_sentences, split_sentences


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


def test_every_sentence_is_the_exact_slice_of_the_text() -> None:
    text = "  Headline without a stop\n\nFirst one.   Second one!\n\n\n  Third?  \n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Headline without a stop",
        "First one.",
        "Second one!",
        "Third?",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    assert [s.index for s in sentences] == [0, 1, 2, 3]


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == ()
    assert split_sentences(" \n\n ") == ()


def test_quotation_followed_by_its_attribution_is_one_sentence() -> None:
    text = "“I’m not afraid. But I bear in mind that it is a possibility,” Putin told NBC. He left."
    assert texts(text) == [
        "“I’m not afraid. But I bear in mind that it is a possibility,” Putin told NBC.",
        "He left.",
    ]


def test_straight_quotes_with_attribution_stay_whole() -> None:
    text = '"We will go. We will win," he said. "Is it over? I think so," Smith said.'
    assert texts(text) == [
        '"We will go. We will win," he said.',
        '"Is it over? I think so," Smith said.',
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S. Senate met on Jan. 6 with Mr. Putin and Gov. Smith present.",
        "It was No. 3 on the list of Dr. J. R. Smith of St. Louis.",
        "Sen. Bob Smith, D-Calif., said the vote would come at 1 p.m. Monday in Washington.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(sentence: str) -> None:
    assert texts(f"{sentence} The next one starts here.") == [sentence, "The next one starts here."]


def test_numbers_with_points_do_not_end_a_sentence() -> None:
    text = "It cost $2.5 million, up 1.5% from last year. Prices rose."
    assert texts(text) == ["It cost $2.5 million, up 1.5% from last year.", "Prices rose."]


def test_ellipsis_inside_a_quotation_does_not_end_it() -> None:
    text = (
        "“This is the only way … to prevent further degradation,” Peskov said. "
        "“We were... not sure,” he said."
    )
    assert texts(text) == [
        "“This is the only way … to prevent further degradation,” Peskov said.",
        "“We were... not sure,” he said.",
    ]


def test_each_line_is_a_paragraph_but_a_hard_wrap_is_joined() -> None:
    text = "A headline\nThe body goes on and\nis wrapped here. Done."
    assert texts(text) == ["A headline", "The body goes on and\nis wrapped here.", "Done."]


def test_mixed_case_word_after_a_full_stop_starts_a_new_sentence() -> None:
    assert texts("Apple sold phones. iPhone sales rose.") == [
        "Apple sold phones.",
        "iPhone sales rose.",
    ]


ROUGH_TEXTS = [
    "\n\n  \nMr. Smith met Gen. Adams in the U.S. capital. They talked.\nNext line",
    "A headline with no stop\n\n“It is over,” she said. Then she left!",
    "   ",
    "",
]


@pytest.mark.parametrize("text", ROUGH_TEXTS)
def test_the_first_rough_sentence_is_the_first_of_the_rough_split(text: str) -> None:
    pieces = rough_sentences(text)
    assert first_rough_sentence(text) == (pieces[0] if pieces else "")


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            ROUGH_TEXTS[0],
            ["Mr. Smith met Gen. Adams in the U.S. capital.", "They talked.", "Next line"],
        ),
        (  # a word that only ends like a title ("HarMr.") still ends its sentence
            "The deal closed in Sept. after talks. HarMr. Lee left at 5 p.m. and went home. Done",
            [
                "The deal closed in Sept. after talks.",
                "HarMr.",
                "Lee left at 5 p.m. and went home.",
                "Done",
            ],
        ),
    ],
)
def test_the_rough_split_cuts_at_sentence_ends_but_not_after_titles_or_initials(
    text: str, pieces: list[str]
) -> None:
    assert rough_sentences(text) == pieces
