"""`storytrace export LEDGER OUT --claims-jsonld`: figure rows as schema.org Claims."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from storytrace.cli import cli
from storytrace.jsonld import first_appearance

#: What schema.org says of the types and properties used (https://schema.org/Claim and the
#: types it inherits from: Claim < CreativeWork < Thing; NewsArticle < Article < CreativeWork;
#: Event, Place, Person, Organization < Thing): each property and the types it may hold.
SCHEMA = {
    "Claim": {"appearance": {"CreativeWork", "NewsArticle"}, "firstAppearance": {"CreativeWork", "NewsArticle"},
              "author": {"Person", "Organization"}, "about": {"Thing", "Event"}, "name": {"Text"}, "text": {"Text"}},
    "NewsArticle": {"url": {"URL"}, "identifier": {"Text"}, "headline": {"Text"}, "publisher": {"Organization"},
                    "datePublished": {"Date", "DateTime"}, "hasPart": {"CreativeWork"}},
    "CreativeWork": {"text": {"Text"}},
    "Event": {"name": {"Text"}, "startDate": {"Date"}, "endDate": {"Date"}, "location": {"Place"}},
    "Place": {"name": {"Text"}},
    "Person": {"name": {"Text"}},
    "Organization": {"name": {"Text"}},
}


def _check(node: dict, by_id: dict) -> None:
    """Every key of a node is a schema.org property of its type (or a storytrace: term), and
    every object value has a type that property allows (a bare {"@id"} must name a node)."""
    kind = node["@type"]
    assert kind in SCHEMA, kind
    for key, value in node.items():
        if key.startswith("@") or key.startswith("storytrace:"):
            continue
        assert key in SCHEMA[kind], f"{kind} has no property {key!r}"
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict):
                if set(v) == {"@id"}:
                    assert v["@id"] in by_id, f"{key} points at nothing"
                    v = by_id[v["@id"]]
                assert v["@type"] in SCHEMA[kind][key], f"{kind}.{key} cannot hold a {v['@type']}"
                _check(v, by_id)
            else:
                assert isinstance(v, str) and SCHEMA[kind][key] & {"Text", "URL", "Date", "DateTime"}, (kind, key, v)


def test_every_figure_row_is_a_claim_with_its_appearances(tmp_path, example_ledger):
    result = CliRunner().invoke(cli, ["export", str(example_ledger), str(tmp_path / "out"), "--claims-jsonld"])
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "out" / "claims.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"][0] == "https://schema.org"
    claims = doc["@graph"]
    with sqlite3.connect(example_ledger) as conn:
        figures = {fid for (fid,) in conn.execute("select id from figures")}
        text_of = dict(conn.execute("select id, text from documents"))
        stated = {fid: n for fid, n in conn.execute("select figure_id, count(*) from claims where figure_id is not null group by 1")}
    assert {c["@id"].rsplit(":", 1)[1] for c in claims} == {f for f in figures if stated.get(f)}
    assert "reviewRating" not in json.dumps(doc) and "ClaimReview" not in json.dumps(doc)  # provenance, no verdicts
    for claim in claims:
        by_id = {a["@id"]: a for a in claim["appearance"]}
        _check(claim, by_id)
        parts = [p for a in claim["appearance"] for p in (a["hasPart"] if isinstance(a["hasPart"], list) else [a["hasPart"]])]
        assert len(parts) == stated[claim["@id"].rsplit(":", 1)[1]]
        assert len({a["@id"] for a in claim["appearance"]}) == len(claim["appearance"])  # one node per document
        for a in claim["appearance"]:
            doc_id = a["@id"].rsplit(":", 1)[1]
            text = text_of[doc_id]
            for part in a["hasPart"] if isinstance(a["hasPart"], list) else [a["hasPart"]]:
                assert text[part["storytrace:sentenceStart"]:part["storytrace:sentenceEnd"]] == part["text"]
                assert part["storytrace:sentenceStart"] <= part["storytrace:figureStart"] < part["storytrace:figureEnd"] \
                    <= part["storytrace:sentenceEnd"]
    assert any("firstAppearance" in c for c in claims) and any("author" in c for c in claims)


def _c(doc: str, day: str | None, how: str | None = "metadata") -> dict:
    return {"doc_id": doc, "published": day, "published_how": how}


def test_the_first_appearance_is_trusted_and_not_a_copy():
    claims = [_c("late", "2024-03-06"), _c("copy", "2024-03-04"), _c("source", "2024-03-05"), _c("guess", "2024-03-01", "weekday")]
    assert first_appearance(claims, set()) == "copy"
    # the dates show "copy" reprinted "source" (its metadata date is a crawl date): the source came first
    assert first_appearance(claims, {("source", "copy")}) == "source"
    assert first_appearance([_c("guess", "2024-03-01", "weekday"), _c("none", None, None)], set()) is None  # abstain
