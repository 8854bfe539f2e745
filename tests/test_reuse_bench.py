"""The reuse benchmark's generator (bench/reuse_corpus.py) plants what its truth says.

At 200 hosts: deterministic for a seed, every truth span points at the planted text
in the generated records, ingest keeps the texts unchanged, hosts share no run of 8
words except what is planted, and the scorer gives 1.0 when fed the truth itself.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from conftest import REPO, need_shared

sys.path.insert(0, str(REPO / "bench"))

N = 200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    need_shared("corpora", "news_cluster_dev.jsonl")
    import reuse_corpus

    out = tmp_path_factory.mktemp("reuse_corpus")
    summary = reuse_corpus.generate(N, out / "a", seed=7)
    return reuse_corpus, out, summary


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _records(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_deterministic(corpus):
    reuse_corpus, out, summary = corpus
    reuse_corpus.generate(N, out / "b", seed=7)
    for name in ("docs.jsonl", "truth.jsonl"):
        assert _digest(out / "a" / name) == _digest(out / "b" / name)
    assert summary["truth"]["passage"] > 0 and summary["truth"]["heavy"] > 0
    assert summary["truth"]["duplicate"] > 0 and summary["truth"]["boilerplate"] > 0


def test_truth_spans_point_at_planted_text(corpus):
    _, out, _ = corpus
    docs = _records(out / "a" / "docs.jsonl")
    truth = [json.loads(line) for line in (out / "a" / "truth.jsonl").read_text().splitlines()]
    for t in truth:
        src, tgt = docs[t["source_id"]], docs[t["target_id"]]
        assert src["date_publish"] < tgt["date_publish"]
        if t["kind"] == "duplicate":
            assert src["text"] == tgt["text"] and src["url"] != tgt["url"]
            continue
        assert src["text"][t["source_start"] : t["source_end"]] == t["source_text"]
        assert tgt["text"][t["target_start"] : t["target_end"]] == t["target_text"]
        if t["kind"] == "passage" and not t["edits"]:
            assert t["source_text"] == t["target_text"]
        for e in t["edits"]:
            if e["op"] == "number":
                assert e["to"] in t["target_text"] and e["from"] in t["source_text"] and e["from"] != e["to"]


def test_ingest_keeps_texts(corpus, tmp_path):
    from storytrace.ingest.clean import clean_text

    _, out, _ = corpus
    for r in _records(out / "a" / "docs.jsonl").values():
        assert clean_text(r["text"]).text == r["text"]


def test_hosts_share_no_run_of_8_words(corpus):
    reuse_corpus, _, _ = corpus
    c = reuse_corpus.Corpus(N, seed=7)
    shared = reuse_corpus.shared_ngrams(reuse_corpus.host_texts(c), sizes=(8,))
    assert shared[8]["shared_ngrams"] == 0, shared


def test_scorer_gives_one_on_the_truth(corpus, tmp_path):
    import reuse_scale

    from storytrace.engines.local import build

    _, out, _ = corpus
    ledger = tmp_path / "l.db"
    rep = build(ledger, [str(out / "a" / "docs.jsonl")], analysers=(), cross_stages=(), workers=1)
    assert not rep.rejects
    num, ids, rids, published = reuse_scale.load_docs(ledger)
    truth, problems = reuse_scale.load_truth(out / "a", ledger, num, ids, rids)
    assert not problems
    s = reuse_scale.score(truth, reuse_scale.truth_rows(truth), published, rids, ids)
    assert s["precision"] == s["recall"] == s["direction_accuracy"] == s["edit_recall"] == 1.0
