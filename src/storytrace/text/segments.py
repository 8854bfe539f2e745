"""Segments: which lines of an article are its reporting and which are page furniture.

One job: label every line (paragraph) of a normalised text with the kind of text it is,
so that a number in a photo caption, a "Read more" teaser of another story or a
gallery counter is never read as the article's reporting. Pure and fast: regexes over
lines, no model. Works the same on plain text, news-please `text`/`maintext` and the
text trafilatura extracts from HTML (where captions and teasers survive as lines).

Kinds:

| kind | what | examples of what marks it |
|---|---|---|
| `body` | the article's own reporting | everything not below |
| `headline` | the article's own headline, as the first line of a plain text | a short first line without a full stop, followed by more text |
| `subhead` | a heading line inside the text (the article's, or another story's) | a short title-case line without a full stop |
| `caption` | a photo or video caption | "Image caption", "toggle caption", "Hide Caption 3 of 8", "Photograph: …", a trailing photo credit "(Name/AFP)", "Name/Getty Images", a gallery counter "3/12 …" |
| `credit` | a credit or source line | a short line naming only agencies or a photographer ("Reuters", "jm/dm (AFP, dpa)") |
| `sidebar` | teasers and links to other stories, lists under "Most read"/"Related" | "Read more: …", "… Read more", "More: …", "[ … ]", "JUST WATCHED … MUST WATCH", "Scroll down for video" |
| `embed` | a social-media post embedded in the page | "— Name (@handle) Month D, YYYY", "A post shared by …", pic.twitter.com |

Only `body` lines and the document's own `headline` make figure rows (figures.py); a
headline's figure is placed less surely than the body's (placement.py: it joins a row
only beside another document's figure), `subhead` numbers are kept as claims but not
placed (a heading inside the text may be another story's).
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple, Optional, Sequence

BODY = "body"
FURNITURE = frozenset({"caption", "credit", "sidebar", "embed"})
#: Kinds whose numbers never make a figure row.
NOT_REPORTING = FURNITURE | {"headline", "subhead"}


class Segment(NamedTuple):
    start: int
    end: int
    kind: str
    why: str = ""


_AGENCY = (r"(?:Getty(?:\s+Images)?|AFP|AP|Reuters|EPA|Shutterstock|Alamy|dpa|Landov|Xinhua|Anadolu|"
           r"Associated\s+Press|Agence\s+France-Presse|PA(?:\s+Images)?|NurPhoto|Sipa|Corbis|Rex(?:\s+Features)?|"
           r"iStock(?:photo)?|Bloomberg|AAP|ANSA|TASS|Sputnik|KCNA|Yonhap|IRNA|WENN|Splash\s+News|Pool)")
_CAPTION_START = re.compile(
    r"^(?:Image\s+copyright\b|Image\s+caption\b|Enlarge\s+this\s+image\b|toggle\s+caption\b|Photos?\s*:|"
    r"Pictured\s*:|Picture\s*:|Caption\s*:|Gallery\s*:|Slideshow\s*:|File\s+photo\b|GETTY\b|Getty\s*[-–—]|"
    r"(?:Image|Photo|Picture|Slide)\s+\d{1,3}\s+of\s+\d{1,3}\b|\d{1,3}\s*/\s*\d{1,3}\s+\S)", re.IGNORECASE)
_CAPTION_ANY = re.compile(r"\b(?:Hide\s+Caption\s+\d+\s+of\s+\d+|Image\s+caption|toggle\s+caption|Expand\s+image)\b",
                          re.IGNORECASE)
_CAPTION_END = re.compile(
    r"(?:\(\s*(?:(?:AP\s+)?Photo|Image|Picture|Credit|File(?:\s+photo)?|Illustration|Video)\s*[:/]?[^()]{0,80}\)"
    r"|\([^()]{2,60}/\s*[^()]{2,60}\)"  # (Rick Loomis / Los Angeles Times), (KCNS via KNS/AFP/Getty Images)
    rf"|\([^()]{{0,60}}\b{_AGENCY}\s*\)"
    r"|(?:Photograph|Photo|Picture|Image|Credit|Illustration|Photo\s+credit)s?\s*:\s*[^.!?]{0,80}"
    rf"|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,3}}\s*/\s*{_AGENCY}(?:\s*/\s*[\w ]{{1,30}})?)\s*$")
_SIDEBAR_START = re.compile(
    r"^(?:Read\s+more\b|Read\s+next\b|More\s*:|Related\b|Most\s+(?:read|popular|viewed|shared)\b|Also\s+(?:read|see)\b|"
    r"See\s+also\b|Recommended\b|You\s+(?:may|might)\s+also\s+like\b|More\s+from\b|More\s+on\s+this\b|Trending\b|"
    r"Latest\s+(?:news|stories)\b|Top\s+stories\b|Watch\s*:|Listen\s*:|Sign\s+up\b|Subscribe\b|Read\s+or\s+Share\b|"
    r"If\s+you\s+like\s+this\s+story\b|Join\s+the\s+conversation\b|Scroll\s+down\s+for\b|JUST\s+WATCHED\b|"
    r"MUST\s+WATCH\b|Editor'?s\s+picks?\b|In\s+pictures\s*:|Live\s*:|Breaking\s*:|\[.{3,200}\]\s*$|•)", re.IGNORECASE)
_SIDEBAR_END = re.compile(r"(?:\bRead\s+more|Replay\s+More\s+Videos.*|\(VIDEOS?\)|\(PHOTOS?\))\s*$", re.IGNORECASE)
_LIST_HEAD = re.compile(
    r"^(?:Read\s+more|Related(?:\s+(?:stories|articles|coverage|content|news|links))?|Most\s+(?:read|popular|viewed|shared)|"
    r"More\s+(?:stories|from\s+[\w ]+|on\s+this(?:\s+story)?)|Recommended(?:\s+for\s+you)?|You\s+(?:may|might)\s+also\s+like|"
    r"Top\s+stories|Latest(?:\s+news)?|Trending(?:\s+now)?|Editor'?s\s+picks?|See\s+also|Also\s+read)\s*:?\s*$", re.IGNORECASE)
_EMBED = re.compile(
    r"(?:[—–-]\s*[^()\n]{1,60}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$|pic\.twitter\.com/|^A\s+post\s+shared\s+by\b|"
    r"https?://t\.co/)", re.IGNORECASE)
_VIDEO = re.compile(r"^\((?:SOUNDBITE|VIDEO|AUDIO|BEGIN\s+VIDEO|END\s+VIDEO)\b|\bVideo\s+duration\b|^\d{1,2}:\d{2}\s*$", re.IGNORECASE)
_CREDIT = re.compile(
    rf"^(?:(?:{_AGENCY}|Photo|Photos|Video|Image|Images|Getty\s+Images\s+Contributor|Contributor)[\s,/&.-]*)+$"
    r"|^[a-z]{1,4}(?:/[a-z]{1,4})+\s*\([^()]{1,40}\)\s*$"  # jm/dm (AFP, dpa)
    r"|^(?:Photo|Image|Picture|Video)\s+(?:by|credit|courtesy)\b.{0,60}$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*\s*$""")
