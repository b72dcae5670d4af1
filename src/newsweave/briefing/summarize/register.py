"""The register test the summarizer leads with and trims by, kept importable here: it lives in
`newsweave.text.kinds`, beside the statement kinds that facts and exclusives carry, so that
the summary and the agreed facts judge opinion and background by one test."""

from newsweave.text.kinds import evaluative, judging, kind_of

__all__ = ["evaluative", "judging", "kind_of"]
