"""Reposts, syndicated and trimmed wire copy, and machine-spun rewrites.

May import `text` and `runner`.
"""
