"""What outlets agree on, what only one says, and where they contradict each other.

May import `text`, `nlp` and `brief.summarize`.
"""
