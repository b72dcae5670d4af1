"""The gate that keeps a clash of figures only when it is probably a real conflict.

A logistic regression over the features of a candidate clash of figures (`conflicts.Clash`):
how similar
the two statements are, how alike their wording, whether they share names, and for a number
how many words around the two figures agree and how far apart the figures are. Fitted on the
training stories of the labelled pairs only (`python -m newsweave.evaluation.conflict_fit`;
the weights are plain numbers in `data/conflict-model.json`), one model per similarity
("embedding": MiniLM cosine, "lexical": TF-IDF cosine, whose scales differ). `threshold` was
chosen on out-of-fold predictions of the training stories, precision first.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol

FEATURES = ("score", "alike", "names_apart", "figures", "context")
PATH = "data/conflict-model.json"


class Featured(Protocol):
    """Anything with named features (a `conflicts.Clash`)."""

    @property
    def features(self) -> dict[str, float]: ...


@dataclass(frozen=True, slots=True)
class ConflictGate:
    """Logistic regression over standardised `features`; a clash is kept at `threshold`."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, clash: Featured) -> float:
        """P(real conflict) of one candidate clash (a feature it lacks counts as 0)."""
        logit = self.intercept
        for name, mean, scale, coef in zip(
            self.features, self.mean, self.scale, self.coef, strict=True
        ):
            logit += coef * (clash.features.get(name, 0.0) - mean) / scale
        return 1.0 / (1.0 + math.exp(-logit))

    def keeps(self, clash: Featured) -> bool:
        """Whether the clash is probably real (its probability reaches `threshold`)."""
        return self.probability(clash) >= self.threshold

    def as_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "threshold": self.threshold,
        }


def from_dict(entry: dict[str, Any]) -> ConflictGate:
    """A gate from its JSON entry."""
    return ConflictGate(
        features=tuple(entry["features"]),
        mean=tuple(float(v) for v in entry["mean"]),
        scale=tuple(float(v) for v in entry["scale"]),
        coef=tuple(float(v) for v in entry["coef"]),
        intercept=float(entry["intercept"]),
        threshold=float(entry["threshold"]),
    )


@cache
def gate(kind: str) -> ConflictGate:
    """The shipped gate for the similarity `kind` ("embedding" or "lexical")."""
    text = resources.files("newsweave").joinpath(PATH).read_text("utf-8")
    return from_dict(json.loads(text)["models"][kind])
