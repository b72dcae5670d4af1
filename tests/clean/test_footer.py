"""The outlet an article's own footer names, taken when its reader gave none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.clean.footer import footer_outlet
from newsweave.models import Article
from newsweave.pipeline import read_articles

# A text file of the shape a site's saved page has: trail, headline, caption, body, footer.
HEAD = (
    "News / Ports\n\n"
    "Ferry strike ends as harbour deal is signed\n\n"
    "Crews leave the eastern dock on Monday. (Photo by Ines Varga)\n\n"
)
BODY = (
    "The ferry strike at the port of Lundgate ended on Monday after crews signed a two-year "
    "pay deal with the harbour board.\n\n"
    "Sailings to the islands will resume on Wednesday, the board said."
)
MIRROR = "Harbour Post’s website can also be accessed at the following alternate addresses:"


def read_one(tmp_path: Path, text: str, name: str = "harbour-2021-06-16.txt") -> Article:
    """The one article read and cleaned from a text file holding `text`."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    articles = list(read_articles([path]))
    assert len(articles) == 1 and isinstance(articles[0], Article)
    return articles[0]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (MIRROR, "Harbour Post"),
        ("© 2021 Harbour Post. All rights reserved.", "Harbour Post"),
        ("Copyright 2021 Harbour Post", "Harbour Post"),
        ("Copyright © Harbour Post 2020", "Harbour Post"),
        ("© 2020–2021 Bay Courier | All Rights Reserved", "Bay Courier"),
        (
            "© 2021 Lundgate News Network. A Tidewater Company. All rights reserved.",
            "Lundgate News Network",
        ),
        ("Copyright 2021, Tidewater Media Inc. All rights reserved.", "Tidewater Media Inc."),
        ("© Voice of the Isles 2021", "Voice of the Isles"),
        ("© 2021 HPTV", "HPTV"),
        (
            "Copyright 1998 Isles News Agency (English Service). All rights reserved.",
            "Isles News Agency",
        ),
    ],
)
def test_a_footer_names_its_outlet_as_written(line: str, name: str) -> None:
    assert footer_outlet(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "Our site can also be reached at the following alternate addresses:",
        "All rights reserved.",
        "© 2021. All rights reserved.",
        "© 2021",
        "Photo: © 2021 The Associated Press",
        "© Getty Images",
        "Copyright 2021 by Ines Varga",
        "COPYRIGHT 2021 THE HARBOUR POST CO.",
        "Copyright 2021 rules changed for the ferries.",
        "© 2021 The",
        "© 2021 Harbour Post and its many readers across the islands",
    ],
)
def test_a_line_that_names_no_outlet_gives_none(line: str) -> None:
    assert footer_outlet(line) is None


def test_the_footer_names_the_outlet_of_a_file_with_none(tmp_path: Path) -> None:
    article = read_one(tmp_path, f"{HEAD}{BODY}\n\n{MIRROR}\n\nHarbour Post News Roku\n")
    assert article.outlet == "Harbour Post"
    assert "clean: outlet named by its footer: Harbour Post" in article.notes
    assert MIRROR in article.removed
    assert article.text == BODY


def test_an_outlet_the_reader_gave_wins_over_the_footer(tmp_path: Path) -> None:
    record = {"outlet": "Lundgate Times", "text": f"{BODY}\n\n© 2021 Harbour Post."}
    path = tmp_path / "crawl.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = read_articles([path])
    assert isinstance(article, Article)
    assert article.outlet == "Lundgate Times"
    assert not any("footer" in note for note in article.notes)


def test_a_dateline_wire_keeps_its_name_over_the_footer(tmp_path: Path) -> None:
    text = f"LUNDGATE (Isles Wire) — {BODY}\n\n© 2021 The Isles Wire Service. All rights reserved."
    article = read_one(tmp_path, text)
    assert article.outlet is None
    assert article.voice == "Isles Wire"


@pytest.mark.parametrize(
    "footer",
    [
        "Our site can also be reached at the following alternate addresses:",
        "Photo © 2021 The Associated Press. All rights reserved.",
        "Copyright 2021 by Ines Varga",
    ],
)
def test_a_credit_or_junk_footer_gives_no_outlet(tmp_path: Path, footer: str) -> None:
    article = read_one(tmp_path, f"{HEAD}{BODY}\n\n{footer}\n")
    assert footer in article.removed
    assert article.outlet is None
    assert not any("footer" in note for note in article.notes)


def test_a_rights_line_among_the_paragraphs_is_a_pictures_credit(tmp_path: Path) -> None:
    body = BODY.replace("\n\n", "\n\n© The Associated Press\n\n")
    article = read_one(tmp_path, f"{HEAD}{body}\n")
    assert "© The Associated Press" in article.removed
    assert article.outlet is None


def test_footers_naming_two_outlets_give_none(tmp_path: Path) -> None:
    footers = "© 2021 The Isles Wire. All rights reserved.\n\n© 2021 Harbour Post"
    assert read_one(tmp_path, f"{HEAD}{BODY}\n\n{footers}\n").outlet is None
