"""What can be a speaker: a person, an organisation or a described source, never a thing.

A speaker phrase that names no story entity is kept when its head noun can speak: a person or a
role ('a senior US official', 'the retired neurosurgeon', 'protesters'), a group or an
organisation ('the campaign', 'the newspaper'), a document that reports ('the statement', 'a
new poll'), a quantity of such ('most', 'half'), or a proper name ('Pew', 'Hannity'). A common
noun that cannot speak ('album', 'New research', 'Syed Farook's name') and a work's title ('The
Invisible Man') are not speakers: the quote keeps its words and gets no speaker. The word lists
are open classes kept small; a noun outside them costs a speaker, never a wrong one.
"""

from __future__ import annotations

import re

from newsweave.briefing import fast_names
from newsweave.text import names
from newsweave.text.names import word_set

PERSON_NOUNS = names.ROLE_HEADS | word_set(
    """person people man men woman women boy boys girl girls child children kid kids guy guys
    lady ladies gentleman friend friends wife husband mother father son daughter brother sister
    uncle aunt nephew niece cousin parent parents family relative relatives neighbor neighbour
    neighbors neighbours colleague colleagues partner partners source sources official officials
    aide aides staffer staffers staff spokesperson spokespeople insider insiders confidant
    confidante ally allies rival rivals critic critics supporter supporters backer backers
    opponent opponents proponent proponents advocate advocates activist activists organizer
    organizers protester protesters protestor protestors demonstrator demonstrators marcher
    marchers voter voters resident residents citizen citizens worker workers employee employees
    member members delegate delegates candidate candidates nominee nominees frontrunner
    front-runner hopeful hopefuls incumbent challenger contender winner loser host hosts anchor
    moderator interviewer reporter reporters journalist journalists correspondent columnist
    writer writers author authors editor editors commentator pundit narrator announcer blogger
    expert experts analyst analysts economist economists scientist scientists researcher
    researchers scholar scholars professor historian lawyer lawyers attorney prosecutor
    prosecutors defender judge justice doctor doctors physician surgeon neurosurgeon nurse
    teacher student students pastor priest bishop archbishop rabbi imam cleric pope prince
    princess king queen emperor sheikh businessman businesswoman executive executives owner
    founder investor investors banker bankers billionaire millionaire tycoon mogul entrepreneur
    consultant consultants adviser advisers advisor advisors strategist strategists operative
    operatives pollster pollsters lobbyist lobbyists donor donors fundraiser officer officers
    agent agents detective sheriff soldier soldiers veteran veterans general colonel commander
    witness witnesses victim victims survivor survivors fan fans audience crowd panel jury
    respondents participants attendees observers onlookers passerby bystander leader leaders
    lawmaker lawmakers legislator legislators senator senators congressman congresswoman
    representative governor mayor councilman councilwoman president vice-president secretary
    minister ministers diplomat diplomats ambassador envoy chairman chairwoman chair director
    manager chief head heads founder co-founder actor actress singer star comedian rapper
    artist musician athlete player coach celebrity conservative conservatives liberal liberals
    progressive progressives republican republicans democrat democrats independent independents
    moderate moderates libertarian socialist evangelical evangelicals immigrant immigrants
    refugee refugees constituent constituents heavyweight heavyweights"""
)
GROUP_NOUNS = fast_names.ORG_WORDS | word_set(
    """group groups organization organisation organizations organisations team committee
    campaign campaigns administration government governments regime ministry department agency
    office company companies firm firms corporation network newspaper paper outlet outlets
    publication magazine station channel website site party parties union unions coalition
    alliance board council court police military army navy embassy consulate state
    legislature caucus majority minority side camp country nation nations city town county
    authorities officials leadership establishment opposition industry lobby charity
    nonprofit think-tank"""
)
DOCUMENT_NOUNS = word_set(
    """report reports statement statements letter letters ad ads advert advertisement
    commercial spot memo memorandum poll polls survey surveys study studies analysis review
    complaint lawsuit suit filing filings ruling decision opinion verdict indictment order
    affidavit document documents transcript transcripts email emails e-mail message messages
    note notes readout release communique post posts tweet tweets editorial column blog article
    story piece book memoir video footage recording audio voice-over voiceover
    headline caption text texts platform manifesto resolution proposal plan bill
    law constitution amendment guidance forecast estimate record records data figures
    account accounts testimony speech remarks interview textbook investigation inquiry"""
)
# Quantities that stand for people ('most', 'half of voters', 'one').
QUANTITIES = word_set(
    """one two three four five six seven eight nine ten dozen dozens hundreds thousands some
    many most few several all both half another others each either neither majority
    plurality someone somebody anyone everyone nobody those these"""
)
SOURCE_HEADS = PERSON_NOUNS | GROUP_NOUNS | DOCUMENT_NOUNS | QUANTITIES | names.TITLES
# Endings of nouns for people ('biographers', 'salespersons', 'pollsters', 'Democratic
# strategists'), and nouns with those endings that name things.
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "person", "man", "woman", "ee", "ant")
_THING_ENDINGS = word_set(
    """number matter order power border water center centre quarter corner banner poster
    chapter computer cover counter remainder meter minor error honor honour labor labour favor
    favour color colour factor sector motor floor door mirror terror horror rumor rumour humor
    humour vigor tremor monitor trigger answer summer winter september october november
    december dinner tower shelter weather leather feather tiger lever fever river dollar pillar
    calendar grammar seminar altar radar guitar elevator refrigerator indicator calculator
    escalator equator plant giant elephant restaurant warrant covenant guarantee degree coffee
    jubilee median"""
)
# Words after a source's noun that begin what describes it ('a person close to ...').
_POSTMODIFIERS = word_set("close familiar involved briefed present knowledgeable")
_AGE = re.compile(r"\d+-year-old")
_DETERMINERS = word_set("the a an this that these those his her its their our my your")
# Words that never open a speaker phrase: a question word, or nothing at all.
_NOT_OPENERS = word_set("which what where when why how whose whom whether if nothing none")
# Words that point at something said before ('That', 'This') and name no one on their own.
_POINTERS = word_set("this that it there here")
# Sentence adverbs and determiners that open a sentence in capitals and name no one ('"Maybe
# they should be subjected to ..." Powless said' once gave the speaker 'Maybe').
_NO_ONE = word_set(
    "maybe perhaps another still yet also then now instead meanwhile however only even just "
    "indeed besides otherwise"
)
_CORE_END = re.compile(
    r"\s*(?:[,;(]|—|–|\s(?:of|for|to|at|from|in|on|with|who|whom|whose|which|that|and|or)\s)"
)
# Words a positional phrase may carry after its head ('Trump himself', 'Cruz gingerly', 'Clinton
# has'): not the head.
_AFTER_HEAD = word_set(
    """himself herself themselves itself too also alone again has had have is was were are
    will would"""
)


