"""Screenshots the browser tests keep as artifacts, taken once the page has finished loading.

On a loaded machine Chromium can answer a screenshot request while it is still laying the
page out and give up with "timeout ... aborted by navigation"; the shot is evidence for a
reader, not what the tests assert, so it waits for the page and tries once more.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

PAGE_READY_SECONDS = 30


def screenshot(browser: Any, path: Path) -> None:
    """Save a screenshot of the loaded page to `path` (a second try after a timeout)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, PAGE_READY_SECONDS).until(
        lambda driver: driver.execute_script("return document.readyState") == "complete"
    )
    try:
        browser.save_screenshot(str(path))
    except TimeoutException:
        time.sleep(1)
        browser.save_screenshot(str(path))
