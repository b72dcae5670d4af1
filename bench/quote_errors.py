"""Speaker errors on a slice of a PolNeAR quotes file, to learn from (the train file's articles
0-599 and 600-719 have been read to design rules; 720-839 is the slice left unread).

    python bench/quote_errors.py ../shared/data/quotes-train-polnear.jsonl --from 0 --to 600
    python bench/quote_errors.py FILE --from 600 --to 840 --summary   # the figures only
    python bench/quote_errors.py FILE --from 720 --to 840 --summary --textacy  # and textacy's

Prints each matched quote whose speaker is wrong (gold speaker, predicted mention and speaker,
the sentence around the quote), then speaker accuracy and quote P/R/F1 for the slice; with
`--textacy`, textacy's `direct_quotations` per paragraph on the same slice in the same run, and
both systems' speaker accuracy on the gold quotes both matched.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsweave.evaluation import quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--from", dest="first", type=int, default=0)
    parser.add_argument("--to", dest="last", type=int, default=None)
    parser.add_argument("--fast", action="store_true", help="fast mode (no spaCy)")
    parser.add_argument("--summary", action="store_true", help="figures only, no error list")
    parser.add_argument("--textacy", action="store_true", help="also textacy per paragraph")
    args = parser.parse_args()
    lines = args.dataset.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()][args.first : args.last]
    predictions = quotes._newsweave(records, fast=args.fast)
    if not args.summary:
        for record, predicted in zip(records, predictions, strict=True):
            for gold, guess in quotes._match(record["quotes"], predicted):
                if not quotes.speaker_right(gold, guess):
                    _show(record, gold, guess)
    _figures("newsweave --fast" if args.fast else "newsweave", records, predictions)
    if args.textacy:
        baseline = quotes._textacy(records)
        _figures("textacy", records, baseline)
        _shared(records, predictions, baseline)


def _figures(
    system: str, records: list[dict[str, object]], predictions: list[list[quotes.Predicted]]
) -> None:
    result = quotes.score(records, predictions)
    print(
        f"{system:<18} articles {len(records)}  matched {result['matched']}  speaker accuracy "
        f"{result['speaker_accuracy']:.3f}  quote P {result['precision']:.3f} "
        f"R {result['recall']:.3f} F1 {result['f1']:.3f}"
    )


def _shared(
    records: list[dict[str, object]],
    ours: list[list[quotes.Predicted]],
    theirs: list[list[quotes.Predicted]],
) -> None:
    """Speaker accuracy of both systems on the gold quotes that both matched: textacy finds
    fewer quotes, and the ones it finds are the easy ones ('“...,” X said')."""
    right = [0, 0]
    both = 0
    for record, mine, other in zip(records, ours, theirs, strict=True):
        gold = record["quotes"]
        assert isinstance(gold, list)
        first = {id(g): p for g, p in quotes._match(gold, mine)}
        second = {id(g): p for g, p in quotes._match(gold, other)}
        for quote in gold:
            if id(quote) in first and id(quote) in second:
                both += 1
                right[0] += quotes.speaker_right(quote, first[id(quote)])
                right[1] += quotes.speaker_right(quote, second[id(quote)])
    if both:
        print(
            f"on the {both} gold quotes both matched: speaker accuracy newsweave "
            f"{right[0] / both:.3f}, textacy {right[1] / both:.3f}"
        )


def _show(record: dict[str, object], gold: dict[str, object], guess: quotes.Predicted) -> None:
    text = str(record["text"])
    start, end = int(str(gold["start"])), int(str(gold["end"]))
    left = max(0, text.rfind("\n", 0, start - 1), start - 200)
    right = min(len(text), end + 160)
    context = text[left:right].replace("\n", " ¶ ")
    mention = None
    if guess.mention_start is not None and guess.mention_end is not None:
        mention = text[guess.mention_start : guess.mention_end]
    print(f"== {record['id']}  gold={gold.get('speaker')!r}  mention={mention!r}"
          f"  speaker={guess.speaker!r}")  # fmt: skip
    print("   " + context)


if __name__ == "__main__":
    main()
