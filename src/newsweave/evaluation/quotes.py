"""`newsweave eval quotes`: quotations and speakers against hand-labelled gold (PolNeAR).

Each record is one article (`{"id", "text", "quotes": [{"start", "end", "speaker",
"speaker_start"?, "speaker_end"?}]}`); it is briefed as a one-article story (entities, then
quotes), in full mode and in fast mode (no spaCy), and scored beside textacy's
`direct_quotations`, run per paragraph (it gives up on a whole text with an odd number of marks)
on a full spaCy parse, in the same run.

Rules, stated once:
- a predicted and a gold quote match when their character overlap is at least `OVERLAP` (0.3,
  as GenderGapTracker) of the LONGER of the two; matching is one-to-one, greedy by overlap;
- speaker accuracy is over matched quotes: right when the predicted speaker mention overlaps
  the gold speaker span, or (gold names and descriptions) when the heads match: the gold's last
  word (surname or head noun, before any comma or bracket) is a word of the predicted speaker;
  a gold pronoun speaker ("he") is judged by span only (the gold is not coreference-resolved);
  a gold null speaker is right only when the prediction is null too.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.errors import DatasetError
from newsweave.evaluation import heldout
from newsweave.evaluation.dataset import jsonl_records

OVERLAP = 0.3
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "him", "her", "his", "who"})


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    speaker: str | None
    mention_start: int | None = None
    mention_end: int | None = None


def run(dataset: Path, json_out: Path | None = None, **options: Any) -> str:
    """Score newsweave and textacy on `dataset`; return the printed table."""
    records = list(_records(Path(dataset)))
    systems = {
        "newsweave": _newsweave,
        "newsweave fast (no spaCy)": _newsweave_fast,
        "textacy direct_quotations": _textacy,
    }
    results: dict[str, Any] = {}
    held: list[heldout.Row] = []
    for name, system in systems.items():
        began = time.perf_counter()
        predictions = system(records, **options)
        seconds = time.perf_counter() - began
        results[name] = {**score(records, predictions), "seconds": round(seconds, 2)}
        held += _held_out_rows(name, records, predictions, results[name])
    table = _table(results, len(records))
    table += "\n\n" + heldout.table(f"{heldout.FOLDS}-fold by article", held)
    results["held_out"] = [row.as_dict() for row in held]
    if json_out is not None:
        Path(json_out).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return table


def _held_out_rows(
    system: str,
    records: Sequence[dict[str, Any]],
    predictions: Sequence[Sequence[Predicted]],
    scores: dict[str, Any],
) -> list[heldout.Row]:
    """Nothing is fitted on this data (rules; textacy as shipped): the 5-fold spread."""
    ids = [str(record.get("id", n)) for n, record in enumerate(records)]
    folds = [
        score([records[n] for n in chunk], [predictions[n] for n in chunk])
        for chunk in heldout.kfold(ids)
    ]
    return [
        heldout.fixed_row(system, "all", label, scores[measure],
                          heldout.spread(fold[measure] for fold in folds))
        for measure, label in (("f1", "quote F1"), ("speaker_accuracy", "speaker accuracy"))
    ]  # fmt: skip


def _records(path: Path) -> Iterator[dict[str, Any]]:
    for number, record in jsonl_records(path):
        if not isinstance(record.get("text"), str) or not isinstance(record.get("quotes"), list):
            raise DatasetError(f"{path}:{number}: an eval quotes record needs 'text' and 'quotes'")
        for quote in record["quotes"]:
            if "start" not in quote or "end" not in quote:
                raise DatasetError(f"{path}:{number}: every gold quote needs 'start' and 'end'")
        yield record


def _newsweave(
    records: Sequence[dict[str, Any]], *, fast: bool = False, **options: Any
) -> list[list[Predicted]]:
    from newsweave.briefing.entities import find_entities
    from newsweave.briefing.quotes.attribution import attribute
    from newsweave.models import Article, Story

    out = []
    for record in records:
        article = Article(id=str(record.get("id", "")), source="eval", text=record["text"])
        entities = find_entities(Story(article.id, (article,)), fast=fast)
        found = attribute([article.text], entities, fast=fast, **options)[0]
        out.append(
            [Predicted(a.start, a.end, a.speaker, a.mention_start, a.mention_end) for a in found]
        )
    return out


def _newsweave_fast(records: Sequence[dict[str, Any]], **options: Any) -> list[list[Predicted]]:
    """Fast mode: entities by rule and attribution by position, no spaCy at all."""
    return _newsweave(records, fast=True, **options)


def _textacy(records: Sequence[dict[str, Any]], **_: Any) -> list[list[Predicted]]:
    from textacy.extract.triples import direct_quotations

    from newsweave.briefing.quotes.spans import paragraphs
    from newsweave.nlp.spacy_pipeline import pipeline

    nlp = pipeline()
    keep = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}
    disable = [name for name in nlp.pipe_names if name not in keep]
    out = []
    for record in records:
        text = record["text"]
        bounds = [(s, e) for s, e in paragraphs(text) if re.search('["“”]', text[s:e])]
        found = []
        docs = nlp.pipe((text[s:e] for s, e in bounds), disable=disable)
        for (start, _end), doc in zip(bounds, docs, strict=True):
            try:
                triples = list(direct_quotations(doc))
            except ValueError:
                continue
            for triple in triples:
                content, speaker = triple.content, triple.speaker
                left = min(t.idx for t in speaker) + start if speaker else None
                right = max(t.idx + len(t) for t in speaker) + start if speaker else None
                name = " ".join(t.text for t in speaker) if speaker else None
                found.append(
                    Predicted(content.start_char + start + 1, content.end_char + start - 1,
                              name, left, right)
                )  # fmt: skip
        out.append(found)
    return out


def score(
    records: Sequence[dict[str, Any]], predictions: Sequence[Sequence[Predicted]]
) -> dict[str, Any]:
    """Quote precision/recall/F1 at `OVERLAP`, exact-span F1, and speaker accuracy."""
    tally = dict.fromkeys(("gold", "predicted", "matched", "exact", "speaker_right"), 0)
    tally |= {"pronoun_gold": 0, "pronoun_right": 0, "scare_reported": 0, "scare_total": 0}
    for record, predicted in zip(records, predictions, strict=True):
        gold = record["quotes"]
        tally["gold"] += len(gold)
        tally["predicted"] += len(predicted)
        for gold_quote, guess in _match(gold, predicted):
            tally["matched"] += 1
            tally["exact"] += (guess.start, guess.end) == (gold_quote["start"], gold_quote["end"])
            right = speaker_right(gold_quote, guess)
            tally["speaker_right"] += right
            if str(gold_quote.get("speaker") or "").lower() in PRONOUNS:
                tally["pronoun_gold"] += 1
                tally["pronoun_right"] += right
        scares = record.get("unattributed_quote_marks") or []
        tally["scare_total"] += len(scares)
        tally["scare_reported"] += len(_match(scares, predicted))
    precision = tally["matched"] / tally["predicted"] if tally["predicted"] else 0.0
    recall = tally["matched"] / tally["gold"] if tally["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    exact_f1 = 2 * tally["exact"] / (tally["predicted"] + tally["gold"]) if tally["gold"] else 0.0
    speakers = tally["speaker_right"] / tally["matched"] if tally["matched"] else 0.0
    return {**tally, "precision": precision, "recall": recall, "f1": f1, "exact_f1": exact_f1,
            "speaker_accuracy": speakers}  # fmt: skip


def _match(
    gold: Sequence[dict[str, Any]], predicted: Sequence[Predicted]
) -> list[tuple[dict[str, Any], Predicted]]:
    pairs = []
    for g_index, quote in enumerate(gold):
        for p_index, guess in enumerate(predicted):
            shared = min(quote["end"], guess.end) - max(quote["start"], guess.start)
            longer = max(quote["end"] - quote["start"], guess.end - guess.start, 1)
            if shared > 0 and shared / longer >= OVERLAP:
                pairs.append((shared / longer, g_index, p_index))
    used_gold: set[int] = set()
    used_guess: set[int] = set()
    matched = []
    for _, g_index, p_index in sorted(pairs, reverse=True):
        if g_index not in used_gold and p_index not in used_guess:
            used_gold.add(g_index)
            used_guess.add(p_index)
            matched.append((gold[g_index], predicted[p_index]))
    return matched


def speaker_right(gold: dict[str, Any], guess: Predicted) -> bool:
    """The speaker rule of the module docstring."""
    name = gold.get("speaker")
    if not name:
        return guess.speaker is None
    start, end = gold.get("speaker_start"), gold.get("speaker_end")
    left, right = guess.mention_start, guess.mention_end
    if _overlaps(start, end, left, right):
        return True
    if str(name).lower() in PRONOUNS or guess.speaker is None:
        return False
    return head_word(str(name)) in _words(guess.speaker)


def _overlaps(start: int | None, end: int | None, left: int | None, right: int | None) -> bool:
    if start is None or end is None or left is None or right is None:
        return False
    return min(end, right) > max(start, left)


def head_word(name: str) -> str:
    """'James Acton, a physicist who...' -> 'acton'; 'Rep. Jim Clyburn (D-S.C.)' -> 'clyburn'."""
    core = re.split(r"[,(]", name)[0]
    words = _words(core)
    return words[-1] if words else ""


def _words(text: str) -> list[str]:
    return [re.sub(r"(?:'s|’s)$", "", w) for w in re.findall(r"[\w’'.-]+", text.lower())]


def _table(results: dict[str, Any], articles: int) -> str:
    head = f"{'system':<28}{'P':>7}{'R':>7}{'F1':>7}{'exactF1':>9}{'speaker':>9}{'pron.':>7}"
    head += f"{'scare':>8}{'sec':>7}"
    lines = [f"quotes: {articles} articles, overlap >= {OVERLAP} of the longer span", head]
    for name, r in results.items():
        pronouns = r["pronoun_right"] / r["pronoun_gold"] if r["pronoun_gold"] else 0.0
        scare = f"{r['scare_reported']}/{r['scare_total']}"
        lines.append(
            f"{name:<28}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}"
            f"{r['exact_f1']:>9.3f}{r['speaker_accuracy']:>9.3f}{pronouns:>7.3f}{scare:>8}"
            f"{r['seconds']:>7.1f}"
        )
    lines.append("speaker = right on matched quotes; pron. = of those with a pronoun gold speaker;")
    lines.append("scare = unattributed quoted stretches (scare quotes, titles) reported as quotes")
    return "\n".join(lines)
