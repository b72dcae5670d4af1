"""Cleaning: from the text a reader found to the body every later stage works on.

What was removed is listed, never dropped silently. May import `text`.
"""

from newsweave.clean.cleaner import clean

__all__ = ["clean"]
