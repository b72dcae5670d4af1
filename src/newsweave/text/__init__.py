"""Small text helpers every stage shares: sentences with offsets, name structure, stop words.

Imports nothing of newsweave but `models`, `errors` and `config`.
"""
