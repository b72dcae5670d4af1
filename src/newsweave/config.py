"""Settings in one place: `defaults.toml` beside this module, overridable per call.

Each stage reads its own section (`settings("dedup")`) so that every threshold has one home,
a name, and a comment in the TOML that says what it trades.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from newsweave.errors import ConfigError


@cache
def _defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("newsweave").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def settings(section: str, **overrides: Any) -> dict[str, Any]:
    """The settings of one stage: defaults, with `overrides` (that are not None) on top."""
    defaults = _defaults()
    if section not in defaults:
        raise ConfigError(f"no settings section [{section}] in defaults.toml")
    merged = dict(defaults[section])
    for key, value in overrides.items():
        if value is None:
            continue
        if key not in merged:
            known = ", ".join(sorted(merged))
            raise ConfigError(f"unknown setting {section}.{key}; known: {known}")
        merged[key] = value
    return merged
