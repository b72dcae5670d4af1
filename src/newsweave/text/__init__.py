"""Small helpers every stage shares: sentences with offsets, name structure, stop words, outlets.

`outlets` is here, not in `clean`, because readers (a URL's host), the pipeline (one name per
outlet) and the renderers (the name to show) all need it. Imports nothing of newsweave but
`models`, `errors` and `config`.
"""
