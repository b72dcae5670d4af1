from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from importlib import resources

import pytest

from newsweave.config import load_sections, set_defaults, settings
from newsweave.errors import ConfigError
from newsweave.sections import SECTIONS


def defaults_text(replace: str = "", by: str = "") -> str:
    """defaults.toml as shipped, with the first `replace` changed to `by`."""
    text = resources.files("newsweave").joinpath("defaults.toml").read_text(encoding="utf-8")
    if replace:
        assert replace in text
        text = text.replace(replace, by, 1)
    return text


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_every_section_of_the_defaults_loads_as_its_record(section: str) -> None:
    assert isinstance(settings(section), SECTIONS[section])


def test_an_override_replaces_one_value_for_that_call() -> None:
    assert settings("cluster", join_threshold=0.4).join_threshold == 0.4
    assert settings("cluster").join_threshold == 0.35


def test_an_override_of_none_keeps_the_default() -> None:
    assert settings("agreement", mode=None).mode == "embedding"


def test_a_whole_number_is_taken_for_a_float_setting() -> None:
    value = settings("cluster", join_threshold=1).join_threshold
    assert value == 1.0 and isinstance(value, float)


def test_an_unknown_override_names_section_key_and_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown setting cluster\.join_treshold; known: .*"):
        settings("cluster", join_treshold=0.4)


@pytest.mark.parametrize(
    ("key", "value"),
    [("join_threshold", "high"), ("consolidate", 1), ("merge_sample", 8.0), ("merge_sample", True)],
)
def test_an_override_of_the_wrong_type_is_refused(key: str, value: object) -> None:
    with pytest.raises(ConfigError, match=rf"setting cluster\.{key} must be"):
        settings("cluster", **{key: value})


def test_an_unknown_section_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"no settings section \[clusters\]"):
        settings("clusters")


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ("join_threshold = 0.35", "", r"missing setting cluster\.join_threshold"),
        ("join_threshold = 0.35", "join_treshold = 0.35", r"unknown setting cluster\.join_"),
        ("join_threshold = 0.35", 'join_threshold = "0.35"', r"cluster\.join_threshold must be"),
        ("[brief]", "[briefs]", r"unknown section \[briefs\]"),
        ("[cluster]", "[cluster", "not valid TOML"),
    ],
)
def test_a_settings_file_with_a_bad_key_or_value_is_refused(
    replace: str, by: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        load_sections(defaults_text(replace, by), "my.toml")


@pytest.fixture
def store_defaults() -> Iterator[None]:
    shipped = settings("store")
    yield
    set_defaults("store", **asdict(shipped))


@pytest.mark.usefixtures("store_defaults")
def test_set_defaults_changes_a_section_for_later_calls() -> None:
    set_defaults("store", article_batch=3)
    assert settings("store").article_batch == 3
    assert settings("store", article_batch=5).article_batch == 5
    with pytest.raises(ConfigError, match=r"unknown setting store\.batch"):
        set_defaults("store", batch=3)
