"""Figures: for each event, measure and group, what every source says, and what a
fact-checker could publish from it.

One job: the figures stage, a group-by of the placed claims on (event, measure, group).
The reports of one row in time — status, trend, best value — are reports.py's.
Only claims the events stage placed with confidence make rows (placement.py); the rest
are listed as unplaced under their event.

- Each document's own figure: the figures it lists side by side summed ("17 men and one
  woman": 18), then its largest (a report also gives parts: "12 of them in Bener Meriah
  district", "another two").
- Reports in time: a document's date counts for the figure only when it is trusted
  (`TRUSTED`: metadata, a page header, the URL, a dateline, a page stamp, a person's
  correction: not an inference from the text), and a copy counts with the date of the
  first document of its lineage that states the value (a reprint never outweighs its
  source); a report naming no source that repeats a named source's value counts from
  that source's day.
- Status: `single` (one document), `agree` (one value fits every document's bounds:
  "at least 21" and 23; not when the count moved over trusted days: "at least one
  arrested" on Monday, three on Tuesday is `revised`), `conflict` (independent named
  sources state incompatible values where time cannot explain it (reports.py: for a
  developing event no side names no source or is a share: a hospital's, a company's
  count below another's, `shares_of`; a settled event's differing tolls conflict
  whoever gives them): on the same trusted day, or about a settled past event: the
  seeds' 116 vs 106 women), else `revised` (a developing event's values that differ over
  time). A conflict row names the sides (`sides`).
- Trend: `rising` / `falling` only when trusted-dated values move one way over at least
  two trusted days (one source's own count too: its origins are the row's; on a conflict,
  when at least two of its sources' own counts moved that way and none the other; never
  for a settled past event); else null.
- Best: for a settled event the value most independent origins give; for a developing
  event the latest trusted-dated value, unless an independent origin reported a higher
  toll earlier (a late or misdated report does not lower a count that only grows:
  killed, injured, arrested, displaced, affected, evacuated, orphaned, released); without trusted
  dates (or with them on fewer than two, or fewer than half, of the figure's documents: one
  dated report among undated ones is no timeline), the value most independent origins give, then the one most
  documents give, then the larger (six reports of one wounded against one of two: one).
  `low` / `high`: the lowest lower bound and the highest upper bound (null when a
  source leaves it open: "at least 21"). `conservative` with its `rule`.
- Origins (origins.py): one per primary source under any of its names, one per copy
  lineage, one for all unattributed reports together (none when they only repeat one
  named source's values: they relay it; nor a named source that only gives, days later,
  values another named source gave first); never more than documents; each
  with a readable name. Only origins that name a source count when any does: reports
  naming none (and copies of a wire that names none) are listed with `unsourced`; a
  source whose every count is a share of a named source's (`shares_of`) with `share`.
- Copy edits: a number the reuse stage saw changed inside a copied passage (116 -> 106)
  is attached to the figure whose claim's number it changed (`copy_edits`).
- Checks, each within one event and measure: parts larger than their whole (women +
  children + elderly > killed, in one document or across the figures), a subset larger
  than its set ("150 of the 1,275"), a group larger than the total, and a document that
  states two values for one figure that do not agree (`self_contradiction`).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any, Iterable, Iterator, NamedTuple, Optional, cast

from ..analyse.measures import GROUPS
from ..analyse.victims import NO_GROUP
from ..model import COUNT_MEASURES, CUMULATIVE, SUBSIDING, UNCONFIRMED, Check, Figure, make_id
from ..text.origins import UNATTRIBUTED, claim_keys, generic_voice, named_sources, origin_groups, origin_name
from .checks import document_checks, part_checks, total_checks
from .placement import UNPLACED
from .reports import (CEILINGS, Report, counts, make_reports, row_best, row_status, row_trend, sides_trend,
                      standing_apart)
from .plan import Group, Plan, Read, Update, Write

INF = float("inf")
#: Victims counted in units other than people: their own group, never the event's total.
UNIT_GROUPS = {"family": "families", "families": "families", "household": "households", "households": "households"}
AFFECTED_GROUPS = frozenset("children women men elderly families orphans students residents people".split()) - {"people"}
#: Who a toll's parts are: a figure of these alone, in a document that states a larger toll, is a group of it.
#: (not "men": "police shot dead two men", "two men arrested" is how reports name people of
#: no kind, and a toll's men are all of it but its women and children)
SUBGROUPS = frozenset("children women elderly crew girls boys students babies infants teenagers".split())


@dataclass
class FigureClaim:
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
    implicit: bool = False  # one person told of, no number ("a guard died of his wounds")
    unconfirmed: bool = False  # the text says no official confirmed it (claims.what UNCONFIRMED): never the best

    @property
    def trusted(self) -> bool:
        return bool(self.published) and not self.published.endswith(("?", "~"))

    @property
    def day(self) -> str:
        return self.published[:10]

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


#: How a document's date must have been found to place its figures in time: stated by the
#: page or its metadata, or by a person; not inferred from the text (dates.py).
TRUSTED = frozenset({"metadata", "header", "url", "dateline", "stamp", "correction"})
DOCUMENTS_QUERY = "select id, published, published_low, published_how, title, outlet, date_conflict from documents"
#: A metadata date its own URL or dateline contradicts (a crawl date stamped on the page): kept, not trusted.
_CONTRADICTED = ("(url:", "(dateline:")


def publication_key(published: Optional[str], low: Optional[str], how: Optional[str]) -> str:
    """A sortable publication key: the date as stored when trusted, with '?' when the text
    only suggests it, '~' when only its lower bound is known, '' when undated."""
    if published:
        return published + ("" if how in TRUSTED else "?")
    return low + "~" if low else ""


CLAIMS_QUERY = ('select id, doc_id, start, "end", event_id, measure, "group", value, low, high, qualifier, attributed_to, '
                "part_of, victims, sentence_start, adds_to, what from claims where event_id is not null and measure in (%s) "
                "and (placement is null or placement not like '%s%%')" % (",".join("?" * len(COUNT_MEASURES)), UNPLACED))
_COLLECTIVE = frozenset("members people persons personnel staff".split())
#: Copied passages between two documents of one story: a passage two stories share (a stock
#: phrase, "reported that 140 people had died, citing a porter at the ... hospital"; a
#: background paragraph) tells no origin of a figure of either.
COPIED_QUERY = ("select r.source_doc, r.source_start, r.source_end, r.target_doc, r.target_start, r.target_end, r.lineage "
                "from reuse r join documents s on s.id = r.source_doc join documents t on t.id = r.target_doc "
                "where r.kind != 'boilerplate' and r.lineage is not null "
                "and coalesce(s.story, s.id) = coalesce(t.story, t.id) order by r.rowid")
PASSAGES_QUERY = "select id, source_doc, target_doc, edits from reuse where kind = 'passage'"


class ClaimRow(NamedTuple):
    """A counted claim: CLAIMS_QUERY's columns and the row's position (ties break by it)."""

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
    victims: Optional[str]
    sentence_start: Optional[int]
    adds_to: Optional[str]
    what: Optional[str]
    position: int


def prepare_claims(rows: Iterable[ClaimRow], pub: str) -> list[FigureClaim]:
    """One document's claim rows (published: its publication key) -> `FigureClaim`s, in
    order, with the groups the figures use: units ("eight families"), affected groups ("130
    children lost one parent"), and a sub-population figure in a document that states a
    larger toll ("The dead include 12 children" among 23 dead); a toll's attackers taken out
    of it ("12 people, including three of the gunmen": 9 victims; the totals rule takes out
    soldiers too, which a figure row keeps).
    """
    claims = []
    for r in rows:
        group = r.group
        words = (r.victims or "").split()
        head = words[-1:] or [""]
        if len(words) > 1 and head[0].lower() in _COLLECTIVE:  # "three crew members": crew
            head = [words[-2]]
        if group is None and head[0].lower() in UNIT_GROUPS:  # "eight families were wiped out"
            group = UNIT_GROUPS[head[0].lower()]
        elif group is None and r.measure == "affected" and head[0].lower() in AFFECTED_GROUPS:
            group = head[0].lower()  # "130 children lost one parent": affected children, not all affected
        high, qualifier = r.high, r.qualifier
        if r.what and r.what.startswith("implicit"):  # "gunmen killed a judge": at least one killed
            high, qualifier = None, "at_least"
        claims.append(FigureClaim(r.id, r.doc_id, r.start, r.end, r.event_id, r.measure, group, r.value, r.low, high,
                                  qualifier, r.attributed_to, r.part_of, pub, r.sentence_start or 0, r.adds_to,
                                  head[0].lower(), bool(r.what and r.what.startswith("implicit")), r.what == UNCONFIRMED))
    attackers: dict[str, float] = defaultdict(float)  # "12 people, including three attackers": 9 victims
    for c in claims:
        if c.group == "militants" and c.part_of and c.value is not None and c.measure in ("killed", "injured"):
            attackers[c.part_of] += c.value
    by_value = {(c.event_id, c.measure, c.value): attackers[c.id] for c in claims if c.id in attackers and c.group is None}
    for i, c in enumerate(claims):  # ... and the document's other statements of that toll ("eight dead" in its title)
        if c.group is not None or c.value is None or (c.id not in attackers and (c.part_of or c.adds_to)):
            continue
        less = attackers[c.id] if c.id in attackers else by_value.get((c.event_id, c.measure, c.value), 0.0)
        if less and c.value > less:
            claims[i] = replace(c, value=c.value - less, low=None if c.low is None else max(0.0, c.low - less),
                                high=None if c.high is None else max(0.0, c.high - less))
    listed = _listed_kinds(claims)
    tolls: dict[tuple, float] = defaultdict(float)  # a report's toll, its lists of kinds left out
    sums: dict[tuple, float] = defaultdict(float)  # ... and with them (their sums)
    for c in claims:
        if c.group is None and c.value is not None and _head(c) not in SUBGROUPS:
            key = (c.doc_id, c.event_id, c.measure)
            sums[key] = max(sums[key], listed.get(c.id, c.value))
            if c.id not in listed:
                tolls[key] = max(tolls[key], c.value)
    for c in claims:
        key = (c.doc_id, c.event_id, c.measure)
        if c.group is None and c.value is not None and (_head(c) in SUBGROUPS and sums.get(key, 0) > c.value
                                                          or c.id in listed and tolls.get(key, 0) >= listed[c.id]):
            c.group = GROUPS.get(_head(c), _head(c))  # (a listed kind: "18 inmates and two guards" in a report
            # whose toll is 20; "pupils" are students, as the analyser names the group of a part)
    return claims


def _listed_kinds(claims: list[FigureClaim]) -> dict[str, float]:
    """Claims listed side by side as kinds of people ("18 inmates and two guards had died"),
    each a different kind: claim id -> the sum of its list. In a document that also states
    a toll at least that sum, each is a group of it; else their sum is the document's figure
    (`_doc_figure`)."""
    lists: dict[str, list[FigureClaim]] = defaultdict(list)
    for c in claims:
        lists[c.adds_to or c.id].append(c)
    out: dict[str, float] = {}
    for cs in lists.values():
        heads = [_head(c) for c in cs]
        if len(cs) > 1 and len(set(heads)) == len(cs) and all(h.endswith("s") and h not in NO_GROUP for h in heads) \
                and all(c.value is not None and c.group is None for c in cs):
            total = sum(cast(float, c.value) for c in cs)
            out.update((c.id, total) for c in cs)
    return out



def doc_lineages(claims: Iterable[FigureClaim], spans: Iterable[tuple[int, int, str]]) -> dict[str, str]:
    """One document's claims -> their copy lineage: a claim inside a copied passage travels
    with it (spans in COPIED_QUERY order; the last span holding the claim wins); an
    unattributed claim elsewhere in a document built on copied text shares the lineage
    too (its outlet wrote from the same copy)."""
    spans = list(spans)
    out = {}
    for c in claims:
        for s0, s1, lin in spans:
            if s0 <= c.start < s1:
                out[c.id] = lin
        if c.id not in out and spans and not c.attributed_to:
            out[c.id] = spans[-1][2]
    return out


def make_figure(fid: str, event_id: str, measure: str, group: Optional[str], cs: list[FigureClaim],
            lineage: dict[str, str], historic: bool, voices: Iterable[str] = ()) -> dict[str, Any]:
    docs = {c.doc_id for c in cs}
    # each document's figure: its toll (the largest lower bound it states: a document also
    # gives parts, "12 of them in Bener Meriah"), figures listed side by side summed
    by_doc: dict[str, list[FigureClaim]] = defaultdict(list)
    for c in cs:
        by_doc[c.doc_id].append(c)
    per_doc = {d: _doc_figure(ds) for d, ds in by_doc.items()}
    origin_of = origin_groups(cs, lineage, voices)
    reports = make_reports(per_doc, origin_of, cs)
    counted = [c for c in cs if not c.implicit]  # a source that only tells of one person ("a guard died") gives no count
    shares = frozenset() if historic else shares_of(counted or cs, origin_of, measure)
    status, sides = row_status(reports, historic, measure, lineage, shares)
    stated = counts(reports)  # (a ceiling, "up to 30", sets neither the trend nor the best)
    trend = None if historic else row_trend(stated, measure) if status != "conflict" else sides_trend(stated, measure)
    if status == "agree" and trend:  # "at least one arrested" on Monday, three on Tuesday: one value fits both, but
        status = "revised"  # the count moved over the days: a revision, not agreement
    origins = _origins(counted or cs, origin_of, lineage, shares)
    relays = {o["root"] for o in origins if o.get("relays")}
    best, conservative, rule = row_best(stated, measure, historic, trend, relays)
    apart = None if historic or measure not in COUNTS_APART else standing_apart(_source_reports(cs, origin_of, lineage),
                                                                                measure)
    if apart:
        sides, best, conservative, trend = apart
        status, rule = "conflict", ("two sources' counts that stand apart over days: the later side's latest"
                                    " count, the higher on one day")
    for o in origins:
        del o["root"]
    genealogy: dict[str, list[str]] = {}
    for c in sorted(per_doc.values(), key=lambda c: (c.published or "9999", c.doc_id)):
        genealogy.setdefault(c.shown, []).append(c.doc_id)
    reps = list(per_doc.values())
    low = min((c.lo for c in reps), default=None)
    high = None if any(c.hi == INF for c in reps) else max((c.hi for c in reps), default=None)
    return Figure(
        id=fid, event_id=event_id, measure=measure, group=group, status=status, trend=trend,
        low=low, best=best, high=high, conservative=conservative, rule=rule,
        n_docs=len(docs), n_claims=len(cs), n_origins=_counted(origins),
        origins=json.dumps(origins, ensure_ascii=False), genealogy=json.dumps(genealogy, ensure_ascii=False),
        sides=json.dumps(sides, ensure_ascii=False),
    ).row()


#: Measures whose counts two sources may keep apart over days (not a state that changes by the hour).
COUNTS_APART = CUMULATIVE


def _source_reports(cs: list[FigureClaim], origin_of: dict[str, str], lineage: Optional[dict[str, str]] = None
                    ) -> list[Report]:
    """Each document's figure per source it quotes (the ministry's 47 and the council's 61
    in one report), as reports. With `lineage`, a named source's count said again on a
    later trusted day outside any copied passage counts on that day too (the company "did
    not change its count" of 15 two days on: it stands by it), not only from its first."""
    by_source: dict[str, list[FigureClaim]] = defaultdict(list)
    for c in cs:
        by_source[f"{c.doc_id} {origin_of[c.id]}"].append(c)
    out = make_reports({k: _doc_figure(xs) for k, xs in by_source.items()}, origin_of, cs)
    if lineage is None:
        return out
    return [replace(r, day=r.claim.day, said_again=True) if (r.origin.startswith("attribution: ") and r.claim.trusted
                                                             and r.day and r.claim.day > r.day
                                                             and r.claim.id not in lineage) else r for r in out]


def _origins(cs: list[FigureClaim], origin_of: dict[str, str], lineage: dict[str, str],
             shares: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Each independent origin: its name, what it is known by, its values and documents."""
    origins: dict[str, dict[str, Any]] = {}
    attributions: dict[str, list[str]] = defaultdict(list)
    for c in sorted(cs, key=lambda c: (c.published or "9999", c.doc_id, c.start)):
        o = origins.setdefault(origin_of[c.id], {"origin": [], "values": [], "documents": [], "first": c.doc_id,
                                                 "root": origin_of[c.id]})
        for k in claim_keys(c, lineage):
            if k.startswith("attribution: "):
                k = "attribution: " + (c.attributed_to or "").strip()
            if k not in o["origin"]:
                o["origin"].append(k)
        if c.attributed_to and c.attributed_to not in attributions[origin_of[c.id]]:
            attributions[origin_of[c.id]].append(c.attributed_to)
        if c.shown not in o["values"]:
            o["values"].append(c.shown)
        o.setdefault("ceilings", True)
        o["ceilings"] = o["ceilings"] and c.qualifier in CEILINGS
        o["vague"] = o.get("vague", True) and c.qualifier == "vague"  # ("dozens", "scores": no number of its own)
        if c.doc_id not in o["documents"]:
            o["documents"].append(c.doc_id)
    out = []
    for root, o in origins.items():
        o["name"] = origin_name(o["origin"], attributions[root], o["first"], {})
    def unsourced(root: str) -> bool:  # reports naming no source, or copies of them ("copies of <document>")
        return root == UNATTRIBUTED or origins[root]["name"] == UNATTRIBUTED

    named_values: dict[str, set] = defaultdict(set)  # a named origin's values (not an outlet's: "state TV")
    for c in cs:
        if not unsourced(origin_of[c.id]):
            named_values[origin_of[c.id]].add(c.value)
    values_of: dict[str, set] = defaultdict(set)
    ceilings: dict[Optional[float], set] = defaultdict(set)  # a ceiling's value -> the origins that give it
    first_day: dict[tuple, str] = {}  # (origin, value) -> the first trusted day it gave it
    for c in cs:
        if c.trusted and c.qualifier not in CEILINGS:
            given = (origin_of[c.id], c.value)
            first_day[given] = min(first_day.get(given, c.day), c.day)
    for c in cs:
        values_of[origin_of[c.id]].add(c.value)
        if c.qualifier in CEILINGS:
            ceilings[c.value].add(origin_of[c.id])
    any_named = any(a for r in origins for a in named_sources(attributions[r]) if not generic_voice(a))
    for root, o in origins.items():
        o["origin"] = "; ".join(o["origin"])
        values = values_of[root]
        if unsourced(root) and named_values and None not in values:
            givers = [r for r, vs in named_values.items() if values & vs and r != root]
            if set().union(*(named_values[r] for r in givers)) >= values:
                # reports with no source that only repeat what named sources say: listed, not counted
                o["relays"] = sorted(origin_name([], attributions[r], "", {}) for r in givers)
        if not unsourced(root) and "relays" not in o and None not in values:
            later = [r for r in named_values if r != root and all(first_day.get((r, v), "~") < first_day.get((root, v), "")
                                                                   for v in values)]
            if later:  # a named source that only gives, days later, what another named source gave first: its relay
                o["relays"] = sorted(origin_name([], attributions[r], "", {}) for r in later)
        if not [a for a in named_sources(attributions[root]) if not generic_voice(a)] and any_named and "relays" not in o:
            o["unsourced"] = True  # no source a reader could ask ("Officials said"): listed beside the named ones,
            # not counted
        if o.pop("ceilings") and len(origins) > 1 and all(len(ceilings[v]) < 2 for v in values):
            o["ceiling_only"] = True  # "up to 90, a figure no official has confirmed": a lone guess at most, not counted
            # (a ceiling two origins give is a count, as `counts` takes it)
        out.append(o)
    vague = [o.pop("vague") for o in out]
    numbers = any(not v and not o.get("relays") and not o.get("unsourced") and not o.get("ceiling_only")
                  for o, v in zip(out, vague))  # a counted origin that gives a number
    for o, v in zip(out, vague):  # "dozens were hurt", police said, beside a counted origin's number: not counted
        if v and numbers:
            o["vague_only"] = True
    for root in shares & origins.keys():
        origins[root]["share"] = True  # one hospital's, one company's count beside the whole: listed, not counted
    return out


#: A source whose name says it counts only its own: a hospital's patients, a morgue's bodies, a
#: company's passengers or staff, a union's or a club's members, a school's pupils.
_OWN_PEOPLE = re.compile(r"\b(?i:hospitals?|clinic|infirmary|morgue|mortuary|medical\s+cent(?:re|er)|company|club|school|"
                         r"airline|operator|employer)\b|(?<![A-Z][a-z]{2} )(?<![A-Z][a-z]{3} )(?<![A-Z][a-z]{4} )(?<![A-Z][a-z]{5} )"
                         r"(?<![A-Z][a-z]{6} )(?<![A-Z][a-z]{7} )\b(?i:union)\b")  # (a trade union, not the African Union)


def shares_of(cs: list[FigureClaim], origin_of: dict[str, str], measure: str) -> frozenset[str]:
    """Origins whose every count is below half of the highest count another named source
    had printed before it — that day, for a state that changes by the hour (the missing,
    the hospitalised: any source's list of its own wards or searches) — and, for a toll
    that only grows, whose name says they count only their own (`_OWN_PEOPLE`): "the
    hospital had treated 11" beside the directorate's 29, the bus company's 14 passengers
    beside the medical service's 37. Such an origin is listed, not counted as a source of
    the figure, and is no side of a conflict. An undated count is never a share; nor is a
    ministry's, an army's, a party's toll far below another's: that is a dispute."""
    cands = {origin_of[c.id] for c in cs if measure in SUBSIDING or _OWN_PEOPLE.search(c.attributed_to or "")}
    # (any of its names: "Dr Anna Smith, director of Riverside Hospital" is a hospital's voice)
    if not cands:
        return frozenset()
    said = sorted((c.published, c.day, c.lo, origin_of[c.id]) for c in cs if c.trusted
                  and c.qualifier not in ("vague", *CEILINGS) and origin_of[c.id].startswith("attribution: "))
    roots: dict[str, bool] = {}
    tops: list[tuple[float, str]] = []  # the two highest counts printed so far, of two sources (one pass: n log n)
    i, day = 0, None
    for bound, c in sorted(((_printed_by(c.published), c) for c in cs
                            if origin_of[c.id] in cands and c.qualifier not in ("vague", *CEILINGS)), key=lambda t: t[0]):
        while i < len(said) and said[i][0] <= bound:
            if measure not in CUMULATIVE and said[i][1] != day:
                tops, day = [], said[i][1]  # (a state that changes by the hour: that day's counts only)
            tops = _top_two(tops, said[i][2], said[i][3])
            i += 1
        root = origin_of[c.id]
        same_day = measure in CUMULATIVE or day == c.day
        top = next((lo for lo, o in tops if o != root), 0.0) if same_day else 0.0
        roots[root] = roots.get(root, True) and c.trusted and 2 * c.hi < top
    return frozenset(r for r, share in roots.items() if share)


def _printed_by(published: str) -> str:
    """The latest sort key a report could have been printed after: a day with no time of
    day, all that day."""
    return published if "T" in published else published[:10] + "T~"


def _top_two(tops: list[tuple[float, str]], lo: float, origin: str) -> list[tuple[float, str]]:
    """The two highest (count, source) pairs of two different sources, with one more count."""
    pairs = sorted([*(t for t in tops if t[1] != origin), max([(lo, origin), *(t for t in tops if t[1] == origin)])],
                   reverse=True)
    return pairs[:2]


def _counted(origins: list[dict[str, Any]]) -> int:
    """The independent origins a fact-checker can defend: every origin that names its
    source; reports naming none (copies of a wire without a source too) count only when
    no origin of the figure names one."""
    return max(1, sum(1 for o in origins if not o.get("relays") and not o.get("unsourced") and not o.get("ceiling_only")
                      and not o.get("vague_only") and not o.get("share")))


def _head(c: FigureClaim) -> str:
    return c.victims_head


def _doc_figure(cs: list[FigureClaim]) -> FigureClaim:
    """A document's own figure among its claims for one (event, measure, group): figures
    it lists side by side are summed ("17 men and one woman": 18), then the largest (its
    toll; smaller ones are parts or earlier counts), the earliest on a tie."""
    listed: dict[str, list[FigureClaim]] = defaultdict(list)
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
            # every part's value is not None (checked above)
            c = replace(c, value=c.value + sum(cast(float, p.value) for p in parts), low=lo, high=hi if hi < INF else None,
                        qualifier="exact" if exact else "at_least")
        cands.append(c)
    return max(cands, key=lambda c: (c.value if c.value is not None else c.lo, c.lo, -c.start))


def copy_edits(link: tuple, at_s: list[FigureClaim], at_t: list[FigureClaim], figure_of: dict[str, str]
               ) -> dict[str, list[dict[str, Any]]]:
    """One passage's number edits (link: id, source doc, target doc, edits JSON), tied to
    the claims at their offsets in its two documents (each list in claim order): figure
    id -> entries."""
    rid, s, t, edits = link
    edits_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in json.loads(edits or "[]"):
        if not e.get("number"):
            continue
        sc = next((c for c in at_s if c.start < e["source_end"] and e["source_start"] < c.end), None)
        tc = next((c for c in at_t if c.start < e["target_end"] and e["target_start"] < c.end), None)
        if sc is not None and tc is not None and sc.value is not None and sc.value == tc.value:
            continue  # both sides state the same now (a person corrected one): no edit of the figure
        for hit in (sc, tc):
            if hit is not None:
                entry = {"reuse": rid, "from": e["from"], "to": e["to"], "source_doc": s, "target_doc": t,
                         "source_claim": sc.id if sc else None, "target_claim": tc.id if tc else None}
                if entry not in edits_of[figure_of[hit.id]]:
                    edits_of[figure_of[hit.id]].append(entry)
    return edits_of


# ----------------------------------------------------------------- the stage, declared once
# Its records: what it reads (ClaimRow, PubRow, EventRow, SpanRow, PassageRow, ClaimId) and
# what its steps make (Counted, EditLink, LinkEdits, FigureRow, CheckRow).


class PubRow(NamedTuple):
    doc_id: str
    pub: str  # publication_key


class EventRow(NamedTuple):
    id: str
    historic: bool


class SpanRow(NamedTuple):
    """One end of a copied passage (COPIED_QUERY): the document, the link's number, which end."""

    doc_id: str
    link: int
    side: int
    start: int
    end: int
    lineage: str


class PassageRow(NamedTuple):
    """A copied passage with a number edit (PASSAGES_QUERY), numbered in its order."""

    link: int
    id: str
    source_doc: str
    target_doc: str
    edits: Optional[str]


class ClaimId(NamedTuple):
    id: str
    position: int


class Counted(NamedTuple):
    """A claim as the figures count it."""

    position: int
    claim: FigureClaim
    lineage: Optional[str]
    figure_id: str


class EditLink(NamedTuple):
    link: PassageRow
    target_claims: list  # [Counted] of its target document


class LinkEdits(NamedTuple):
    figure_id: str
    link: int
    entries: list


class FigureRow(NamedTuple):
    key: tuple  # (event, measure, group or ""): the figures table's order
    row: dict


class CheckRow(NamedTuple):
    key: tuple  # (kind of check, position, number): the checks table's order
    check: Check


def _publications(rows: Iterable[tuple]) -> Iterator[tuple]:
    for doc_id, published, low, how, _title, _outlet, conflict in rows:  # (DOCUMENTS_QUERY)
        contradicted = bool(conflict) and any(k in conflict for k in _CONTRADICTED)
        yield doc_id, publication_key(published, low, None if contradicted else how)


def _historic(rows: Iterable[tuple]) -> Iterator[tuple]:
    for event_id, historic in rows:
        yield event_id, bool(historic)


def _spans(rows: Iterable[tuple]) -> Iterator[tuple]:
    for k, (s, s0, s1, t, t0, t1, lin) in enumerate(rows):
        yield s, k, 0, s0, s1, lin
        yield t, k, 1, t0, t1, lin


def _number_edited(rows: Iterable[tuple]) -> Iterator[tuple]:
    for k, (rid, s, t, edits) in enumerate(rows):
        if any(e.get("number") for e in json.loads(edits or "[]")):
            yield k, rid, s, t, edits


def _prepared(doc_id: str, rows: list[ClaimRow], spans: list[SpanRow], pubs: list[PubRow]) -> Iterator[Counted]:
    """A document's counted claims as figures see them."""
    if not rows:
        return
    rows = sorted(rows, key=lambda r: r.position)
    pub = pubs[0].pub if pubs else ""
    claims = prepare_claims(rows, pub)
    lineage = doc_lineages(claims, [(x.start, x.end, x.lineage) for x in sorted(spans)])
    for r, c in zip(rows, claims):
        yield Counted(r.position, c, lineage.get(c.id), make_id("figure", c.event_id, c.measure, c.group or ""))


def _event_figures(event_id: str, xs: list[Counted], events: list[EventRow]) -> Iterator[FigureRow]:
    """An event's figures, one for each measure and group."""
    historic = bool(events and events[0].historic)
    by_figure: dict[tuple, list[Counted]] = defaultdict(list)
    for x in sorted(xs, key=lambda x: x.position):
        by_figure[(x.claim.measure, x.claim.group)].append(x)
    voices = {x.claim.attributed_to for x in xs if x.claim.attributed_to}  # who speaks for whom, in the whole event
    for (measure, group), ys in by_figure.items():
        lineage = {y.claim.id: y.lineage for y in ys if y.lineage is not None}
        row = make_figure(ys[0].figure_id, event_id, measure, group, [y.claim for y in ys], lineage, historic, voices)
        yield FigureRow((event_id, measure, group or ""), row)


def _with_target_claims(_doc: str, links: list[PassageRow], xs: list[Counted]) -> Iterator[EditLink]:
    """Each number-edited passage copied into this document, with this document's claims."""
    for link in links:
        yield EditLink(link, xs)


def _link_edits(_doc: str, links: list[EditLink], xs: list[Counted]) -> Iterator[LinkEdits]:
    """Each such passage copied from this document: its edits for each figure."""
    for link, at_t in links:
        s, t = link.source_doc, link.target_doc
        both = sorted({x.claim.id: x for x in xs + at_t}.values(), key=lambda x: x.position)
        figure_of = {x.claim.id: x.figure_id for x in both}
        by_doc = {s: [x.claim for x in both if x.claim.doc_id == s], t: [x.claim for x in both if x.claim.doc_id == t]}
        for fid, entries in copy_edits((link.id, s, t, link.edits), by_doc[s], by_doc[t], figure_of).items():
            yield LinkEdits(fid, link.link, entries)


def _with_edits(_fid: str, figs: list[FigureRow], edits: list[LinkEdits]) -> Iterator[FigureRow]:
    for key, row in figs:
        if edits:
            out: list[dict[str, Any]] = []
            for e in sorted(edits, key=lambda e: e.link):
                out.extend(x for x in e.entries if x not in out)
            row = dict(row, copy_edits=json.dumps(out, ensure_ascii=False))
        yield FigureRow(key, row)


def _part_checks(_whole_id: str, parts: list[Counted], wholes: list[Counted]) -> Iterator[CheckRow]:
    if parts and wholes:
        parts = sorted(parts, key=lambda x: x.position)
        for j, c in enumerate(part_checks(wholes[0].claim, [x.claim for x in parts])):
            yield CheckRow((0, parts[0].position, j), c)


def _total_checks(key: tuple, rows: list[FigureRow]) -> Iterator[CheckRow]:
    figs = {f.row["group"]: f.row for f in sorted(rows, key=lambda f: f.key)}
    for j, c in enumerate(total_checks(key[1], figs)):
        yield CheckRow((1, *key, j), c)


def _document_checks(key: tuple, xs: list[Counted]) -> Iterator[CheckRow]:
    xs = sorted(xs, key=lambda x: x.position)
    for j, c in enumerate(document_checks(key[0], key[1], [x.claim for x in xs])):
        yield CheckRow((2, xs[0].position, j), c)


#: The figures stage: figures (one per event, measure, group), checks, claims.figure_id.
FIGURES = Plan(
    name="figures",
    reads=(
        Read("claims", CLAIMS_QUERY, ClaimRow, params=COUNT_MEASURES),
        Read("pubs", DOCUMENTS_QUERY, PubRow, rows=_publications),
        Read("events", "select id, historic from events", EventRow, rows=_historic),
        Read("spans", COPIED_QUERY, SpanRow, rows=_spans),
        Read("passages", PASSAGES_QUERY, PassageRow, rows=_number_edited),
        Read("had_figure", "select id from claims where figure_id is not null", ClaimId),
    ),
    steps=(
        Group("prepared", [("claims", lambda r: r.doc_id), ("spans", lambda r: r.doc_id), ("pubs", lambda r: r.doc_id)],
              _prepared),
        Group("figures", [("prepared", lambda x: x.claim.event_id), ("events", lambda r: r.id)], _event_figures),
        Group("edit_links", [("passages", lambda r: r.target_doc), ("prepared", lambda x: x.claim.doc_id)],
              _with_target_claims),
        Group("edits", [("edit_links", lambda e: e.link.source_doc), ("prepared", lambda x: x.claim.doc_id)],
              _link_edits),
        Group("figure_rows", [("figures", lambda f: f.row["id"]), ("edits", lambda e: e.figure_id)], _with_edits),
        Group("part_checks", [("prepared", lambda x: x.claim.part_of), ("prepared", lambda x: x.claim.id)],
              _part_checks),
        Group("total_checks", [("figure_rows", lambda f: (f.row["event_id"], f.row["measure"]))], _total_checks),
        Group("document_checks", [("prepared", lambda x: (x.claim.doc_id, x.figure_id))], _document_checks),
    ),
    writes=(
        Write("figures", ["figure_rows"], order=lambda f: f.key, row=lambda f: f.row),
        Write("checks", ["part_checks", "total_checks", "document_checks"], order=lambda c: c.key,
              row=lambda c: c.check.row()),
    ),
    updates=(Update("had_figure", "update claims set figure_id = null where id = ?", lambda r: (r.id,)),  # (no longer counted)
             Update("prepared", "update claims set figure_id = ? where id = ?", lambda x: (x.figure_id, x.claim.id))),
    requires=("reuse", "events", "choose dates"),
)