def core(phrase: str) -> str:
    """The start of `phrase` up to its head: without an apposition, a bracket, a relative
    clause or a prepositional phrase ('a spokesman for Ann Lee, who...' -> 'a spokesman')."""
    text = _CORE_END.split(phrase.strip(), maxsplit=1)[0]
    words = text.split()
    while len(words) > 1 and (words[-1].lower() in _AFTER_HEAD or _adverb(words[-1])):
        words.pop()  # 'Trump himself'
        text = text[: text.rindex(words[-1]) + len(words[-1])]
    return text


def _adverb(word: str) -> bool:
    """'gingerly', 'frequently': a lower-case word in -ly (not 'ally', 'family')."""
    return word.islower() and word.endswith("ly") and word not in SOURCE_HEADS


def head_word(phrase: str) -> str:
    """The last word of the phrase's core, without punctuation or a possessive."""
    words = core(phrase).split()
    return names.strip_possessive(words[-1].strip('.,:;!?"“”‘’()')) if words else ""


def can_speak(phrase: str) -> bool:
    """Whether a speaker phrase that names no story entity can be a speaker (module doc)."""
    words = core(phrase).split()
    head = head_word(phrase)
    if not words or not head or words[0].lower() in _NOT_OPENERS:
        return False
    if len(words) == 1 and head.lower() in _POINTERS | _NO_ONE:
        return False  # 'That prompted Rubio to call Trump “very flexible”': no one
    if head[:1].isupper():
        return not _title(words)
    if words[0][:1].isupper() and words[0].endswith("ing"):
        return False  # a sentence that opens with a participle: 'Holding signs, ...'
    if len(words) == 2 and words[0].lower() in QUANTITIES and words[1].endswith("ed"):
        return True  # 'those surveyed'
    if len(words) == 3 and words[2] in _POSTMODIFIERS and is_source_noun(words[1].lower()):
        return True  # 'a source close' (to the campaign): a phrase cut after its noun
    return is_source_noun(head.lower())


def is_source_noun(word: str) -> bool:
    """A noun that names someone or something that speaks, singular or plural."""
    word = word.rstrip(".")
    forms = {word, word.removesuffix("s"), word.removesuffix("es")}
    if word.endswith("men"):
        forms.add(word[:-3] + "man")  # 'chairmen'
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")  # 'authorities'
    if forms & SOURCE_HEADS or _AGE.fullmatch(word):
        return True
    return any(_person_noun(form) for form in forms)


def _title(words: list[str]) -> bool:
    """'The Invisible Man', 'The Glass Stranger': 'The' and capitalised words that end in a
    person, as a film, a book or a character is named; a group ('The Saudis') or an
    organisation ('The New York Times', 'The American Legion') is not a title."""
    if words[0] not in {"The", "A", "An"} or len(words) < 2:
        return False
    rest = [names.strip_possessive(w).lower().rstrip(".") for w in words[1:]]
    if set(rest) & GROUP_NOUNS or words[-1].endswith("s"):
        return False
    return all(w[:1].isupper() for w in words) and _person_noun(rest[-1])


def _person_noun(word: str) -> bool:
    """A noun for people: listed, or ending as 'pollster', 'biographer', 'salesperson' do."""
    if word in PERSON_NOUNS or word in QUANTITIES:
        return True
    return word.endswith(_PERSON_ENDINGS) and word not in _THING_ENDINGS and len(word) > 4
