"""`newsweave eval alignment`: does newsweave know when two outlets' sentences say the same thing,
and when they contradict each other?

Reads labelled sentence pairs (JSON Lines), one pair a line, either with the texts inline
(`{"a", "b", "label", "kind"}`, e.g. MSRP in `pairs-dev.jsonl`: label 1 = same meaning) or with
pointers into a data folder (`{"ref_a", "ref_b", "label"}`, label "same", "different" or
"contradicting"; tests/data/alignment-labels.jsonl). A pointer names a file under the data
folder, the record and article, character offsets into that record's raw text and a sha1 prefix
of the sentence, so publishers' texts stay where they are and drift is caught. Lines of other
kinds (same_story, different_story...) are not sentence pairs and are skipped.

Scored in the same run, each at its threshold from `[agreement]` in defaults.toml:
- `embedding`: newsweave's relation (MiniLM cosine + anchor bonus, rule-decided conflicts);
- `lexical`: the same with newsweave's TF-IDF (words and word pairs) instead of embeddings;
- `tfidf`: the baseline, plain TF-IDF word cosine; it calls a pair contradicting when it is
  similar and the numbers in the two sentences differ;
- `support`: the learned support classifier that decides facts and exclusives
  (`alignment_support.py`), at the threshold shipped with its weights.
`--split test` keeps only the pairs of the held-out stories where the file fixes a split.
newsweave compares clauses (`clauses.clauses`), so embedding and lexical judge each pair by its
clauses: contradicting if any two clauses are, else same if any two are the same (as
`compare_outlets` would report it); `whole_sentences=True` compares whole sentences instead.
TF-IDF idf is fitted on all sentences (clauses) of the evaluated file. Reported: P/R/F1 and
accuracy of "same", P/R/F1 of "contradicting" where the labels have it, the threshold with the
best "same" F1 on this file (reported, not adopted), and pairs/s.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.briefing.agreement.clauses import clauses
from newsweave.briefing.agreement.compare import disagreement, relation
from newsweave.briefing.agreement.conflicts import align_threshold
from newsweave.briefing.agreement.figures import number_words
from newsweave.briefing.agreement.matching import shared_anchor
from newsweave.briefing.agreement.statements import Anchors, anchors, sentence_dates
from newsweave.config import settings
from newsweave.errors import DatasetError
from newsweave.evaluation import alignment_heldout, heldout
from newsweave.evaluation.alignment_heldout import best_threshold, prf, unvetoed
from newsweave.sections import AgreementSettings

LABELS = {1: "same", 0: "different", "same": "same", "different": "different"}
LABELS["contradicting"] = "contradicting"
SENTENCE_KINDS = {"msrp_paraphrase", "statement_pair"}
SYSTEMS = ("embedding", "lexical", "tfidf", "support", "support_lexical", "support_fast")


@dataclass(frozen=True, slots=True)
class Pair:
    a: str
    b: str
    label: str
    published_a: date | None = None
    published_b: date | None = None
    story: str = ""  # which story the pair comes from ("" if unknown)
    split: str = ""  # "train" / "test" where the file fixes a split


class Resolver:
    """Reads the sentence a pointer names from the shared data, once per file."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._texts: dict[tuple[str, str], tuple[str, date | None]] = {}
        self._loaded: set[str] = set()

    def __call__(self, ref: dict[str, Any], where: str) -> tuple[str, date | None]:
        try:
            name, article = str(ref["file"]), str(ref["article"])
            start, end, digest = int(ref["start"]), int(ref["end"]), str(ref["sha1"])
        except (KeyError, TypeError, ValueError) as error:
            raise DatasetError(f"{where}: a ref needs file, article, start, end, sha1") from error
        self._load(name, where)
        try:
            text, published = self._texts[(name, article)]
        except KeyError as error:
            raise DatasetError(f"{where}: no article {article!r} in {name}") from error
        sentence = text[start:end]
        if hashlib.sha1(sentence.encode("utf-8")).hexdigest()[: len(digest)] != digest:
            raise DatasetError(f"{where}: {name} {article}[{start}:{end}] changed (sha1 differs)")
        return sentence, published

    def _load(self, name: str, where: str) -> None:
        if name in self._loaded:
            return
        path = self.data_dir / name
        if not path.is_file():
            raise DatasetError(f"{where}: {path} not found; pass the data folder (--data-dir)")
        self._loaded.add(name)
        if path.suffix != ".jsonl":
            self._texts[(name, path.name)] = (path.read_text(encoding="utf-8"), _file_date(path))
            return
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else {}
            for item in record.get("articles", [record]):
                if "id" in item and "text" in item:
                    self._texts[(name, str(item["id"]))] = (item["text"], _date(item))


