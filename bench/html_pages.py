"""HTML main text, page by page, against trafilatura on trafilatura's own evaluation pages.

    .venv/bin/python bench/html_pages.py [--repo PATH] [--limit N] [--pages FILE.jsonl]

The pages and their annotations are not part of the project: they are read at bench time from
a copy of the adbar/trafilatura repository (Apache-2.0; `tests/evaldata.json` names ~1,000 real
pages under `tests/eval/` and `tests/cache/`, each with 1-6 snippets that the main text must
contain, "with", and 1-6 that it must not, "without"). `--repo` is a checkout or a bare git
directory (then the files are read with `git archive`).

Scored as trafilatura's own benchmark scores (whitespace-normalised substring matching):
- text F1: precision = with-snippets found / (found + without-snippets present), recall =
  with-snippets found / all with-snippets;
- must-have found: the share of with-snippets found; must-not absent: the share of
  without-snippets absent; pages lost: pages that give no article while trafilatura gives text.

Systems, in one run: newsweave's HTML reader (`html_article`: its text, and the article after
the cleaner: its title and cleaned text, since the cleaner moves a headline line into the title),
and trafilatura's `extract` with its benchmark settings. Pages are split in two halves
by a hash of their URL: changes were studied on half "A" only, so half "B" is held out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

import trafilatura

from newsweave.clean.cleaner import clean
from newsweave.models import Problem
from newsweave.readers.html import html_article

DEFAULT_REPO = Path("/work/.mirror/adbar+trafilatura/repo")
_SPACE = re.compile(r"\s+")


def corpus(repo: Path) -> tuple[dict[str, dict[str, Any]], Path]:
    """The annotations and the folder holding `tests/`, unpacking a bare repository first."""
    if (repo / "tests" / "evaldata.json").is_file():
        root = repo
    else:
        archive = subprocess.run(
            [
                "git",
                f"--git-dir={repo}",
                "archive",
                "HEAD",
                "tests/evaldata.json",
                "tests/eval",
                "tests/cache",
            ],
            check=True,
            capture_output=True,
        ).stdout
        root = Path(tempfile.mkdtemp(prefix="trafilatura-pages-"))
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(root, filter="data")
    annotations = json.loads((root / "tests" / "evaldata.json").read_text(encoding="utf-8"))
    return annotations, root / "tests"


def page_bytes(tests: Path, name: str) -> bytes | None:
    for folder in ("cache", "eval"):
        path = tests / folder / name
        if path.is_file():
            return path.read_bytes()
    return None


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def counts(item: dict[str, Any], text: str | None) -> tuple[int, int, int, int]:
    """(with found, without present, with missing, without absent) for one page."""
    flat = norm(text or "")
    found = sum(1 for w in item["with"] if norm(w) in flat) if text else 0
    present = sum(1 for w in item["without"] if norm(w) in flat) if text else 0
    return found, present, len(item["with"]) - found, len(item["without"]) - present


def half(url: str) -> str:
    return "A" if hashlib.sha1(url.encode()).digest()[0] % 2 == 0 else "B"


def newsweave_texts(page: bytes, url: str) -> tuple[str | None, str | None, str]:
    """The reader's text, the cleaned text and how the text was found (or why not)."""
    raw = html_article(page, url)
    if isinstance(raw, Problem):
        return None, None, raw.reason
    how = next((n for n in raw.notes if n.startswith("html:")), "html: main extraction")
    article = clean(raw, split=False)
    return raw.text, f"{article.title or ''}\n\n{article.text}", how


def trafilatura_text(page: bytes) -> str | None:
    return trafilatura.extract(
        page, include_comments=False, include_tables=True, include_formatting=False
    )


def summary(rows: list[dict[str, Any]], system: str) -> dict[str, float]:
    tp = sum(r[system][0] for r in rows)
    fp = sum(r[system][1] for r in rows)
    fn = sum(r[system][2] for r in rows)
    tn = sum(r[system][3] for r in rows)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    lost = sum(1 for r in rows if r["lost"]) if system != "trafilatura" else 0
    return {"f1": f1, "with": recall, "without": tn / (tn + fp) if tn + fp else 0.0, "lost": lost}


def run(repo: Path, limit: int | None, pages_out: Path | None) -> str:
    annotations, tests = corpus(repo)
    rows: list[dict[str, Any]] = []
    seconds = {"newsweave": 0.0, "trafilatura": 0.0}
    for url in sorted(annotations)[:limit]:
        item = annotations[url]
        page = page_bytes(tests, item["file"])
        if page is None:
            continue
        started = time.perf_counter()
        reader, cleaned, how = newsweave_texts(page, url)
        seconds["newsweave"] += time.perf_counter() - started
        started = time.perf_counter()
        baseline = trafilatura_text(page)
        seconds["trafilatura"] += time.perf_counter() - started
        rows.append(
            {
                "url": url,
                "half": half(url),
                "how": how,
                "lost": reader is None and bool(baseline and baseline.strip()),
                "reader": counts(item, reader),
                "cleaned": counts(item, cleaned),
                "trafilatura": counts(item, baseline),
                "texts": {"reader": reader, "trafilatura": baseline},
            }
        )
    if pages_out:
        pages_out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return report(rows, seconds)


def report(rows: list[dict[str, Any]], seconds: dict[str, float]) -> str:
    lines = [
        f"{len(rows)} pages (A {sum(r['half'] == 'A' for r in rows)}, "
        f"B {sum(r['half'] == 'B' for r in rows)}; B held out)",
        f"{'system':<22} {'pages':<6} {'text F1':>7} {'must-have':>9} {'must-not':>9} {'lost':>5}",
    ]
    systems = {"newsweave reader": "reader", "newsweave article": "cleaned"}
    systems["trafilatura extract"] = "trafilatura"
    for label, system in systems.items():
        for part in ("all", "A", "B"):
            chosen = [r for r in rows if part == "all" or r["half"] == part]
            s = summary(chosen, system)
            lines.append(
                f"{label:<22} {part:<6} {s['f1']:>7.3f} {s['with']:>9.3f} {s['without']:>9.3f} "
                f"{s['lost']:>5.0f}"
            )
    hows: dict[str, int] = {}
    for r in rows:
        hows[r["how"]] = hows.get(r["how"], 0) + 1
    lines.append("how the text was found: " + "; ".join(f"{k}: {v}" for k, v in hows.items()))
    worse = sum(1 for r in rows if r["reader"][0] < r["trafilatura"][0])
    better = sum(1 for r in rows if r["reader"][0] > r["trafilatura"][0])
    lines.append(f"pages with fewer / more must-have snippets than trafilatura: {worse} / {better}")
    lines.append("seconds: " + ", ".join(f"{name} {value:.1f}" for name, value in seconds.items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=DEFAULT_REPO)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--pages", type=Path, help="write one JSON line per page here")
    options = parser.parse_args()
    print(run(options.repo, options.limit, options.pages))


if __name__ == "__main__":
    main()
