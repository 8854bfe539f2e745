"""Article text and metadata from an HTML page (trafilatura for text, htmldate for dates).

One job: HTML bytes in, (plain text, metadata dict) out, or IngestError when the page
holds no article text.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from .clean import IngestError, decode
from .metadata import clean_outlet, iso_date, outlet_from_url

# trafilatura and htmldate log every page they find hard; storytrace reports rejects itself.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

#: The latest publication date a page's metadata may give: a fixed day, not the clock's (a page
#: stamped 30 December read on 7 December keeps its stamp; the same input gives the same ledger
#: on any day).
LATEST_DATE = "2099-12-31"


def extract_html(data: bytes, url: Optional[str] = None) -> tuple[str, dict[str, Any], str]:
    """(article text, metadata, encoding) of an HTML page. Raises IngestError."""
    import htmldate
    import trafilatura

    html, encoding = decode(data)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
        )
    except Exception as e:  # trafilatura raises many kinds on broken markup
        raise IngestError(f"HTML could not be parsed: {type(e).__name__}: {e}") from None
    fields: dict[str, Any] = {}
    if doc is not None:
        fields = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (fields.get("text") or "").strip()
    if not text:
        raise IngestError("not an article: no article text found in the HTML page")
    meta: dict[str, Any] = {
        "title": fields.get("title") or None,
        "url": url or fields.get("url") or None,
        "outlet": clean_outlet(fields.get("sitename") or fields.get("hostname")),
        "language": fields.get("language") or None,
    }
    if not meta["outlet"]:
        meta["outlet"] = outlet_from_url(meta["url"])
    try:
        found = htmldate.find_date(
            html,
            url=url,
            original_date=True,
            extensive_search=False,  # metadata only; dates in the text are the dates stage's job
            outputformat="%Y-%m-%dT%H:%M:%S%z",
            max_date=LATEST_DATE,  # (htmldate's default, today, made a page stamped after the build's day take
        )  # another date from its links: the ledger must not depend on the day it is built)
    except Exception:  # htmldate is best effort
        found = None
    published = iso_date(found)
    if published:
        meta["published"] = published
        meta["published_how"] = "metadata"
        meta["published_evidence"] = "HTML metadata (htmldate)"
    # trafilatura repeats the headline as the text's first line; keep it out of the body.
    title = meta["title"]
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :]
    return text, meta, encoding