def _date(record: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(record.get("published") or "")[:10])
    except ValueError:
        return None


def _file_date(path: Path) -> date | None:
    """The publication date a reader finds in a plain article file, if any."""
    from newsweave.models import RawArticle
    from newsweave.readers import read

    for item in read([path]):
        if isinstance(item, RawArticle) and item.published:
            return _date({"published": item.published})
    return None


def load(dataset: Path, data_dir: Path | None = None) -> tuple[list[Pair], int]:
    """The sentence pairs of a data set and how many lines of other kinds were skipped."""
    try:
        lines = dataset.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise DatasetError(f"{dataset}: cannot read ({error})") from error
    resolve = Resolver(data_dir or dataset.parent)
    pairs, skipped = [], 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{dataset}:{number}"
        try:
            record = json.loads(line)
            label = LABELS[record["label"]]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise DatasetError(
                f"{where}: needs 'a'/'b' or 'ref_a'/'ref_b', and 'label' (1/0 or"
                f" same/different/contradicting) ({error})"
            ) from error
        if record.get("kind", "statement_pair") not in SENTENCE_KINDS:
            skipped += 1
        elif "ref_a" in record:
            (a, day_a), (b, day_b) = (
                resolve(record["ref_a"], where),
                resolve(record["ref_b"], where),
            )
            story = str(record.get("story") or record["ref_a"].get("record", ""))
            split = str(record.get("split", ""))
            pairs.append(Pair(a, b, label, day_a, day_b, story, split))
        else:
            pairs.append(Pair(str(record["a"]), str(record["b"]), label))
    return pairs, skipped


def _anchors(text: str, published: date | None) -> Anchors:
    return anchors(text, sentence_dates(text, published))


def _cosines(pairs: Sequence[Pair], vectors_of: Callable[[list[str]], Any]) -> np.ndarray:
    """Cosine of each pair, from one vectorisation of all distinct sentences of the file."""
    texts = sorted({p.a for p in pairs} | {p.b for p in pairs})
    index = {t: i for i, t in enumerate(texts)}
    vectors = vectors_of(texts)
    rows_a = vectors[[index[p.a] for p in pairs]]
    rows_b = vectors[[index[p.b] for p in pairs]]
    if isinstance(vectors, np.ndarray):
        return np.asarray((rows_a * rows_b).sum(axis=1), dtype=float)
    return np.asarray(rows_a.multiply(rows_b).sum(axis=1), dtype=float).ravel()


def _embedding_vectors(texts: list[str]) -> Any:
    from newsweave.nlp.embed import default_embedder

    return default_embedder()(texts)


