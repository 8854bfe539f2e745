"""The copy trail: fingerprints, the candidate index, alignment, kinds, direction, lineages."""

from __future__ import annotations

import json
import random
import sqlite3

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, need_shared
from storytrace.stages import fingerprint, reuse
from storytrace.model import Reuse

WORDS = ("harbour council ferry inspector river pilot signal engine cargo bridge lantern quay crew "
         "storm tide ledger window market orchard valley station tunnel meadow winter summer "
         "garden teacher doctor farmer baker island mountain village county circuit letter").split()


def filler(seed: int, n: int) -> str:
    """n words of sentences nobody else writes (a different seed gives different text)."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        w = rnd.choice(WORDS) + str(rnd.randrange(1000))
        out.append(w.capitalize() if i % 12 == 0 else w)
        if i % 12 == 11:
            out[-1] += "."
    return " ".join(out) + "."


PASSAGE = ("The regional fire service said on Wednesday that 19 people had died and 116 women were among "
           "the passengers rescued from the burning hull before it sank near the old quay.")
PASSAGE_EDITED = PASSAGE.replace("116", "106").replace("burning", "blazing")


# ----------------------------------------------------------------- fingerprints


def test_numbers_change_fingerprints():
    a = fingerprint.ngram_hashes(fingerprint.token_hashes(fingerprint.words("the attack killed 116 women")))
    b = fingerprint.ngram_hashes(fingerprint.token_hashes(fingerprint.words("the attack killed 106 women")))
    assert len(a) == len(b) == 1 and a[0] != b[0]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 10_000), st.integers(8, 30))
def test_winnowing_guarantee_any_shared_run_of_eight_words(s1, s2, run):
    """Any run of W + N - 1 = 8 shared words gives a shared fingerprint, wherever it sits."""
    shared = filler(s1 + 77_777, run).rstrip(".")
    a = f"{filler(s1, 23)} {shared} {filler(s1 + 1, 17)}"
    b = f"{filler(s2 + 50_000, 5)} {shared} {filler(s2 + 50_001, 31)}"
    assert set(fingerprint.fingerprints(a)) & set(fingerprint.fingerprints(b))


def test_heavily_reprinted_passage_gives_linear_candidate_pairs():
    """A passage in 300 documents is still found, through ~CHAIN links per document, not 45,000 pairs."""
    index = fingerprint.Index()
    for n in range(300):
        index.add(n, fingerprint.fingerprints(f"{filler(n, 40)} {PASSAGE} {filler(n + 1000, 40)}"))
    pairs = index.candidates()
    assert len(pairs) <= 300 * fingerprint.CHAIN
    # every document is joined to the others (one connected lineage)
    parent = list(range(300))

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b, _ in pairs:
        parent[root(int(b))] = root(int(a))
    assert len({root(x) for x in range(300)}) == 1


def test_small_posting_lists_give_every_pair():
    index = fingerprint.Index()
    for n in range(5):
        index.add(n, fingerprint.fingerprints(f"{filler(n, 30)} {PASSAGE}"))
    pairs = {(int(a), int(b)) for a, b, _ in index.candidates()}
    assert pairs == {(a, b) for a in range(5) for b in range(a + 1, 5)}


# ----------------------------------------------------------------- alignment


def test_a_copied_passage_is_found_with_exact_spans_and_its_number_edit():
    a = f"{filler(1, 60)}\n\n{PASSAGE}\n\n{filler(2, 40)}"
    b = f"{filler(3, 20)}\n\n{PASSAGE_EDITED}\n\n{filler(4, 80)}"
    (p,) = reuse.align(a, b)
    assert a[p.a_start : p.a_end] == PASSAGE.rstrip(".")
    assert b[p.b_start : p.b_end] == PASSAGE_EDITED.rstrip(".")
    edits = reuse.finish_edits(p.edits, a, b)
    assert {"from": "116", "to": "106"}.items() <= next(e for e in edits if e["from"] == "116").items()
    assert next(e for e in edits if e["from"] == "116")["number"] is True
    assert any(e["from"] == "burning" and e["to"] == "blazing" for e in edits)
    e = next(e for e in edits if e["from"] == "116")
    assert a[e["source_start"] : e["source_end"]] == "116" and b[e["target_start"] : e["target_end"]] == "106"


def test_an_inserted_clause_stays_inside_one_passage():
    inserted = PASSAGE.replace("had died", "had died, many of them trapped below deck,")
    a = f"{filler(5, 30)} {PASSAGE} {filler(6, 30)}"
    b = f"{filler(7, 30)} {inserted} {filler(8, 30)}"
    (p,) = reuse.align(a, b)
    edits = reuse.finish_edits(p.edits, a, b)
    assert any(e["from"] == "" and "trapped below deck" in e["to"] for e in edits)


def test_reordered_paragraphs_are_separate_passages():
    s1 = "Divers recovered four more bodies from the hull of the ferry on Thursday morning as relatives waited on the quay for news of the missing."
    s2 = "The ministry of transport grounded every vessel of the company pending inspections of fire equipment and lifejackets on board the fleet."
    a = f"{filler(9, 30)}\n\n{s1}\n\n{filler(10, 30)}\n\n{s2}\n\n{filler(11, 30)}"
    b = f"{filler(12, 30)}\n\n{s2}\n\n{filler(13, 30)}\n\n{s1}\n\n{filler(14, 30)}"
    found = reuse.align(a, b)
    assert sorted(a[p.a_start : p.a_end] for p in found) == sorted([s1.rstrip("."), s2.rstrip(".")])


def test_a_stock_formula_of_a_dozen_words_is_not_a_passage():
    formula = "Our thoughts and prayers are with the families of the victims at this difficult time."  # 15 words
    a = f"{filler(15, 50)} {formula} {filler(16, 50)}"
    b = f"{filler(17, 50)} {formula} {filler(18, 50)}"
    assert reuse.align(a, b) == []


def test_unrelated_texts_and_empty_texts_share_nothing():
    assert reuse.align(filler(19, 300), filler(20, 300)) == []
    assert reuse.align("", PASSAGE) == []
    assert reuse.align("", "") == []


def test_wire_hints():
    assert reuse.wire_hints("RAMALLAH, West Bank (AP) - An Israeli court ...") == ["AP"]
    assert reuse.wire_hints("text", "http://www.dailymail.co.uk/wires/afp/article-1.html") == ["AFP"]
    assert reuse.wire_hints("Ankara, February 23, AZERTAC\n\nAn international conference") == ["AZERTAC"]
    assert reuse.wire_hints("Nothing to see here.") == []


# ----------------------------------------------------------------- direction, kinds, lineages


def _docs(texts_dates_outlets):
    docs, texts = [], {}
    for n, (text, published, outlet) in enumerate(texts_dates_outlets):
        docs.append(reuse.DocInfo(id=f"d{n}", rowid=n, published=published, outlet=outlet, source=f"{n:02d}.txt"))
        texts[n] = text
    return docs, texts


def test_links_point_from_the_earlier_document_and_edits_follow():
    later = f"{filler(21, 40)} {PASSAGE_EDITED} {filler(22, 40)}"
    earlier = f"{filler(23, 40)} {PASSAGE} {filler(24, 40)}"
    docs, texts = _docs([(later, "2020-05-02", "B"), (earlier, "2020-05-01", "A")])
    (r,) = reuse.find_reuse(docs, texts.__getitem__)
    assert (r.source_doc, r.target_doc, r.direction, r.kind) == ("d1", "d0", "dates", "passage")
    assert earlier[r.source_start : r.source_end] == PASSAGE.rstrip(".")
    assert any(e["from"] == "116" and e["to"] == "106" for e in json.loads(r.edits))


def test_undated_and_same_day_links_say_the_order_is_not_known():
    a = f"{filler(25, 40)} {PASSAGE} {filler(26, 40)}"
    b = f"{filler(27, 40)} {PASSAGE} {filler(28, 40)}"
    c = f"{filler(29, 40)} {PASSAGE} {filler(30, 40)}"
    docs, texts = _docs([(a, "2020-05-01", "A"), (b, "2020-05-01", "B"), (c, None, "C")])
    links = reuse.find_reuse(docs, texts.__getitem__)
    by_pair = {(r.source_doc, r.target_doc): r.direction for r in links}
    assert by_pair[("d0", "d1")] == "same_day"
    assert by_pair[("d0", "d2")] == "undated" and by_pair[("d1", "d2")] == "undated"
    assert len({r.lineage for r in links}) == 1


def test_identical_texts_are_one_duplicate_link_to_the_earliest():
    text = f"{filler(31, 120)}"
    docs, texts = _docs([(text, "2021-01-03", "A"), (text, "2021-01-01", "B"), (text, "2021-01-02", "C")])
    links = reuse.find_reuse(docs, texts.__getitem__)
    assert sorted((r.source_doc, r.target_doc, r.kind) for r in links) == [
        ("d1", "d0", "duplicate"), ("d1", "d2", "duplicate")]


def test_a_shared_footer_is_boilerplate_not_a_copy():
    footer = ("Copyright 2021 Harbour Press. All rights reserved. This material may not be published, "
              "broadcast, rewritten or redistributed without the written permission of the editors.")
    docs, texts = _docs([(f"{filler(32, 200)}\n\n{footer}", "2021-01-01", "X"),
                         (f"{filler(33, 200)}\n\n{footer}", "2021-01-02", "Y")])
    (r,) = reuse.find_reuse(docs, texts.__getitem__)
    assert r.kind == "boilerplate" and r.lineage is None


def test_orient_swaps_spans_and_edits_when_dates_say_so():
    r = Reuse(id="x", source_doc="a", target_doc="b", source_start=0, source_end=10, target_start=5, target_end=15,
              edits=json.dumps([{"from": "116", "to": "106", "source_start": 3, "source_end": 6, "target_start": 8, "target_end": 11}]))
    info = {"a": reuse.DocInfo("a", 1, "2020-01-02"), "b": reuse.DocInfo("b", 2, "2020-01-01")}
    reuse.orient([r], info)
    assert (r.source_doc, r.source_start, r.target_start, r.direction) == ("b", 5, 0, "dates")
    assert json.loads(r.edits)[0] == {"from": "106", "to": "116", "source_start": 8, "source_end": 11, "target_start": 3, "target_end": 6}


def test_a_date_range_can_still_order_a_link():
    """Seed 004 is only 'a Wednesday after 2020-10-14', which is still after 2018."""
    info = {"a": reuse.DocInfo("a", 1, None, low="2020-10-14"), "b": reuse.DocInfo("b", 2, "2018-02-26")}
    assert reuse.copy_order(info["a"], info["b"]) == (True, "dates")


# ----------------------------------------------------------------- the stage in a build


def _links(ledger):
    conn = sqlite3.connect(ledger)
    conn.row_factory = sqlite3.Row
    return conn.execute(
        "select r.*, s.source as s_source, t.source as t_source, s.text as s_text, t.text as t_text "
        "from reuse r join documents s on s.id = r.source_doc join documents t on t.id = r.target_doc"
    ).fetchall()


def test_example_copies_duplicates_and_edits(example_ledger, expected):
    links = _links(example_ledger)
    for copy in expected["copies"]:
        row = next(r for r in links if r["s_source"].endswith(copy["from"]) and r["t_source"].endswith(copy["to"]))
        assert row["kind"] == "passage" and row["direction"] in ("dates", "same_day")
        target = row["t_text"][row["target_start"] : row["target_end"]]
        assert target in copy["passage"] and len(target) > 0.9 * len(copy["passage"])
        edits = [(e["from"], e["to"]) for e in json.loads(row["edits"])]
        for e in copy["edits"]:
            assert (e["from"], e["to"].rstrip(",")) in [(f, t.rstrip(",")) for f, t in edits], (e, edits)
    for a, b in expected["duplicates"]:
        assert any(r["kind"] == "duplicate" and {r["s_source"].rsplit("/", 1)[-1], r["t_source"].rsplit("/", 1)[-1]} == {a, b}
                   for r in links)
    lineages = {r["lineage"] for r in links if r["kind"] == "passage"}
    assert len(lineages) == 1


def test_example_yearless_dateline_is_dated_through_its_copies(example_ledger):
    conn = sqlite3.connect(example_ledger)
    published, evidence, precision = conn.execute(
        "select published, published_evidence, published_precision from documents where source like '%03_lakeside%'").fetchone()
    assert (published, precision) == ("2025-03-12", "day")
    assert evidence.startswith("PORT VELLIN, March 12") and "shared passage" in evidence


def test_seed_copies(tmp_path):
    need_shared("corpora", "seeds")
    from storytrace.engines import local as pipeline

    ledger = tmp_path / "seeds.db"
    pipeline.build(ledger, [str(SEEDS)], workers=1)
    links = [r for r in _links(ledger) if r["kind"] == "passage"]
    pairs = {frozenset((r["s_source"].rsplit("/", 1)[-1][:3], r["t_source"].rsplit("/", 1)[-1][:3])) for r in links}
    for pair in ("000-003", "000-001", "000-004", "001-003", "003-004"):
        assert frozenset(pair.split("-")) in pairs, pair
    assert not any("002" in p and p & {"000", "003", "004"} for p in pairs)
    # the 116 -> 106 edit, in the 000 -> 001 link that holds the sentence, oriented by the dates
    row = next(r for r in links if r["s_source"].rsplit("/", 1)[-1][:3] == "000" and r["t_source"].rsplit("/", 1)[-1][:3] == "001")
    edit = next(e for e in json.loads(row["edits"]) if e["from"] == "116")
    assert edit["to"] == "106" and edit["number"] is True
    assert row["s_text"][edit["source_start"] : edit["source_end"]] == "116"
    assert row["t_text"][edit["target_start"] : edit["target_end"]] == "106"
    # every link is oriented by dates: 003 (2017) first, 004 (after 2020-10-14) after 000 (2018)
    assert all(r["direction"] == "dates" for r in links)
    assert np.all([r["s_text"][r["source_start"] : r["source_end"]] for r in links])
