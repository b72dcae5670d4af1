"""Settings in one place: `defaults.toml` beside this module, one typed record per section.

Each stage reads its own section (`settings("dedup").min_words`) so that every threshold has one
home, a name, and a comment in the TOML that says what it trades. The records in
`newsweave.sections` give each value its type and nothing else: the values, and what each
trades, are in defaults.toml alone.
The file is read once; every key of a section must be known, present and of its field's type,
or a ConfigError names the section and key. A call overrides values for itself
(`settings("cluster", join_threshold=0.4)`), checked the same way; `set_defaults` changes a
section for the rest of the process.
"""

from __future__ import annotations

import tomllib
from dataclasses import fields, replace
from functools import cache
from importlib import resources
from typing import Any, Literal, get_type_hints, overload

from newsweave.errors import ConfigError
from newsweave.sections import (
    SECTIONS,
    AgreementSettings,
    BriefSettings,
    CleanSettings,
    ClusterSettings,
    DedupSettings,
    EntitiesSettings,
    FramingSettings,
    IngestSettings,
    QuotesSettings,
    Section,
    ServerSettings,
    StoreSettings,
    SummarizeSettings,
    TimelineSettings,
    WatchSettings,
)


def load_sections(text: str, source: str = "defaults.toml") -> dict[str, Section]:
    """Every section of a settings file in defaults.toml's layout, typed and checked.

    ConfigError (naming `source`, the section and the key) for a missing or unknown section
    or key, or a value of the wrong type; an integer is taken where a float is expected.
    """
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML ({error})") from None
    unknown, missing = sorted(set(table) - set(SECTIONS)), sorted(set(SECTIONS) - set(table))
    if unknown or missing:
        found = "unknown section" if unknown else "missing section"
        raise ConfigError(f"{source}: {found} [{(unknown or missing)[0]}]")
    sections: dict[str, Section] = {}
    for name, kind in SECTIONS.items():
        try:
            values = _checked(name, table[name])
        except ConfigError as error:
            raise ConfigError(f"{source}: {error}") from None
        absent = [f.name for f in fields(kind) if f.name not in values]
        if absent:
            raise ConfigError(f"{source}: missing setting {name}.{absent[0]}")
        sections[name] = kind(**values)
    return sections


@cache
def _sections() -> dict[str, Section]:
    text = resources.files("newsweave").joinpath("defaults.toml").read_text(encoding="utf-8")
    return load_sections(text)


@overload
def settings(section: Literal["cluster"], **overrides: Any) -> ClusterSettings: ...
@overload
def settings(section: Literal["framing"], **overrides: Any) -> FramingSettings: ...
@overload
def settings(section: Literal["clean"], **overrides: Any) -> CleanSettings: ...
@overload
def settings(section: Literal["summarize"], **overrides: Any) -> SummarizeSettings: ...
@overload
def settings(section: Literal["dedup"], **overrides: Any) -> DedupSettings: ...
@overload
def settings(section: Literal["agreement"], **overrides: Any) -> AgreementSettings: ...
@overload
def settings(section: Literal["ingest"], **overrides: Any) -> IngestSettings: ...
@overload
def settings(section: Literal["entities"], **overrides: Any) -> EntitiesSettings: ...
@overload
def settings(section: Literal["quotes"], **overrides: Any) -> QuotesSettings: ...
@overload
def settings(section: Literal["timeline"], **overrides: Any) -> TimelineSettings: ...
@overload
def settings(section: Literal["store"], **overrides: Any) -> StoreSettings: ...
@overload
def settings(section: Literal["server"], **overrides: Any) -> ServerSettings: ...
@overload
def settings(section: Literal["brief"], **overrides: Any) -> BriefSettings: ...
@overload
def settings(section: Literal["watch"], **overrides: Any) -> WatchSettings: ...
@overload
def settings(section: str, **overrides: Any) -> Section: ...
def settings(section: str, **overrides: Any) -> Section:
    """The settings of one stage: defaults, with `overrides` (that are not None) on top."""
    sections = _sections()
    if section not in sections:
        raise ConfigError(f"no settings section [{section}] in defaults.toml")
    current = sections[section]
    given = {key: value for key, value in overrides.items() if value is not None}
    if not given:
        return current
    return replace(current, **_checked(section, given))


def set_defaults(section: str, **values: Any) -> None:
    """Change one section's settings for the rest of this process, checked as overrides are.

    For a program that runs newsweave's commands in its own process with other values (a
    test's small store batches); worker processes it starts read defaults.toml afresh.
    """
    _sections()[section] = settings(section, **values)


def _checked(section: str, values: dict[str, Any]) -> dict[str, Any]:
    """`values` as the types of the section's fields; ConfigError for an unknown key or value."""
    types = _field_types(section)
    checked = {}
    for key, value in values.items():
        if key not in types:
            known = ", ".join(sorted(types))
            raise ConfigError(f"unknown setting {section}.{key}; known: {known}")
        checked[key] = _typed(f"{section}.{key}", types[key], value)
    return checked


@cache
def _field_types(section: str) -> dict[str, Any]:
    return get_type_hints(SECTIONS[section])


_WANTED = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "a string",
    tuple[str, ...]: "a list of strings",
}


def _typed(name: str, expected: Any, value: Any) -> Any:
    """`value` as `expected` (a float from an int, a tuple from a list); ConfigError if not."""
    if expected == tuple[str, ...]:
        if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
            return tuple(value)
    elif isinstance(value, bool) or expected is bool:  # True is an int to Python, not to us
        if isinstance(value, bool) and expected is bool:
            return value
    elif expected is float and isinstance(value, int | float):
        return float(value)
    elif isinstance(value, expected):
        return value
    raise ConfigError(f"setting {name} must be {_WANTED[expected]}, not {value!r}")