def _tfidf(ngrams: tuple[int, int], stop_words: str | None) -> Callable[[list[str]], Any]:
    """TF-IDF vectors fitted on the sentences given (all sentences of the evaluated file)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    def vectors(texts: list[str]) -> Any:
        vectorizer = TfidfVectorizer(ngram_range=ngrams, sublinear_tf=True, stop_words=stop_words)
        return vectorizer.fit_transform(texts)

    return vectors


_VECTORS: dict[str, Callable[[list[str]], Any]] = {
    "embedding": _embedding_vectors,
    "lexical": _tfidf((1, 2), "english"),  # as `agreement.lexical_similarity`
    "tfidf": _tfidf((1, 1), None),  # the plain baseline
}


def _judge(
    system: str, pairs: Sequence[Pair], scores: np.ndarray, config: AgreementSettings
) -> tuple[list[str], np.ndarray]:
    """Each pair's predicted relation, and the score that was compared to the threshold."""
    if system == "tfidf":
        threshold = config.baseline_tfidf_threshold
        predicted = []
        for pair, score in zip(pairs, scores, strict=True):
            if score < threshold:
                predicted.append("different")
            elif number_words(pair.a) != number_words(pair.b):
                predicted.append("contradicting")
            else:
                predicted.append("same")
        return predicted, scores
    adjusted = scores.copy()
    predicted = []
    for k, pair in enumerate(pairs):
        a = (pair.a, _anchors(pair.a, pair.published_a))
        b = (pair.b, _anchors(pair.b, pair.published_b))
        if shared_anchor(a[1], b[1]):
            adjusted[k] += config.anchor_bonus
        predicted.append(relation(a, b, float(adjusted[k]), config, system))
    return predicted, adjusted


def _clauses(text: str, min_words: int) -> list[str]:
    return [text[start:end] for start, end in clauses(text, min_words)]


def _judge_clauses(
    system: str, pairs: Sequence[Pair], config: AgreementSettings
) -> tuple[list[str], np.ndarray, list[str]]:
    """As `_judge`, on the clauses newsweave compares (`clauses.clauses`): a pair is
    contradicting if any two of its clauses are, else same if any two are the same; and, for
    each pair, what its clauses disagree on (`compare.disagreement`), or ""."""
    min_words = config.statement_min_words
    split = [(_clauses(p.a, min_words), _clauses(p.b, min_words)) for p in pairs]
    texts = sorted({t for a, b in split for t in a + b})
    index = {t: i for i, t in enumerate(texts)}
    vectors = _VECTORS[system](texts)
    dense = vectors if isinstance(vectors, np.ndarray) else vectors.toarray()
    predicted, best, why = [], np.zeros(len(pairs)), []
    for k, (pair, (parts_a, parts_b)) in enumerate(zip(pairs, split, strict=True)):
        found, best[k], about = "different", -1.0, ""
        for text_a in parts_a:
            for text_b in parts_b:
                score = float(dense[index[text_a]] @ dense[index[text_b]])
                a = (text_a, _anchors(text_a, pair.published_a))
                b = (text_b, _anchors(text_b, pair.published_b))
                score += config.anchor_bonus if shared_anchor(a[1], b[1]) else 0.0
                best[k] = max(best[k], score)
                clash = disagreement(a, b, score, config, system)
                if clash:
                    found, about = "contradicting", about or clash
                elif score >= align_threshold(config, system) and found == "different":
                    found = "same"
        predicted.append(found)
        why.append(about)
    return predicted, best, why


def evaluate(
    pairs: Sequence[Pair], system: str, config: AgreementSettings, by_clauses: bool = True
) -> dict[str, Any]:
    """Scores of one system on the pairs (see the module docstring); `by_clauses` False
    compares whole sentences."""
    started = time.perf_counter()
    why: list[str] = []
    if system.startswith("support"):
        from newsweave.evaluation.alignment_support import judge_support

        predicted, adjusted, threshold = judge_support(pairs, config.statement_min_words, system)
    elif system != "tfidf" and by_clauses:
        predicted, adjusted, why = _judge_clauses(system, pairs, config)
        threshold = align_threshold(config, system)
    else:
        scores = _cosines(pairs, _VECTORS[system])
        predicted, adjusted = _judge(system, pairs, scores, config)
        threshold = (
            config.baseline_tfidf_threshold
            if system == "tfidf"
            else align_threshold(config, system)
        )
    seconds = time.perf_counter() - started
    gold = [p.label for p in pairs]
    same_gold = ["same" if g == "same" else "different" for g in gold]
    same_predicted = ["same" if p == "same" else "different" for p in predicted]
    vetoed = [p == "contradicting" and not unvetoed(system) for p in predicted]
    result: dict[str, Any] = {
        "threshold": threshold,
        "same": prf(same_gold, same_predicted, "same"),
        "accuracy": sum(g == p for g, p in zip(same_gold, same_predicted, strict=True))
        / len(pairs),
        "best_threshold": best_threshold(same_gold, adjusted, vetoed),
        "pairs_per_second": len(pairs) / seconds if seconds else 0.0,
        "predicted": predicted,
        "scores": [round(float(s), 4) for s in adjusted],
        "why": why or [""] * len(pairs),
    }
    if "contradicting" in gold:
        result["contradicting"] = prf(gold, predicted, "contradicting")
    return result


