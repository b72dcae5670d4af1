"""Titles as text: feed and crawl titles often carry markup (`Global <b>Slack</b> Market`) or
entities (`AT&amp;T`); shown as they come, the app prints the tags and the Markdown brief
escapes them into `&lt;b&gt;`. Every reader passes its title through `plain_title` once.
"""

from __future__ import annotations

import html
import re

# A tag: `<b>`, `</b>`, `<br/>`, `<a href="...">`; never "a < b" or "<3" (no name right after).
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_SPACES = re.compile(r"\s+")


def plain_title(title: str | None) -> str | None:
    """The title as text: tags dropped, entities decoded once, spaces collapsed; None if blank.

    Tags are dropped before and after decoding, so an escaped tag (`&lt;b&gt;`) goes too, and
    decoding happens once only: `&amp;lt;` stays the text `&lt;`.
    """
    if not title:
        return None
    text = _TAG.sub("", html.unescape(_TAG.sub("", title)))
    return _SPACES.sub(" ", text).strip() or None
