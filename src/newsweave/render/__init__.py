"""Turning briefs into what people and programs read: JSON v1, Markdown (and later HTML)."""
