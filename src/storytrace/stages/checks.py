"""Checks: figures that cannot all hold, within one event and one measure.

One job: the `checks` rows the figures stage writes — parts larger than their whole
(women + children above all killed), a subset larger than its set ("150 of the 1,275"),
and one document giving two exact counts of one thing that cannot both hold. Each check
names the figures and claims it is about; nothing is changed by it.
"""

from __future__ import annotations

import json
from typing import Any, Optional, Protocol, Sequence, cast

from ..model import Check, make_id

INF = float("inf")


class _Counted(Protocol):
    """What a check reads of a figure's claim (stages.figures.FigureClaim)."""

    id: str
    measure: str
    group: Optional[str]
    value: Optional[float]
    qualifier: Optional[str]
    adds_to: Optional[str]
    part_of: Optional[str]
    sentence: int

    @property
    def lo(self) -> float: ...

    @property
    def hi(self) -> float: ...

    @property
    def shown(self) -> str: ...


def part_checks(whole: _Counted, ps: Sequence[_Counted]) -> list[Check]:
    """Parts of a total stated in one sentence ("613 ..., including 116 women and 63
    children") that exceed it, and a subset larger than its set ("150 of the 1,275")."""
    out = []
    if whole.hi < INF and sum(p.lo for p in ps) > whole.hi:
        out.append(_check("parts_exceed_whole", claim_ids=[whole.id] + [p.id for p in ps],
                          detail=f"{' + '.join(p.shown for p in ps)} > {whole.shown} ({whole.measure}) in one document"))
    for p in ps:
        if p.group is None and p.lo > whole.hi:
            out.append(_check("subset_exceeds_set", claim_ids=[whole.id, p.id], detail=f"{p.shown} of {whole.shown}"))
    return out


def total_checks(measure: str, figs: dict[Optional[str], dict[str, Any]]) -> list[Check]:
    """One event's figures of one measure (group -> figure row) against its total."""
    out: list[Check] = []
    total = figs.get(None)
    if measure == "affected":  # a catch-all measure: its figures are not parts of one total
        return out
    if not total or total["high"] is None:
        return out
    groups = [f for g, f in figs.items() if g is not None and f["conservative"] is not None]
    for f in groups:
        if f["conservative"] > total["high"]:
            out.append(_check("group_exceeds_total", figure_ids=[f["id"], total["id"]],
                              detail=f"{f['group']}: {f['conservative']:,.0f} > all {measure}: {total['high']:,.0f}"))
    sexes_ages = [f for f in groups if f["group"] in ("women", "children", "elderly", "men")]
    if len(sexes_ages) >= 2 and sum(f["conservative"] for f in sexes_ages) > total["high"]:
        out.append(_check("parts_exceed_whole", figure_ids=[f["id"] for f in sexes_ages] + [total["id"]],
                          detail=" + ".join(_part(f) for f in sexes_ages) + f" > {measure} {total['high']:,.0f}"))
    return out


def document_checks(doc_id: str, fid: str, cs: Sequence[_Counted]) -> list[Check]:
    """One document's claims of one figure: two exact counts of one thing that cannot both
    hold, the smaller at least half the larger (a much smaller one is a part: "12 of them
    in Bener Meriah", "another two"); figures listed side by side in one sentence ("130 lost
    one parent, 25 lost both") are not a contradiction."""
    exact = [c for c in cs if c.qualifier in ("exact", None) and c.value and not c.adds_to and not c.part_of]
    if len({c.sentence for c in exact}) > 1 and len({c.value for c in exact}) > 1 and \
            min(cast(float, c.value) for c in exact) * 2 >= max(cast(float, c.value) for c in exact):  # exact: values set
        values = sorted({c.shown for c in exact})
        return [_check("self_contradiction", figure_ids=[fid], claim_ids=[c.id for c in exact],
                       detail=f"document {doc_id} gives {', '.join(values)}")]
    return []


def _part(f: dict[str, Any]) -> str:
    return f"{f['group']} {f['conservative']:,.0f}"


def _check(kind: str, figure_ids: list[str] = (), claim_ids: list[str] = (), detail: str = "") -> Check:  # type: ignore[assignment]
    return Check(id=make_id("check", kind, *figure_ids, *claim_ids), kind=kind,
                 figure_ids=json.dumps(list(figure_ids)), claim_ids=json.dumps(list(claim_ids)), detail=detail)
