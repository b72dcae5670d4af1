"""`newsweave watch`: follow feeds over time, politely, into the SQLite store.

`sources` reads the list of feeds (a text file or OPML), `fetch` is the polite HTTP client
(conditional GET, per-host delay, timeouts, bounded retries, robots.txt for pages), `state`
keeps each feed's validators and the items already taken in the store (tables of its own),
`poll` takes one pass over the feeds and ingests what is new, `loop` repeats it.
May import `store` and everything before it.
"""
