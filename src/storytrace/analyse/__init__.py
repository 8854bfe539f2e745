"""Per-document analysis: one Document in, all its Annotations out.

One job: run the per-document analysers, in order, on one document. Each analyser
is a pure function `analyser(doc) -> Annotations` (no file system, no ledger, no
global state but read-only caches such as the spaCy model), so `analyse` runs the
same in a loop, in worker processes and inside Spark.

The analysers plug in here by name, in ANALYSERS: claims (figures in sentences,
claims.py), named event mentions (mentions.py), publication dates from the text (dates.py), direct quotations with their
speakers (quotes.py), and labels and loaded words with their voice (framing.py).
"""

from __future__ import annotations

from typing import Callable, Sequence

from . import claims, dates, document_totals, framing, mentions, quotes
from ..model import Annotations, Document

Analyser = Callable[[Document], Annotations]

#: (name, analyser) in the order they run.
ANALYSERS: tuple[tuple[str, Analyser], ...] = (
    ("claims", claims.analyse_claims),
    ("mentions", mentions.analyse_mentions),
    ("dates", dates.analyse_dates),
    ("quotes", quotes.analyse_quotes),
    ("framing", framing.analyse_framing),
)


def analyse(doc: Document, analysers: Sequence[tuple[str, Analyser]] = ANALYSERS) -> Annotations:
    """All annotations of one document: the union of every analyser's output."""
    out = Annotations(doc.id)
    for _name, analyser in analysers:
        out.add(analyser(doc))
    return out


def analyse_many(docs: Sequence[Document], analysers: Sequence[tuple[str, Analyser]] = ANALYSERS) -> list[Annotations]:
    """`analyse` for several documents, the same annotations for each: an analyser with a
    batched form (its `many` attribute: documents -> annotations, e.g. one parser call for
    all their sentences) runs once on all of them, the others on each in turn."""
    outs = [Annotations(d.id) for d in docs]
    for _name, analyser in analysers:
        many = getattr(analyser, "many", None)
        found = many(docs) if many is not None else [analyser(d) for d in docs]
        for out, f in zip(outs, found):
            out.add(f)
    return outs


def totals(annotations: Annotations) -> dict[str, float]:
    """A document's own figure per measure for its main event (the `extract` totals)."""
    return document_totals.totals(annotations.claims)