_SMALL = frozenset("a an the of in on at to for and or but by with from as vs via is are was were be it its".split())
HEADING_WORDS = 14
LIST_ITEM_WORDS = 18


#: The last texts whose segments are kept: the engines analyse this many documents together
#: (engines.local.CHUNK), and their prepare and analysers read each one's in turn; no more, so
#: that a worker never holds more texts than its chunk.
CACHED_TEXTS = 16


def segments(text: str) -> tuple[Segment, ...]:
    """One segment per non-empty line, in text order (pure). The last texts' segments are
    kept: ingest, claims and dates read the documents of one chunk in turn."""
    return _segments(text)


@functools.lru_cache(maxsize=CACHED_TEXTS)
def _segments(text: str) -> tuple[Segment, ...]:
    out: list[Segment] = []
    pos = 0
    in_list = False
    first = True
    lines = text.split("\n")
    for i, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            in_list = False
            continue
        lead = len(line) - len(line.lstrip())
        s, e = start + lead, start + len(line.rstrip())
        kind, why = _kind(stripped)
        if kind == "sidebar" and _LIST_HEAD.match(stripped):
            in_list = True
        elif kind == BODY and in_list and _short_unfinished(stripped, LIST_ITEM_WORDS):
            kind, why = "sidebar", "an item of a list of other stories"
        elif kind == BODY:
            in_list = False
        if kind == BODY and _heading(stripped) and i + 1 < len(lines):
            kind, why = ("headline", "the first line, a heading") if first else ("subhead", "a heading line")
        first = False
        out.append(Segment(s, e, kind, why))
    return tuple(out)


