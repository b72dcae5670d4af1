"""The web app in a real headless browser (Debian's chromium via selenium) against the real
server over the example store: the list, a story, a citation, search, an entity page; no
console error (a Content-Security-Policy violation would be one), no script from input.

Screenshots go to $NEWSWEAVE_ARTIFACTS when set, else to pytest's tmp folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from archives import example_store, hostile_store, running_server
from screenshots import screenshot
from test_report_browser import artifacts, browser, console_errors

__all__ = ["artifacts", "browser", "hostile_store"]  # fixtures used below


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(example_store(tmp_path_factory)) as base:
        yield base


def test_reader_goes_from_the_list_to_a_story_and_its_sources(
    browser: Any, app: str, artifacts: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(1280, 900)
    browser.get(app + "/")
    items = browser.find_elements(By.CSS_SELECTOR, "ol.stories li.story-item")
    assert items, "the story list shows stories"
    assert "article" in items[0].find_element(By.CSS_SELECTOR, ".meta").text
    screenshot(browser, artifacts / "app-stories.png")
    biggest = max(
        items, key=lambda li: int(li.find_element(By.CSS_SELECTOR, ".meta").text.split()[0])
    )
    headline = biggest.find_element(By.CSS_SELECTOR, "a.title").text
    biggest.find_element(By.CSS_SELECTOR, "a.title").click()

    _once_loaded(browser, "/stories/", ".story-head h2")
    assert browser.find_element(By.CSS_SELECTOR, ".story-head h2").text == headline
    citation = browser.find_element(By.CSS_SELECTOR, "ol.summary a.cite")
    browser.execute_script("arguments[0].focus()", citation)
    tip = browser.find_element(By.ID, "nw-tip")
    assert tip.is_displayed() and tip.text, "the report's script runs under the policy"
    citation.click()
    target = browser.find_element(By.ID, citation.get_attribute("href").split("#")[1])
    assert "hit" in (target.get_attribute("class") or "")
    screenshot(browser, artifacts / "app-story.png")
    assert console_errors(browser) == []
    browser.find_element(By.CSS_SELECTOR, "a.home").click()
    WebDriverWait(browser, 20).until(lambda b: b.current_url == app + "/")


def _once_loaded(browser: Any, url_part: str, selector: str) -> list[Any]:
    """The elements matching `selector` once the page whose URL holds `url_part` has loaded.

    A form submit returns before the next page is there; asking at once can read the old one.
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(
        lambda b: url_part in b.current_url and b.find_elements(By.CSS_SELECTOR, selector)
    )
    found: list[Any] = browser.find_elements(By.CSS_SELECTOR, selector)
    return found


def test_reader_searches_and_opens_a_person(browser: Any, app: str, artifacts: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 900)
    browser.get(app + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("levee")
    box.submit()
    hits = _once_loaded(browser, "q=levee", "ul.articles li mark")
    assert hits and all(h.text.lower() == "levee" for h in hits)

    box = browser.find_element(By.ID, "q")
    box.clear()
    box.send_keys("Halloran")
    box.submit()
    speakers = _once_loaded(browser, "q=Halloran", "ul.quotes a.speaker")
    assert any(s.text == "Greta Halloran" for s in speakers)
    screenshot(browser, artifacts / "app-search.png")
    next(s for s in speakers if s.text == "Greta Halloran").click()

    _once_loaded(browser, "/entities/", "h1")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Greta Halloran"
    assert browser.find_elements(By.CSS_SELECTOR, "ul.quotes blockquote")
    assert browser.find_elements(By.CSS_SELECTOR, "ol.stories a.title")
    screenshot(browser, artifacts / "app-entity.png")
    assert console_errors(browser) == []


def test_script_in_input_never_runs(browser: Any, hostile_store: Path, artifacts: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    with running_server(hostile_store) as base:
        browser.get(base + "/")
        link = browser.find_element(By.CSS_SELECTOR, "a.title")
        assert link.text == "alert('title')"  # the title's markup is dropped, its text shown
        link.click()
        screenshot(browser, artifacts / "app-hostile-story.png")
        browser.get(base + "/search?q=script+plan")
        for _ in range(3):
            with pytest.raises(NoAlertPresentException):
                browser.switch_to.alert.text  # noqa: B018 - asking is the check
        assert console_errors(browser) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_home_and_story_fit_a_desktop_and_a_phone(
    browser: Any, app: str, artifacts: Path, width: int
) -> None:
    from selenium.webdriver.common.by import By

    def overflow() -> int:
        found: int = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        return found

    browser.set_window_size(width, 900)
    browser.get(app + "/?sort=biggest")
    assert browser.find_elements(By.CSS_SELECTOR, "li.story-item p.summary")
    assert "page 1 of 1" in browser.find_element(By.CSS_SELECTOR, ".lede").text
    assert overflow() <= 0
    screenshot(browser, artifacts / f"app-home-{width}.png")
    browser.find_element(By.CSS_SELECTOR, "a.title").click()
    _once_loaded(browser, "/stories/", ".story-head h2")
    assert not browser.find_elements(By.CSS_SELECTOR, "nav.toc, .masthead")
    cited = browser.find_element(By.CSS_SELECTOR, "mark.cited")
    assert "underline" not in cited.value_of_css_property("text-decoration-line")
    assert overflow() <= 0
    screenshot(browser, artifacts / f"app-story-{width}.png")
    assert console_errors(browser) == []
