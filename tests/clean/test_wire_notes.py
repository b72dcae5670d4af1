"""A news service's notes to editors go to `removed`; the lead, its dateline and the news stay.

The texts imitate the wire copy of the AP and New York Times services of the late 1990s (the
DUC and TDT archives), with invented names and numbers.
"""

from __future__ import annotations

import pytest

from newsweave.clean.cleaner import clean
from newsweave.clean.wire_notes import agency_byline_end, is_editor_note
from newsweave.models import Article, Dateline, RawArticle

LEAD = (
    "A ferry carrying 212 passengers ran aground near the harbour on Tuesday, and the coast "
    "guard said everyone aboard was taken off safely."
)
MORE = "The harbour master said the channel would stay closed until the hull was inspected."


def cleaned(text: str) -> Article:
    return clean(RawArticle(source="wire.txt", text=text, title="Ferry runs aground"), "w1")


@pytest.mark.parametrize(
    "note",
    [
        "(ATTN: Ore., Wash.) (ART ADV: Photo is being sent to NYT photo clients. Non-subscribers "
        "can make individual purchase by calling (888) 555-0100 or (888) 555-0101.)",
        "(ART ADV.: A graphic is being sent to NYTNS clients.)",
        "ATTENTION EDITORS: This article is for use by clients of the syndicate's weekly column.",
        "(EDS: MOVING TO (a) General news and (p) National political categories.)",
        "NONSUBSCRIBERS: To publish a separate-buy feature article, it must be purchased.",
        "(--U.S. and Canada: ANNA ROWE in Trenton at 1-555-390-0100; fax, 555-390-0101.",
        "(_ Europe and Asia: PAUL KERN in Paris at 47-42-00-00; fax, 47-42-00-01.",
        "----- This article is also available in Spanish.-----",
        "(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)",
        '(To publish this "separate buy" article, it must be purchased from a sales '
        "representative.)",
    ],
)
def test_notes_to_editors_are_recognised(note: str) -> None:
    assert is_editor_note(note)


@pytest.mark.parametrize(
    "paragraph",
    [
        LEAD,
        "(The company's purchase of the port was approved by regulators on Friday.)",
        "(CNN) -- A ferry ran aground near the harbour on Tuesday.",
        "Editors at the newspaper said the clients of the bank had not been told.",
        "(1) where and when the accident took place;",
        "EDITOR'S NOTE - correction: the ferry carried 212 passengers, not 221.",
        "-- Europe: shares in the ferry companies fell 2 percent on the news.",
        "(Lawyers for the syndicate's clients said they would appeal.)",
    ],
)
def test_news_is_not_a_note(paragraph: str) -> None:
    assert not is_editor_note(paragraph)


def test_the_notes_and_slug_above_a_story_go_to_removed_and_the_body_stays() -> None:
    slug = (
        "(ATTN: Ore.) (ART ADV: Photo is being sent to NYT photo clients. Non-subscribers can "
        "make individual purchase by calling (888) 555-0100 or (888) 555-0101.) (nk) By JANE "
        "DOE c.1998 N.Y. Times News Service"
    )
    sales = "(--U.S. and Canada: ANNA ROWE in Trenton at 1-555-390-0100; fax, 555-390-0101."
    article = cleaned(f"{slug}\n\nASTORIA, Ore. _ {LEAD}\n\n{MORE}\n\n{sales}")
    assert article.text == f"ASTORIA, Ore. _ {LEAD}\n\n{MORE}"
    assert slug in article.removed and sales in article.removed
    assert article.dateline == Dateline(place="ASTORIA", wire=None)
    assert article.sentences[0].text == f"ASTORIA, Ore. _ {LEAD}"  # not cut at "Ore."


def test_a_headline_glued_before_the_credit_note_goes_with_it() -> None:
    slug = (
        "FERRY SAFETY RULES FACE A REVIEW AFTER THE ACCIDENT IN THE HARBOUR (For use by New "
        "York Times News Service clients) By JOHN ROE c. 1999 Astoria Daily Gazette"
    )
    article = cleaned(f"{slug}\n\n{LEAD}\n\n{MORE}")
    assert article.text == f"{LEAD}\n\n{MORE}"
    assert slug in article.removed


@pytest.mark.parametrize(
    "before",
    ["", "laws ", "AP Photo ORE101 ", "Eds: RECAPS pvs "],
    ids=["alone", "headline", "photo", "eds"],
)
@pytest.mark.parametrize("press", ["Press", "press"])  # both as wire copy prints them
def test_an_agency_byline_glued_to_the_lead_is_cut_and_the_dateline_kept(
    before: str, press: str
) -> None:
    byline = f"{before}By MARY ANNE LOPEZ Associated {press} Writer"
    article = cleaned(f"{byline} ASTORIA, Ore. (AP) _ {LEAD} {MORE}")
    assert article.text == f"ASTORIA, Ore. (AP) _ {LEAD} {MORE}"
    assert byline in article.removed
    assert article.dateline == Dateline(place="ASTORIA", wire="AP")


def test_a_byline_without_a_dateline_after_it_is_left_in_the_text() -> None:
    text = "By the time the Associated Press writer arrived, the ferry had sunk."
    assert agency_byline_end(text) is None
    assert agency_byline_end(f"By MARY LOPEZ Associated Press Writer {LEAD}") is None


@pytest.mark.parametrize(
    "note",
    [
        "Eds: UPDATES with the harbour master's comments",
        "EDS: LEADS with coast guard statement; CORRECTS name in 2nd graf; TRIMS",
        "Eds: Contains items from Oregon and Washington. May By The Associated Press",
    ],
)
def test_a_one_paragraph_story_after_a_note_keeps_its_lead(note: str) -> None:
    article = cleaned(f"{note} ASTORIA, Ore. (AP) _ {LEAD} {MORE}")
    assert article.text == f"ASTORIA, Ore. (AP) _ {LEAD} {MORE}"
    assert note in article.removed


def test_a_long_paragraph_opening_with_a_note_label_is_kept() -> None:
    long = "Eds: " + " ".join([MORE] * 12)  # no dateline to cut at, too long to be a note
    assert not is_editor_note(long)