def _kind(line: str) -> tuple[str, str]:
    # each pattern runs only where it can match: the words it needs are in the line, and
    # the patterns that end a line read its tail (most lines are long sentences of reporting)
    low = line.lower()
    tail = line[-TAIL:]
    if (("caption" in low or "expand image" in low) and _CAPTION_ANY.search(line)) or _CAPTION_START.match(line):
        return "caption", "a caption marker"
    if ("@" in line or "t.co/" in low or low.startswith("a post shared")) and _EMBED.search(line):
        return "embed", "an embedded post"
    if (line[:1] == "(" or line[:1].isdigit() or "duration" in low) and _VIDEO.search(line):
        return "sidebar", "video page furniture"
    if _SIDEBAR_START.match(line) or _SIDEBAR_END.search(tail):
        return "sidebar", "a link or teaser to other content"
    words = line.split()
    if len(words) <= 8 and _CREDIT.match(line):
        return "credit", "a credit line"
    if len(words) <= 60 and _CAPTION_END.search(tail):
        return "caption", "ends with a photo credit"
    return BODY, ""


TAIL = 320  # the longest line ending the end patterns can match, with room


def _short_unfinished(line: str, words: int) -> bool:
    return len(line.split()) <= words and not _SENTENCE_END.search(line)


def _heading(line: str) -> bool:
    """A short line without a full stop whose words are mostly capitalised."""
    words = line.split()
    if not 2 <= len(words) <= HEADING_WORDS or _SENTENCE_END.search(line) or line.endswith((":", ",", ";")):
        return False
    content = [w for w in words if w.lower().strip("'\"“”‘’") not in _SMALL]
    if not content:
        return False
    caps = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit() or w[:1] in "'\"“‘")
    return caps / len(content) >= 0.6 or len(words) <= 12 and line[:1].isupper() and not _has_verbish(line)


_VERBISH = re.compile(r"\b(?:is|are|was|were|has|have|had|said|says|will|would|can|could|did|does)\b", re.IGNORECASE)


def _has_verbish(line: str) -> bool:
    return _VERBISH.search(line) is not None


#: Below this many words of reporting, a page whose furniture outweighs it is no article.
MIN_BODY_WORDS = 150
ARTICLE = "article"


def page_kind(text: str, segs: Optional[Sequence[Segment]] = None) -> str:
    """What a page is: `article`, or, when its reporting is under MIN_BODY_WORDS words and
    its furniture (at least three lines) outweighs it, `gallery` (captions: "Photos: ...
    Hide Caption 3 of 12"), `posts` (embedded posts: a "reactions" page), `video` or
    `links` (teasers and video chrome). Such pages never seed a story or an event."""
    segs = segments(text) if segs is None else segs
    words: dict[str, int] = {}
    lines: dict[str, int] = {}
    for sg in segs:
        kind = "video" if sg.kind == "sidebar" and sg.why == "video page furniture" else sg.kind
        words[kind] = words.get(kind, 0) + len(text[sg.start:sg.end].split())
        lines[kind] = lines.get(kind, 0) + 1
    body = words.get(BODY, 0) + words.get("headline", 0) + words.get("subhead", 0)
    furniture = {k: v for k, v in words.items() if k in FURNITURE or k == "video"}
    if body >= MIN_BODY_WORDS or sum(furniture.values()) <= body or sum(lines.get(k, 0) for k in furniture) < 3:
        return ARTICLE
    top = max(furniture.items(), key=lambda kv: kv[1])[0]
    return {"caption": "gallery", "credit": "gallery", "embed": "posts", "sidebar": "links", "video": "video"}[top]


class SegmentIndex:
    """Which segment holds a position (segments sorted by start)."""

    def __init__(self, segs: Sequence[Segment]):
        self.segs = segs
        self.starts = [s.start for s in segs]

    def at(self, pos: int) -> Segment:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.segs[i].start <= pos <= self.segs[i].end:
            return self.segs[i]
        return Segment(pos, pos, BODY, "")

    def kind(self, pos: int) -> str:
        return self.at(pos).kind
