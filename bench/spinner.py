"""A harder article spinner than the dev set's, with a vocabulary of its own, for bench/reposts.py.

The held-out repost set is "spun harder with a different vocabulary" than reposts-dev.jsonl, whose
spinner swaps ~9 % of the words from a fixed thesaurus ("said" -> "stated", "people" ->
"individuals"). A detector tuned on that thesaurus would look good on dev and fail there, so this
spinner stands in for the held-out one:

- **synonyms from another source**: each content word's nearest whole words in MiniLM's meaning
  space (a one-word "sentence" embedded with `MiniLMEmbedder`, cosine over the tokenizer's
  vocabulary), never a word the dev spinner uses (those are read from the dev set's own
  original/spin pairs at run time) nor an inflection of the word itself; function words from a
  small hand list, also disjoint from the dev spinner's;
- **a share of ALL words replaced** (`share`, 0.33 to 0.5 in the issue), content words first;
- **sentence operations**: neighbours swapped, a sentence dropped now and then, filler lines
  ("Read more: ...") added, numbers up to twenty written as words or digits the other way.

Nothing here ships: it needs the dev data and the embeddings extra, and it runs in bench only.
"""

from __future__ import annotations

import difflib
import json
import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")
_NEIGHBOURS = 8  # nearest words kept per word; a spin picks one of them at random
_MIN_COSINE = 0.55  # below this a "neighbour" is a different thing, not another word for it
# Function words and phrases a thesaurus spinner rewrites; none is a dev-spinner choice.
FUNCTION_SWAPS = {
    "said": ["remarked", "noted", "commented"],
    "says": ["remarks", "notes"],
    "told": ["advised", "notified"],
    "but": ["yet", "though"],
    "because": ["as", "for the reason that"],
    "about": ["regarding", "concerning"],
    "also": ["additionally", "likewise"],
    "before": ["prior to", "ahead of"],
    "many": ["numerous", "plenty of"],
    "very": ["highly", "extremely"],
    "could": ["might", "would be able to"],
    "while": ["whereas", "even as"],
    "against": ["versus", "opposed to"],
    "between": ["amid", "among"],
    "until": ["till", "up until"],
    "among": ["amongst", "amid"],
    "than": ["compared with"],
    "without": ["lacking", "minus"],
    "however": ["still", "even so"],
    "if": ["whether", "in case"],
    "all": ["every one of the", "the entire"],
    "under": ["beneath", "below"],
    "through": ["via", "by way of"],
    "then": ["thereafter", "next"],
}
FILLERS = (
    "Read more: our full coverage is here.",
    "Follow us for the latest updates.",
    "Sign up for our newsletter.",
    "Photo: handout.",
    "This story has been updated.",
)
_NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905
# Words a spinner leaves alone, on either side of a swap: counts, ordinals, months, weekdays
# (replacing "May" by "June" or "second" by "third" changes what the text says).
KEEP = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty
    fifty hundred thousand million billion trillion first second third fourth fifth sixth
    seventh eighth ninth tenth dozen half january february march april may june july august
    september october november december monday tuesday wednesday thursday friday saturday
    sunday""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Thesaurus:
    """Word -> replacement choices (lower case), and the function-word swaps."""

    words: dict[str, list[str]]

    def choices(self, word: str) -> list[str]:
        lower = word.lower()
        found = FUNCTION_SWAPS.get(lower) or self.words.get(lower) or []
        if word[:1].isupper():
            return [choice[:1].upper() + choice[1:] for choice in found]
        return found


def dev_spinner_words(dataset: Path, gold: Path) -> set[str]:
    """Every word on either side of the dev spinner's swaps (read from the dev pairs)."""
    data = {}
    for line in dataset.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        data[record["id"]] = record["text"]
    answer = json.loads(gold.read_text(encoding="utf-8"))
    words: set[str] = set()
    for copy, kind in answer["kinds"].items():
        if kind != "spin":
            continue
        a = re.findall(r"\w+", data[answer["copies"][copy]].lower())
        b = re.findall(r"\w+", data[copy].lower())
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "replace":
                words.update(a[i1:i2])
                words.update(b[j1:j2])
    return words