def _table(dataset: Path, pairs: Sequence[Pair], skipped: int, results: dict[str, Any]) -> str:
    counts = {
        label: sum(p.label == label for p in pairs)
        for label in ("same", "different", "contradicting")
    }
    shown = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
    lines = [
        f"alignment on {dataset.name}: {len(pairs)} sentence pairs ({shown});"
        f" {skipped} other lines skipped"
    ]
    header = (
        f"{'system':<15} {'thr':>5} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6}"
        f" {'best thr':>8} {'best F1':>7}"
    )
    with_conflicts = counts["contradicting"] > 0
    if with_conflicts:
        header += f" {'confl P':>7} {'confl R':>7} {'confl F1':>8}"
    lines.append(header + f" {'pairs/s':>8}")
    for system, r in results.items():
        same = r["same"]
        row = (
            f"{system:<15} {r['threshold']:>5.2f} {same['precision']:>6.3f} {same['recall']:>6.3f}"
            f" {same['f1']:>6.3f} {r['accuracy']:>6.3f} {r['best_threshold'][0]:>8.2f}"
            f" {r['best_threshold'][1]:>7.3f}"
        )
        if with_conflicts:
            c = r["contradicting"]
            row += f" {c['precision']:>7.3f} {c['recall']:>7.3f} {c['f1']:>8.3f}"
        lines.append(row + f" {r['pairs_per_second']:>8.0f}")
    lines.append(
        "embedding/lexical: newsweave (cosine + anchor bonus, rule conflicts); tfidf: plain word"
        " TF-IDF cosine baseline (contradicting = similar with different numbers); support: the"
        " learned support classifier (support.py) at its shipped threshold, by clauses;"
        " support_lexical: its lexical model, verbs by spaCy's tagger; support_fast: the same with"
        " verbs by rule, as `brief --fast`"
    )
    return "\n".join(lines)


def run(
    dataset: Path,
    json_out: Path | None = None,
    data_dir: Path | None = None,
    limit: int | None = None,
    systems: Sequence[str] = SYSTEMS,
    whole_sentences: bool = False,
    split: str | None = None,
) -> str:
    """Score every system on the data set's sentence pairs; the table, and JSON if asked.

    `data_dir`: where pointers (`ref_a`/`ref_b`) are resolved (default: the data set's folder).
    `limit`: only the first N sentence pairs (for quick checks).
    `whole_sentences`: compare whole sentences, as newsweave did before clauses (for comparison).
    `split`: only the pairs of that split ("test": the held-out stories of the file).
    """
    pairs, skipped = load(dataset, data_dir)
    pairs = [p for p in pairs if split is None or p.split == split]
    pairs = pairs[:limit] if limit else pairs
    if not pairs:
        raise DatasetError(f"{dataset}: no sentence pairs (kinds {sorted(SENTENCE_KINDS)})")
    config = settings("agreement")
    results = {system: evaluate(pairs, system, config, not whole_sentences) for system in systems}
    held = alignment_heldout.rows([p.story for p in pairs], [p.label for p in pairs], results)
    if json_out is not None:
        full = {
            "dataset": str(dataset),
            "pairs": len(pairs),
            "skipped": skipped,
            "results": results,
            "held_out": [row.as_dict() for row in held],
        }
        json_out.write_text(json.dumps(full, indent=1), encoding="utf-8")
    block = heldout.table(f"{heldout.FOLDS}-fold by story", held)
    return _table(dataset, pairs, skipped, results) + "\n\n" + block
