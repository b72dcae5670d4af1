"""The web app's HTML: Jinja2 templates (autoescaped) and the Content-Security-Policy of each page.

Every page carries its CSS (and the story report its script) inline, marked with a nonce
made fresh for each response; the policy allows those elements and nothing else: no other
script, no plugin, no frame, no form posting elsewhere, no base URL. The report's tone bars
use `style` attributes; their exact values are allowed by hash ('unsafe-hashes'), so an
attribute that input managed to smuggle in would still be refused.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from newsweave.render.templating import environment, inline_asset

STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def content_security_policy(nonce: str, page: str) -> str:
    """A strict policy for `page`: only its nonce-marked <style>/<script>, and its own
    style attribute values by hash."""
    values = sorted({html.unescape(v) for v in STYLE_ATTRIBUTE.findall(page)})
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(v.encode("utf-8")).digest()).decode() + "'"
        for v in values
    )
    attributes = f"'unsafe-hashes' {hashes}" if hashes else "'none'"
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
        f"style-src-attr {attributes}; img-src 'self' data:; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )


def urlpart(value: str) -> str:
    """One path segment: every character that is not plainly safe percent-encoded."""
    return quote(value, safe="")


@cache
def _environment() -> jinja2.Environment:
    env = environment(autoescape=True)
    env.filters["urlpart"] = urlpart
    return env


@cache
def _styles() -> Markup:
    return inline_asset(_environment(), "app.css")


def render_page(name: str, *, nonce: str, store_name: str, max_query: int, **values: Any) -> str:
    """One of the app's own pages (`app_<name>.html.j2`)."""
    template = _environment().get_template(f"app_{name}.html.j2")
    values.setdefault("query", None)
    return template.render(
        nonce=nonce, styles=_styles(), store_name=store_name, max_query=max_query, **values
    )
