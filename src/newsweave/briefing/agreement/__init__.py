"""What outlets agree on, what only one says, and where they contradict each other.

May import `text`, `nlp` and `brief.summarize`.
"""

from newsweave.briefing.agreement.compare import compare_outlets, label_summary

__all__ = ["compare_outlets", "label_summary"]
