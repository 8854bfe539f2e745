"""Shared fixtures. Tests that need ../shared skip with a reason in a user's clone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
SEEDS = CORPORA / "seeds"


def need_shared(*parts: str) -> Path:
    """The ../shared path, or skip the test: a user's clone has no ../shared."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (test data kept outside the repository)")
    return path


@pytest.fixture(scope="session")
def example_dir() -> Path:
    from storytrace.demo import corpus_path

    return corpus_path()


@pytest.fixture(scope="session")
def expected() -> dict:
    from storytrace.demo import expected_path

    return json.loads(expected_path().read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_ledger(tmp_path_factory, example_dir) -> Path:
    """The bundled example built once for the session (read-only for tests)."""
    from storytrace.engines import local as pipeline

    path = tmp_path_factory.mktemp("example") / "ferry.db"
    report = pipeline.build(path, [str(example_dir)], workers=1)
    assert not report.rejects, report.rejects
    return path
