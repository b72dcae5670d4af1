"""The outlet an article's own footer names, taken when its reader gave none."""

from __future__ import annotations

import pytest

from newsweave.clean.footer import footer_outlet

MIRROR = "Harbour Post’s website can also be accessed at the following alternate addresses:"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (MIRROR, "Harbour Post"),
        ("© 2021 Harbour Post. All rights reserved.", "Harbour Post"),
        ("Copyright 2021 Harbour Post", "Harbour Post"),
        ("Copyright © Harbour Post 2020", "Harbour Post"),
        ("© 2020–2021 Bay Courier | All Rights Reserved", "Bay Courier"),
        (
            "© 2021 Lundgate News Network. A Tidewater Company. All rights reserved.",
            "Lundgate News Network",
        ),
        ("Copyright 2021, Tidewater Media Inc. All rights reserved.", "Tidewater Media Inc."),
        ("© Voice of the Isles 2021", "Voice of the Isles"),
        ("© 2021 HPTV", "HPTV"),
        (
            "Copyright 1998 Isles News Agency (English Service). All rights reserved.",
            "Isles News Agency",
        ),
    ],
)
def test_a_footer_names_its_outlet_as_written(line: str, name: str) -> None:
    assert footer_outlet(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "Our site can also be reached at the following alternate addresses:",
        "All rights reserved.",
        "© 2021. All rights reserved.",
        "© 2021",
        "Photo: © 2021 The Associated Press",
        "© Getty Images",
        "Copyright 2021 by Ines Varga",
        "COPYRIGHT 2021 THE HARBOUR POST CO.",
        "Copyright 2021 rules changed for the ferries.",
        "© 2021 The",
        "© 2021 Harbour Post and its many readers across the islands",
    ],
)
def test_a_line_that_names_no_outlet_gives_none(line: str) -> None:
    assert footer_outlet(line) is None
