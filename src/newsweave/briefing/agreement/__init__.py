"""What outlets agree on, what only one says, and where they contradict each other.

May import `text`, `nlp` and `brief.summarize`.
"""

from newsweave.briefing.agreement.compare import compare_outlets
from newsweave.briefing.agreement.summary_support import label_summary, told_alike

__all__ = ["compare_outlets", "label_summary", "told_alike"]
