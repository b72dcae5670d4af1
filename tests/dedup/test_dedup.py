"""Reposts, trimmed wire copy and spun rewrites point at their original; separate reports don't."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import make_article

from newsweave.dedup.reposts import mark_duplicates

ORIGINAL = "\n".join(
    [
        "HALDEN, Norway (Wire) -- Engineers at the Halden ferry yard launched the first battery-"
        "powered car ferry built in the town on Tuesday, a vessel of 112 meters.",
        "The ferry, named Skarvøy, will carry up to 240 cars and 600 passengers across the fjord "
        "from next spring, the operator Nordfjell Lines said.",
        "Its batteries can be charged in 18 minutes while cars drive on and off, chief engineer "
        "Ingrid Solbakken told reporters at the quay.",
        "The yard expects to build three more ferries of the same design for operators in Denmark "
        "and Scotland over the next four years.",
        "Local officials said the order book had saved about 350 jobs at a yard that came close to "
        "closing in 2019.",
        "Environmental groups welcomed the launch but asked why the charging stations would still "
        "draw part of their power from a gas plant near Moss.",
        "Nordfjell Lines said it would publish the ferry's energy figures after the first full "
        "winter of service.",
    ]
)

SPUN = "\n".join(
    [
        "HALDEN, Norway (Wire) -- Technicians at the Halden boat shipyard unveiled the initial "
        "battery-driven automobile ferry constructed in the city on Tuesday, a ship of 112 meters.",
        "Its cells may be recharged in 18 minutes while autos roll on and off, lead technician "
        "Ingrid Solbakken informed journalists at the wharf.",
        "The vessel, called Skarvøy, shall transport as many as 240 autos and 600 travellers over "
        "the fjord from coming spring, the company Nordfjell Lines stated.",
        "The shipyard anticipates constructing three extra ferries of the identical layout for "
        "companies in Denmark and Scotland during the coming four years.",
        "Municipal authorities stated the order list had rescued roughly 350 positions at a "
        "shipyard that came near to shutting in 2019.",
        "Green campaigners praised the unveiling but questioned why the recharging points would "
        "nonetheless take a portion of their electricity from a gas facility close to Moss.",
        "Nordfjell Lines stated it might release the vessel's power data following the initial "
        "complete winter of operation.",
    ]
)

OTHER_OUTLET = "\n".join(
    [
        "Norway's newest electric ferry, the Skarvøy, slid into the water at Halden on Tuesday.",
        "Nordfjell Lines, which ordered the 112-meter ship, plans to put it on the fjord crossing "
        "next spring with room for 240 cars.",
        "Ingrid Solbakken, who led the engineering team, said fast charging at each quay was the "
        "hardest part of the design.",
        "The order, with three sister ships planned for Denmark and Scotland, has kept about 350 "
        "people in work at the yard since 2019.",
        "Critics note that part of the electricity will come from a gas plant near Moss.",
        "Shares in Nordfjell Lines rose 4 percent in Oslo after the launch.",
    ]
)


# About half of the words replaced, from no spinner's list the code could know: the content
# words, some function words ("said" -> "remarked", "but" -> "yet") and a capitalised common word
# of a name ("Nordfjell Lines" -> "Nordfjell Routes"), sentences swapped.
HEAVY_SPIN = "\n".join(
    [
        "HALDEN, Norway (Wire) -- Mechanics at the Halden barge dockyard floated the premier "
        "accumulator-fuelled motorcar boat fabricated in the borough on Tuesday, a craft of 112 "
        "meters.",
        "The boat, dubbed Skarvøy, is to ferry perhaps 240 motorcars and 600 riders across the "
        "inlet from next springtime, the carrier Nordfjell Routes remarked.",
        "Its accumulators can be replenished in 18 minutes as motorcars drive on and off, "
        "principal mechanic Ingrid Solbakken advised newsmen at the pier.",
        "The dockyard foresees fabricating three further boats of the equal blueprint for "
        "carriers in Denmark and Scotland over the approaching four years.",
        "Regional administrators remarked the order ledger had spared around 350 posts at a "
        "dockyard that came close to folding in 2019.",
        "Conservation bodies hailed the floating yet queried why the replenishing depots would "
        "still draw a fraction of their current from a gas works near Moss.",
        "Nordfjell Routes remarked it would issue the boat's fuel statistics after the premier "
        "entire wintertime of duty.",
    ]
)

# Another wire story of the same kind written on the frame of the first: its lead follows the
# first's sentence by sentence with other people, another day, another place, and a background
# paragraph is shared word for word; the rest is its own.
SAME_FRAME = "\n".join(
    [
        "ARENDAL, Norway (Wire) -- Engineers at the Arendal ferry yard launched the first hydrogen-"
        "powered car ferry built in the town on Friday, a vessel of 112 meters.",
        "The ferry, named Tromøy, will carry up to 240 cars and 600 passengers across the sound "
        "from next spring, the operator Sørkyst Ferries said.",
        "Local officials said the order book had saved about 350 jobs at a yard that came close to "
        "closing in 2019.",
        "Hydrogen for the ferry will come by truck from a plant in Porsgrunn until a pipeline to "
        "the quay is finished, a project the town council has yet to approve.",
        "Per Haugland, who heads the yard, said the hydrogen design had taken twice as long to "
        "certify as a battery ferry and that insurers had asked for a second fire system.",
        "Fishermen in the sound have objected to the crossing's new timetable, which they say "
        "leaves no slot for their boats at the harbour in the morning.",
    ]
)


def _ids(articles: list) -> dict[str, str | None]:  # type: ignore[type-arg]
    return {a.id: a.duplicate_of for a in articles}


def test_syndicated_copy_with_byline_and_copyright_points_at_original() -> None:
    original = make_article(ORIGINAL, id="wire", published="2023-03-07T09:00")
    copy = make_article(
        "By Wire Services\n" + ORIGINAL + "\nCopyright 2023 Wire Services. All rights reserved.",
        id="paper",
        outlet="Harbour Gazette",
        published="2023-03-08",
    )
    assert _ids(mark_duplicates([copy, original])) == {"paper": "wire", "wire": None}


def test_trimmed_copy_under_a_new_headline_points_at_original() -> None:
    original = make_article(ORIGINAL, id="wire", published="2023-03-07T09:00")
    kept = ORIGINAL.split("\n")[:4]
    trimmed = make_article(
        " ".join(kept), id="trim", title="Battery ferry launched", published="2023-03-08"
    )
    assert _ids(mark_duplicates([original, trimmed]))["trim"] == "wire"


def test_spun_rewrite_with_swapped_sentences_points_at_original() -> None:
    original = make_article(ORIGINAL, id="wire", published="2023-03-07T09:00")
    spun = make_article("[ad_1]\n" + SPUN, id="spin", outlet="farm.example", published="2023-03-08")
    assert _ids(mark_duplicates([original, spun]))["spin"] == "wire"


def test_separate_reports_of_the_same_event_are_not_linked() -> None:
    wire = make_article(ORIGINAL, id="wire", published="2023-03-07T09:00")
    other = make_article(OTHER_OUTLET, id="local", outlet="Fjord Post", published="2023-03-07")
    assert _ids(mark_duplicates([wire, other])) == {"wire": None, "local": None}


def test_spin_replacing_half_the_words_from_an_unknown_thesaurus_is_found() -> None:
    original = make_article(ORIGINAL, id="wire", published="2023-03-07T09:00")
    spun = make_article(HEAVY_SPIN, id="spin", outlet="farm.example", published="2023-03-08")
    assert _ids(mark_duplicates([original, spun]))["spin"] == "wire"


def test_report_written_on_another_reports_frame_is_not_a_copy() -> None:
    first = make_article(ORIGINAL, id="halden", published="2023-03-07T09:00")
    second = make_article(SAME_FRAME, id="arendal", published="2023-05-12T10:00")
    assert _ids(mark_duplicates([first, second])) == {"halden": None, "arendal": None}


def test_earliest_copy_is_the_original_and_copies_never_chain() -> None:
    early = make_article(ORIGINAL, id="early", published="2023-03-07T09:00")
    syndicated = make_article(
        ORIGINAL + "\nCopyright 2023 Wire Services.", id="syn", published="2023-03-08"
    )
    spun = make_article(SPUN, id="spin", published="2023-03-09")
    marked = mark_duplicates([spun, syndicated, early])
    assert [a.id for a in marked] == ["spin", "syn", "early"]
    assert _ids(marked) == {"spin": "early", "syn": "early", "early": None}


def test_word_for_word_reposts_join_the_copies_their_first_is_linked_to() -> None:
    # Reposts of the very same text skip the indexes and the verifier (only the first of a
    # text is tested); they still land in the group its first is in, under the earliest.
    spun = make_article(SPUN, id="spin", published="2023-03-09")
    reposts = [
        make_article(SPUN, id=f"repost{n}", outlet=f"site{n}.example", published="2023-03-10")
        for n in range(3)
    ]
    early = make_article(ORIGINAL, id="early", published="2023-03-07T09:00")
    marked = mark_duplicates([spun, *reposts, early])
    assert _ids(marked) == {
        "spin": "early", "repost0": "early", "repost1": "early", "repost2": "early", "early": None
    }  # fmt: skip


def test_word_for_word_reposts_too_short_to_judge_are_not_linked() -> None:
    short = "Ferry launched at Halden on Tuesday."  # under min_words: too little evidence
    first = make_article(short, id="first", published="2023-03-07")
    second = make_article(short, id="second", published="2023-03-08")
    assert _ids(mark_duplicates([first, second])) == {"first": None, "second": None}


def test_unknown_dates_fall_back_to_the_longer_text() -> None:
    full = make_article(ORIGINAL, id="full", published=None)
    trimmed = make_article("\n".join(ORIGINAL.split("\n")[:4]), id="trim", published=None)
    assert _ids(mark_duplicates([trimmed, full])) == {"trim": "full", "full": None}


def test_dev_slice_finds_copies_without_false_links(shared: Path) -> None:
    from newsweave.clean.cleaner import clean
    from newsweave.evaluation.reposts import score
    from newsweave.models import RawArticle
    from newsweave.readers.records import record_article

    data = shared / "data"
    gold = json.loads((data / "reposts-dev-gold.json").read_text(encoding="utf-8"))
    originals = list(dict.fromkeys(gold["copies"].values()))[:10]
    wanted = set(originals) | {c for c, o in gold["copies"].items() if o in originals}
    negatives = [p for p in gold["not_copies"] if p[0] in originals or p[1] in originals]
    wanted |= {article for pair in negatives[:40] for article in pair}
    articles = []
    for number, line in enumerate((data / "reposts-dev.jsonl").open(encoding="utf-8"), 1):
        record = json.loads(line)
        if record["id"] in wanted:
            raw = record_article(record, f"reposts-dev.jsonl:{number}")
            assert isinstance(raw, RawArticle)
            articles.append(clean(raw, record["id"]))
    # A copy of an article whose whole text the cleaner dropped cannot be found; leave those out.
    empty = {a.id for a in articles if not a.text.strip()}
    articles = [a for a in articles if a.id not in empty and gold["copies"].get(a.id) not in empty]
    present = {a.id for a in articles}
    gold["kinds"] = {c: k for c, k in gold["kinds"].items() if c in present}
    result = score(mark_duplicates(articles), gold)
    assert sum(result["found"].values()) >= 0.9 * sum(result["copies"].values()) >= 24
    assert result["false_links"] == {"negative": [], "other": []}


def test_band_choice_equals_datasketch_for_every_threshold() -> None:
    from datasketch.lsh import _optimal_param

    from newsweave.dedup.minhash import bands

    for num_perm in (32, 64, 128, 256):
        for step in range(5, 96, 5):
            threshold = step / 100
            assert bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_signature_is_the_minimum_of_each_multiply_shift_permutation() -> None:
    import numpy as np

    from newsweave.dedup.minhash import permutations, signature

    hashes = np.random.default_rng(7).integers(0, 2**63, 3000, dtype=np.uint64)  # 3 chunks
    a, b = permutations(64, 3)
    expected = ((a * hashes[:, None] + b) >> np.uint64(32)).min(axis=0).astype(np.uint32)
    assert np.array_equal(signature(hashes, 64, 3), expected)
    assert signature(hashes[:0], 64, 3) is None


def test_signatures_computed_in_threads_at_once_are_each_right() -> None:
    # A Dask worker runs several tasks at once in threads; each needs its own scratch buffer.
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np

    from newsweave.dedup.minhash import signature

    rng = np.random.default_rng(11)
    sets = [rng.integers(0, 2**63, 2500, dtype=np.uint64) for _ in range(64)]
    alone = [signature(hashes) for hashes in sets]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(signature, sets * 4))
    assert all(np.array_equal(a, b) for a, b in zip(alone * 4, together, strict=True))


def test_colliding_pairs_are_every_pair_that_agrees_on_a_whole_band() -> None:
    # Runs of equal band keys of every size (a wire story copied 40 times makes a run of 41),
    # against the definition, pair by pair; a missing signature collides with nothing.
    import itertools

    import numpy as np

    from newsweave.dedup.minhash import bands, colliding_pairs

    rng = np.random.default_rng(5)
    count, rows = bands(0.5, 32)
    signatures: list[np.ndarray | None] = []
    for group in (1, 2, 2, 3, 5, 41, 1, 1, 4):
        base = rng.integers(0, 4, 32, dtype=np.uint32)  # few values: chance collisions too
        for _ in range(group):
            copy = base.copy()
            changed = rng.random(32) < 0.3
            copy[changed] = rng.integers(0, 4, int(changed.sum()), dtype=np.uint32)
            signatures.append(copy)
    signatures.insert(7, None)
    expected = {
        (i, j)
        for (i, a), (j, b) in itertools.combinations(enumerate(signatures), 2)
        if a is not None
        and b is not None
        and any(np.array_equal(a[k * rows : (k + 1) * rows], b[k * rows : (k + 1) * rows])
                for k in range(count))
    }  # fmt: skip
    assert len(expected) > 41 * 40 // 4  # the big run and chance collisions are both there
    assert colliding_pairs(signatures, 0.5, 32) == expected


def test_aligned_coverage_is_its_definition_passage_by_passage() -> None:
    # The coverage compares a passage only with the other article's passages of the same numbers
    # near its place, and skips a count when the sizes alone settle a bar: the score must be
    # the one every passage pair within the window, counted in full, gives.
    import random
    from collections import Counter

    from newsweave.dedup.align import PairBars, aligned_coverage, sketch

    def dice(a: Counter[str], b: Counter[str]) -> float:
        total = a.total() + b.total()
        return 2 * (a & b).total() / total if total else 1.0

    def pair(a, b, bars: PairBars) -> bool:  # type: ignore[no-untyped-def]
        union = len(a.names | b.names)
        return (
            a.numbers == b.numbers
            and not (union and len(a.names & b.names) < bars.names * union)
            and dice(a.skeleton, b.skeleton) >= bars.skeleton
            and dice(a.bag, b.bag) >= bars.words
        )

    def coverage(short, long, bars: PairBars) -> float:  # type: ignore[no-untyped-def]
        scale = len(long.sentences) / max(1, len(short.sentences))
        covered = {
            index
            for passage, members in short.passages
            if any(
                abs(other.start - members.start * scale) <= 4 and pair(passage, target, bars)
                for target, other in long.passages
            )
            for index in members
        }
        return sum(short.sentences[i].size for i in covered) / short.size if short.size else 0

    rng = random.Random(3)
    words = [
        "the",
        "of",
        "ferry",
        "yard",
        "Halden",
        "said",
        "quay",
        "18",
        "two",
        "boat",
        "ship",
        "in",
        "a",
        "was",
        "Moss",
        "and",
        "240",
    ]
    texts = [
        "\n".join(
            " ".join(rng.choice(words) for _ in range(rng.randint(1, 9))) + "."
            for _ in range(rng.randint(1, 14))
        )
        for _ in range(40)
    ] + [ORIGINAL, SPUN, HEAVY_SPIN, SAME_FRAME, OTHER_OUTLET]
    sketches = [sketch(make_article(text)) for text in texts]
    checked = 0
    for bars in (PairBars(0.3, 0.0, 0.6), PairBars(0.5, 0.5, 0.8), PairBars(0.0, 0.0, 0.0)):
        for a, b in zip(sketches, sketches[1:] + sketches[:1], strict=True):
            expected = min(coverage(a, b, bars), coverage(b, a, bars))
            assert aligned_coverage(a, b, bars) == expected
            checked += expected > 0
    assert checked > 20  # the invented pairs do share passages


def test_names_are_the_capitalised_words_of_every_script() -> None:
    # The names regex matches its first character by a plain range before it checks the class:
    # every character must still be judged by the class (a word character, not a digit, "_" or
    # a-z), whatever its script or category, at a word's start and inside a word.
    import re

    from newsweave.dedup.align import STOP_WORDS, sketch

    by_class = re.compile(r"[^\W\d_a-z](?<!\w.)\w*(?:[.,:'’]\w+)*")
    checked = 0
    for code in [*range(0x20, 0x2500), *range(0x10400, 0x10450), 0x1D400, 0x1F600]:
        c = chr(code)
        if not c.isprintable() or c.isspace() or c in ".!?…\"'”’)]":
            continue
        text = f"Opening {c}ab x{c}Cd 7{c}Ef Gh.{c}ij and {c}.Kl, then {c}{c}Mn."
        first = re.search(r"\w+(?:[.,:'’]\w+)*", text)
        assert first is not None
        expected = {
            word.lower() for word in by_class.findall(text, first.end()) if word[0].isupper()
        } - STOP_WORDS
        (sentence,) = sketch(make_article(text)).sentences
        assert sentence.names == expected, hex(code)
        checked += bool(expected - {"gh.ij", "kl", "mn"})
    assert checked > 500  # capitals of other scripts were met


def test_pairs_sharing_articles_are_verified_together() -> None:
    # Chunks of candidate pairs are verified one task each, their articles prepared once: the
    # pairs of one group of copies must come together, every pair kept, each group's pairs in
    # their first order.
    from newsweave.dedup.reposts import by_component

    pairs = [(0, 5), (1, 2), (3, 9), (2, 7), (5, 8), (4, 6), (7, 11), (0, 10), (6, 12)]
    ordered = by_component(pairs)
    assert sorted(ordered) == sorted(pairs)
    assert ordered == [(0, 5), (5, 8), (0, 10), (1, 2), (2, 7), (7, 11), (3, 9), (4, 6), (6, 12)]
    assert by_component([]) == []


def test_fingerprint_anchors_are_numbers_and_names_after_each_units_first_word() -> None:
    # A unit's first word is capitalised for its place, not as a name: "Rescuers",
    # "Officials" and "Émile" are left out; "Valparaiso" counts where it is not first.
    from newsweave.dedup.align import fingerprint

    text = (
        "Rescuers in Valparaiso searched the port. Officials from Chile's Interior Ministry "
        "said 12 died.\nVALPARAISO (AP) Pedro Soto, a fisherman, saw the wave.\nÉmile "
        "Zola Street was closed"
    )
    anchors = fingerprint(make_article(text), 5)[1]
    expected = {"12", "ap", "chile's", "interior", "ministry", "pedro", "soto", "street"}
    assert anchors == expected | {"valparaiso", "zola"}
