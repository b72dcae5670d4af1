"""The grammar of temporal expressions in English news: where a date, duration, time or set is.

Each `Rule` is a compiled regular expression plus the name of the resolver (`resolve.py`,
`relative.py`) that turns its match into a TIMEX3 value. Spans follow TIMEX3 conventions: a
leading preposition ("on", "in") is not part of the expression, a determiner or modifier ("the",
"last", "early") is. Finding is deliberately separate from resolving: the grammar never looks at
a calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2,
    "couple of": 2, "half a": 0.5, "a half": 0.5, "half": 0.5,
}  # fmt: skip
VAGUE_NUMBERS = frozenset(
    ("a few", "few", "several", "some", "many", "a number of", "the next few", "the last few")
)
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "final": 4, "last": 4,
}  # fmt: skip
# Ordinal words up to the centuries news names ("the nineteenth century", "twenty-first").
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
    "twenty-second": 22, "twenty second": 22,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}  # fmt: skip

# Fragments, substituted into the rules below where a rule names them as <NAME>.
_FRAGMENTS = {
    "MONTH": r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
    r"(?![a-z])",
    "WEEKDAY": r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday"
    r"|[Ss]unday|Mon\.|Tue\.|Tues\.|Wed\.|Thu\.|Thur\.|Thurs\.|Fri\.|Sat\.|Sun\.)",
    "DAY": r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)",
    "YEAR": r"(?:1[6-9]\d\d|20\d\d)(?![\d%])",
    "UNIT": r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)",
    "NUMBER": r"(?:\d+(?:\.\d+)?(?:\s*1/2)?"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|a hundred|a couple of|a couple|couple of|half an?|an?|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|hundred|a few|few|several|some|many)",
    "APPROX": r"(?:(?:nearly|almost|about|around|some|more than|less than|over|just|only"
    r"|at least|up to|roughly)\s+)?",
    "HOLIDAY": r"(?:Christmas(?:time| Day| Eve)?|New Year['’]s(?: Day| Eve)?|Thanksgiving(?: Day)?"
    r"|Independence Day|Fourth of July|July Fourth|Halloween|Labor Day|Memorial Day"
    r"|Valentine['’]s Day|St\.? Patrick['’]s Day|Veterans['’]? Day|Boxing Day"
    r"|Easter(?: Sunday| Monday)?|Good Friday|Palm Sunday|Ash Wednesday|Mother['’]s Day"
    r"|Father['’]s Day|(?:Martin Luther King(?:,? Jr\.?)?|MLK) Day|Presidents['’]? Day"
    r"|President['’]s Day|Columbus Day|Election Day|Black Friday|Cyber Monday)",
    "PART": r"(?:(?:[Ee]arly|[Ll]ate|[Mm]id|[Ee]nd(?=-)|[Tt]he middle of|[Tt]he end of"
    r"|[Tt]he beginning of|[Tt]he start of|[Tt]he first half of|[Tt]he second half of"
    r"|[Tt]he rest of|[Tt]he remainder of)[- ]?\s*)",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern of the grammar: `resolver` names the function that gives its value."""

    name: str
    pattern: re.Pattern[str]
    resolver: str


def _rule(name: str, pattern: str, resolver: str, flags: int = 0) -> Rule:
    for fragment, regex in _FRAGMENTS.items():
        pattern = pattern.replace(f"<{fragment}>", regex)
    return Rule(name, re.compile(pattern, flags), resolver)


