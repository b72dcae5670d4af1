"""Who said what: quoted stretches, their cues and speakers, one entry per quotation across outlets.

May import `text`, `nlp` and `brief.entities`.
"""

from newsweave.briefing.quotes.story_quotes import extract_quotes

__all__ = ["extract_quotes"]
