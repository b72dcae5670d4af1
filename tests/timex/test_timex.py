"""Finding and resolving temporal expressions (newsweave.timex.expressions)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from newsweave.evaluation.timex import run
from newsweave.timex.expressions import Timex, find_expressions
from newsweave.timex.tense import tense_cue

WEDNESDAY = date(2021, 6, 16)


def _value(text: str, words: str, published: date | None = WEDNESDAY) -> str | None:
    found = {t.text: t for t in find_expressions(text, published)}
    assert words in found, f"{words!r} not found in {sorted(found)}"
    return found[words].value


def test_past_tense_weekday_is_the_day_before() -> None:
    assert _value("Putin said on Tuesday that talks were useful.", "Tuesday") == "2021-06-15"


def test_future_tense_weekday_is_the_coming_one() -> None:
    assert _value("The leaders will meet on Friday in Geneva.", "Friday") == "2021-06-18"
    assert _value("The talks will be held on Wednesday.", "Wednesday") == "2021-06-16"


def test_last_and_next_weekday_are_strict() -> None:
    assert _value("They met last Wednesday.", "last Wednesday") == "2021-06-09"
    assert _value("They meet next Wednesday.", "next Wednesday") == "2021-06-23"


def test_precision_is_kept_never_a_day_invented() -> None:
    assert _value("Sanctions were imposed in April.", "April") == "2021-04"
    assert _value("It happened in 1985.", "1985") == "1985"
    assert _value("A summit is due later this month.", "later this month") == "2021-06"
    assert _value("Profit rose in the third quarter.", "the third quarter") == "2020-Q3"
    assert _value("Growth slowed in early 2022.", "early 2022") == "2022"


def test_undated_month_day_takes_the_nearest_year() -> None:
    assert _value("The dividend is payable Jan. 2.", "Jan. 2", date(1989, 11, 2)) == "1990-01-02"
    assert _value("He was arrested on Dec. 20.", "Dec. 20", date(2022, 1, 5)) == "2021-12-20"


def test_relative_spans_and_offsets() -> None:
    assert _value("Prices rose last year.", "last year") == "2020"
    assert _value("Talks begin next month.", "next month") == "2021-07"
    assert _value("He left two weeks ago.", "two weeks ago") == "2021-W22"  # a week, as TIMEX3
    assert _value("Officials spoke this week.", "this week") == "2021-W24"


def test_unknown_publication_date_is_never_resolved_against_today() -> None:
    found = find_expressions("He said on Tuesday he would leave next month, on June 4, 2021.", None)
    values = {t.text: t.value for t in found}
    assert values["Tuesday"] is None
    assert values["next month"] is None
    assert values["June 4, 2021"] == "2021-06-04"


def test_vague_expressions_and_durations_are_found_apart() -> None:
    found = {
        t.text: t
        for t in find_expressions("In recent years talks lasted four to five hours.", WEDNESDAY)
    }
    assert found["recent years"].value == "PAST_REF"
    assert found["four to five hours"].type == "DURATION"


def test_a_bare_may_is_not_a_month() -> None:
    assert all(t.text != "May" for t in find_expressions("Prices May rise.", WEDNESDAY))


def test_reasoning_explains_the_resolution() -> None:
    [timex] = [
        t for t in find_expressions("Biden said on Tuesday.", WEDNESDAY) if t.text == "Tuesday"
    ]
    assert isinstance(timex, Timex)
    assert timex.reasoning == "Tuesday → 2021-06-15 (published Wed 2021-06-16, past tense)"


def test_eval_reports_newsweave_beside_dateparser(tmp_path: Path, shared: Path) -> None:
    lines = (shared / "data" / "timex-dev-tbaq.jsonl").read_text(encoding="utf-8").splitlines()
    dataset = tmp_path / "slice.jsonl"
    dataset.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    table = run(dataset, json_out=tmp_path / "out.json")
    assert "newsweave" in table and "dateparser.search_dates" in table
    results = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert results["systems"]["newsweave"]["scores"]["DATE"]["relaxed_f1"] > 0.5


def test_scheduled_present_needs_the_tagger() -> None:
    text = "After the G7 wraps Sunday, Biden heads to Brussels."
    friday = date(2021, 6, 11)
    [sunday] = [t for t in find_expressions(text, friday, tagger=True) if t.text == "Sunday"]
    assert sunday.value == "2021-06-13"
    assert _value("Protesters met the mayor on Sunday.", "Sunday", friday) == "2021-06-06"


def test_reporting_clause_after_a_comma_yields_to_the_verb_before() -> None:
    text = "The group would be ready to leave as soon as Tuesday, Castro said."
    assert _value(text, "Tuesday", date(2000, 4, 3)) == "2000-04-04"


def test_seasons_decades_and_quarters_around_new_year() -> None:
    assert _value("Sales fell last fall.", "last fall", date(1998, 2, 6)) == "1997-FA"
    assert _value("It was the hit of the '80s.", "the '80s", date(1989, 10, 26)) == "198"
    text = "Third-quarter results will be released next week."
    assert _value(text, "Third-quarter", date(1989, 10, 26)) == "1989-Q3"
    assert _value("It opens this September.", "this September", date(1998, 2, 5)) == "1998-09"


def test_span_before_a_clause_is_a_duration_and_year_ranges_are_years() -> None:
    found = {t.text: t for t in find_expressions("It came a month after Qantas left.", WEDNESDAY)}
    assert found["a month"].type == "DURATION" and found["a month"].value == "P1M"
    years = [t.value for t in find_expressions("Cases fell between 1982 and 1992.", WEDNESDAY)]
    assert years == ["1982", "1992"]


def test_every_tuesday_and_thursday_is_a_set() -> None:
    found = find_expressions("Security news, every Tuesday and Thursday.", WEDNESDAY)
    assert [(t.type, t.value) for t in found] == [("SET", "XXXX-WXX-2"), ("SET", "XXXX-WXX-4")]


def test_the_full_year_and_earlier_in_the_year_are_the_year_of_publication() -> None:
    text = "Profit fell from 1987 levels. It expects a gain for the full year."
    assert _value(text, "the full year", date(1989, 10, 30)) == "1989"
    text = "Sales in 1987 were flat. Rains delayed planting earlier in the year."
    assert _value(text, "earlier in the year", date(1989, 10, 26)) == "1989"


def test_the_following_month_and_the_previous_year_count_from_the_last_mention() -> None:
    text = "In March, the company got an offer. The following month, it put itself up for sale."
    assert _value(text, "The following month", date(1989, 10, 27)) == "1989-04"
    text = "Exports rose in 1997, up from the previous year."
    assert _value(text, "the previous year", date(1999, 3, 1)) == "1996"
    text = "He was arrested on Feb. 22 and appeared in court the next morning."
    assert _value(text, "the next morning", date(2000, 2, 24)) == "2000-02-23"


def test_a_time_on_a_named_day_is_one_time_expression() -> None:
    friday = date(1998, 2, 13)
    found = {t.text: t for t in find_expressions("He was seized at 10 p.m. Wednesday.", friday)}
    assert (found["at 10 p.m. Wednesday"].type, found["at 10 p.m. Wednesday"].value) == (
        "TIME",
        "1998-02-11T22:00",
    )
    assert _value("Talks broke off at noon Thursday.", "noon Thursday", friday) == (
        "1998-02-12T12:00"
    )


def test_the_week_of_a_date_is_that_week() -> None:
    text = "It may be resolved in a court hearing the week of March 6."
    assert _value(text, "the week of March 6", date(2000, 2, 24)) == "2000-W10"


def test_each_month_name_recurs_and_idioms_of_the_future_are_not_dates() -> None:
    found = find_expressions(
        "Orangemen march each July, as they will for the foreseeable future.", WEDNESDAY
    )
    assert [(t.text, t.type, t.value) for t in found] == [("each July", "SET", "XXXX-07")]
    assert find_expressions("He will lose in the long run.", WEDNESDAY) == []


def test_year_end_without_an_article_is_the_end_of_the_year() -> None:
    assert _value("The sale should close by year-end.", "year-end") == "2021"
    assert _value("Staff will be cut by year end.", "year end") == "2021"
    assert _value("Rules take effect by year's end.", "year's end") == "2021"
    assert "year ended" not in {
        t.text for t in find_expressions("In the year ended June 30.", WEDNESDAY)
    }


def test_the_same_day_is_the_day_named_last() -> None:
    text = "The fire broke out on June 3. Later that day, the mayor spoke."
    assert _value(text, "Later that day") == "2021-06-03"
    assert _value("Earlier in the day, he resigned.", "Earlier in the day") == "2021-06-16"
    assert (
        _value("He was sworn in on May 2 and left that same day.", "that same day") == "2021-05-02"
    )


def test_the_year_after_for_or_of_is_the_year_written_in() -> None:
    assert _value("Sales for the year rose 4%.", "the year") == "2021"
    assert _value("Shares hit a high for the year in May.", "the year") == "2021"
    assert _value("In the first nine months of the year, sales fell.", "the year") == "2021"
    assert not [
        t for t in find_expressions("The year was hard.", WEDNESDAY) if t.text == "The year"
    ]


def test_weeks_around_an_event_are_found_and_left_vague() -> None:
    text = "He was shot on Oct. 23. His car was seen in the weeks before the shooting."
    assert _value(text, "the weeks before") == "PAST_REF"
    assert _value("It happened in the days after the vote.", "the days after") == "FUTURE_REF"


def test_centuries_in_words() -> None:
    assert _value("A house from the nineteenth century.", "the nineteenth century") == "18"
    assert _value("Problems of the twenty-first century.", "the twenty-first century") == "20"


def test_recent_and_coming_quarters_are_vague() -> None:
    assert _value("Margins shrank in recent quarters.", "recent quarters") == "PAST_REF"
    assert _value("It will weigh on coming quarters.", "coming quarters") == "FUTURE_REF"


def test_a_relative_month_opening_a_sentence_is_read_whole() -> None:
    assert _value("Last March they flew to Solenne.", "Last March") == "2021-03"
    assert _value("“Next May we will be back,” she said.", "Next May") == "2022-05"
    assert _value("This past April, the river rose.", "This past April") == "2021-04"


def test_a_present_event_verb_schedules_a_weekday_without_the_tagger() -> None:
    text = "The IOC Executive Board meets on Sunday."
    cue = tense_cue(text, text.index("on Sunday"), len(text) - 1)
    assert (cue.tense, cue.word, cue.scheduled) == ("present", "meets", True)
