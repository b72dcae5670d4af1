"""The support classifier: does one statement state the claim of another?"""

from __future__ import annotations

from newsweave.briefing.agreement.statements import anchors
from newsweave.briefing.agreement.support import FEATURES, model, story_features
from newsweave.briefing.agreement.verbs import rule_verbs
from newsweave.briefing.summarize.text import stem


def _support(texts: list[str]) -> list[list[float]]:
    found = [anchors(text) for text in texts]
    probability = model("lexical").probability(story_features(texts, found, None))
    return probability.tolist()


def test_both_models_load_with_the_recall_threshold_below_the_precision_threshold() -> None:
    for kind in ("embedding", "lexical"):
        shipped = model(kind)
        assert 0 < shipped.recall_threshold < shipped.threshold < 1
        assert set(shipped.features) <= set(FEATURES)
    assert "embedding" not in model("lexical").features


def test_the_same_claim_in_other_words_outscores_a_same_topic_other_claim() -> None:
    support = _support(
        [
            "The city council approved a new harbour bridge on Tuesday after a long debate.",
            "On Tuesday, the city council voted to approve a new bridge over the harbour.",
            "Fishermen in Portvale said a new harbour bridge would block their boats.",
        ]
    )
    assert support[0][1] > support[0][2]


def test_the_same_words_with_another_count_lose_support() -> None:
    support = _support(
        [
            "About 2,000 workers at the Rendal car plant went on strike on Monday.",
            "Some 2,000 workers at the Rendal car plant walked out on strike on Monday.",
            "Some 3,500 workers at the Rendal car plant walked out on strike on Monday.",
        ]
    )
    assert support[0][1] > support[0][2]


def test_support_is_symmetric() -> None:
    support = _support(
        [
            "Biden and Putin will meet in Geneva on June 16.",
            "The two presidents are due to meet in Geneva on June 16.",
        ]
    )
    assert abs(support[0][1] - support[1][0]) < 1e-6


def test_verbs_by_rule_meet_across_forms_and_leave_reporting_verbs_out() -> None:
    found = rule_verbs(
        [
            "Police arrested 12 men after the bridge collapsed, officials said.",
            "Officers are arresting the men who will collapse the bridge, he told reporters.",
            "The minister fell ill and did not attend; he has promised to resign.",
        ]
    )
    assert found[0] == found[1] == {stem("arrest"), stem("collapse")}
    assert found[2] == {stem("fall"), stem("attend"), stem("promise"), stem("resign")}


def test_verbs_by_rule_skip_nouns_that_look_like_verbs() -> None:
    (found,) = rule_verbs(["During the morning the building shook, according to the staff."])
    assert found == {stem("shake")}


def test_verbs_by_rule_feed_the_support_model_as_the_tagger_does() -> None:
    texts = [
        "About 2,000 workers at the Rendal car plant went on strike on Monday.",
        "Some 2,000 workers at the Rendal car plant walked out on strike on Monday.",
        "Rendal's managers closed the car plant's gates on Monday.",
    ]
    found = [anchors(text) for text in texts]
    for verbs in ("tagger", "rule"):
        probability = model("lexical").probability(story_features(texts, found, None, verbs))
        assert probability[0][1] > probability[0][2], verbs


def test_a_statement_said_inside_a_longer_one_is_wholly_covered_by_it() -> None:
    texts = [
        "Labrador was born in Puerto Rico.",
        "Labrador, born in Puerto Rico to a single mother, will challenge McCarthy for the post.",
        "McCarthy is the majority whip.",
    ]
    features = story_features(texts, [anchors(text) for text in texts], None, "rule")
    cover_min, cover_max = features["idf_cover_min"], features["idf_cover_max"]
    assert abs(cover_min[0][1] - 1.0) < 1e-6  # every word of the short one is in the long one
    assert cover_max[0][1] < 0.6  # but the long one says much more
    assert cover_min[0][2] == 0.0
    assert features["length_gap"][0][1] > 0


_FEATURE_DIGEST = """
import hashlib
from newsweave.briefing.agreement.statements import anchors
from newsweave.briefing.agreement.support import story_features
texts = [
    "The city council of Portvale approved a new harbour bridge on Tuesday after a long debate.",
    "On Tuesday, Portvale's council voted to approve a new bridge over the busy old harbour.",
    "Fishermen in Portvale said a new harbour bridge would block their boats and the ferry.",
    "The mayor of Portvale welcomed the decision and promised construction would begin in spring.",
    "Opponents said the council ignored warnings from engineers about winter storms and tides.",
    "Engineers estimated the bridge would cost about 40 million marks and take three years.",
]
features = story_features(texts, [anchors(t) for t in texts], None, "rule")
digest = hashlib.sha256()
for name in sorted(features):
    digest.update(features[name].tobytes())
print(digest.hexdigest())
"""


def test_the_features_are_the_same_floats_whatever_the_string_hashing() -> None:
    """Sets iterate in an order that follows the process's hash seed; the features must not."""
    import os
    import subprocess
    import sys

    digests = {
        subprocess.run(
            [sys.executable, "-c", _FEATURE_DIGEST],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
