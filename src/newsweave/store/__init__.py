"""The SQLite archive behind `newsweave ingest` and `serve`.

Its layout, writing to it, reading from it. May import `pipeline`, `render` and every stage.
"""
