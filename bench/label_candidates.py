"""Draw the sentences and pairs that tests/data/statement-kinds.jsonl and conflict-pairs.jsonl
label, for reading and labelling by hand (the texts go to a scratch file, never the project).

- `kinds`: from each BASIL story of stories-dev.jsonl, 5 random sentences (7-70 words) and 1
  that bears an opinion-like cue ("could", "likely", "we"...); from each summit sample, 12
  random ones. Split: BASIL stories by crc32(story) % 3 == 0 -> test; the samples' story test.
- `conflicts`: from every multi-outlet story of stories-dev.jsonl (with `--duc`: every DUC
  cluster of summaries-dev-duc2006-2007.jsonl, outlets AP, NYT and Xinhua by document id),
  pairs of sentences of two outlets whose counts clash (`matching.quantity_conflict`, TF-IDF
  cosine >= 0.12), or that are similar (>= 0.3) and dated differently or one negates the
  other; the `--per-story` (6) most similar per story. Split: as statement-pairs.jsonl fixes
  the story, else by the same hash.

    python bench/label_candidates.py kinds --shared ../shared > /tmp/kinds.json
    python bench/label_candidates.py conflicts --shared ../shared > /tmp/conflicts.json
    python bench/label_candidates.py conflicts --duc --per-story 20 --shared ../shared

Each candidate carries its pointer (`ref` or `ref_a`/`ref_b`: file, record, article, start,
end, sha1) and its text; the labelled files keep the pointers and the label only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import zlib
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from newsweave.briefing.agreement.matching import lexical_similarity, quantity_conflict
from newsweave.briefing.agreement.statements import anchors, sentence_dates

DATA = "data/stories-dev.jsonl"
DUC = "data/summaries-dev-duc2006-2007.jsonl"
_SPLIT = re.compile(r'(?<=[.!?])["”’]?\s+(?=["“‘]?[A-Z])')
_CUE = re.compile(
    r"\b(could|might|may|likely|perhaps|seems?|appears?|opportunity|for the most part|"
    r"has long|for years|we|our|you|i|should|must|clearly|critics|analysts|remarkable|"
    r"signal|sign of|arguably|probably)\b",
    re.IGNORECASE,
)


def sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each rough sentence, paragraph by paragraph."""
    found = []
    for paragraph in re.finditer(r"[^\n]+", text):
        body, base, start = paragraph.group(), paragraph.start(), 0
        for cut in _SPLIT.finditer(body):
            piece = body[start : cut.end()].rstrip()
            found.append((base + start, base + start + len(piece), piece))
            start = cut.end()
        if body[start:].strip():
            piece = body[start:].rstrip()
            found.append((base + start, base + start + len(piece), piece))
    return found


def pointer(
    record: str, article: str, start: int, end: int, text: str, data: str = DATA
) -> dict[str, Any]:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return {"file": data, "record": record, "article": article, "start": start, "end": end,
            "sha1": digest}  # fmt: skip


def hashed_split(story: str) -> str:
    return "test" if zlib.crc32(story.encode("utf-8")) % 3 == 0 else "train"


def stories(shared: Path, data: str = DATA) -> dict[str, list[dict[str, Any]]]:
    """The articles of each story: stories-dev's gold clusters, or the DUC clusters (whose
    outlet is the agency in the document id: APW, NYT, XIE)."""
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in (shared / data).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if data == DUC:
            for article in record["articles"]:
                outlet = re.match(r"[A-Z]+", article["id"])
                by_story[record["id"]].append(
                    article | {"outlet": outlet.group() if outlet else "", "published":
                               _duc_day(article["id"])}
                )  # fmt: skip
        else:
            by_story[record["cluster"]].append(record)
    return by_story


def _duc_day(article: str) -> str:
    """The day in a DUC document id ("APW19990707.0181" -> "1999-07-07")."""
    digits = re.search(r"(\d{4})(\d{2})(\d{2})", article)
    return "-".join(digits.groups()) if digits else ""


