"""Main verbs of a statement by rule, without a tagger: the `--fast` brief's `predicate` feature.

The support model's `predicate` feature asks whether two statements share a main verb
("killed" / "kills"). The default brief finds verbs with spaCy's tagger and lemmatizer
(`support.main_verbs`); the fast brief promises no spaCy, and loading it cost ~1.4 s a process
plus ~2 ms an agreement statement. The rule here keeps a word as a verb when its form says so:
an irregular past or participle form ("fell", "taken"), a regular "-ed" or "-ing" form, or a
word right after "to", a modal or a negation ("to resign", "will meet", "did not attend").
Each is keyed by its Porter stem (irregular forms by their base's), so "raised", "raise" and
"raising" meet; reporting and light verbs ("said", "has", "made") are left out, as the tagger
path leaves them out. A bare present ("he resigns") or base form without a cue is missed: a
noun plural looks the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from newsweave.briefing.summarize.text import stem
from newsweave.text.stopwords import ENGLISH_STOP_WORDS

_TOKEN = re.compile(r"[A-Za-z]+")


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


# base past participle: common irregular verbs of news text.
_IRREGULAR_TABLE = """
arise arose arisen; beat beat beaten; become became become; begin began begun; bite bit bitten;
blow blew blown; break broke broken; bring brought brought; build built built; burn burnt burnt;
buy bought bought; catch caught caught; choose chose chosen; come came come; cost cost cost;
cut cut cut; deal dealt dealt; dig dug dug; draw drew drawn; drink drank drunk; drive drove
driven; eat ate eaten; fall fell fallen; feed fed fed; feel felt felt; fight fought fought;
find found found; flee fled fled; fly flew flown; forbid forbade forbidden; forget forgot
forgotten; forgive forgave forgiven; freeze froze frozen; give gave given; grow grew grown;
hang hung hung; hear heard heard; hide hid hidden; hit hit hit; hold held held; hurt hurt hurt;
keep kept kept; know knew known; lay laid laid; lead led led; leave left left; lend lent lent;
let let let; lie lay lain; light lit lit; lose lost lost; mean meant meant; meet met met;
pay paid paid; put put put; quit quit quit; read read read; ride rode ridden; ring rang rung;
rise rose risen; run ran run; see saw seen; seek sought sought; sell sold sold; send sent sent;
set set set; shake shook shaken; shoot shot shot; show showed shown; shut shut shut; sing sang
sung; sink sank sunk; sit sat sat; sleep slept slept; slide slid slid; speak spoke spoken;
spend spent spent; split split split; spread spread spread; stand stood stood; steal stole
stolen; stick stuck stuck; strike struck struck; swear swore sworn; sweep swept swept; swim swam
swum; take took taken; teach taught taught; tear tore torn; think thought thought; throw threw
thrown; understand understood understood; wake woke woken; wear wore worn; win won won;
withdraw withdrew withdrawn; write wrote written; overturn overturned overturned; undergo
underwent undergone; uphold upheld upheld; oversee oversaw overseen; overtake overtook overtaken
"""
# Words whose form looks verbal but that news text uses as nouns or function words.
_NOT_VERBS = _listed(
    "during nothing something anything everything morning evening building king thing things"
    " spring ceiling according including following hundred indeed need speed seed feed bed red"
    " shed breed greed creed weed embed wed united interested concerned"
)
# After these the next word is a verb's base form ("to resign", "will meet", "didn't go").
_CUES = _listed("to will would could should may might can must shall did not never cannot t")
# Verbs that say who spoke, not what happened, and light verbs that carry no event: they match
# across any two reported claims, so neither verb path (this rule, `support.main_verbs`'s
# tagger lemmas) counts them as a shared main verb.
REPORTING = _listed(
    "say tell add report state note write claim ask be have do get make go accord continue"
)
# ... and their forms the rule meets, which their stems do not reach ("said", "went").
_REPORTING_FORMS = (
    "said told added reported stated noted wrote claimed asked been had did got made went gone"
    " is are was were being having doing getting making going says tells adds"
)


@cache
def _irregular() -> dict[str, str]:
    """Every irregular past or participle form to its base form."""
    forms: dict[str, str] = {}
    for entry in _IRREGULAR_TABLE.replace("\n", " ").split(";"):
        base, *inflected = entry.split()
        forms.update({form: base for form in inflected if form != base})
    return forms


@cache
def _left_out() -> frozenset[str]:
    return frozenset(stem(word) for word in (*REPORTING, *_REPORTING_FORMS.split()))


def _verb(word: str, previous: str) -> str | None:
    """The base form (irregular) or the word itself where its form or cue marks a verb."""
    if word in _NOT_VERBS or len(word) < 3:
        return None
    irregular = _irregular().get(word)
    if irregular is not None:
        return irregular
    if (word.endswith("ed") and len(word) > 4) or (word.endswith("ing") and len(word) > 5):
        return word
    if previous in _CUES and word not in ENGLISH_STOP_WORDS:
        return word
    return None


def rule_verbs(texts: Sequence[str]) -> list[frozenset[str]]:
    """Stems of the verbs of each text found by form (see the module's docstring)."""
    found = []
    for text in texts:
        words = [w.lower() for w in _TOKEN.findall(text)]
        found.append(frozenset(v for v in verb_stems(words) if v is not None))
    return found


def verb_stems(words: Sequence[str]) -> list[str | None]:
    """For each lower-case word, the stem of the verb it is by form, or None (a reporting or
    light verb, or no verb)."""
    left_out = _left_out()
    stems = []
    for previous, word in zip(["", *words], words, strict=False):
        verb = _verb(word, previous)
        stems.append(None if verb is None or (s := stem(verb)) in left_out else s)
    return stems
