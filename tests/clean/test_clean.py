"""Cleaning: boilerplate goes to `removed`, the body stays, dates and datelines are read."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newsweave.clean.cleaner import clean
from newsweave.models import Article, Dateline, RawArticle

BODY = (
    "The council approved the budget on Tuesday after a long debate.\n\n"
    "He declined to comment.\n\n"
    "The vote was 7 to 2."
)


def cleaned(
    text: str, *, title: str | None = None, published: str | None = None, outlet: str | None = None
) -> Article:
    raw = RawArticle(source="test.txt", text=text, title=title, published=published, outlet=outlet)
    return clean(raw, "a1")


def sample(shared: Path, name: str) -> Article:
    path = shared / "samples" / name
    return clean(RawArticle(source=str(path), text=path.read_text(encoding="utf-8")), path.stem)


# --- the article id ---------------------------------------------------------------------------


def test_article_id_is_the_record_id_or_a_stable_content_hash() -> None:
    raw = RawArticle(source="a.txt", text="Leaders met  in Geneva.\n", outlet="X")
    same = RawArticle(source="elsewhere/b.txt", text="Leaders met in Geneva.", outlet="X")
    repost = RawArticle(source="c.txt", text="Leaders met in Geneva.", outlet="Y")
    assert clean(RawArticle(source="a", text="t", record_id="abc-1")).id == "abc-1"
    assert clean(raw).id == clean(same).id == "a4edbe92fd21b"  # the store and the JSON keep it
    assert clean(raw).id != clean(repost).id
    assert clean(raw, "given").id == "given"


# --- the three real samples -------------------------------------------------------------------

SAMPLES = [
    "local-cnn-repost-2021-06-11.txt",
    "newsnation-2021-06-14.txt",
    "presstv-2021-06-16.txt",
]
NEVER_IN_TEXT = [
    "[ad_1]",
    "(Photo by",
    "News \u00a0 / \u00a0 Russia",
    "News / Russia",
    "This combination of pictures",
    "Press TV News Roku",
    "alternate addresses",
    " date 2021-",
]


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_text_has_no_boilerplate_and_exact_sentences(shared: Path, name: str) -> None:
    article = sample(shared, name)
    for boilerplate in NEVER_IN_TEXT:
        assert boilerplate not in article.text
    assert "\u00a0" not in article.text
    assert article.sentences
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text


def test_cnn_repost_date_comes_from_the_header_line(shared: Path) -> None:
    article = sample(shared, "local-cnn-repost-2021-06-11.txt")
    assert article.published == datetime(2021, 6, 11)
    assert article.removed[0] == "date 2021-06-11 National-World"
    assert article.outlet is None


def test_cnn_repost_keeps_peskovs_quote_as_one_sentence(shared: Path) -> None:
    article = sample(shared, "local-cnn-repost-2021-06-11.txt")
    quote = [s.text for s in article.sentences if s.text.startswith("“The main reason for him")]
    assert len(quote) == 1
    assert quote[0].endswith("our dialogue,” Peskov told CNN.")


def test_newsnation_header_and_glued_caption_are_removed(shared: Path) -> None:
    article = sample(shared, "newsnation-2021-06-14.txt")
    assert article.published == datetime(2021, 6, 14)
    assert article.removed[0] == "date 2021-06-14"
    assert article.removed[1].startswith("(COMBO) This combination of pictures")
    assert article.removed[2].endswith("via Getty Images)")
    assert article.text.startswith("GENEVA (NewsNation Now) — Russia and the United States")


def test_the_news_summary_inside_an_agency_caption_is_kept_last(shared: Path) -> None:
    article = sample(shared, "newsnation-2021-06-14.txt")
    closing = article.text.split("\n\n")[-1]
    assert closing.startswith("Russian President Vladimir Putin said on June 4, 2021")
    assert "later this month" in closing and "(Photo" not in closing
    assert any("caption was kept" in note for note in article.notes)


def test_a_plain_caption_is_not_split() -> None:
    article = cleaned(
        "Flags fly outside the villa ahead of the summit in Geneva, on June 15, 2021. "
        f"(Photo by AFP)\n\n{BODY}"
    )
    assert article.removed[0].startswith("Flags fly outside the villa")
    assert "Flags" not in article.text


def test_newsnation_dateline_names_place_and_wire_but_not_the_outlet(shared: Path) -> None:
    article = sample(shared, "newsnation-2021-06-14.txt")
    assert article.dateline == Dateline(place="GENEVA", wire="NewsNation Now")
    assert article.outlet is None


def test_newsnation_keeps_jan_6_and_the_putin_quote_whole(shared: Path) -> None:
    sentences = [s.text for s in sample(shared, "newsnation-2021-06-14.txt").sentences]
    assert any("Jan. 6 capital riot" in s for s in sentences)
    assert (
        "“I’m not afraid. But I bear in mind that it is a possibility,” Putin told NBC."
        in sentences
    )


def test_presstv_headline_becomes_the_title_and_captions_go(shared: Path) -> None:
    article = sample(shared, "presstv-2021-06-16.txt")
    title = "Tough diplomatic face-off: Putin, Biden to meet as US-Russia relations hit rock bottom"
    assert article.title == title
    assert title in article.removed
    assert title not in article.text
    captions = [line for line in article.removed if line.startswith("Flags of Russia")]
    assert len(captions) == 2
    assert all("(Photo by" in caption for caption in captions)


def test_presstv_outlet_is_the_one_its_footer_names(shared: Path) -> None:
    article = sample(shared, "presstv-2021-06-16.txt")
    assert article.outlet == "Press TV"
    assert "clean: outlet named by its footer: Press TV" in article.notes


def test_presstv_keeps_short_body_paragraphs_and_its_subheading(shared: Path) -> None:
    article = sample(shared, "presstv-2021-06-16.txt")
    paragraphs = article.text.split("\n\n")
    assert (
        "Putin is due to arrive at the venue first, followed by Biden, and with Swiss President "
        "Guy Parmelin acting as the host." in paragraphs
    )
    assert "Mutual grievances on agenda" in paragraphs
    assert paragraphs[-1].startswith("The Geneva summit, which will take place")


@pytest.mark.parametrize("name", SAMPLES)
def test_every_input_line_is_in_the_text_or_in_removed(shared: Path, name: str) -> None:
    path = shared / "samples" / name
    article = sample(shared, name)
    kept = " ".join(article.text.split())
    removed = " ".join(" ".join(article.removed).split())
    for line in path.read_text(encoding="utf-8").splitlines():
        for word in line.split():
            assert word in kept or word in removed, word


# --- each kind of boilerplate, on invented text ------------------------------------------------


def test_ad_markers_on_their_own_line_and_inline_are_cut_and_recorded() -> None:
    article = cleaned(
        f"[ad_1]\n\nThe mayor resigned on Friday. [ad_2] She gave no reason.\n\n{BODY}"
    )
    assert "[ad_" not in article.text
    assert "The mayor resigned on Friday. She gave no reason." in article.text
    assert article.removed == ("[ad_1]", "[ad_2]")


@pytest.mark.parametrize(
    "caption",
    [
        "The mayor speaks at city hall on June 3, 2021. (Photo by Jane Roe)",
        "The mayor at city hall. (Photo: City of Springfield)",
        "Photo credit: Springfield Gazette",
        "(COMBO) This combination of pictures shows the two candidates.",
        "The two candidates at a debate. (JOHN ROE / AFP)",
        "The mayor waves to supporters. JOHN ROE/AFP via Getty Images",
        "FILE - In this Jan. 5, 2019 file photo, the mayor greets voters in Springfield.",
        "In this June 3 photo, the mayor speaks at city hall.",
        "SPRINGFIELD, ILLINOIS - JUNE 3: The mayor speaks at city hall on June 3, 2021.",
    ],
)
def test_photo_captions_and_credits_are_removed(caption: str) -> None:
    article = cleaned(f"{BODY}\n\n{caption}\n\nThe council meets again in July.")
    assert caption not in article.text
    assert article.removed == (caption,)
    assert article.text.endswith("The council meets again in July.")


@pytest.mark.parametrize(
    "line",
    [
        "Related article: Springfield budget in numbers",
        "Related: Council votes on parks",
        "Read more: What the budget means for you",
        "READ MORE",
        "Also read: The mayor's first year",
        "See also: The park's new rules",
        "More on this story: Budget talks",
        "Recommended stories | Springfield",
        "ALSO READ",
        "Read also — The council's vote",
    ],
)
def test_links_to_other_articles_are_removed(line: str) -> None:
    article = cleaned(f"{BODY}\n\n{line}\n\nThe council meets again in July.")
    assert article.removed == (line,)


def test_related_as_an_ordinary_word_is_kept() -> None:
    article = cleaned("Related companies said they would appeal the ruling.\n\n" + BODY)
    assert article.removed == ()


@pytest.mark.parametrize(
    "crumb", ["News \u00a0 / \u00a0 Politics", "Home > World > Europe", "Sport » Football"]
)
def test_breadcrumbs_are_removed(crumb: str) -> None:
    article = cleaned(f"{crumb}\n\n{BODY}")
    assert article.removed == (crumb.strip(),)
    assert article.text == BODY


def test_a_slash_inside_a_sentence_is_not_a_breadcrumb() -> None:
    article = cleaned("AFC/CAF play-off\n\nThe teams and/or their fans met. " + BODY)
    assert article.removed == ()
    assert article.text.startswith("AFC/CAF play-off\n\nThe teams and/or their fans met.")


@pytest.mark.parametrize(
    "footer",
    [
        "The Gazette's website can also be accessed at the following alternate addresses:",
        "Follow us on Twitter and Facebook",
        "Subscribe to our daily newsletter",
        "Sign up for our newsletter",
        "Download our free news app",
        "Gazette News Roku",
        "Copyright © 2021 Springfield Gazette. All rights reserved.",
        "Click here for the full report",
        "The post Council approves budget appeared first on Springfield Gazette.",
    ],
)
def test_outlet_footers_and_prompts_are_removed(footer: str) -> None:
    article = cleaned(f"{BODY}\n\n{footer}")
    assert article.removed == (footer,)
    assert article.text == BODY


def test_a_sentence_about_a_post_that_appeared_first_is_kept() -> None:
    line = "The post office that appeared first on the list was closed in May, the council said."
    assert cleaned(f"{BODY}\n\n{line}").text == f"{BODY}\n\n{line}"


def test_a_sentence_about_an_app_platform_is_kept() -> None:
    line = "Roku said its streaming platform gained two million users in the quarter."
    assert cleaned(f"{line}\n\n{BODY}").text == f"{line}\n\n{BODY}"


def test_short_real_body_lines_are_kept() -> None:
    article = cleaned(BODY, title="Budget approved")
    assert article.text == BODY
    assert article.removed == ()


def test_subheading_inside_the_body_is_kept() -> None:
    text = f"{BODY}\n\nWhat happens next\n\nThe council meets again in July."
    assert "What happens next" in cleaned(text).text.split("\n\n")


# --- the top of the article: headline, labels, bylines, dates ----------------------------------


def test_headline_repeating_the_title_is_removed() -> None:
    article = cleaned(f"Council Approves Budget\n\n{BODY}", title="Council approves budget")
    assert article.removed == ("Council Approves Budget",)
    assert article.title == "Council approves budget"
    assert article.text == BODY


def test_headline_repeating_a_title_with_an_outlet_suffix_is_removed() -> None:
    article = cleaned(
        f"Council approves budget\n\n{BODY}", title="Council approves budget | Gazette"
    )
    assert article.removed == ("Council approves budget",)


def test_a_sentence_about_copyright_is_kept() -> None:
    line = "Copyright law changed in 1998 after a long campaign."
    assert cleaned(f"{line}\n\n{BODY}").removed == ()


def test_headline_becomes_the_title_when_the_record_has_none() -> None:
    article = cleaned(f"World\n\nCouncil approves budget after long debate\n\n{BODY}")
    assert article.title == "Council approves budget after long debate"
    assert article.removed == ("World", "Council approves budget after long debate")
    assert article.text == BODY


def test_bylines_and_date_lines_above_the_body_are_removed() -> None:
    article = cleaned(f"By Jane Roe and John Doe\n\nPublished: July 29, 2004\n\n{BODY}")
    assert article.removed == ("By Jane Roe and John Doe", "Published: July 29, 2004")
    assert article.published == datetime(2004, 7, 29)


def test_stamps_below_a_deck_are_removed_and_date_the_article() -> None:
    stamp, credit = "PUBLISHED: TUESDAY, MARCH 3, 2020, 2:29 PM", "c.2020 Midland Herald"
    deck = "Council approves budget after long debate\n\nThe mayor called it a fair deal."
    article = cleaned(f"{deck}\n\n{stamp}\n\n{credit}\n\n{BODY}")
    assert article.published == datetime(2020, 3, 3)
    assert stamp in article.removed and credit in article.removed
    assert article.text == "The mayor called it a fair deal.\n\n" + BODY


def test_a_date_before_a_dash_opening_the_lead_dates_the_article_and_stays() -> None:
    # UN News's form (stories-dev): "20 July 2014 – The Security Council on Sunday ..."
    lead = "20 July 2014 – The Security Council on Sunday called for a ceasefire."
    article = cleaned(f"{lead}\n\n{BODY}")
    assert article.published == datetime(2014, 7, 20)
    assert article.text.startswith(lead) and article.removed == ()
    assert cleaned(f"In July 2014 – the council met.\n\n{BODY}").published is None


def test_a_stamp_whose_date_cannot_be_read_is_removed_and_noted_nowhere() -> None:
    article = cleaned(f"Published: February 30, 2013\n\n{BODY}")
    assert article.removed == ("Published: February 30, 2013",)
    assert article.published is None
    assert not any("publication date" in note for note in article.notes)


def test_a_date_stamp_deep_in_the_body_stays() -> None:
    lines = [f"Paragraph {n} of the report says more." for n in range(10)]
    text = "\n\n".join([*lines, "March 3, 2020", BODY])
    assert "March 3, 2020" in cleaned(text).text


def test_a_text_that_is_all_short_lines_loses_nothing() -> None:
    text = "Apples\n\nPears\n\nPlums"
    assert cleaned(text).text == text


# --- dates and datelines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-06-16", datetime(2021, 6, 16)),
        ("2021-06-16T10:30:00+03:00", datetime(2021, 6, 16, 10, 30)),
        ("Wed, 16 Jun 2021 10:00:00 GMT", datetime(2021, 6, 16, 10, 0)),
        ("June 16, 2021", datetime(2021, 6, 16)),
        ("June 16", None),
        ("2 hours ago", None),
        ("Monday", None),
        ("not a date", None),
    ],
)
def test_published_is_parsed_without_guessing_a_year(value: str, expected: datetime | None) -> None:
    assert cleaned(BODY, published=value).published == expected


def test_record_date_wins_over_a_header_date() -> None:
    article = cleaned(f"date 2021-06-11 World\n\n{BODY}", published="2021-06-12")
    assert article.published == datetime(2021, 6, 12)
    assert article.removed == ("date 2021-06-11 World",)


def test_header_followed_by_body_text_keeps_the_body() -> None:
    article = cleaned("date 2021-06-11 The council approved the budget on Tuesday.\n\nMore.")
    assert article.published == datetime(2021, 6, 11)
    assert article.removed == ("date 2021-06-11",)
    assert article.text.startswith("The council approved the budget on Tuesday.")


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("GENEVA (Reuters) — The talks began.", Dateline("GENEVA", "Reuters")),
        ("WASHINGTON, June 3 (AP) - The Senate voted.", Dateline("WASHINGTON", "AP")),
        ("PINE RIDGE, S.D. (AP) -- The president arrived.", Dateline("PINE RIDGE", "AP")),
        ("LOS ANGELES — The fire spread.", Dateline("LOS ANGELES", None)),
        ("The talks began in GENEVA on Monday.", None),
    ],
)
def test_dateline_is_read_and_stays_in_the_text(opening: str, dateline: Dateline | None) -> None:
    article = cleaned(f"{opening}\n\n{BODY}", outlet=None)
    assert article.dateline == dateline
    assert article.text.startswith(opening)
    assert article.outlet is None


# --- normalisation ------------------------------------------------------------------------------


def test_whitespace_and_unicode_are_normalised() -> None:
    article = cleaned(
        "The  council\u00a0approved\u200b the budget.   \r\n\r\nCafe\u0301 owners cheered."
    )
    assert article.text == "The council approved the budget.\n\nCafé owners cheered."


def test_hard_wrapped_lines_are_joined() -> None:
    article = cleaned("The council approved the budget\non Tuesday after a long debate.")
    assert article.text == "The council approved the budget on Tuesday after a long debate."
    assert len(article.sentences) == 1


def test_a_one_paragraph_article_with_a_glued_rights_notice_keeps_its_body() -> None:
    body = " ".join(["The clinic treated more patients this year than ever before."] * 8)
    article = cleaned("COPYRIGHT 1998 BY EXAMPLE WIRE SERVICES, INC. ALL RIGHTS RESERVED. " + body)
    assert "The clinic treated more patients" in article.text
    assert article.sentences


def test_wire_staff_credits_are_removed_but_a_sentence_about_reporting_stays() -> None:
    article = cleaned(
        f"{BODY}\n\n(Reporting by Dana Ruiz; Editing by Simon Arle)\n\n"
        "Reporting by the agency suggested that the figures were wrong."
    )
    assert "(Reporting by Dana Ruiz; Editing by Simon Arle)" in article.removed
    assert "Reporting by the agency suggested" in article.text


@pytest.mark.parametrize(
    "credit",
    [
        "Additional reporting by Jo Smith in Paris",
        "Writing by Ann Lee; Editing by Tom Ray",
        "Compiled by Dana Ruiz",
        "Reporting\tby Dana Ruiz",
    ],
)
def test_staff_credit_lines_are_removed(credit: str) -> None:
    article = cleaned(f"{BODY}\n\n{credit}")
    assert article.removed == (credit,)


def test_a_sign_up_boxs_tagline_at_the_end_goes_with_its_prompt() -> None:
    tail = "Subscribe to our newsletter\n\nHarbour news that matters, every Monday and Friday."
    article = cleaned(f"{BODY}\n\n{tail}")
    assert article.text == BODY
    assert article.removed == tuple(tail.split("\n\n"))
    # Further up, what follows a prompt is the article going on.
    more = "The council will vote in June.\n\nThe works start in May.\n\nNo date is set."
    assert cleaned(f"{BODY}\n\nSign up for our newsletter\n\n{more}").text == f"{BODY}\n\n{more}"


def test_a_slideshow_caption_loses_its_picture_description_and_keeps_its_news() -> None:
    description = (
        "FILE - This Dec. 27, 1983 file photo provided by the city archive shows the mayor, "
        "left, talking with the council's founder in the old town hall."
    )
    news = (  # a paragraph over boilerplate_line_max_words: only its caption sentences go
        "The founder's diaries, published on Thursday, say the town hall was nearly sold in "
        "1984 to pay the city's debts, which the council had kept from voters for years. "
        "Historians at the university said the diaries matched the council's own minutes."
    )
    article = cleaned(f"{BODY}\n\n{description} {news} (AP Photo/Jane Roe, File)")
    assert description not in article.text and news in article.text
    assert description in article.removed and "(AP Photo/Jane Roe, File)" in article.removed
