"""Which input and output names are Spark URIs (no pyspark needed to tell)."""

from __future__ import annotations


def is_uri(name: str) -> bool:
    """A path for Spark's readers (hdfs://, s3a://, file://, ...) rather than a local name."""
    head, sep, _ = name.partition("://")
    return bool(sep) and head.replace("+", "").replace("-", "").replace(".", "").isalnum()
