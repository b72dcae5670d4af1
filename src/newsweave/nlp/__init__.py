"""The models newsweave runs: the shared spaCy pipeline, the offline MiniLM embedder, and
scikit-learn's TF-IDF called without its checks (`tfidf.py`).

Imports nothing of newsweave but `models`, `errors`, `config` and `text`.
"""
