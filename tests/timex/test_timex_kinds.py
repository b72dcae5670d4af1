"""Kinds of date expression that newswire of the 2010s uses and TBAQ rarely does: year ranges,
quarter codes, holidays, vague offsets without a number, bare "recent" (short invented texts)."""

from __future__ import annotations

from datetime import date

from newsweave.timex.expressions import find_expressions
from newsweave.timex.holidays import easter

THURSDAY = date(2013, 3, 14)


def _found(text: str, published: date | None = THURSDAY) -> dict[str, tuple[str, str | None]]:
    return {t.text: (t.type, t.value) for t in find_expressions(text, published)}


def _value(text: str, words: str, published: date | None = THURSDAY) -> str | None:
    found = _found(text, published)
    assert words in found, f"{words!r} not found in {sorted(found)}"
    return found[words][1]


def test_parts_of_a_month_or_year_at_a_sentence_start() -> None:
    assert _value("Mid-March sales were slow.", "Mid-March") == "2013-03"
    assert _value("Early 2012 was calm.", "Early 2012") == "2012"
    assert _value("The end of 2012 saw a rally.", "The end of 2012") == "2012"


def test_a_short_decade_after_another_decade() -> None:
    assert _found("The 1980s and '90s were calm.")["'90s"] == ("DATE", "199")
    assert _found("Hits of the ’70s.")["the ’70s"] == ("DATE", "197")


def test_both_ends_of_a_range_of_years_are_years() -> None:
    found = _found("In the 2012-13 season he scored 20 goals.")
    assert (found["2012"], found["13"]) == (("DATE", "2012"), ("DATE", "2013"))
    assert [t.value for t in find_expressions("The 2012-2013 budget.", THURSDAY)] == [
        "2012",
        "2013",
    ]
    assert [t.value for t in find_expressions("In 1999/2000 sales fell.", THURSDAY)] == [
        "1999",
        "2000",
    ]


def test_numbers_with_a_dash_that_are_not_ranges_of_years() -> None:
    for text in ("About 2000-3000 people came.", "Pages 2001-2100.", "The 2013-03 figures."):
        assert not [t for t in find_expressions(text, THURSDAY) if t.type == "DATE"], text


def test_a_year_after_post_or_pre() -> None:
    assert _value("The post-2008 slump lasted.", "post-2008") == "2008"
    assert _value("Pre-2013 rules still apply.", "Pre-2013") == "2013"


def test_vague_offsets_without_a_number() -> None:
    assert _value("Days later, he resigned.", "Days later") == "FUTURE_REF"
    assert _value("Weeks earlier, the firm had warned.", "Weeks earlier") == "PAST_REF"
    assert _value("Decades ago, the city was poor.", "Decades ago") == "PAST_REF"
    assert _value("In the days ahead, talks resume.", "the days ahead") == "FUTURE_REF"
    assert _value("In the months to come, prices rise.", "the months to come") == "FUTURE_REF"


def test_recent_before_a_noun_is_the_past() -> None:
    assert _value("The recent surge in prices worried investors.", "recent") == "PAST_REF"
    assert _value("Fees rose in recent years.", "recent years") == "PAST_REF"
    assert "recent" not in _found("That is the most recent.")


def test_easter_by_the_computus() -> None:
    assert [easter(y) for y in (2000, 2013, 2024, 2025)] == [
        date(2000, 4, 23),
        date(2013, 3, 31),
        date(2024, 3, 31),
        date(2025, 4, 20),
    ]


def test_holidays_are_days_of_the_year_the_tense_gives() -> None:
    assert _value("Shoppers crowded stores on Black Friday.", "Black Friday") == "2012-11-23"
    assert _value("Voters will go to the polls on Election Day.", "Election Day") == "2013-11-05"
    assert _value("He spoke on Martin Luther King Jr. Day.", "Martin Luther King Jr. Day") == (
        "2013-01-21"
    )
    assert _value("The parade is on St. Patrick’s Day.", "St. Patrick’s Day") == "2013-03-17"
    assert _value("Churches were full on Good Friday 2012.", "Good Friday 2012") == "2012-04-06"
    assert _value("Security rose after 9/11.", "9/11") == "2001-09-11"


