"""Grouping articles into stories: one online pass with a learned match score, then a second look.

May import `text`, `dedup` and `runner`.
"""
