"""Reposts, syndicated and trimmed wire copy, and machine-spun rewrites.

May import `text` and `runner`.
"""

from newsweave.dedup.reposts import Fingerprint, Fingerprints, mark_duplicates

__all__ = ["Fingerprint", "Fingerprints", "mark_duplicates"]
