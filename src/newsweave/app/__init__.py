"""`newsweave serve`: the read-only web app over a store. May import `store` and `render`."""