_I = re.IGNORECASE
RULES: tuple[Rule, ...] = (
    # Calendar dates: ISO, numeric, "June 16, 2021", "Saturday, April 25", "June 7-9", "16 June".
    _rule("iso", r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:\b|(?=T\d))", "calendar"),
    _rule(
        "numeric", r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)\b", "calendar"
    ),
    _rule(
        "month_day",
        r"(?:(?P<weekday><WEEKDAY>),?\s+)?(?P<month><MONTH>)\s+(?P<day><DAY>)"
        r"(?:\s*(?:-|–|to|and)\s*(?P<day2><DAY>))?(?:,?\s+(?P<year><YEAR>))?",
        "calendar",
    ),
    _rule(
        "day_month",
        r"\b(?:(?P<weekday><WEEKDAY>),?\s+)?(?P<day><DAY>)(?:\s*(?:-|–)\s*(?P<day2><DAY>))?"
        r"\s+(?:of\s+)?(?P<month><MONTH>)(?:,?\s+(?P<year><YEAR>))?",
        "calendar",
    ),
    _rule(
        "week_of",
        r"\bthe week of (?P<month><MONTH>)\s+(?P<day><DAY>)(?:,?\s+(?P<year><YEAR>))?",
        "week_of",
    ),
    _rule(
        "month_year",
        r"(?=[EeLlMmTtJFASOND])(?:\b(?P<part><PART>))?(?P<month><MONTH>),?\s+(?:of\s+)?"
        r"(?P<year><YEAR>)",
        "month",
    ),
    _rule(
        "month_relyear", r"(?P<month><MONTH>)\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b", "month"
    ),
    _rule(
        "month",
        r"(?=[EeLlMmTtNnJFASOND])(?:\b(?P<part><PART>)|\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his"
        r"|[Tt]his past|[Tt]his coming)\s+)?(?P<month><MONTH>)",
        "month",
    ),
    # Years, decades, centuries.
    _rule(  # "2012", "fiscal 2013", "late 2011", "post-2008"; both ends of "2012-13", "1998/99"
        "year",
        r"(?<![\d$£€.,:/-])(?=[EeLlMmTtPpfc12])"
        r"(?:\b(?P<part><PART>|the end of\s+|[Pp]ost-|[Pp]re-)|\b(?:fiscal|calendar)\s+)?"
        r"\b(?P<year><YEAR>)\b(?!\s*(?:%|percent))",
        "year",
    ),
    _rule(  # the end of a range of years, "13" of "2012-13" (its start is a year of its own)
        "year_tail",
        r"(?<=[-–/])(?<=\b(?:1[6-9]|20)\d\d[-–/])(?P<tail>\d\d(?:\d\d)?)\b(?![-/]\d)",
        "year",
    ),
    _rule(
        "decade",
        r"(?<![\w'’])(?:the\s+)?(?:(?P<part>early|late|mid)[- ]?)?"
        r"(?:(?P<century>1[6-9]|20)(?P<digit>\d)0|['’](?P<short>\d)0)['’]?s\b",
        "decade",
        _I,
    ),
    _rule(
        "decade_words",
        r"\b(?:the\s+)?(?:(?P<part>early|late|mid)[- ])?(?:nineteen[- ])?"
        r"(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
        "decade",
        _I,
    ),
    _rule(
        "century",
        r"\b(?:the\s+)?(?:(?P<part>early|late|mid)[- ])?(?:(?P<ordinal>\d{1,2})(?:st|nd|rd|th)"
        r"|(?P<word>(?:twenty[- ])?(?:first|second|third)|(?:four|fif|six|seven|eigh|nine|ten"
        r"|eleven|twelf|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twentie)th))"
        r"[- ]century\b",
        "century",
        _I,
    ),
    _rule(
        "year_words",
        r"\b(?:nineteen|twenty)[- ](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen"
        r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b|\bthe year two thousand\b",
        "year_words",
        _I,
    ),
    # Quarters, halves, seasons.
    _rule(
        "quarter",
        r"\b(?:(?P<owner>this year's|last year's|next year's|the year-ago|the year-earlier"
        r"|the comparable year-ago|the same|the)\s+)?(?:(?P<mod>fiscal|latest|current|calendar)"
        r"\s+)?(?:(?P<pyear><YEAR>)\s+)?(?P<ordinal>first|second|third|fourth|final|1st|2nd|3rd"
        r"|4th)[- ](?:fiscal[- ])?(?:quarter|qtr\.?)(?!s)"
        r"(?:\s+of\s+(?:fiscal\s+)?(?P<year><YEAR>))?",
        "quarter",
        _I,
    ),
    _rule(
        "quarter_anaphor",
        r"\b(?P<det>the|this|last|next|that|the current|the latest|the past|the previous"
        r"|the latest fiscal|the fiscal|the year-ago|the year-earlier|the comparable year-ago"
        r"|the same|last year's)\s+(?:(?P<pyear><YEAR>)\s+)?(?P<noun>quarter|period)\b",
        "quarter_anaphor",
        _I,
    ),
    _rule(  # "Q3", "Q1 2013", "Q4'12"; "FY2013", "FY 2013", "FY13"
        "quarter_code",
        r"\b(?:Q(?P<ordinal>[1-4])|FY)(?:\s?(?P<year><YEAR>)|['’]?(?P<short>\d\d))?\b",
        "quarter_code",
    ),
    _rule(
        "half",
        r"\b(?:the\s+)?(?P<ordinal>first|second)[- ]half"
        r"(?:\s+of\s+(?:(?P<rel>this|last|next)\s+year|(?P<year><YEAR>)))?",
        "half",
        _I,
    ),
    _rule(
        "season",
        r"\b(?:(?P<rel>this|last|next|this past|this coming|early|late|the)\s+)?"
        r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year><YEAR>))?\b(?!-)",
        "season",
        _I,
    ),
    # Deictic days and weekdays.
    _rule(
        "weekday",
        r"\b(?:(?P<rel>last|next|this|this past|this coming|early|late|earlier|later"
        r"|the previous|the following)\s+)?(?P<weekday><WEEKDAY>)"
        r"(?:\s+(?P<tod>morning|afternoon|evening|night))?",
        "weekday",
        _I,
    ),
    _rule(
        "deictic_day",
        r"\b(?:(?P<rel>late|early|earlier|later)\s+)?(?P<word>today|yesterday|tomorrow"
        r"|the day before yesterday|the day after tomorrow)\b",
        "deictic_day",
        _I,
    ),
    # Relative spans: "next month", "later this month", "the end of the year", "two weeks ago".
    _rule(
        "relative_unit",
        r"\b(?:(?P<part>(?:early|late|earlier|later)(?:\s+in)?|mid|the end of|the beginning of"
        r"|the start of|the middle of|the rest of)\s+)?(?P<rel>this|last|next|the past|the last"
        r"|the coming|the next|the previous|the prior|the following|the current|the same"
        r"|the latest|coming"
        r"|past|that|the)\s+(?:fiscal\s+|(?P<full>full)\s+)?"
        r"(?P<unit>week|weekend|month|year|decade|century)\b(?!-)"
        r"(?:\s+(?P<dir>before|after|earlier|later)(?=\s*[,.;:!?]))?",
        "relative_unit",
        _I,
    ),
    _rule(  # "year-end", "by year end", "by year's end": the end of the year, no article
        "year_end", r"\b(?:the\s+)?year(?:-|\s+|'s\s+|’s\s+)end\b(?!ed|ing)", "year_end", _I
    ),
    _rule(  # "that same day", "earlier that day", "later in the day": the day in view
        "same_day",
        r"\b(?:(?:earlier|later)\s+(?:in\s+)?)?(?:that|the same|that same)\s+day\b"
        r"|\b(?:earlier|later)\s+in\s+the\s+day\b",
        "same_day",
        _I,
    ),
    _rule(  # "in the weeks before the shooting", "the days after the vote": around the day in view
        "days_around",
        r"\bthe\s+(?P<unit>days|weeks)\s+(?P<dir>before|after|following|leading up to"
        r"|preceding)\b",
        "days_around",
        _I,
    ),
    _rule(
        "next_day",
        r"\bthe (?:(?P<rel>next|following|previous|prior) (?:day|morning|afternoon|evening)\b"
        r"|day (?P<dir>before|after)(?=\s*[,.;:!?]))",
        "next_day",
        _I,
    ),
    _rule("year_ago", r"\b(?P<word>year-(?:ago|earlier)|a year (?:ago|earlier))\b", "year_ago", _I),
    _rule(
        "offset",
        r"\b<APPROX>(?P<number><NUMBER>)[- ](?P<unit><UNIT>s?)\s+"
        r"(?P<dir>ago|earlier|before|later|after|from now|hence|previously|back)\b",
        "offset",
        _I,
    ),
    _rule(  # holidays (`holidays.py` dates them) and "9/11"
        "holiday",
        r"\b(?=[A-Z9])(?:(?P<name><HOLIDAY>)\b(?:,?\s+(?P<year><YEAR>))?|(?P<named>9/11)(?!/\d))",
        "holiday",
    ),
    # Vague references to the present, past and future.
    _rule(
        "present_ref",
        r"\b(?:right now|now|currently|current|at present|presently|nowadays|these days"
        r"|at the moment|at this time|the present)\b(?!-)",
        "present_ref",
        _I,
    ),
    _rule(
        "past_ref",
        r"\b(?=[rmltfsadwyo])(?:(?:more |most )?recently|recent(?:\s+(?:years|months|quarters"
        r"|weeks|days|decades|times)|(?=\s+[a-z]))|lately|the past|formerly|(?:several|a few"
        r"|many|some) (?:years|months|weeks|decades) ago|(?:days|weeks|months|years|decades)"
        r" (?:ago|earlier)|once upon a time)\b(?!-)",
        "past_ref",
        _I,
    ),
    _rule(
        "future_ref",
        r"\b(?=[tscymwd])(?:the (?:(?:near |distant )?future|(?:years|months|weeks|days)"
        r" (?:ahead|to come)|coming (?:years|months|quarters|weeks|days|decades)"
        r"|(?:near|short|long) term)|someday|coming (?:years|months|quarters|weeks|days|decades)"
        r"|(?<!for )(?:years|months|weeks|days|decades) to come"
        r"|(?:years|months|weeks|days|decades) later)\b",
        "future_ref",
        _I,
    ),
    # Durations, times of day, sets.
    _rule(
        "duration",
        r"\b<APPROX>(?:(?P<det>the|the first|the past|the last|the next|the final|another"
        r"|the following)\s+)?(?P<number><NUMBER>)(?:\s*(?:to|or|-|–)\s*(?P<number2><NUMBER>))?"
        r"(?:\s+more)?[- ](?P<unit><UNIT>s?)(?!-(?:ago|earlier|end)\b)(?:[- ]old)?"
        r"(?:\s+and\s+a\s+half)?\b",
        "duration",
        _I,
    ),
    _rule(
        "vague_duration",
        r"(?:(?<=\bfor )|(?<=\bin )|(?<=\bover )|(?<=\bwithin )|(?<=\btake )|(?<=\btook ))"
        r"(?P<unit>years|months|weeks|days|hours|decades|minutes|centuries)\b",
        "vague_duration",
        _I,
    ),
    _rule(  # "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST, Nov. 6": one TIME, as TIMEX3
        "clock_day",
        r"\b(?:(?:(?:around|about|at)\s+)?(?P<hour>[0-2]?\d)(?::(?P<minute>[0-5]\d))?\s*"
        r"(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)(?:\s+(?:EST|EDT|GMT|UTC|CET|PST|PDT|local time)\b)?"
        r"|(?P<word>noon|midnight|midday))\s*,?\s+(?:(?P<weekday><WEEKDAY>)"
        r"|(?P<month><MONTH>)\s+(?P<day><DAY>)(?:,?\s+(?P<year><YEAR>))?)",
        "clock_day",
        _I,
    ),
    _rule(
        "clock",
        r"\b(?:(?:around|about|at)\s+)?(?P<hour>[0-2]?\d)(?::(?P<minute>[0-5]\d))?\s*"
        r"(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)"
        r"(?:\s+(?P<zone>EST|EDT|GMT|UTC|CET|PST|PDT|local time)\b)?",
        "clock",
        _I,
    ),
    _rule(
        "time_word",
        r"\b(?P<rel>this|last|early this|late last|late this)\s+"
        r"(?P<tod>morning|afternoon|evening|night)\b"
        r"|\b(?P<word>tonight|overnight|midnight|noon|midday)\b",
        "time_word",
        _I,
    ),
    _rule(
        "set",
        r"\b(?:daily|weekly|monthly|quarterly|annually|yearly|hourly|nightly|(?:every|each|per)"
        r"\s+(?:day|week|month|quarter|year|hour|night|morning|summer|winter|spring|fall"
        r"|(?P<weekday><WEEKDAY>)|(?P<month><MONTH>)))\b",
        "set",
        _I,
    ),
)


def number_value(words: str) -> float | None:
    """The number that `words` spell ("two", "twenty-four", "2 1/2"); None if vague ("several")."""
    words = words.lower().strip()
    if words in VAGUE_NUMBERS:
        return None
    if words in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[words])
    digits = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s*1/2)?", words)
    if digits:
        return float(digits.group(1)) + (0.5 if words.endswith("1/2") else 0.0)
    parts = re.split(r"[- ]", words)
    if all(part in SMALL_NUMBERS for part in parts):
        return float(sum(SMALL_NUMBERS[part] for part in parts))
    return None
