"""The HTML report in a real headless browser (Debian's chromium + chromedriver, via selenium),
opened from a file:// URL as a reader opens a mailed report.

Screenshots go to $NEWSWEAVE_ARTIFACTS when set (CI keeps them), else to pytest's tmp folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from briefs import sample_brief
from screenshots import screenshot

from newsweave.render.html import render_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path(shutil.which("chromedriver") or "/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip(
            "needs Debian's chromium and chromedriver: apt-get install -y chromium chromium-driver"
        )
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("NEWSWEAVE_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def report(tmp_path: Path) -> str:
    path = tmp_path / "brief.html"
    path.write_text(render_html([sample_brief()]), encoding="utf-8")
    return path.as_uri()


def console_errors(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_citation_shows_its_source_and_leads_to_it(browser: Any, report: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 900)
    browser.get(report)
    tip = browser.find_element(By.ID, "nw-tip")
    assert not tip.is_displayed()
    first, second = browser.find_elements(By.CSS_SELECTOR, "ol.summary a.cite")[:2]

    # A page gets focus events only while its window has focus: a reader's first click gives
    # it that (headless Chromium starts without it), then Tab-like focus shows the tip.
    browser.find_element(By.TAG_NAME, "h1").click()
    browser.execute_script("arguments[0].focus()", first)
    assert tip.is_displayed()
    assert "About 2,000 workers joined the strike." in tip.text
    assert "Harbor Gazette" in tip.text and "2025-03-03" in tip.text

    ActionChains(browser).move_to_element(second).perform()
    assert "Some 2,000 dockers joined the strike on Monday." in tip.text

    first.click()
    target = browser.find_element(By.ID, first.get_attribute("href").split("#")[1])
    assert browser.execute_script("return arguments[0].matches(':target')", target)
    assert "hit" in (target.get_attribute("class") or "")
    assert target.text == "About 2,000 workers joined the strike."
    assert browser.execute_script(
        "var r = arguments[0].getBoundingClientRect();return r.top >= 0 && r.bottom <= innerHeight",
        target,
    ), "the cited sentence is scrolled into view"
    assert console_errors(browser) == []


def test_removed_boilerplate_opens_and_page_fits_a_phone(
    browser: Any, report: str, artifacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 900)
    browser.get(report)
    screenshot(browser, artifacts / "report-desktop.png")
    toggle = browser.find_element(By.CSS_SELECTOR, "details.removed")
    line = toggle.find_element(By.CSS_SELECTOR, "li:last-child")
    assert not line.is_displayed()
    toggle.find_element(By.TAG_NAME, "summary").click()
    assert toggle.get_attribute("open") is not None
    assert line.is_displayed() and line.text == "Photo: AP"

    browser.set_window_size(390, 844)
    browser.get(report)
    width = browser.execute_script("return document.documentElement.clientWidth")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    assert browser.find_element(By.CSS_SELECTOR, "ol.summary").is_displayed()
    screenshot(browser, artifacts / "report-phone.png")
    browser.execute_script("document.querySelector('#s1-quotes').scrollIntoView()")
    screenshot(browser, artifacts / "report-phone-quotes.png")
    assert (artifacts / "report-phone.png").stat().st_size > 10_000
    assert console_errors(browser) == []


def test_skip_link_is_the_first_stop_for_the_keyboard(browser: Any, report: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(1280, 900)
    browser.get(report)
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.text == "Skip to the report" and focused.is_displayed()
    focused.send_keys(Keys.ENTER)
    assert browser.execute_script("return location.hash") == "#main"
