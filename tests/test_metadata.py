"""Metadata field mapping and date normalisation."""

from __future__ import annotations

import pytest

from storytrace.ingest.metadata import iso_date, outlet_from_url, record_metadata


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2018-02-26", "2018-02-26"),
        ("2018-02-06T05:13:15", "2018-02-06T05:13:15"),
        ("2020-10-28 12:00:00", "2020-10-28T12:00:00"),
        ("2017-12-30T00:00:00", "2017-12-30"),  # a crawler's bare date, not a midnight
        ("2025-03-13T09:30:00+0100", "2025-03-13T09:30:00+01:00"),
        ("2025-03-13T09:30:00Z", "2025-03-13T09:30:00+00:00"),
        ("2025-03-13T00:00:00+01:00", "2025-03-13T00:00:00+01:00"),  # a zone makes it a real time
        ("Mon, 26 Feb 2018 10:00:00 GMT", "2018-02-26T10:00:00+00:00"),
        ("not a date", None),
        ("2018-02-30", None),
        ("", None),
        (None, None),
        (1519639200, None),
    ],
)
def test_iso_date(value, expected):
    assert iso_date(value) == expected


def test_news_please_record():
    meta = record_metadata(
        {"id": "a1", "maintext": "x", "title": " Title ", "date_publish": "2018-02-06 05:13:15",
         "url": "https://www.example.org/a", "source_domain": "www.example.org", "language": "en"}
    )
    assert meta["title"] == "Title"
    assert meta["outlet"] == "example.org"
    assert meta["record_id"] == "a1"
    assert meta["published"] == "2018-02-06T05:13:15"
    assert meta["published_how"] == "metadata"
    assert meta["published_evidence"] == "date_publish: 2018-02-06 05:13:15"


def test_trafilatura_and_media_cloud_records():
    t = record_metadata({"text": "x", "date": "2021-05-04", "hostname": "news.example.net"})
    assert (t["outlet"], t["published"], t["published_evidence"]) == ("news.example.net", "2021-05-04", "date: 2021-05-04")
    m = record_metadata({"stories_id": 99, "text": "x", "publish_date": "2020-10-28 12:00:00",
                         "media_name": "The Daily Example", "url": "https://daily.example/x"})
    assert (m["outlet"], m["record_id"], m["published"]) == ("The Daily Example", "99", "2020-10-28T12:00:00")


def test_unreadable_date_is_noted_not_dropped():
    meta = record_metadata({"text": "x", "date_publish": "sometime last week"})
    assert "published" not in meta
    assert "unreadable date_publish" in meta["metadata_note"]


def test_outlet_from_url():
    assert outlet_from_url("https://www.dw.example/en/a-1") == "dw.example"
    assert outlet_from_url("not a url") is None
    assert outlet_from_url(None) is None
