"""Temporal expressions: found in text and resolved against a publication date (TIMEX3).

May import `text` and `nlp`.
"""