def build_thesaurus(stop_words: Iterable[str], banned: set[str]) -> Thesaurus:
    """Nearest whole words in MiniLM's meaning space for each common content word.

    Candidates are the tokenizer's whole, alphabetic, lower-case words of 3+ letters. A
    neighbour must reach `_MIN_COSINE`, must not be a dev-spinner word, and must not share its
    first four letters with the word (that would be an inflection, not a synonym).
    """
    from newsweave.nlp.embed import default_embedder

    embedder = default_embedder()
    tokenizer = resources.files("newsweave").joinpath("data/minilm-tokenizer.json")
    vocab = json.loads(tokenizer.read_text(encoding="utf-8"))["model"]["vocab"]
    stops = set(stop_words)
    words = sorted(w for w in vocab if w.isalpha() and w.isascii() and w.islower() and len(w) > 2)
    words = [w for w in words if w not in stops]
    vectors = embedder(words)
    allowed = np.array([w not in banned and w not in KEEP for w in words])
    table: dict[str, list[str]] = {}
    for start in range(0, len(words), 2048):
        block = vectors[start : start + 2048] @ vectors.T
        block[:, ~allowed] = -1.0
        top = np.argsort(-block, axis=1)[:, : _NEIGHBOURS * 3]
        for row, word in enumerate(words[start : start + 2048]):
            near = [
                words[j]
                for j in top[row]
                if block[row, j] >= _MIN_COSINE and words[j][:4] != word[:4]
            ]
            if near and word not in KEEP:
                table[word] = near[:_NEIGHBOURS]
    return Thesaurus(table)


