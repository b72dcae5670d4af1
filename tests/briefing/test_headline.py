"""The story's headline: the title most outlets share, never a site's section label."""

from __future__ import annotations

import pytest
from conftest import make_article

from newsweave.briefing.headline import choose_headline, is_section_label
from newsweave.models import Story


def test_the_title_sharing_most_words_with_the_others_names_the_story() -> None:
    a = make_article("Putin and Biden will meet in Geneva.", id="a", title="Putin, Biden to meet")
    b = make_article(
        "The presidents meet in Geneva on June 16.", id="b", title="Geneva summit set for June 16"
    )
    c = make_article(
        "Putin will meet Biden in Geneva.", id="c", title="Putin to meet Biden in Geneva"
    )
    assert choose_headline(Story("s", (a, b, c))) == "Putin to meet Biden in Geneva"


def test_a_section_label_given_as_a_title_is_no_headline() -> None:
    # stories-dev: an IndyStar archive page titled by its section
    article = make_article(
        "An Indiana state senator from Carmel today announced he will not run for Congress.",
        title="Indianapolis Politics/Government",
    )
    assert choose_headline(Story("s", (article,))).startswith("An Indiana state senator")


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Indianapolis Politics/Government", True),
        ("News/Local", True),
        ("AC/DC Announce Tour", False),
        ("Fed/Treasury clash over rates", False),
        ("The FIFA/Coca-Cola World Ranking", False),
    ],
)
def test_section_labels(title: str, label: bool) -> None:
    assert is_section_label(title) is label
