"""The Markdown brief names an article of no known outlet as such, never by its file alone."""

from __future__ import annotations

from conftest import make_article

from newsweave.models import Story
from newsweave.pipeline import brief_story
from newsweave.render.markdown import render_markdown

TEXT = (
    "The harbour authority reopened the eastern dock on Monday after a week of repairs.\n"
    "Ferries to the islands will run on the summer timetable from Friday, it said."
)


def test_an_article_of_no_known_outlet_is_shown_as_unknown_outlet_with_its_file() -> None:
    named = make_article(TEXT, id="a1", outlet="Harbour Post")
    unnamed = make_article(TEXT.replace("Monday", "Monday morning"), id="a2", outlet=None)
    brief = brief_story(Story("s1", (named, unnamed)), words=60, fast=True)
    markdown = render_markdown([brief])
    assert "unknown outlet (a2.txt)" in markdown
    assert "Harbour Post" in markdown
    assert " · a2.txt" not in markdown, "the file name alone never stands for an outlet"