def test_words_that_begin_like_a_holiday_are_not_one() -> None:
    assert not find_expressions("Eastern Europe and Eastern Airlines.", THURSDAY)


def test_quarter_codes_and_fiscal_years() -> None:
    assert _value("Sales in Q1 2013 rose.", "Q1 2013") == "2013-Q1"
    assert _value("Q4 results were strong.", "Q4") == "2012-Q4"
    assert _value("Q3’13 sales.", "Q3’13") == "2013-Q3"
    assert _value("FY2013 revenue rose.", "FY2013") == "2013"
    assert _value("Profit in FY13 fell.", "FY13") == "2013"


def test_the_unit_before_or_after_the_one_named_last() -> None:
    assert _value("Sales rose in 2011. The year before, they fell.", "The year before") == "2010"
    text = "He arrived on March 3. The day before, he had called."
    assert _value(text, "The day before") == "2013-03-02"
    assert _value("Profits rose in May. The month after, they fell.", "The month after") == (
        "2013-06"
    )


def test_hyphenated_lengths_and_rates_are_not_dates() -> None:
    text = (
        "Sales rose year-on-year. The day-to-day work of a two-day visit, a week-long protest "
        "and a 10-year bond."
    )
    assert not [t for t in find_expressions(text, THURSDAY) if t.type == "DATE"]


def test_present_verbs_of_intent_point_ahead_past_ones_date_the_act() -> None:
    text = "The firm expects to sell the unit in February."
    assert _value(text, "February", date(1989, 11, 2)) == "1990-02"
    text = "On Wednesday, the minister vowed to stay."
    assert _value(text, "Wednesday") == "2013-03-13"


def test_a_season_as_an_adjective_is_no_date() -> None:
    assert "spring" not in _found("Seed is sold for spring crops.")
    assert _value("Talks will run through the summer.", "the summer") == "2013-SU"


def test_a_season_after_into_but_not_the_fall_of_something() -> None:
    assert _value("Demand will stay high well into the summer.", "the summer") == "2013-SU"
    found = find_expressions("After the fall of the Wall, prices fall.", THURSDAY)
    assert not [t for t in found if t.type == "DATE"]


def test_a_year_earlier_as_an_adjective_is_a_date_not_a_duration() -> None:
    text = "Profit rose in the third quarter, against a year-earlier net loss."
    assert _found(text, date(1989, 10, 26))["year-earlier"] == ("DATE", "1988-Q3")


def test_the_week_with_a_part_is_the_week_of_publication() -> None:
    assert _value("Talks resumed earlier in the week.", "earlier in the week") == "2013-W11"


def test_end_before_a_year_or_month() -> None:
    assert _value("Debt will peak by end-2014.", "end-2014") == "2014"
    assert _value("Stocks were flat at end-March.", "end-March") == "2013-03"


def test_the_day_of_an_iso_timestamp() -> None:
    assert _value("Filed 2013-03-22T10:05 by staff.", "2013-03-22") == "2013-03-22"


def test_christmastime_and_a_season_before_a_hyphen() -> None:
    assert _value("It was Christmastime when they met.", "Christmastime") == "2012-12-25"
    assert "the spring" not in _found("Sales for the spring-summer range rose.")


def test_a_number_after_a_quarter_code_is_not_its_year() -> None:
    assert _found("In Q3 40 stores opened.")["Q3"] == ("DATE", "2012-Q3")


def test_every_holiday_the_grammar_names_has_a_day() -> None:
    names = (
        "Christmas Eve, New Year’s Day, Thanksgiving, Fourth of July, Labor Day, Memorial Day, "
        "Valentine's Day, Veterans Day, Boxing Day, Easter Monday, Palm Sunday, Ash Wednesday, "
        "Mother's Day, Father's Day, MLK Day, Presidents' Day, Columbus Day, Cyber Monday"
    )
    found = find_expressions(f"The dates were {names}.", THURSDAY)
    assert len(found) == names.count(",") + 1
    assert all(t.value and len(t.value) == 10 for t in found)