def _paragraphs(text: str) -> list[list[str]]:
    from newsweave.text.sentences import rough_sentences

    return [rough_sentences(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def spin_text(
    text: str,
    share: float,
    thesaurus: Thesaurus,
    rng: random.Random,
    mixed: bool = False,
    common: frozenset[str] = frozenset(),
) -> str:
    """`text` with about `share` of all its words replaced and its sentences shuffled a little.

    Replacements are chosen among the words that have one, content words first (a spinner's
    thesaurus is mostly content words), up to `share` of the text's words; `mixed` draws
    function and content words alike (a spinner that rewrites the skeleton too).
    """
    paragraphs = [_sentence_ops(p, rng) for p in _paragraphs(text)]
    pieces = [_TOKEN.findall(s) for p in paragraphs for s in p]
    slots = [
        (i, j)
        for i, tokens in enumerate(pieces)
        for j, token in enumerate(tokens)
        if token[:1].isalpha()
        and (token[:1].islower() or j == _first_word(tokens) or token.lower() in common)
        and thesaurus.choices(token)
    ]
    total = sum(1 for tokens in pieces for t in tokens if t[:1].isalnum())
    content = [s for s in slots if pieces[s[0]][s[1]].lower() not in FUNCTION_SWAPS]
    function = [s for s in slots if pieces[s[0]][s[1]].lower() in FUNCTION_SWAPS]
    rng.shuffle(content)
    rng.shuffle(function)
    order = content + function
    if mixed:
        rng.shuffle(order)
    for i, j in order[: round(share * total)]:
        pieces[i][j] = rng.choice(thesaurus.choices(pieces[i][j]))
    for tokens in pieces:
        _renumber(tokens, rng)
    sentences = iter("".join(tokens) for tokens in pieces)
    return "\n\n".join(" ".join(next(sentences) for _ in p) for p in paragraphs)


def _first_word(tokens: list[str]) -> int:
    """Index of a sentence's first word (the only capitalised word a thesaurus rewrites)."""
    return next((j for j, token in enumerate(tokens) if token[:1].isalnum()), -1)


def _sentence_ops(sentences: list[str], rng: random.Random) -> list[str]:
    """Neighbours swapped (30 %), a sentence dropped (5 %), a filler line added (5 %)."""
    kept = [s for s in sentences if len(sentences) < 2 or rng.random() >= 0.05]
    for i in range(len(kept) - 1):
        if rng.random() < 0.3:
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    if rng.random() < 0.05:
        kept.insert(rng.randrange(len(kept) + 1), rng.choice(FILLERS))
    return kept or sentences


def _renumber(tokens: list[str], rng: random.Random) -> None:
    """Small numbers switched between digits and words, half the time (never a digit group of a
    longer number: "2,518" stays)."""
    for index, token in enumerate(tokens):
        if rng.random() >= 0.5 or _in_number(tokens, index):
            continue
        if token.isdigit() and int(token) < len(_NUMBER_WORDS):
            tokens[index] = _NUMBER_WORDS[int(token)]
        elif token.lower() in _NUMBER_WORDS[1:]:
            tokens[index] = str(_NUMBER_WORDS.index(token.lower()))


def _in_number(tokens: list[str], index: int) -> bool:
    """Whether the token at `index` joins a neighbouring digit group with "," or "."."""
    before = index >= 2 and tokens[index - 1] in ",." and tokens[index - 2][-1:].isdigit()
    after = (
        index + 2 < len(tokens) and tokens[index + 1] in ",." and tokens[index + 2][:1].isdigit()
    )
    return before or after


def common_words(texts: Iterable[str], least: int = 5) -> frozenset[str]:
    """Words written in lower case at least `least` times in `texts`: dictionary words, which a
    thesaurus rewrites even where a name or a headline capitalises them ("Party", "Times")."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(re.findall(r"\b[a-z]+\b", text))
    return frozenset(word for word, count in counts.items() if count >= least)


def cached_thesaurus(dataset: Path, gold: Path, cache: Path) -> Thesaurus:
    """`build_thesaurus` against the dev spinner's words, kept in `cache` (JSON) between runs:
    embedding the ~20,000 vocabulary words takes a minute and a half on two cores."""
    if cache.exists():
        return Thesaurus(json.loads(cache.read_text(encoding="utf-8")))
    from newsweave.dedup.align import STOP_WORDS

    thesaurus = build_thesaurus(STOP_WORDS, dev_spinner_words(dataset, gold))
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(thesaurus.words), encoding="utf-8")
    return thesaurus


def harder_set(
    dataset: Path,
    gold: Path,
    out: Path,
    thesaurus: Thesaurus,
    extra: int = 240,
    seed: int = 11,
    mixed: bool = False,
) -> tuple[Path, Path]:
    """The dev pile with its spins replaced by this spinner's, plus `extra` more spins.

    Each of the dev set's spun originals, and `extra` further real articles of 5+ paragraphs,
    gets one copy published a day later with a share of its words replaced drawn from 0.33 to
    0.5. The real articles, the syndicated and trimmed copies and the gold's negative pairs are
    kept as they are (`mixed`: see `spin_text`). Returns the paths of the new data set and its
    gold.
    """
    from datetime import datetime, timedelta

    rng = random.Random(seed)
    records = [json.loads(line) for line in dataset.read_text(encoding="utf-8").splitlines()]
    common = common_words(r["text"] for r in records)
    answer = json.loads(gold.read_text(encoding="utf-8"))
    spins = {c for c, kind in answer["kinds"].items() if kind == "spin"}
    kept = [r for r in records if r["id"] not in spins]
    originals = [answer["copies"][c] for c in sorted(spins)]
    real = [r for r in kept if r["id"] not in answer["copies"] and r.get("published")]
    others = [r for r in real if r["id"] not in originals and r["text"].count("\n\n") >= 4]
    chosen = set(originals) | {r["id"] for r in rng.sample(others, min(extra, len(others)))}
    by_id = {r["id"]: r for r in kept}
    for copy in spins:
        del answer["copies"][copy], answer["kinds"][copy], answer["accept"][copy]
    for original in sorted(chosen):
        record = by_id[original]
        copy = f"{original}-hspin"
        when = datetime.fromisoformat(record["published"][:10]) + timedelta(days=1)
        share = rng.uniform(0.33, 0.5)
        text = spin_text(record["text"], share, thesaurus, rng, mixed, common)
        kept.append({"id": copy, "text": text, "published": when.date().isoformat()})
        kept[-1]["outlet"] = "spinner.example"
        answer["copies"][copy] = original
        answer["kinds"][copy] = "spin"
        accepted = {original} | {c for c, o in answer["copies"].items() if o == original}
        answer["accept"][copy] = sorted(accepted - {copy})
    out.mkdir(parents=True, exist_ok=True)
    data_path, gold_path = out / "reposts-hard.jsonl", out / "reposts-hard-gold.json"
    data_path.write_text("".join(json.dumps(r) + "\n" for r in kept), encoding="utf-8")
    gold_path.write_text(json.dumps(answer), encoding="utf-8")
    return data_path, gold_path
