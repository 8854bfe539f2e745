"""Figures: for each event, measure and group, what every source says, and whether they agree.

One job: the figures stage, a group-by of the claims on (event, measure, group).

- Each document's own figure: the figures it lists side by side summed ("17 men and one
  woman": 18), then its largest (a report also gives parts: "12 of them in Bener Meriah
  district", "another two").
- Status by interval logic on the bounds each wording allows (claims.low/high), across
  the documents' own figures: they agree when one value fits them all ("at least 21"
  and 23; "more than a thousand" and 1,275), else they conflict (116 vs 106 women).
  One document alone is `single`.
- Trend: for an event reported as news (not `historic`), the values ordered by
  publication time: `rising` (a toll updated over days), `falling`, or `changed`.
  A historic event's figure does not move with the years: different values are a
  conflict, not a revision.
- UCDP-style `low` / `best` / `high`: the lowest lower bound, the value most independent
  origins give (with a trend: the latest), the highest finite value. `conservative`
  is the lowest value any source states as a count (with a trend: the latest report's
  lower bound); `rule` says which rule gave it.
- Origins: agreement is not corroboration. A claim's origin is its attribution
  ("according to Azerbaijani figures" is one origin however many outlets repeat it),
  else, for a claim inside a copied passage, the copy lineage (documents that copy each
  other count once: 116 travels with the passage that carries it),
  else the document itself. `origins` lists each origin with its values and documents,
  and each value's genealogy: the document that first printed it, and the later ones.
- Copy edits: a number the reuse stage saw changed inside a copied passage (116 -> 106)
  is attached to the figure it belongs to (`copy_edits`), with both claims.
- Checks: parts larger than their whole (women + children + elderly > killed, in one
  document or across the figures), a subset larger than its set ("150 of the 1,275"),
  a group larger than the total, and a document that states two values for one figure
  that do not agree (`self_contradiction`).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Any, Iterable, Optional, Sequence

from .model import Check, Figure, make_id
from .unionfind import DisjointSets

INF = float("inf")
#: Victims counted in units other than people: their own group, never the event's total.
UNIT_GROUPS = {"family": "families", "families": "families", "household": "households", "households": "households"}
AFFECTED_GROUPS = frozenset("children women men elderly families orphans students residents people".split()) - {"people"}
#: Who a toll's parts are: a figure of these alone, in a document that states a larger toll, is a group of it.
SUBGROUPS = frozenset("children women men elderly crew girls boys students babies infants teenagers".split())
COUNT_MEASURES = ("killed", "injured", "captured", "missing", "displaced", "arrested", "affected", "evacuated")


@dataclass
class _Claim:
    id: str
    doc_id: str
    start: int
    end: int
    event_id: str
    measure: str
    group: Optional[str]
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    qualifier: Optional[str]
    attributed_to: Optional[str]
    part_of: Optional[str]
    published: str  # sortable publication key ("" when undated)
    sentence: int = 0  # sentence_start
    adds_to: Optional[str] = None  # the figure it is listed beside ("9 men and 4 women")
    victims_head: str = ""  # last word of `victims` ("children")

    @property
    def lo(self) -> float:
        if self.low is not None:
            return self.low
        return self.value if self.value is not None and self.qualifier in ("exact", None) else 0.0

    @property
    def hi(self) -> float:
        if self.high is not None:
            return self.high
        if self.value is not None and self.qualifier in ("exact", None):
            return self.value
        return INF

    @property
    def shown(self) -> str:
        v = self.value if self.value is not None else (self.low if self.low is not None else self.high)
        num = "?" if v is None else _fmt(v)
        if self.qualifier in ("range", "vague") and self.low is not None and self.high is not None:
            return f"{_fmt(self.low)}-{_fmt(self.high)}" + (" (vague)" if self.qualifier == "vague" else "")
        return num if self.qualifier in (None, "exact") else f"{self.qualifier.replace('_', ' ')} {num}"


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"


def _claim_keys(c: _Claim, lineage: dict[str, str]) -> list[str]:
    """What a claim's origin is known by: its attribution, the copy lineage of the
    passage that carries it, else its document alone."""
    keys = []
    if c.attributed_to:
        keys.append("attribution: " + _normalise_attribution(c.attributed_to))
    if c.id in lineage:
        keys.append("lineage: " + lineage[c.id])
    return keys or ["document: " + c.doc_id]


def _origin_groups(cs: list[_Claim], lineage: dict[str, str]) -> dict[str, str]:
    """claim id -> origin: claims sharing an attribution or a copy lineage have one origin
    (union of both: the copy of an attributed sentence keeps its attribution's origin)."""
    sets: DisjointSets[str] = DisjointSets()
    for c in cs:
        keys = _claim_keys(c, lineage)
        for k in keys[1:]:
            sets.union(keys[0], k)
    return {c.id: sets.root(_claim_keys(c, lineage)[0]) for c in cs}


def _normalise_attribution(a: str) -> str:
    a = re.sub(r"^(?:according to|said|says|reported by|citing)\s+", "", a.strip(), flags=re.IGNORECASE)
    a = re.sub(r"^the\s+", "", a, flags=re.IGNORECASE)
    return a.lower().strip(" .,")


CLAIMS_QUERY = ('select id, doc_id, start, "end", event_id, measure, "group", value, low, high, qualifier, attributed_to, '
                "part_of, victims, sentence_start, adds_to from claims where event_id is not null and measure in (%s)"
                % ",".join("?" * len(COUNT_MEASURES)))
COPIED_QUERY = ("select source_doc, source_start, source_end, target_doc, target_start, target_end, lineage from reuse "
                "where kind != 'boilerplate' and lineage is not null")
PASSAGES_QUERY = "select id, source_doc, target_doc, edits from reuse where kind = 'passage'"


def prepare_claims(rows: Iterable[Sequence[Any]], pub: dict[str, str]) -> list[_Claim]:
    """Claim rows (CLAIMS_QUERY's columns; extra ones ignored) -> `_Claim`s, in order,
    with the groups the figures use: units ("eight families"), affected groups ("130
    children lost one parent"), and a sub-population figure in a document that states a
    larger toll ("The dead include 12 children" among 23 dead)."""
    claims = []
    for r in rows:
        group = r[6]
        head = (r[13] or "").split()[-1:] or [""]
        if group is None and head[0].lower() in UNIT_GROUPS:  # "eight families were wiped out"
            group = UNIT_GROUPS[head[0].lower()]
        elif group is None and r[5] == "affected" and head[0].lower() in AFFECTED_GROUPS:
            group = head[0].lower()  # "130 children lost one parent": affected children, not all affected
        claims.append(_Claim(r[0], r[1], r[2], r[3], r[4], r[5], group, r[7], r[8], r[9], r[10], r[11], r[12],
                             pub.get(r[1], ""), r[14] or 0, r[15], head[0].lower()))
    tolls: dict[tuple, float] = defaultdict(float)
    for c in claims:
        if c.group is None and c.value is not None and _head(c) not in SUBGROUPS:
            key = (c.doc_id, c.event_id, c.measure)
            tolls[key] = max(tolls[key], c.value)
    for c in claims:
        if c.group is None and c.value is not None and _head(c) in SUBGROUPS and \
                tolls.get((c.doc_id, c.event_id, c.measure), 0) > c.value:
            c.group = _head(c)
    return claims


def claim_lineages(claims: list[_Claim], copied: dict[str, list[tuple[int, int, str]]]) -> dict[str, str]:
    """A claim inside a copied passage travels with it: claim id -> the copy lineage
    (spans in COPIED_QUERY order; the last span holding the claim wins)."""
    return {c.id: lin for c in claims for s0, s1, lin in copied.get(c.doc_id, ()) if s0 <= c.start < s1}


def figures_stage(db: Any) -> dict[str, int]:
    """Group claims into figures; fill figures, checks and claims.figure_id."""
    pub = {r[0]: (r[1] or (r[2] + "~" if r[2] else "")) for r in db.execute(
        "select id, published, published_low from documents")}
    historic = {r[0]: bool(r[1]) for r in db.execute("select id, historic from events")}
    copied: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # doc -> spans copied to or from it
    for s, s0, s1, t, t0, t1, lin in db.execute(COPIED_QUERY):
        copied[s].append((s0, s1, lin))
        copied[t].append((t0, t1, lin))
    claims = prepare_claims(db.execute(CLAIMS_QUERY, COUNT_MEASURES), pub)
    lineage = claim_lineages(claims, copied)
    groups: dict[tuple, list[_Claim]] = defaultdict(list)
    for c in claims:
        groups[(c.event_id, c.measure, c.group)].append(c)

    rows, figure_of = [], {}
    for (event_id, measure, group), cs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        fid = make_id("figure", event_id, measure, group or "")
        rows.append(_figure(fid, event_id, measure, group, cs, lineage, historic.get(event_id, False)))
        for c in cs:
            figure_of[c.id] = fid
    _attach_copy_edits(db, rows, claims, figure_of)
    checks = _checks(rows, claims, figure_of)

    db.execute("delete from figures")
    db["figures"].insert_all(rows, pk="id", alter=True)
    db.execute("delete from checks")
    db["checks"].insert_all((c.row() for c in checks), pk="id", alter=True)
    db.conn.executemany("update claims set figure_id = ? where id = ?", [(f, c) for c, f in figure_of.items()])
    return {"figures": len(rows), "checks": len(checks)}


def _figure(fid: str, event_id: str, measure: str, group: Optional[str], cs: list[_Claim],
            lineage: dict[str, str], historic: bool) -> dict[str, Any]:
    docs = {c.doc_id for c in cs}
    # each document's figure: its toll (the largest lower bound it states: a document also
    # gives parts, "12 of them in Bener Meriah"), figures listed side by side summed
    by_doc: dict[str, list[_Claim]] = defaultdict(list)
    for c in cs:
        by_doc[c.doc_id].append(c)
    per_doc = {d: _doc_figure(ds) for d, ds in by_doc.items()}
    reps = list(per_doc.values())
    if len(reps) == 1:
        status = "single"
    else:
        status = "agree" if max(c.lo for c in reps) <= min(c.hi for c in reps) else "conflict"
    timeline = sorted((c for c in reps if c.published), key=lambda c: (c.published, c.doc_id))
    trend = None if historic else _trend(timeline)

    origin_of = _origin_groups(cs, lineage)
    origins: dict[str, dict[str, Any]] = {}
    for c in sorted(cs, key=lambda c: (c.published or "9999", c.doc_id, c.start)):
        o = origins.setdefault(origin_of[c.id], {"origin": [], "values": [], "documents": [], "first": c.doc_id})
        for k in _claim_keys(c, lineage):
            if k not in o["origin"]:
                o["origin"].append(k)
        if c.shown not in o["values"]:
            o["values"].append(c.shown)
        if c.doc_id not in o["documents"]:
            o["documents"].append(c.doc_id)
    for o in origins.values():
        o["origin"] = "; ".join(o["origin"])
    genealogy: dict[str, list[str]] = {}
    for c in timeline:
        genealogy.setdefault(c.shown, []).append(c.doc_id)

    finite = [c for c in reps if c.value is not None]
    low = min((c.lo for c in reps), default=None)
    high = max((c.value for c in finite), default=None)
    per_value: dict[float, set] = defaultdict(set)
    for c in finite:
        per_value[c.value].add(origin_of[c.id])  # type: ignore[index]
    by_origins = Counter({v: len(keys) for v, keys in per_value.items()})
    if trend and timeline and timeline[-1].value is not None:
        best = timeline[-1].value
        conservative, rule = timeline[-1].lo, "the latest report's lower bound (the figure was revised over time)"
    else:
        best = max(by_origins.items(), key=lambda kv: (kv[1], -kv[0]))[0] if by_origins else None
        # counts: exact figures and "at least N" (N confirmed); "more than a thousand" is a bound, not a count
        counts = [c.value for c in finite if c.qualifier in ("exact", "at_least", None)]
        if counts:
            conservative, rule = min(counts), "the lowest count any source states"
        elif low:
            conservative, rule = low, "the lowest lower bound the wording allows"
        elif finite:  # only approximations with no lower bound ("nearly 70")
            c0 = min(finite, key=lambda c: c.value)
            conservative, rule = c0.value, f"the lowest approximate value stated ({c0.shown}: an upper bound, not a count)"
        else:
            conservative, rule = None, None
    return Figure(
        id=fid, event_id=event_id, measure=measure, group=group, status=status, trend=trend,
        low=low, best=best, high=high, conservative=conservative, rule=rule,
        n_docs=len(docs), n_claims=len(cs), n_origins=len(origins),
        origins=json.dumps(list(origins.values()), ensure_ascii=False),
    ).row() | {"genealogy": json.dumps(genealogy, ensure_ascii=False), "copy_edits": "[]"}


def _head(c: _Claim) -> str:
    return c.victims_head


def _doc_figure(cs: list[_Claim]) -> _Claim:
    """A document's own figure among its claims for one (event, measure, group): figures
    it lists side by side are summed ("17 men and one woman": 18), then the largest (its
    toll; smaller ones are parts or earlier counts), the earliest on a tie."""
    listed: dict[str, list[_Claim]] = defaultdict(list)
    for c in cs:
        if c.adds_to:
            listed[c.adds_to].append(c)
    cands = []
    for c in cs:
        if c.adds_to and any(x.id == c.adds_to for x in cs):
            continue  # counted in the sum of the figure it is listed beside
        parts = listed.get(c.id)
        if parts and c.value is not None and all(p.value is not None for p in parts):
            lo, hi = c.lo + sum(p.lo for p in parts), c.hi + sum(p.hi for p in parts)
            exact = all(x.qualifier in ("exact", None) for x in [c, *parts])
            c = replace(c, value=c.value + sum(p.value for p in parts), low=lo, high=hi if hi < INF else None,  # type: ignore[operator]
                        qualifier="exact" if exact else "at_least")
        cands.append(c)
    return max(cands, key=lambda c: (c.value if c.value is not None else c.lo, c.lo, -c.start))


def _trend(timeline: list[_Claim]) -> Optional[str]:
    """rising / falling / changed when the documents' values move with publication time."""
    days: dict[str, list[float]] = defaultdict(list)
    for c in timeline:
        if c.value is not None:
            days[c.published[:10]].append(c.value)
    # each day's most common value (the smaller on a tie): one outlier copy does not make a trend
    seq = [max(Counter(v).items(), key=lambda kv: (kv[1], -kv[0]))[0] for _, v in sorted(days.items())]
    steps = [b - a for a, b in zip(seq, seq[1:]) if b != a]
    if not steps:
        return None
    if all(s > 0 for s in steps):
        return "rising"
    if all(s < 0 for s in steps):
        return "falling"
    return "changed"


def _attach_copy_edits(db: Any, rows: list[dict[str, Any]], claims: list[_Claim], figure_of: dict[str, str]) -> None:
    """Number edits inside copied passages, tied to the claims at their offsets."""
    at: dict[str, list[_Claim]] = defaultdict(list)
    for c in claims:
        at[c.doc_id].append(c)
    edits_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rid, s, t, edits in db.execute(PASSAGES_QUERY):
        for e in json.loads(edits or "[]"):
            if not e.get("number"):
                continue
            sc = next((c for c in at.get(s, []) if c.start < e["source_end"] and e["source_start"] < c.end), None)
            tc = next((c for c in at.get(t, []) if c.start < e["target_end"] and e["target_start"] < c.end), None)
            for c in (sc, tc):
                if c is not None:
                    entry = {"reuse": rid, "from": e["from"], "to": e["to"], "source_doc": s, "target_doc": t,
                             "source_claim": sc.id if sc else None, "target_claim": tc.id if tc else None}
                    if entry not in edits_of[figure_of[c.id]]:
                        edits_of[figure_of[c.id]].append(entry)
    for r in rows:
        if r["id"] in edits_of:
            r["copy_edits"] = json.dumps(edits_of[r["id"]], ensure_ascii=False)


def _checks(rows: list[dict[str, Any]], claims: list[_Claim], figure_of: dict[str, str]) -> list[Check]:
    out: list[Check] = []
    by_id = {c.id: c for c in claims}
    # parts of a total stated in one sentence ("613 ..., including 116 women and 63 children")
    parts: dict[str, list[_Claim]] = defaultdict(list)
    for c in claims:
        if c.part_of and c.part_of in by_id:
            parts[c.part_of].append(c)
    for whole_id, ps in parts.items():
        whole = by_id[whole_id]
        if whole.hi < INF and sum(p.lo for p in ps) > whole.hi:
            out.append(_check("parts_exceed_whole", claim_ids=[whole_id] + [p.id for p in ps],
                              detail=f"{' + '.join(p.shown for p in ps)} > {whole.shown} ({whole.measure}) in one document"))
        for p in ps:
            if p.group is None and p.lo > whole.hi:  # "150 of the 1,275": a subset larger than its set
                out.append(_check("subset_exceeds_set", claim_ids=[whole_id, p.id], detail=f"{p.shown} of {whole.shown}"))
    # across figures: groups of one event and measure against its total
    by_event: dict[tuple[str, str], dict[Optional[str], dict[str, Any]]] = defaultdict(dict)
    for r in rows:
        by_event[(r["event_id"], r["measure"])][r["group"]] = r
    for (event_id, measure), figs in by_event.items():
        total = figs.get(None)
        if measure == "affected":  # a catch-all measure: its figures are not parts of one total
            continue
        if not total or total["high"] is None:
            continue
        groups = [f for g, f in figs.items() if g is not None and f["conservative"] is not None]
        for f in groups:
            if f["conservative"] > total["high"]:
                out.append(_check("group_exceeds_total", figure_ids=[f["id"], total["id"]],
                                  detail=f"{f['group']}: {f['conservative']:,.0f} > all {measure}: {total['high']:,.0f}"))
        sexes_ages = [f for f in groups if f["group"] in ("women", "children", "elderly", "men")]
        if len(sexes_ages) >= 2 and sum(f["conservative"] for f in sexes_ages) > total["high"]:
            out.append(_check("parts_exceed_whole", figure_ids=[f["id"] for f in sexes_ages] + [total["id"]],
                              detail=" + ".join(_part(f) for f in sexes_ages) + f" > {measure} {total['high']:,.0f}"))
    # one document, two values of one figure that cannot both hold
    per: dict[tuple[str, str], list[_Claim]] = defaultdict(list)
    for c in claims:
        per[(c.doc_id, figure_of[c.id])].append(c)
    for (doc_id, fid), cs in per.items():
        # two figures in one sentence are listed side by side ("130 lost one parent, 25 lost both"): not a contradiction
        # two exact counts of one thing that cannot both hold, the smaller at least half the larger
        # (a much smaller one is a part: "12 of them in Bener Meriah", "another two")
        exact = [c for c in cs if c.qualifier in ("exact", None) and c.value and not c.adds_to and not c.part_of]
        if len({c.sentence for c in exact}) > 1 and len({c.value for c in exact}) > 1 and \
                min(c.value for c in exact) * 2 >= max(c.value for c in exact):  # type: ignore[type-var]
            values = sorted({c.shown for c in exact})
            out.append(_check("self_contradiction", figure_ids=[fid], claim_ids=[c.id for c in exact],
                              detail=f"document {doc_id} gives {', '.join(values)}"))
    return out


def _part(f: dict[str, Any]) -> str:
    return f"{f['group']} {f['conservative']:,.0f}"


def _check(kind: str, figure_ids: list[str] = (), claim_ids: list[str] = (), detail: str = "") -> Check:  # type: ignore[assignment]
    return Check(id=make_id("check", kind, *figure_ids, *claim_ids), kind=kind,
                 figure_ids=json.dumps(list(figure_ids)), claim_ids=json.dumps(list(claim_ids)), detail=detail)
