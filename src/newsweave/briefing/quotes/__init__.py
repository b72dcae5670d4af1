"""Who said what: quoted stretches, their cues and speakers, one entry per quotation across outlets.

May import `text`, `nlp` and `brief.entities`.
"""
