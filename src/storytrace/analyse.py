"""Per-document analysis: one Document in, all its Annotations out.

One job: run the per-document analysers, in order, on one document. Each analyser
is a pure function `analyser(doc) -> Annotations` (no file system, no ledger, no
global state but read-only caches such as the spaCy model), so `analyse` runs the
same in a loop, in worker processes and inside Spark.

The analysers of later capabilities plug in here by name, in ANALYSERS:
claims (figures in sentences), dates (publication dates from the text), quotes,
framing terms. Until one lands its table stays empty.
"""

from __future__ import annotations

from typing import Callable, Sequence

from .model import Annotations, Document

Analyser = Callable[[Document], Annotations]

#: (name, analyser) in the order they run. Empty until the claims, dates, quotes
#: and framing capabilities land.
ANALYSERS: tuple[tuple[str, Analyser], ...] = ()


def analyse(doc: Document, analysers: Sequence[tuple[str, Analyser]] = ANALYSERS) -> Annotations:
    """All annotations of one document: the union of every analyser's output."""
    out = Annotations(doc.id)
    for _name, analyser in analysers:
        found = analyser(doc)
        out.claims.extend(found.claims)
        out.quotes.extend(found.quotes)
        out.terms.extend(found.terms)
        out.document_updates.update(found.document_updates)
    return out


def totals(annotations: Annotations) -> dict[str, float]:
    """A document's own figure per measure for its main event (the `extract` totals).

    The rule (PITF/WAD coding) belongs to the claims capability; with no claims
    there are no totals.
    """
    out: dict[str, float] = {}
    for claim in annotations.claims:
        if claim.group is None and claim.value is not None and claim.measure not in out:
            out[claim.measure] = claim.value
    return out
