"""Publication dates as real feeds write them, in other languages too."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import newsweave
from newsweave.clean.dateline import parse_published, without_dateline

BODY = (
    "The harbour authority reopened the eastern dock on Monday after a week of repairs to the "
    "sea wall, and ferries to the islands will run on the summer timetable from Friday."
)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Seg, 24 Set 2018 10:31:00 -0300", datetime(2018, 9, 24, 10, 31)),  # Portuguese RSS
        ("Qua, 05 Dez 2018 08:00:00 -0200", datetime(2018, 12, 5, 8, 0)),
        ("lunes, 3 de febrero de 2020", datetime(2020, 2, 3)),  # Spanish
        ("mié., 10 oct. 2018 14:00:00 +0200", datetime(2018, 10, 10, 14, 0)),
        ("Mon, 24 Sep 2018 10:31:00 GMT", datetime(2018, 9, 24, 10, 31)),
    ],
)
def test_feed_dates_in_portuguese_and_spanish_are_read(written: str, meant: datetime) -> None:
    assert parse_published(written) == meant


@pytest.mark.parametrize("words", ["next week", "segunda-feira", "12 de 2018 ainda", "Foo 12 Bar"])
def test_words_without_a_full_date_stay_undated(words: str) -> None:
    assert parse_published(words) is None


def test_a_brazilian_feed_item_gets_its_publication_date(tmp_path: Path) -> None:
    feed = tmp_path / "uol.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>UOL</title>'
        f"<item><title>Porto reabre</title><description>{BODY}</description>"
        "<pubDate>Seg, 24 Set 2018 10:31:00 -0300</pubDate></item></channel></rss>",
        encoding="utf-8",
    )
    (article,) = newsweave.read([feed])
    assert article.published == datetime(2018, 9, 24, 10, 31)


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        ("ALBANY, N.Y. (AP) - Health officials said the virus is present.", "Health officials"),
        ("Washington _ Former Speaker Lee Ward filed for divorce.", "Former Speaker"),
        ("(CNN) -- Japan and the United States signed an agreement.", "Japan and"),
        ("ASTORIA, Ore. _ The ferry ran aground.", "The ferry"),
        ("BEIJING, March 3 (Xinhua) -- China said.", "China said"),
        ("PESHAWAR: Two security guards were shot on Sunday.", "Two security"),
        ("20 July 2014 – The Security Council on Sunday called for a ceasefire.", "The Security"),
        ("July 20, 2014 - The council met.", "The council"),
        ("INDIANAPOLIS - Indiana Senate Republicans have fired back.", "Indiana Senate"),
        ("FAIRVIEW, W.Va. - The coal was piled high.", "The coal"),
    ],
)
def test_a_leading_dateline_is_cut_for_display(sentence: str, shown: str) -> None:
    assert without_dateline(sentence).startswith(shown)


@pytest.mark.parametrize(
    "sentence",
    [
        "The company (Apple Inc) - Shares rose on Monday.",
        "UPDATE - the council met again.",
        "Smith _ who had left early _ was not told.",
        "Note: the figures are rough.",
        "20 July 2014 was a Sunday.",
    ],
)
def test_a_sentence_without_a_dateline_is_shown_whole(sentence: str) -> None:
    assert without_dateline(sentence) == sentence
