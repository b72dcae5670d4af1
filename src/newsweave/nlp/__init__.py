"""The models newsweave runs: the shared spaCy pipeline and the offline MiniLM embedder.

Imports nothing of newsweave but `models`, `errors`, `config` and `text`.
"""
