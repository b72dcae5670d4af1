"""Bench corpora: real stories from ../shared/data (and the examples), varied into new stories.

A synthetic story is a real story (a labelled cluster of stories-dev, a wire article and its
copies in reposts-dev, an example story) told again with other people, places, numbers and
words: every capitalised name, every number and a quarter of the content words are replaced
by the same stand-ins in all of that story's articles (consistently, so its articles still
belong together and its copies are still copies), dates move by whole weeks and outlets are
drawn from 400 invented ones. Variant 0 is the real article. Grouping therefore sees as many
distinct stories as there are (cluster, variant) pairs, each as coherent as the real one.

Variation is applied to cleaned articles (text and sentence offsets rebuilt), so a 100k
corpus costs the cleaning of the ~2,800 real articles once (cached in bench/out/).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from newsweave.models import Article, Sentence

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
OUT = REPO / "bench" / "out"

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_SYLLABLES = "ka lo mi ra ven tor sal bi da nu re zan po li mar go te su fen hal dor vik".split()  # noqa: SIM905


def base_articles(workers: int = 2) -> list[tuple[str, Article]]:
    """(story key, cleaned article) for the real articles, cleaned once and cached."""
    cache = OUT / "base-articles.pkl"
    if cache.exists():
        loaded: list[tuple[str, Article]] = pickle.loads(cache.read_bytes())
        return loaded
    from newsweave.pipeline import read_articles
    from newsweave.runner import Runner

    OUT.mkdir(parents=True, exist_ok=True)
    labels: dict[str, str] = {}
    paths: list[Path] = []
    for name in ("stories-dev.jsonl", "reposts-dev.jsonl"):
        path = SHARED_DATA / name
        if path.is_file():
            paths.append(path)
            for line in path.open(encoding="utf-8"):
                record = json.loads(line)
                labels[record["id"]] = str(record.get("cluster") or record["id"])
    paths.append(REPO / "examples")
    articles = [a for a in read_articles(paths, runner=Runner(workers)) if isinstance(a, Article)]
    keyed = [(labels.get(a.id, a.duplicate_of or a.id), a) for a in articles]
    cache.write_bytes(pickle.dumps(keyed))
    return keyed


def _digest(*parts: object) -> int:
    text = "\x1f".join(map(str, parts)).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little")


def _stand_in(token: str, story: str, variant: int, vocabulary: list[str]) -> str:
    """The token's consistent replacement in (story, variant), or the token itself."""
    if token[0].isdigit():
        value = _digest("n", story, variant, token)
        digits = sum(ch.isdigit() for ch in token)
        return str(10 ** (digits - 1) + value % (9 * 10 ** (digits - 1)))
    if token[0].isupper():
        value = _digest("p", story, variant, token.lower())
        name = "".join(_SYLLABLES[(value >> (5 * k)) % len(_SYLLABLES)] for k in range(3))
        return name.capitalize() if not token.isupper() else name.upper()
    value = _digest("w", story, variant, token)
    if len(token) > 3 and value % 4 == 0:  # a quarter of the content words change
        return vocabulary[(value >> 8) % len(vocabulary)]
    return token


def vary(article: Article, story: str, variant: int, vocabulary: list[str]) -> Article:
    """The article as told in variant `variant` of its story (variant 0: unchanged)."""
    if variant == 0:
        return article

    def swap(text: str) -> str:
        return _TOKEN.sub(lambda m: _stand_in(m.group(), story, variant, vocabulary), text)

    pieces, sentences, cursor, position = [], [], 0, 0
    for sentence in article.sentences:
        gap = swap(article.text[cursor : sentence.start])
        body = swap(sentence.text)
        start = position + len(gap)
        pieces += [gap, body]
        sentences.append(Sentence(sentence.index, start, start + len(body), body))
        position = start + len(body)
        cursor = sentence.end
    pieces.append(swap(article.text[cursor:]))
    shift = timedelta(weeks=variant * 3 + _digest(story, variant) % 50)
    return replace(
        article,
        id=f"{article.id}~{variant}",
        text="".join(pieces),
        title=swap(article.title) if article.title else article.title,
        sentences=tuple(sentences),
        outlet=f"outlet{_digest(article.id, variant) % 400}.example",
        published=article.published + shift if article.published else None,
        duplicate_of=None,
    )