def kinds(shared: Path) -> list[dict[str, Any]]:
    rng, rows = random.Random(22), []
    for story, articles in sorted(stories(shared).items()):
        if not story.startswith("basil"):
            continue
        pool = [(a["id"], *s) for a in articles for s in sentences(a["text"])
                if 7 <= len(s[2].split()) <= 70]  # fmt: skip
        rng.shuffle(pool)
        cue = [c for c in pool[5:] if _CUE.search(c[3])][:1]
        for article, start, end, text in pool[:5] + cue:
            ref = pointer(story, article, start, end, text)
            rows.append({"ref": ref, "story": story, "split": hashed_split(story), "text": text})
    for path in sorted((shared / "samples").glob("*.txt")):
        pool = [s for s in sentences(path.read_text(encoding="utf-8"))
                if 7 <= len(s[2].split()) <= 70]  # fmt: skip
        rng.shuffle(pool)
        for start, end, text in pool[:12]:
            ref = pointer("", path.name, start, end, text) | {"file": f"samples/{path.name}"}
            del ref["record"]
            rows.append({"ref": ref, "story": "samples:summit", "split": "test", "text": text})
    return rows


def _published(record: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(record.get("published") or "")[:10])
    except ValueError:
        return None


def _why(a: Any, b: Any, similarity: float) -> str | None:
    """Why a pair is a candidate: clashing counts, or (similar pairs) two days or a negation,
    as the conflict rules of the previous release tested them."""
    about = quantity_conflict(a, b)
    if about and similarity >= 0.12:
        return "q:" + about
    if similarity < 0.3:
        return None
    if len(a.dated) == 1 == len(b.dated):
        (day_a, around_a), (day_b, around_b) = a.dated[0], b.dated[0]
        if day_a != day_b and around_a & around_b:
            return "date"
    negated = (a.negated_words & (b.words - b.negated_words)) | (
        b.negated_words & (a.words - a.negated_words)
    )
    return "neg" if (a.negations == 0) != (b.negations == 0) and negated else None


def conflicts(shared: Path, data: str = DATA, per_story: int = 6) -> list[dict[str, Any]]:
    rows = []
    for story, articles in stories(shared, data).items():
        if len({a.get("outlet") for a in articles}) < 2:
            continue
        items = [(a, *s) for a in articles for s in sentences(a["text"])
                 if 6 <= len(s[2].split()) <= 60]  # fmt: skip
        if len(items) < 2:
            continue
        similarity = lexical_similarity([i[3] for i in items])
        found = [anchors(t, sentence_dates(t, _published(a))) for a, _, _, t in items]
        found_pairs = []
        rows_, cols_ = (similarity >= 0.12).nonzero()  # no candidate below (see `_why`)
        for i, j in zip(rows_.tolist(), cols_.tolist(), strict=True):
            if i >= j or items[i][0]["outlet"] == items[j][0]["outlet"]:
                continue
            why = _why(found[i], found[j], float(similarity[i, j]))
            if why:
                found_pairs.append((float(similarity[i, j]), i, j, why))
        seen = set()
        for score, i, j, why in sorted(found_pairs, reverse=True)[:per_story]:
            (a, sa, ea, ta), (b, sb, eb, tb) = items[i], items[j]
            if (ta, tb) in seen:
                continue  # the same two sentences in another copy of an article
            seen.add((ta, tb))
            rows.append({
                "ref_a": pointer(story, a["id"], sa, ea, ta, data),
                "ref_b": pointer(story, b["id"], sb, eb, tb, data),
                "story": story, "why": why, "similarity": round(score, 3), "a": ta, "b": tb,
            })  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("kinds", "conflicts"))
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--duc", action="store_true", help="conflicts: mine the DUC clusters")
    parser.add_argument("--per-story", type=int, default=6, help="conflicts: pairs per story")
    args = parser.parse_args()
    data = DUC if args.duc else DATA
    rows = (
        kinds(args.shared) if args.what == "kinds" else conflicts(args.shared, data, args.per_story)
    )
    print(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
