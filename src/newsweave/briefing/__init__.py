"""What newsweave tells about one story.

Entities, quotes, agreement, summary, timeline, framing and headline. May import `text`, `nlp`,
`timex` and `clean`.
"""
