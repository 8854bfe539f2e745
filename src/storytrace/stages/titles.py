"""What a story's titles say: the words half of them share, and its own event's label.

One job: read a story's titles (and, where a title says nothing, its first document's
lede) for the events stage (events.py): the words that tell what the story is about
("since the strike began" counts from the story's own strike when half its titles say
"strike"), and the label of a story event that has no name.
"""

from __future__ import annotations

import re
from collections import Counter

from ..text.timex import find_dates


def title_words(titles: list[str]) -> frozenset[str]:
    """The words (lower case) at least half of a story's titles share: what the story is about."""
    seen = Counter(w for t in titles for w in {x.lower() for x in re.findall(r"\w+", t)})
    return frozenset(w for w, n in seen.items() if 2 * n >= len(titles))


#: Words of a page's date stamp ("Posted 12/19/2005 3:36 PM", "Updated 0947 GMT").
_STAMP = re.compile(r"\b(?:posted|updated|published|first|last|modified|am|pm|a\.m|p\.m|gmt|utc|et|edt|est|pst|pdt|"
                    r"bst|cet|hkt|ist|by|on|at)\b", re.IGNORECASE)


#: A title that opens with a quotation: a voice, not a name for the event.
_QUOTED_TITLE = re.compile(r"\s*['‘\"“]")


def story_label(candidates: list[str]) -> str:
    """A story's own event label: the first of its documents' titles (in publication order,
    then the first document's lede) that says something beyond a date stamp ("Posted
    12 / 19 / 2005 3: 36 PM" names no event) and is not someone's words ("'Far more people
    lived there': residents"), unless every one is."""
    quoted = [t for t in candidates if _QUOTED_TITLE.match(t)]
    for text in [t for t in candidates if t not in quoted] + quoted:
        words = _STAMP.sub(" ", text)
        for d in reversed(find_dates(words)):
            words = words[:d.start] + " " + words[d.end:]
        if len(re.findall(r"[^\W\d_]{3,}", words)) >= 2:
            return text[:120]
    return (candidates[0] if candidates else "")[:120]
