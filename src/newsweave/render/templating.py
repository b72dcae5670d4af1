"""The Jinja2 environment every newsweave template is rendered in, made in one place.

Two kinds, over the same templates folder (`render/templates/`), blocks trimmed, an undefined
name an error:

- HTML (the report, the web app's pages): autoescaped, so every value from the input is
  escaped as it is printed.
- Markdown (the brief): not HTML, so no autoescape; instead every printed value goes through
  `_escape_markdown` (`finalize`), so an article cannot inject HTML into a Markdown viewer,
  and a template's last newline is kept.

Each renderer adds the filters only its templates use and keeps its environment (`@cache`),
so templates are compiled once per process.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

TEMPLATES = "render/templates"


def environment(*, autoescape: bool) -> jinja2.Environment:
    """A new environment: HTML with `autoescape=True`, Markdown with False (see above), with
    the filters every template may use (`plural`)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsweave", TEMPLATES),
        autoescape=autoescape,
        finalize=None if autoescape else _escape_markdown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=not autoescape,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["plural"] = plural
    env.globals["exclusives_shown"] = exclusives_shown
    return env


def exclusives_shown() -> int:
    """How many exclusives a brief shows before "and N more" ([agreement] exclusives_shown)."""
    from newsweave.config import settings

    return settings("agreement").exclusives_shown


def inline_asset(env: jinja2.Environment, name: str) -> Markup:
    """Our own CSS/JS from the templates folder, to inline verbatim in a page (never input;
    checked not to close its element)."""
    assert env.loader is not None
    source = env.loader.get_source(env, name)[0]
    if "</" in source:
        raise ValueError(f"{name} must not contain '</' (it is inlined in the page)")
    return Markup(source)


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 article', '3 articles' ('1 story', '2 stories' with `many`)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def _escape_markdown(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value