def corpus(size: int, start: int = 0) -> list[Article]:
    """`size` articles: the real ones first, then variant 1, 2... of every real story (from
    the `start`th on: a slice costs its own articles only)."""
    base = base_articles()
    vocabulary = sorted({w for _, a in base[:300] for w in _TOKEN.findall(a.text) if w.islower()})
    return [
        vary(base[n % len(base)][1], base[n % len(base)][0], n // len(base), vocabulary)
        for n in range(start, size)
    ]


_CREDITS = (
    "Reporting by staff; editing by the desk.",
    "(c) Wire Service. All rights reserved.",
    "This story was provided by a news agency.",
)


def wire_copy(source: Article, number: int, vocabulary: list[str]) -> Article:
    """Copy `number` of `source` as another outlet runs it: reposted word for word with a
    credit line, trimmed (its last sentences cut, as papers do for space), or lightly
    rewritten (one content word in ten swapped, a copy editor's touch); an hour to two days
    later. Its id is the source's with `#c<number>`, so `gold_stories` knows its story."""
    kind = _digest("kind", source.id, number) % 3
    text = source.text
    if kind == 0:  # reposted
        text = f"{text}\n\n{_CREDITS[number % len(_CREDITS)]}"
    elif kind == 1 and len(source.sentences) > 3:  # trimmed at a sentence end
        keep = len(source.sentences) * (5 + _digest("cut", source.id, number) % 4) // 10
        text = text[: source.sentences[max(keep, 2) - 1].end]
    elif kind == 2:  # lightly rewritten

        def touch(match: re.Match[str]) -> str:
            word = match.group()
            value = _digest("edit", source.id, number, match.start())
            if word.islower() and len(word) > 3 and value % 10 == 0:
                return vocabulary[(value >> 8) % len(vocabulary)]
            return word

        text = _TOKEN.sub(touch, text)
    hours = 1 + _digest("late", source.id, number) % 48
    return replace(
        source,
        id=f"{source.id}#c{number}",
        text=text,
        sentences=(),  # `stories` never splits; nothing here reads them again
        outlet=f"outlet{_digest('copy', source.id, number) % 400}.example",
        published=source.published + timedelta(hours=hours) if source.published else None,
        duplicate_of=None,
    )


def copy_rich(size: int, share: float = 1 / 3) -> list[Article]:
    """`size` articles of which `share` are wire copies (`wire_copy`) of the others.

    One original in five is wire copy that others run (a realistic skew: most articles are
    never copied, a wire story is copied many times); each copy follows its source in the file
    within a few hundred articles, as a crawl of many outlets meets them."""
    originals = corpus(size - round(size * share))
    vocabulary = sorted({w for a in originals[:300] for w in _TOKEN.findall(a.text) if w.islower()})
    wire = [i for i, a in enumerate(originals) if _digest("wire", a.id) % 5 == 0] or [0]
    placed: list[tuple[float, Article]] = [(float(i), a) for i, a in enumerate(originals)]
    for number in range(size - len(originals)):
        source = wire[_digest("pick", number) % len(wire)]
        late = 1 + _digest("gap", number) % 300
        copy = wire_copy(originals[source], number, vocabulary)
        placed.append((source + late + 0.5, copy))
    placed.sort(key=lambda pair: pair[0])
    return [article for _, article in placed]


def gold_stories(ids: list[str]) -> dict[str, str]:
    """The true story of each article of a bench corpus that comes from a labelled
    stories-dev cluster: that cluster in that variant (`vary`'s id suffix; a `wire_copy` is in
    its source's story). Articles from
    reposts-dev and the examples have no event label (a DUC cluster is a topic) and are left
    out."""
    path = SHARED_DATA / "stories-dev.jsonl"
    if not path.is_file():
        return {}
    clusters = {}
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        clusters[str(record["id"])] = str(record["cluster"])
    gold = {}
    for article_id in ids:
        base, _, variant = article_id.partition("#c")[0].partition("~")
        if base in clusters:
            gold[article_id] = f"{clusters[base]}~{variant or 0}"
    return gold


def write_jsonl(articles: list[Article], path: Path) -> Path:
    """The articles as crawler JSON Lines (the input `newsweave stories` reads)."""
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            published = a.published.isoformat() if a.published else None
            record = {"id": a.id, "title": a.title, "text": a.text, "outlet": a.outlet}
            out.write(json.dumps({**record, "published": published}) + "\n")
    return path
