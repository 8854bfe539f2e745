"""Events: what each figure is about, and each document's main event.

One job: the events stage. It turns stories (stories.py: documents that report the
same thing) and the events the texts name into the `events` table, and gives every
claim and every document its event.

- Named events (found in each text by mentions.py): "the Khojaly massacre", "the 1992 Khojaly massacre", "the Armenian
  attack Wednesday on Barda", "the earthquake in Aceh": an event noun (massacre,
  attack, earthquake, ...) with a name before it or a place after it (capitalised
  words that the text never writes in lower case, so a headline's "Ferry Fire" is not
  a name; nationalities are not names). Mentions with the same name are one event
  across the ledger ("Khojaly massacre", "Khojaly genocide" and "Khojaly tragedy" are
  the same event; which word each source uses is framing, not identity).
- A story's event: the named event that more than half of its documents mention, else
  an event of its own, labelled by the story's first title.
- A claim's event: the named event its sentence mentions (seed 004: "the Armenian
  attack Wednesday on Barda, which killed at least 21 civilians" is the Barda attack,
  not the Khojaly massacre the article also recalls), else its document's event.
- A story's report of an incident of its own (incidents.py: "Car bomb kills four outside
  Orlesk bus station ..., two days after a bombing at a Merovan market"): an event of its
  own, with the figures of its title and lead and of sentences that locate something at
  its place.
- A document's event (`documents.event_id`): its story's event, unless most of its
  figures belong to another named event it reports as news.
- Dates: a named event takes the date its mentions' sentences give most often
  ("Feb. 26, 1992"), to the day or the year; a story's own event took place on or
  before its first report (`date_precision` `range`, with the first report's date).
  `historic`: the event happened more than a year before the earliest document that
  mentions it (a 2018 commemoration of a 1992 massacre is not a 2018 event).

Ids are content hashes: a named event's id comes from its name, a story's from its
first document, so rebuilding the same inputs gives the same ids.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, NamedTuple, Optional, cast

from . import corrections
from .annotated import complete, complete_claims
from ..analyse.mentions import (CURRENT, EVENT_NOUNS, MAX_ACTORS, OTHER, Mention, actors, from_row,
                                homograph, is_reported, noun_spans, verb_types)
from ..model import INCREMENT, REST, SO_FAR, WITHDRAWN, Event, Lead, make_id
from .figures import TRUSTED
from .corroboration import RUNNING_TOTAL, Span, uncorroborated
from ..text.origins import checkable, is_outlet, source_key
from .placement import (ALONE, DENIED_WHY, DISPUTED, DISPUTED_WHY, HEADLINE, MEASURE_FAMILY, PLACED, RETRACTED, RETRACTED_WHY, STRONG,
                        SUPERSEDED, UNPLACED, Placement, casualty_story, cause_beside, clause_between, denied, disowned,
                        in_clause,
                        lone_subsets, other_event_cues, place_words, retracted, story_families, tally_of, hedged, unplaced,
                        when_past, with_perpetrators, writer_sum, past_event)
from ..text.datelines import filed_from, lead_place
from .incidents import find_incidents, in_incident_clause, locates, names_core, story_core
from .titles import story_label, title_words
from ..text.segments import BODY
from ..text.sentences import ANAPHORA, own_time, points_back
from ..unionfind import DisjointSets

HISTORIC_DAYS = 365
LEDE_CHARS = 300  # an undated document's opening reports the news, not the past
#: A story's own event is typed only when the titles and leads of at least this share of its
#: documents give that type ("BlackBerry storm" in one title of a phone launch's six is no storm).
TYPE_SHARE = 0.34
STORY_SHARE = 0.5  # more than this share of a story's documents must name an event for it to be the story's
ARTICLES = "coalesce(kind, 'article') = 'article'"  # pages with no reporting (segments.page_kind) seed no event


@dataclass
class _Ev:
    key: str
    label: str
    type_votes: Counter = field(default_factory=Counter)
    year_votes: Counter = field(default_factory=Counter)
    date_votes: Counter = field(default_factory=Counter)
    docs: set = field(default_factory=set)
    place: Optional[str] = None
    first_published: Optional[str] = None
    first_is_range: bool = False  # the first report itself is only dated to "on or after"
    first_by: Optional[str] = None  # ... or to a range or a year: its last day
    story_event: bool = False
    actor_votes: Counter = field(default_factory=Counter)
    aliases: list = field(default_factory=list)  # named events found to be this story's event
    alias_votes: Counter = field(default_factory=Counter)  # (name, place) of those, by documents
    named_label: Optional[str] = None  # the name it is known by, when it has one
    filed: Optional[str] = None  # where its reports are filed from (their datelines), when they say
    deixis: Counter = field(default_factory=Counter)  # its mentions' mentions.deixis (CURRENT, OTHER)
    type_docs: Counter = field(default_factory=Counter)  # a story event's types: how many documents' titles and leads give each
    verb_docs: Counter = field(default_factory=Counter)  # ... and the types of their verbs ("Gunmen abduct 40 pupils")


def resolve(mentions: dict[str, list[Mention]],
            published: Optional[dict[str, Optional[str]]] = None) -> dict[tuple[str, int], str]:
    """Which event each mention names: (doc id, mention index) -> event id.

    A node is (name, year): a mention without a year joins the name's only explicit
    year when their event types agree ("Khojaly massacre" -> the 1992 Khojaly massacre;
    "Veldra fire" does not join the 1998 "Veldra sinking"), unless a document published
    in another year calls the name its current news ("this week's floods in the Ardel
    valley" in 2026: "Ardel flood" is not "the 2011 Ardel flood"). Nodes are one event when
    one name contains the other ("Lake Veldra" / "Veldra") in the same year, or when a
    sentence about a dated event names the other ("the MV Orla Bright sank in a storm
    off Caddock Island" in 1998)."""
    years: dict[str, Counter] = defaultdict(Counter)
    types_by_year: dict[tuple[str, Optional[int]], set] = defaultdict(set)
    current: dict[str, set] = defaultdict(set)  # name -> (year, type) of the documents calling it current news
    for doc_id, ms in mentions.items():
        for m in ms:
            if m.year:
                years[m.key][m.year] += 1
            elif m.deixis == CURRENT and published and (when := _year((published or {}).get(doc_id))):
                current[m.key].add((when, EVENT_NOUNS[m.noun]))
            t = EVENT_NOUNS[m.noun]
            if t:
                types_by_year[(m.key, m.year)].add(t)

    def node(m: Mention, doc_id: str) -> tuple[str, Optional[int]]:
        if m.year:
            return (m.key, m.year)
        ys = years.get(m.key)
        if ys and len(ys) == 1:
            (y,) = ys
            own = _year((published or {}).get(doc_id))
            kind = EVENT_NOUNS[m.noun]
            if own != y and any(
                    yr != y and (t == kind or not t or not kind) for yr, t in current.get(m.key, ())):
                return (m.key, None)  # (a document of the dated event's own year still names it)
            loose, dated = types_by_year.get((m.key, None), set()), types_by_year.get((m.key, y), set())
            if not loose or not dated or loose & dated:
                return (m.key, y)
        return (m.key, None)

    sets: DisjointSets[tuple] = DisjointSets()
    root, union = sets.root, sets.union
    count: Counter = Counter()

    nodes: dict[tuple[str, int], tuple] = {}
    for doc_id, ms in mentions.items():
        for i, m in enumerate(ms):
            n = node(m, doc_id)
            nodes[(doc_id, i)] = n
            count[n] += 1
            root(n)
    keys = {n[0] for n in count}
    for n in list(count):  # "lake veldra" contains "veldra": one event in the same year
        words = n[0].split()
        for a in range(len(words)):
            for b in range(a + 1, len(words) + 1):
                sub = " ".join(words[a:b])
                if sub != n[0] and sub in keys and (sub, n[1]) in count:
                    union(n, (sub, n[1]))
    for doc_id, ms in mentions.items():  # a dated event's sentence names another
        for i, m in enumerate(ms):
            if not m.year:
                continue
            for k in m.names:  # (its sentence's capitalised runs, in lower case: the mentions row)
                if k != m.key and k in keys and (k, m.year) in count:
                    union(nodes[(doc_id, i)], (k, m.year))
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for n in count:
        groups[root(n)].append(n)
    canonical = {r: max(ns, key=lambda n: (count[n], n[1] or 0, n[0])) for r, ns in groups.items()}
    return {where: _named_id(*canonical[root(n)]) for where, n in nodes.items()}


def _year(when: Optional[str]) -> Optional[int]:
    """The year of a publication date ("2026-10-24..."), None when it gives none."""
    return int(when[:4]) if when and when[:4].isdigit() else None


def leads_by_document(db: Any) -> dict[str, Lead]:
    """Every document's `leads` row (the mentions analyser's: where its lead ends, its
    opening), without the words the stories stage compares (this stage never reads them)."""
    complete(db, "leads")
    cols = [f.name for f in fields(Lead) if f.name not in ("terms", "names")]
    return {r[1]: Lead(**dict(zip(cols, r))) for r in db.execute(f"select {', '.join(cols)} from leads")}


def mentions_by_document(db: Any, reported: bool = True) -> dict[str, list[Mention]]:
    """The named event mentions of every document, in text order, from the `mentions`
    table (only those in its reporting when `reported`: mentions.is_reported)."""
    complete(db, "mentions")
    out: dict[str, list[Mention]] = {}
    cols = ["doc_id", "start", "end", "name", "key", "noun", "year", "sentence_start", "sentence_end", "segment",
            "actors", "dates", "names", "located", "deixis"]
    for r in db.execute(f"select {', '.join(f'[{c}]' for c in cols)} from mentions order by doc_id, start"):
        row = dict(zip(cols, r))
        if not reported or is_reported(row):
            out.setdefault(row["doc_id"], []).append(from_row(row))
    return out


def events_stage(db: Any) -> dict[str, int]:
    """Stories, named events, the events table, claims.event_id and documents.event_id."""
    # long: one pass over the stage's tables whose steps (story events, named events, past events,
    # placement, writing) share a dozen maps; it becomes separate steps when the stage is declared for
    # both engines (issue 16)
    docs = [_Doc(*r) for r in db.execute(  # (no text: the stage reads the analysers' rows, mentions, leads and claims)
        f"select {', '.join(_Doc._fields)} from documents "
        f"where {ARTICLES} order by coalesce(published_low, substr(published, 1, 10), '9999'), published, id")]
    pages = {d: (kind, story) for d, kind, story in db.execute(  # galleries, posts: they seed no event
        f"select id, kind, story from documents where not ({ARTICLES})")}
    story_of = {d.id: d.story or d.id for d in docs}  # documents.story (stories.stories_stage)
    published = {d.id: (d.published or d.published_low) for d in docs}
    only_after = {d.id for d in docs if not d.published and d.published_low and not d.published_high}  # dated "on or after" a day
    between = {d.id: d.published_high for d in docs if not d.published and d.published_low and d.published_high}  # a range or a year: its last day
    leads = leads_by_document(db)  # (the mentions analyser's rows: no text is read again)
    complete_claims(db)  # (each claim's sentence: the claims analyser's)
    article_ids = [d.id for d in docs]
    title_of = {d.id: d.title for d in docs}

    stored = mentions_by_document(db)  # (the mentions analyser's rows: no text is searched again)
    mentions: dict[str, list[Mention]] = {doc_id: stored.get(doc_id, []) for doc_id in article_ids}
    event_of = resolve(mentions, published)
    named: dict[str, _Ev] = {}
    names: dict[str, Counter] = defaultdict(Counter)
    places: dict[str, Counter] = defaultdict(Counter)  # ... the names written as places
    for doc_id, ms in mentions.items():
        for i, m in enumerate(ms):
            eid = event_of[(doc_id, i)]
            ev = named.setdefault(eid, _Ev(eid, m.name))
            names[eid][m.name] += 1
            if m.located:
                places[eid][m.name] += 1
            ev.type_votes[EVENT_NOUNS[m.noun] or ""] += 1
            if m.year:
                ev.year_votes[m.year] += 1
                for day in m.days:  # (the days its sentence gives in its year)
                    ev.date_votes[day] += 1
            ev.docs.add(doc_id)
            ev.actor_votes.update(m.actors)
            if m.deixis:
                ev.deixis[m.deixis] += 1
    for eid, ev in named.items():
        ev.label = max(names[eid].items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
        ev.place = max(places[eid].items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0] if places[eid] else None

    # a story's event: the named event more than half of its documents mention (not as "a separate
    # flood"), else its own
    members: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        members[story_of[d.id]].append(d.id)
    event_of_story: dict[str, str] = {}
    story_events: dict[str, _Ev] = {}
    for k, ids in members.items():
        votes = Counter(e for i in ids for e in {event_of[(i, j)] for j, m in enumerate(mentions[i]) if m.deixis != OTHER})
        top = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        if top and top[0][1] > STORY_SHARE * len(ids):
            event_of_story[k] = top[0][0]
            ev = named[top[0][0]]  # placed by its datelines, as below, unless its mentions date it before the story
            if not (ev.year_votes and min(ev.year_votes) < min((int(p[:4]) for i in ids if (p := published.get(i))), default=0)):
                ev.place = filed_from([leads[i].opening for i in ids]) or ev.place
            continue
        first = ids[0]
        eid = make_id("event", "story", first)
        ev = _Ev(eid, story_label([title_of[i] or leads[i].first_line for i in ids]
                                   + [leads[first].opening[leads[first].lede_start:leads[first].lede_end]]), story_event=True)
        ev.docs.update(ids)
        for member in ids:
            lede = leads[member]  # its first two sentences
            # its type: the event nouns of its documents' titles and leads (the events they recall
            # further down are other events: "the 1996 Olympic park bombing" in a sentencing story)
            head = (title_of[member] or "") + "\n" + lede.opening[: lede.lede_end]
            voted = set()
            for q, e in noun_spans(head):
                if not homograph(head, q, e):
                    ev.type_votes[EVENT_NOUNS[head[q:e].lower()] or ""] += 1
                    voted.add(EVENT_NOUNS[head[q:e].lower()] or "")
            ev.type_docs.update(voted)
            ev.verb_docs.update(set(verb_types(head)))
            if lede.lede_end:
                ev.actor_votes.update(actors(lede.opening, lede.lede_start, lede.lede_end))
        ev.filed = filed_from([leads[i].opening for i in ids])
        ev.place = ev.filed or lead_place(  # where its reports are filed from, else where its leads say
            [leads[i].opening[leads[i].lede_start:leads[i].lede_end] for i in ids])
        story_events[eid] = ev
        event_of_story[k] = eid
    own_alias = _story_aliases(named, story_events, event_of_story, story_of, published)
    for key, eid in list(event_of.items()):
        event_of[key] = own_alias.get(eid, eid)
    for eid, target in own_alias.items():
        ev = named.pop(eid)
        own = story_events[target]
        own.docs |= ev.docs
        own.actor_votes.update(ev.actor_votes)
        own.aliases.append(eid)
        own.alias_votes[(ev.label, ev.place)] += len(ev.docs)
    for own in story_events.values():  # a story's event known by a name: labelled and placed by it
        if own.alias_votes:
            (name, place), _n = max(own.alias_votes.items(), key=lambda kv: (kv[1], kv[0][0] or ""))
            own.named_label, own.place = name, own.filed or place  # (its datelines' place over a name's words:
            # "the Orlan Mills explosion", "the Solvene Airways crash" name a company, not where it happened)

    def doc_year(doc_id: str, s0: int) -> Optional[int]:
        """The year a document was written: its publication year. An undated document
        rarely states its own year in running text ("on Sunday"), so past its lede any
        year it gives counts as past."""
        own = published.get(doc_id)
        if own:
            return int(own[:4])
        if s0 < LEDE_CHARS:
            return None
        latest = leads[doc_id].latest_year
        return latest + 1 if latest is not None else None

    # claims: placed by their evidence (placement.py): the named event their sentence mentions,
    # a past event their sentence dates, else their story's event when the document's lead or
    # the story's reports say so; unplaced when page furniture or another time or event
    story_facts = _story_facts(members, leads, title_of, published, named, event_of_story, story_events)
    incident_events = _incident_events(members, leads, title_of, story_facts, named)
    claim_event: dict[str, str] = {}
    claim_place: dict[str, tuple[float, str]] = {}
    claim_doc: dict[str, tuple[str, str, int]] = {}
    per_doc: dict[str, Counter] = defaultdict(Counter)
    claim_span: dict[str, Span] = {}
    denying = {d.id: json.loads(leads[d.id].denials) for d in docs if leads[d.id].denials not in ("[]", "")}
    told = {story_of[d] for d in denying}  # (stories with a report called false: their claims' sentences are kept)
    claim_said: dict[str, tuple[str, int, Optional[str], Optional[float]]] = {}
    kin: set[str] = set()
    increments: set[str] = set()
    parts_of: dict[str, str] = {}
    for cid, doc_id, start, s0, s1, measure, segment, words, antecedent, paragraph, low, high, group, part, listed, what, \
            sayer in db.execute(
            "select id, doc_id, start, sentence_start, sentence_end, measure, segment, sentence, antecedent, "
            "paragraph_start, low, high, \"group\", part_of, adds_to, what, attributed_to from claims"):
        claim_doc[cid] = (doc_id, measure, s0)
        if story_of.get(doc_id) in told and measure != "other":
            claim_said[cid] = (words or "", start - s0, sayer, low)
        if group and words and _KIN.search(words, 0, max(0, start - s0)):
            kin.add(cid)  # "a couple and their three children": a family's own, no count of the toll's children
        claim_span[cid] = Span(low, high, group, (part or listed) is not None,
                               bool(sayer) and checkable(source_key(sayer)) and not is_outlet(sayer),
                               what == SO_FAR or bool(words) and bool(RUNNING_TOTAL.search(words)))  # ("the
        # second person held": the count to date)
        if doc_id in pages:  # a photo gallery, a page of posts: its numbers seed no event
            claim_place[cid] = (0.0, UNPLACED + f"not an article (a page of {pages[doc_id][0]})")
            continue
        said = _Said(words or "", antecedent, paragraph or 0)
        story_eid = event_of_story[story_of[doc_id]]
        facts = story_facts[story_of[doc_id]]
        when = published.get(doc_id)
        ref_year = int(when[:4]) if when else leads[doc_id].latest_year
        placed = _place(cid, doc_id, start, s0, s1, measure, segment or "body", said, mentions.get(doc_id, []),
                        event_of, named, story_eid, facts, doc_year(doc_id, s0), ref_year, leads[doc_id].lead_end,
                        story_events)
        eid = placed.event_id or story_eid
        if placed.placed and part is not None and group is None and measure != "other":
            placed = unplaced(eid, "a part of a count its sentence gives (by day, place or batch), no total of its own", 0.3)
        elif placed.placed and what == WITHDRAWN:  # "By evening he had taken the remark back": here only
            placed = unplaced(eid, "a report a later sentence takes back", 0.3)
        elif placed.placed and what == REST:
            placed = unplaced(eid, "the last or remaining of a set ('the last 19 hostages'), a batch: no total", 0.3)
        elif placed.placed and what == INCREMENT:
            placed = unplaced(eid, "an increment ('four more', 'another 12'), added to a count said before: no total", 0.3)
            increments.add(cid)
        if part is not None:
            parts_of[cid] = part
        claim_event[cid] = eid
        claim_place[cid] = (placed.confidence, placed.reason)
        if placed.placed and (eid in named or eid in story_events):
            (named.get(eid) or story_events[eid]).actor_votes.update(actors(said.sentence, 0, len(said.sentence)))
            if eid in incident_events:
                named[eid].docs.add(doc_id)
        if measure != "other" and placed.placed:
            per_doc[doc_id][eid] += 1
    for cid, whole in parts_of.items():  # "Four more people, two soldiers and two civilians, were killed"
        if whole in increments and not claim_place[cid][1].startswith(UNPLACED):
            claim_place[cid] = (0.3, UNPLACED + "a part of an increment, no figure of its own")
            per_doc[claim_doc[cid][0]][claim_event[cid]] -= 1
    for cid in _alone(claim_event, claim_place, claim_doc):
        claim_place[cid] = (ALONE, UNPLACED + "only one document states it, in its body (no lead, no name, no other source)")
        doc_id = claim_doc[cid][0]
        per_doc[doc_id][claim_event[cid]] -= 1
    for cid in lone_subsets(claim_event, claim_place, claim_doc,
                            {c: f"kin {sp.group}" if c in kin else sp.group for c, sp in claim_span.items()}):
        claim_place[cid] = (ALONE, UNPLACED + "a subset of its own kind only one document gives (no group row)")
        per_doc[claim_doc[cid][0]][claim_event[cid]] -= 1
    trusted = {d.id for d in docs if d.published_how in TRUSTED}
    for cid in disowned(claim_event, claim_place, claim_doc, {c: (sp.low, sp.group) for c, sp in claim_span.items()
                                                               if sp.low is not None and sp.low == sp.high}, published):
        claim_place[cid] = (ALONE, UNPLACED + "a figure another report calls false or withdrawn")
        per_doc[claim_doc[cid][0]][claim_event[cid]] -= 1
    for cid in denied(denying, story_of, published, claim_event, claim_place, claim_doc, claim_said):
        claim_place[cid] = (ALONE, UNPLACED + DENIED_WHY)
        per_doc[claim_doc[cid][0]][claim_event[cid]] -= 1
    for cid, why in uncorroborated(claim_event, claim_place, claim_doc, claim_span,
                                    {d: (p or "")[:10] or None for d, p in published.items()}, trusted):
        claim_place[cid] = (ALONE, UNPLACED + why)
        per_doc[claim_doc[cid][0]][claim_event[cid]] -= 1

    used = set(claim_event.values()) | set(event_of_story.values())
    rows = []
    for eid, ev in list(named.items()) + list(story_events.items()):
        if eid in used:
            firsts = sorted((p[:10], i) for i in ev.docs if (p := published[i]))
            if firsts:
                ev.first_published, ev.first_is_range = firsts[0][0], firsts[0][1] in only_after
                ev.first_by = between.get(firsts[0][1])
            rows.append(_event_row(eid, ev))
    historic = {r["id"]: r["historic"] for r in rows}

    # documents: the story's event, unless most of its figures are about another current event
    doc_event: dict[str, str] = {}
    for doc_id in article_ids:
        eid = event_of_story[story_of[doc_id]]
        counts = per_doc.get(doc_id)
        if counts:
            top, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
            if top != eid and n * 2 > sum(counts.values()) and not historic.get(top):
                eid = top
        doc_event[doc_id] = eid

    mention_event = {(doc_id, mentions[doc_id][i].start): eid for (doc_id, i), eid in event_of.items()}
    on_pages = {d: stored[d] for d in pages if d in stored}
    if on_pages:  # a page's named mentions (a page seeds no event): resolved beside every document's
        every = resolve({**mentions, **on_pages}, published)
        mention_event.update({(d, on_pages[d][i].start): own_alias.get(e, e) for (d, i), e in every.items() if d in on_pages})
    corrected = corrections.apply_events(db, claim_event, doc_event, rows, mention_event)

    db.execute("delete from events")
    db["events"].insert_all(rows, pk="id", alter=True)
    db.conn.executemany("update claims set event_id = ?, confidence = ?, placement = ? where id = ?",
                        [(claim_event.get(c), *claim_place[c], c) for c in claim_place])
    db.conn.executemany("update documents set event_id = ? where id = ?", [(e, d) for d, e in doc_event.items()])
    kept = {r["id"] for r in rows}  # each named mention's event, when it has a row (the terms stage joins on it)
    db.execute("update mentions set event_id = null where event_id is not null")
    db.conn.executemany("update mentions set event_id = ? where doc_id = ? and start = ?",
                        [(e, d, start) for (d, start), e in mention_event.items() if e in kept])
    db.conn.executemany("update documents set event_id = ? where id = ?",  # a page joins its story's event, if any
                        [(event_of_story.get(story) if story else None, d) for d, (_, story) in pages.items()])
    return {"events": len(rows), "stories": len(members), "claims": len(claim_event), "corrections": corrected}


def _alone(claim_event: dict[str, str], claim_place: dict[str, tuple[float, str]],
           claim_doc: dict[str, tuple[str, str, int]]) -> list[str]:
    """Claims a figure row would stand on alone: placed only by the story's kind of figure
    (no lead, no name, no date), for an event and measure no other document states, in a
    sentence with no better-supported figure of the event ("487 sustained injuries, 8
    families were annihilated, 25 lost both parents": the 487 establishes the sentence)."""
    docs: dict[tuple[str, str], set] = defaultdict(set)
    strong: set[tuple[str, str]] = set()
    for cid, (confidence, _) in claim_place.items():
        doc_id, measure, _s0 = claim_doc[cid]
        if measure == "other" or confidence < PLACED:
            continue
        key = (claim_event[cid], measure)
        docs[key].add(doc_id)
        if confidence >= STRONG:
            strong.add(key)
    supported = {key for key in docs if key in strong or len(docs[key]) > 1}
    established = {(claim_doc[cid][0], claim_doc[cid][2], claim_event[cid]) for cid, (confidence, _) in claim_place.items()
                   if confidence >= PLACED and (claim_event[cid], claim_doc[cid][1]) in supported}
    return [cid for cid, (confidence, _) in claim_place.items()
            if PLACED <= confidence < STRONG and claim_doc[cid][1] != "other"
            and (claim_event[cid], claim_doc[cid][1]) not in supported
            and (claim_doc[cid][0], claim_doc[cid][2], claim_event[cid]) not in established]


#: A possessive right before a count: "their three children", "her two sons".
_KIN = re.compile(r"\b(?:their|his|her)\s+\Z", re.IGNORECASE)


def _story_aliases(named: dict[str, _Ev], story_events: dict[str, _Ev], event_of_story: dict[str, str],
                   story_of: dict[str, str], published: dict[str, Optional[str]]) -> dict[str, str]:
    """Named events that are a story's own event under a name ("the shooting at Gordon
    Advisors" in a story whose event has no name): every document naming it is in that
    story, it is not dated before the story, no mention calls it another event ("a
    separate flood") without one calling it current news, and its type is the story's. -> {named id:
    story event id}."""
    out = {}
    for eid, ev in named.items():
        stories = {story_of[d] for d in ev.docs}
        if len(stories) != 1:
            continue
        target = event_of_story[next(iter(stories))]
        own = story_events.get(target)
        if own is None or target == eid:
            continue  # the story's event is itself a named event, or this one
        first = min((cast(str, published[d])[:4] for d in own.docs if published.get(d)), default=None)
        if ev.year_votes and (first is None or min(ev.year_votes) < int(first)):
            continue  # an earlier event only this story recalls
        if ev.deixis[OTHER] and not ev.deixis[CURRENT]:
            continue  # "a separate flash flood on the Oulen river": another event of the days the story tells
        kind, mine = _type_of(own), _type_of(ev)
        if mine is None or (kind is not None and kind != mine):
            continue
        out[eid] = target
    return out


def _place(cid: str, doc_id: str, start: int, s0: int, s1: int, measure: str, segment: str, said: "_Said",
           ms: list[Mention], event_of: dict[tuple[str, int], str], named: dict[str, _Ev], story_eid: str,
           facts: "_StoryFacts", writing_year: Optional[int], ref_year: Optional[int], lead: int,
           story_events: dict[str, _Ev]) -> Placement:
    """One claim's placement (placement.py gives the rules and their confidence)."""
    if segment == "headline":  # the document's own title: read as its body, but never as sure as a lead
        p = _place(cid, doc_id, start, s0, s1, measure, BODY, said, ms, event_of, named, story_eid, facts,
                   writing_year, ref_year, 0, story_events)
        if not p.placed or measure == "other":
            return unplaced(story_eid, "in a headline: " + p.reason.removeprefix(UNPLACED), 0.0) \
                if measure != "other" else p
        return Placement(p.event_id, HEADLINE, "headline: the document's own title; " + p.reason)
    if segment != BODY:
        return unplaced(story_eid, f"in a {segment}", 0.0)
    if measure == "other":  # a percentage, money, a fraction: never a figure row, tied to the sentence's event
        inside = [j for j, m in enumerate(ms) if s0 <= m.start < s1]
        return Placement(event_of[(doc_id, inside[0])] if inside else story_eid, 0.5, "other: not a count")
    if many := tally_of(said.sentence, start - s0):
        return unplaced(story_eid, f"a count over many events: '{many}'", 0.2)
    if mine := writer_sum(said.sentence):  # ("Add the man ...", "Put the two together": the writer's)
        return unplaced(story_eid, f"a sum the writer makes ('{mine} ...'): no source's figure", 0.2)
    if measure == "killed" and (perp := with_perpetrators(said.sentence, start - s0)):
        return unplaced(story_eid, f"a count that holds the perpetrators ('{perp}'): no victims' toll", 0.3)
    if hedge := hedged(said.sentence, start - s0):
        return unplaced(story_eid, f"a hedged estimate ('{hedge}'): its source does not say it is so", 0.3)
    if facts.incidents and (hit := _incident(doc_id, start, s0, said.sentence, facts, True)):
        return hit
    # a mention names an event a figure can belong to when some mention of it has a typed
    # noun ("the incident at Terrigal Beach" alone is the story's event, not an event of its own)
    near = [(abs(m.start - start), j) for j, m in enumerate(ms)
            if s0 <= m.start < s1 and _typed(named.get(event_of[(doc_id, j)]) or story_events[event_of[(doc_id, j)]])
            and not clause_between(said.sentence, m.start - s0, start - s0)]
    if near and not _other_year(said.sentence, start - s0, writing_year, named.get(event_of[(doc_id, min(near)[1])])
                                or story_events[event_of[(doc_id, min(near)[1])]]):
        m = ms[min(near)[1]]
        return Placement(event_of[(doc_id, min(near)[1])], 0.9, f"named: the sentence names '{m.name} {m.noun}'")
    if measure in ("killed", "injured", "hospitalised") and not facts.casualty and not cause_beside(said.sentence, start - s0):
        return unplaced(story_eid, "a death or injury the story's reports give no violence, accident or disaster for "
                                   "(an illness, old age, a sports injury)", 0.2)
    sentence = said.sentence
    if in_clause(SUPERSEDED, sentence, start - s0):
        return unplaced(story_eid, "an early report the sentence says was superseded ('originally', 'initially')", 0.3)
    if retracted(sentence, start - s0):
        return unplaced(story_eid, RETRACTED_WHY, 0.3)
    if in_clause(DISPUTED, sentence, start - s0) or in_clause(RETRACTED, sentence, start - s0):
        return unplaced(story_eid, DISPUTED_WHY, 0.3)
    cues = other_event_cues(sentence, start - s0, ref_year, facts.year, facts.first,
                            None if start < lead else facts.places, facts.words)
    if not cues and said.antecedent is not None and not (  # "It killed 612 people": the sentence before says which
            points_back(sentence) and own_time(sentence) and not ANAPHORA.match(sentence)):  # event ("12 died there on
        # Tuesday": only its place, for the incident check below, not its time)
        cues = other_event_cues(said.antecedent, -1, ref_year, facts.year, facts.first,
                                None if start < lead else facts.places, facts.words)
        if ANAPHORA.match(sentence) is None:  # a past narrative going on ("in 2011 ... still 57 died"): the time
            # the sentence before set, not a comparison it made ("the worst since 2011. Officials said 14 died")
            cues = [c for c in cues if not re.match(r"(?:since|worst|deadliest|biggest|largest|bloodiest|most|first)\b",
                                                    c, re.IGNORECASE)
                    and not re.search(r"\bsince\s+" + re.escape(c), said.antecedent, re.IGNORECASE)]
    if cues:
        past = past_event(sentence, start - s0, writing_year)
        own = named.get(story_eid) or story_events.get(story_eid)
        if past is not None and own is not None and facts.year == past[1] and _type_of(own) in (None, past[2]):
            past = None  # "the fire in 2025" in a 2026 piece about that fire: its own event
        if past is not None:
            return _past_placement(past, doc_id, named, facts)
        return unplaced(story_eid, "another time or event: " + "; ".join(f"'{c}'" for c in cues[:3]))
    # the sentence before, in the same paragraph, about a dated event
    before = [j for j, m in enumerate(ms) if m.sentence[1] <= s0 and m.sentence[1] >= said.paragraph_start
              and s0 - m.sentence[1] <= 2]
    if before and (named.get(event_of[(doc_id, before[-1])]) or story_events[event_of[(doc_id, before[-1])]]).year_votes:
        m = ms[before[-1]]
        return Placement(event_of[(doc_id, before[-1])], 0.6, f"before: the sentence before names '{m.name} {m.noun}'")
    if facts.incidents and (hit := _incident(doc_id, start, s0, sentence, facts, False, said.antecedent or "")):
        return hit
    if start < lead:
        return Placement(story_eid, 0.9, "lead: in the document's lead")
    if MEASURE_FAMILY.get(measure) in facts.families:
        return Placement(story_eid, 0.7, "story: the story's reports lead with such figures")
    return unplaced(story_eid, "the story's reports lead with no such figure", 0.3)


def _other_year(sentence: str, at: int, writing_year: Optional[int], ev: "_Ev") -> bool:
    """Whether the count at `at` lies in a "when" clause of an earlier year than the year of
    the event the sentence names before it ("the worst ferry disaster in Vestria since 1998,
    when ... killing 38": 1998's count, not the ferry fire's)."""
    when = when_past(sentence, at, writing_year)
    return when is not None and _year_of(ev, {}) != int(when[-4:])  # (the year its mentions give)


def _past_placement(past: tuple[str, int, str, str], doc_id: str, named: dict[str, _Ev], facts: "_StoryFacts"
                    ) -> Placement:
    """A claim of a sentence that dates an earlier event: that event, the story's own name
    for it if its documents name one of that type and year, else one made of the sentence's."""
    key, year, etype, label = past
    known = facts.recalled.get((etype, year))
    place = label.rsplit(" ", 1)[0] if " " in label else None
    eid = known if known in named else _named_id(f"{key} story {facts.story}", year)  # (one "attack 2021" per story:
    # a ledger's other stories recall other attacks of 2021)
    ev = named.get(eid)
    if ev is None:
        ev = named[eid] = _Ev(eid, label)
        ev.year_votes[year] += 1
        ev.type_votes[etype] += 1
        ev.place = place
    ev.docs.add(doc_id)
    return Placement(eid, 0.8, f"dated: the sentence dates an earlier {etype} ({year})")


def _incident(doc_id: str, start: int, s0: int, sentence: str, facts: "_StoryFacts", lead: bool, before: str = ""
              ) -> Optional[Placement]:
    """A claim of a report of an incident of its own (incidents.py), or of a sentence that
    locates something at such an incident's place. `lead`: only the title and lead of
    such a report, before its "... two days after" that names the story's event, where
    they name nothing of the story's (asked before any named event of the sentence); else
    (asked once the other-time checks are passed) the report's sentences that name nothing
    of the story's (nor does the sentence before that theirs refers back to: "... the collision
    at Kessnit. The ministry said 27 people had died there"), and the sentences of other
    reports that locate something at the incident's place."""
    for eid, incident in facts.incidents:
        if incident.doc_id == doc_id and lead and start < incident.after and \
                not names_core(sentence[: max(0, incident.after - s0)] if s0 <= incident.after else sentence, facts.core) \
                and in_incident_clause(sentence, start - s0, incident):
            return Placement(eid, 0.8, f"incident: the document's title and lead report an incident at {incident.place}, "
                                       "not the story's")
        if incident.doc_id == doc_id and not lead and not names_core(sentence, facts.core) and \
                not (before and names_core(before, facts.core)) and \
                in_incident_clause(sentence, start - s0, incident):
            return Placement(eid, 0.6, f"incident: the document reports an incident at {incident.place}, and the "
                                       "sentence names nothing of the story's")
        if incident.doc_id != doc_id and not lead and locates(sentence, incident, facts.core):
            return Placement(eid, 0.7, f"located: the sentence locates it at {incident.place}, where another report "
                                       "tells of an incident of its own")
    return None


class _Doc(NamedTuple):
    """An article as the events stage reads it (documents' columns by name)."""

    id: str
    title: Optional[str]
    published: Optional[str]
    published_low: Optional[str]
    published_high: Optional[str]
    story: Optional[str]
    published_how: Optional[str]


@dataclass
class _Said:
    """What a claim's row gives of its text (the claims analyser): its sentence, the sentence
    before when its own opens by referring back or goes on in the time that one set
    (text.sentences.sentence_context), where its paragraph starts."""

    sentence: str
    antecedent: Optional[str]
    paragraph_start: int


@dataclass
class _StoryFacts:
    year: Optional[int]  # the year of the story's own event
    first: Optional[date]  # its first report's day
    families: frozenset  # the kinds of figure its documents lead with
    places: frozenset  # the capitalised words of its titles and leads (lower case)
    casualty: bool = True  # its titles and leads tell of violence, an accident or a disaster (placement.casualty_story)
    words: frozenset = frozenset()  # the words half its titles share and the nouns of its own event's type, lower case ("since the strike began", "since the siege began": its own)
    recalled: dict = field(default_factory=dict)  # (type, year) -> the one named event of that type and year its documents name
    incidents: tuple = ()  # (event id, incidents.Incident) of its documents that report an incident of their own
    core: frozenset = frozenset()  # the names half its other documents' titles and leads give (incidents.core_words)
    story: str = ""  # its key (documents.story)


def _story_facts(members: dict[str, list[str]], leads: dict[str, Lead], title_of: dict[str, Optional[str]],
                 published: dict[str, Optional[str]], named: dict[str, _Ev], event_of_story: dict[str, str],
                 story_events: Optional[dict[str, _Ev]] = None) -> dict[str, _StoryFacts]:
    out = {}
    for k, ids in members.items():
        heads = [(title_of[i] or "") + "\n" + leads[i].opening[: leads[i].lead_end] for i in ids]
        own = named.get(event_of_story[k]) or (story_events or {}).get(event_of_story[k])
        kind = _type_of(own) if own else None  # "since the siege began" in a story of that attack: its own,
        uses = Counter(w for head in heads for w in set(re.findall(r"[a-z]+", head.lower()))  # when the titles or
                       if kind and EVENT_NOUNS.get(w) == kind)  # leads of two of its documents call it so
        nouns = frozenset(w for w, n in uses.items() if n >= min(2, len(ids)))  # (not "since the shelling began")
        incidents = [any(EVENT_NOUNS[head[q:e].lower()] for q, e in noun_spans(head)) for head in heads]
        incident = any(incidents)
        days = sorted(cast(str, published[i])[:10] for i in ids if published.get(i))
        first = date.fromisoformat(days[0]) if days else None
        ev = named.get(event_of_story[k])
        year = (max(ev.year_votes.items(), key=lambda kv: (kv[1], -kv[0]))[0] if ev and ev.year_votes
                else first.year if first else None)
        dated = [(cast(str, published[i])[:10], j) for j, i in enumerate(ids) if published.get(i)]
        out[k] = _StoryFacts(year, first, story_families(heads, incident), place_words(heads),
                             casualty_story(heads, incidents, min(dated)[1] if dated else None),
                             title_words([title_of[i] or "" for i in ids]) | nouns, story=k)
    story_of = {i: k for k, ids in members.items() for i in ids}
    named_in: dict[str, dict[tuple[str, int], set]] = defaultdict(lambda: defaultdict(set))
    for eid, ev in named.items():  # the dated named events each story's documents name
        if ev.year_votes and (kind := _type_of(ev)):
            year = max(ev.year_votes.items(), key=lambda kv: (kv[1], -kv[0]))[0]
            for d in ev.docs:
                if d in story_of:
                    named_in[story_of[d]][(kind, year)].add(eid)
    for k, found in named_in.items():
        out[k].recalled = {ty: next(iter(eids)) for ty, eids in found.items() if len(eids) == 1}
    return out


def _incident_events(members: dict[str, list[str]], leads: dict[str, Lead], title_of: dict[str, Optional[str]],
                     facts: dict[str, _StoryFacts], named: dict[str, _Ev]) -> set[str]:
    """The events of the documents that report an incident of their own (incidents.py):
    added to `named`, each story's listed in its facts with the story's core words."""
    heads = {d: leads[d].opening[: leads[d].lead_end or len(leads[d].opening)] for ids in members.values() for d in ids}
    found = find_incidents(members, title_of, heads)
    out = set()
    for k, ids in members.items():
        mine = [found[d] for d in ids if d in found]
        if not mine:
            continue
        listed = []
        one = DisjointSets[str]()  # reports of one incident (a place in common): one event
        for a in mine:
            for b in mine:
                if a.places & b.places:
                    one.union(a.doc_id, b.doc_id)
        for inc in mine:
            eid = make_id("event", "incident", one.root(inc.doc_id))
            ev = named.get(eid) or named.setdefault(eid, _Ev(eid, inc.place))
            ev.place = ev.place or inc.place
            ev.docs.add(inc.doc_id)
            head = heads[inc.doc_id][: inc.after]
            kinds = [EVENT_NOUNS[head[q:e].lower()] for q, e in noun_spans(head) if not homograph(head, q, e)]
            for t in [t for t in kinds if t] or set(verb_types(head)):  # (no noun: its verbs, "Car bomb kills four")
                ev.type_votes[cast(str, t)] += 1
            listed.append((eid, inc))
            out.add(eid)
        facts[k].incidents = tuple(listed)
        facts[k].core = story_core(ids, title_of, heads, found)
    return out


def _typed(ev: _Ev) -> bool:
    return any(t for t in ev.type_votes)


def _year_of(ev: _Ev, published: dict[str, Optional[str]]) -> Optional[int]:
    """The year an event happened: the year its mentions give, else its first report's."""
    if ev.year_votes:
        return max(ev.year_votes.items(), key=lambda kv: (kv[1], -kv[0]))[0]
    years = [cast(str, published[i])[:4] for i in ev.docs if published.get(i)]
    return int(min(years)) if years else None


def _type_of(ev: _Ev) -> Optional[str]:
    types = [(n, t) for t, n in ev.type_votes.items() if t]
    return max(types)[1] if types else None


def _named_id(key: str, year: Optional[int] = None) -> str:
    return make_id("event", "named", key, year or "")


def _event_row(eid: str, ev: _Ev) -> dict[str, Any]:
    types = [(n, t) for t, n in ev.type_votes.items() if t]
    etype = max(types)[1] if types else None
    if ev.story_event and etype and TYPE_SHARE * len(ev.docs) > ev.type_docs[etype]:
        etype = None
    if ev.story_event and etype is None and ev.verb_docs:  # no event noun types it: its titles' and leads' verbs
        verb, n = max(ev.verb_docs.items(), key=lambda kv: (kv[1], kv[0]))  # do, when a third of its documents agree
        etype = verb if TYPE_SHARE * len(ev.docs) <= n else None
    day, precision, when, evidence = None, None, None, None
    if not ev.story_event:
        if ev.date_votes:
            (y, mo, d, end), n = max(ev.date_votes.items(), key=lambda kv: (kv[1], kv[0][:3]))
            when = date(y, mo, d)
            if end:  # "Feb. 25-26, 1992": an interval
                day, precision = f"{when.isoformat()}/{date(y, end[0], end[1]).isoformat()}", "range"
            else:
                day, precision = when.isoformat(), "day"
            evidence = f"the date given with its name, in {n} sentence(s)"
        elif ev.year_votes:
            y, n = max(ev.year_votes.items(), key=lambda kv: (kv[1], -kv[0]))
            when = date(y, 12, 31)
            day, precision = str(y), "year"
            evidence = f"the year given with its name, in {n} sentence(s)"
    if day is None and ev.first_published and ev.first_is_range:
        day, precision = f"{ev.first_published[:10]}/..", "range"
        evidence = f"its first report is only dated on or after {ev.first_published[:10]}"
    elif day is None and ev.first_published and ev.first_by:
        day, precision = f"../{ev.first_by[:10]}", "range"
        evidence = f"on or before its first report (dated between {ev.first_published[:10]} and {ev.first_by[:10]})"
    elif day is None and ev.first_published:
        day, precision = f"../{ev.first_published[:10]}", "range"
        evidence = f"on or before its first report ({ev.first_published[:10]})"
    historic = bool(when and ev.first_published and (date.fromisoformat(ev.first_published[:10]) - when).days > HISTORIC_DAYS)
    label = ev.label if ev.story_event and not ev.named_label else f"{ev.named_label or ev.label} {etype or 'event'}"
    ranked = [a for a, _ in sorted(ev.actor_votes.items(), key=lambda kv: (-kv[1], kv[0]))]
    # a bare adjective ("the Armenian attack") adds nothing beside "Armenian forces"
    named_actors = [a for a in ranked if " " in a or not any(b.startswith(a + " ") for b in ranked)][:MAX_ACTORS]
    return Event(id=eid, label=label, type=etype, date=day, date_precision=precision,
                 place=ev.place,
                 actors=json.dumps(named_actors, ensure_ascii=False), historic=historic, date_evidence=evidence,
                 n_docs=len(ev.docs), aliases=json.dumps(sorted(ev.aliases))).row()
