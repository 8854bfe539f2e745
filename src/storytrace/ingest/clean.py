"""Turn raw article text into the normalised text the ledger keeps.

One job: bytes or a string in, clean article text out, with the page furniture that
was removed kept aside. Steps: decode (UTF-8, UTF-16 with BOM, or Windows-1252),
normalise (NFC, one kind of newline and space, no invisible characters), remove
boilerplate lines (copyright notices, ads, share buttons, comment forms, paywall
notices), decide whether what is left is an article at all, and detect its language.

Offsets: every later stage points into the text returned by `clean_text`, so
nothing after this module changes the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional


class IngestError(Exception):
    """An input that cannot become a document; the message is the reject reason."""


# --------------------------------------------------------------------------- decode

_BINARY_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


def looks_binary(data: bytes) -> bool:
    """A NUL byte, or many control bytes, in the first 8 KiB: not a text file."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOM: text with NULs
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _BINARY_CONTROL)
    return controls / len(head) > 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to str, returning (text, encoding name). Raises IngestError."""
    if not data.strip():
        raise IngestError("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise IngestError(f"undecodable bytes: invalid UTF-16 at byte {e.start}") from None
    if looks_binary(data):
        raise IngestError("binary file, not text (NUL or control bytes in the first 8 KiB)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        first_bad = e.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise IngestError(
            f"undecodable bytes: neither UTF-8 nor Windows-1252 (first invalid byte at offset {first_bad})"
        ) from None
    return text, "cp1252"


# ------------------------------------------------------------------------ normalise

# Characters that carry no text: zero-width spaces and joiners, soft hyphen, BOM,
# bidi marks, and C0/C1 controls other than newline and tab.
_INVISIBLE = re.compile(
    "[\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a-\u202e"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]"  # lone surrogates: half an emoji cut off
)
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")
_BLANK_RUNS = re.compile("\n{3,}")
#: Combining marks on a digit ("1\u03012", a keycap "3\u20e3"): they would cut one number in two.
_DIGIT_MARKS = re.compile("(?<=\\d)[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe0e\ufe0f\ufe20-\ufe2f]+")


def strip_surrogates(text: str) -> str:
    return _SURROGATES.sub("", text)


_SURROGATES = re.compile("[\ud800-\udfff]")


def normalise(text: str) -> str:
    """NFC, '\\n' newlines, single spaces, no invisible characters, no combining mark on a
    digit, at most one blank line."""
    text = _NEWLINES.sub("\n", strip_surrogates(text))
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _DIGIT_MARKS.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


# ---------------------------------------------------------------------- boilerplate

# Each pattern must match a whole line (case-insensitive). Keep them specific:
# a real sentence that merely mentions "comment" or "copyright" must survive.
_FURNITURE: dict[str, tuple[str, ...]] = {
    "copyright": (
        r"(?:©|\(c\)|copyright\b).{0,250}",
        r".{0,200}\ball rights reserved\b.{0,200}",
        r".{0,80}may not be published, broadcast, rewritten,? or redistributed.{0,80}",
    ),
    "advertisement": (
        r"advertisements?(?:\s*[-–—:]?\s*(?:continue reading(?: the main story| below)?|story continues below|scroll to continue))?\.?",
        r"(?:sponsored|promoted)(?: content| stories| links)?",
        r"continue reading (?:the main story|below)",
    ),
    "related-links": (
        r"(?:read more|read also|also read|see also|more on this|more from \S+|related(?: articles?| stories| coverage| content)?|recommended(?: for you)?|most (?:read|popular|viewed)|trending)\s*(?:[:.\-–—»|]\s*.{0,200}|)",
        r".{3,200}\s(?-i:Read more|READ MORE)\.?",
        r"read or share this story:.{0,200}",
        r"read the original article on .{0,200}",
        r"click here.{0,160}",
        r"we pay for videos too.{0,80}",
    ),
    "share-buttons": (
        r"(?:share|tweet|email|print|pin|whatsapp|facebook|twitter|linkedin|reddit|telegram|copy link)"
        r"(?:\s*(?:this|the)?\s*(?:article|story|page|post))?(?:\s+(?:on|via|to)\s+\w+)?"
        r"(?:\s*[|/•·,]?\s*(?:share|tweet|email|print|pin|whatsapp|facebook|twitter|linkedin|reddit|telegram|copy link))*",
        r"savesave",
        r"scroll down for (?:the )?video",
        r"follow (?:us|\S+) on (?:twitter|facebook|instagram|x|telegram|youtube|linkedin).{0,120}",
    ),
    "media-caption": (
        r"(?:photo|photos|video|image|gallery|watch|listen)s?",
        r"enlarge this image.{0,200}",
        r".{0,40}toggle caption.{0,200}",
        r"media playback is unsupported on your device.{0,200}",
        r"image copyright .{0,200}",
        r"hide caption \d+ of \d+",
        r"(?:caption|credit|photo credit)\s*:.{0,160}",
    ),
    "subscription": (
        r"sign up (?:now |today )?(?:for|to) .{0,80}(?:newsletter|e-?mails?|alerts|updates).{0,120}",
        r"newsletter sign ?up.{0,300}",
        r"(?:subscribe|subscribe now|subscribe today|subscribe to (?:our|the) newsletter|thanks for subscribing!?)\.?",
        r"keep up with this story and more by subscribing now\.?",
        r"(?:already a subscriber\??|subscribe to continue reading\.?|get digital access\.?).{0,80}",
        r".{0,40}(?:zip ?code|postcode) is not in our deliverable area.{0,120}",
        r"re-enter zip ?code.{0,120}",
        r"(?:log|sign) ?in to (?:continue|read|comment).{0,80}",
    ),
    "comment-form": (
        r"(?:leave|post|add|write) a (?:comment|reply)\.?",
        r"comments?\s*(?:\(\d+\))?",
        r"fields? (?:with|marked with|marked) \* (?:are|is) required\.?",
        r"please enter the (?:letters|characters|code) as (?:they are )?shown in the image.{0,40}",
        r"(?:letters|characters) are not case[- ]sensitive\.?",
        r"report a (?:mistake|typo|error) by (?:marking|selecting|highlighting) it.{0,80}",
        r"your email address will not be published.{0,120}",
        r"(?:your )?(?:full )?(?:name|e-?mail(?: address)?|website|comment|message)\s*\*",
        r"(?:post|submit|send|add) (?:a )?(?:comment|reply)|submit",
    ),
    "cookie-notice": (
        r".{0,60}\bwe use cookies\b.{0,300}",
        r"(?:accept|reject|manage) (?:all )?cookies.{0,80}",
        r"cookie (?:policy|settings|preferences).{0,80}",
    ),
    "error-page": (
        r"(?:(?:http\s+)?error\s*)?40[34](?:\s*[-:–|]?\s*(?:page )?(?:not found|forbidden|error)\.?)?",
        r".{0,40}\bpage (?:was )?not found\b.{0,120}",
        r".{0,80}the page you (?:are looking for|requested|were looking for) .{0,120}",
        r"access denied.{0,120}",
        r".{0,60}(?:please )?enable javascript.{0,160}",
        r".{0,40}javascript is (?:disabled|required|not enabled).{0,160}",
        r".{0,60}(?:are you a robot|verify (?:that )?you are (?:a )?human|you have been blocked).{0,160}",
        r".{0,60}this (?:content|video|page|article) is (?:not|no longer) available.{0,160}",
    ),
    "disclaimer": (
        r"disclaimer\s*:.{0,400}",
        r"the views (?:and opinions )?expressed (?:in this article )?are (?:those of the author|solely).{0,300}",
        r"this (?:article|content|page) is (?:for informational purposes only|provided for information only).{0,300}",
    ),
    "separator": (r"[_\-=*~•·]{3,}",),
}

_FURNITURE_RE: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rf"(?:{'|'.join(patterns)})", re.IGNORECASE))
    for kind, patterns in _FURNITURE.items()
]
_MAX_FURNITURE_LINE = 400

#: Kinds of removed lines that, when nothing else is left, say the page is no article.
NON_ARTICLE_KINDS = ("error-page", "subscription", "cookie-notice", "disclaimer", "comment-form")


def furniture_kind(line: str) -> Optional[str]:
    """The kind of page furniture this whole line is, or None if it may be article text."""
    if not line or len(line) > _MAX_FURNITURE_LINE:
        return None
    for kind, rx in _FURNITURE_RE:
        if rx.fullmatch(line):
            return kind
    return None


@dataclass
class Cleaned:
    """Article text with the removed furniture kept beside it."""

    text: str
    boilerplate: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)


def remove_boilerplate(text: str) -> Cleaned:
    """Drop whole lines that are page furniture; `text` must already be normalised."""
    kept: list[str] = []
    removed: list[str] = []
    kinds: Counter = Counter()
    for line in text.split("\n"):
        kind = furniture_kind(line)
        if kind is None:
            kept.append(line)
        else:
            removed.append(line)
            kinds[kind] += 1
    if not removed:
        return Cleaned(text)
    body = _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip()
    return Cleaned(body, removed, kinds)


_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*[,.]?\s+"
    r"(?P<name>[A-Z][\w&'’ .-]{1,60}?)\s*(?:\.\s|\.$|,|;|\||$|\s+all rights)",
    re.IGNORECASE,
)


def copyright_holder(lines: list[str]) -> Optional[tuple[str, str]]:
    """(holder, line) from a removed '© 2025 Vellin Courier. All rights reserved.' line.

    A plain-text article has no metadata; its footer often names the outlet (or the
    wire agency whose copy it is). Only lines with a year count.
    """
    for line in lines:
        m = _COPYRIGHT_HOLDER.search(line)
        if m:
            return m.group("name").strip(" .-"), line
    return None


# --------------------------------------------------------------------- article test

_WORD = re.compile(r"\w+", re.UNICODE)
MIN_ARTICLE_WORDS = 5


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def check_article(cleaned: Cleaned) -> None:
    """Raise IngestError when what is left is no article (an error page, a bare notice).

    The bar is low on purpose: a one-line wire brief ("Esther Williams, swimming
    star, dies at 91") is an article. A page is rejected only when no line of at
    least MIN_ARTICLE_WORDS words is left once its furniture is gone.
    """
    longest = max((word_count(line) for line in cleaned.text.split("\n")), default=0)
    if longest >= MIN_ARTICLE_WORDS:
        return
    what = [k for k in NON_ARTICLE_KINDS if cleaned.kinds.get(k)]
    if what:
        sample = next(
            (line for line in cleaned.boilerplate if furniture_kind(line) in what), cleaned.boilerplate[0]
        )
        raise IngestError(
            f"not an article: only {', '.join(k.replace('-', ' ') for k in what)} "
            f"(e.g. {sample[:80]!r})"
        )
    if cleaned.boilerplate:
        raise IngestError(
            f"not an article: only page furniture ({', '.join(sorted(cleaned.kinds))}) "
            f"and {word_count(cleaned.text)} words of text"
        )
    raise IngestError(f"not an article: only {word_count(cleaned.text)} words of text")


# ------------------------------------------------------------------------- language


@lru_cache(maxsize=1)
def _identifier():  # loaded once per process; read-only afterwards
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, min_probability: float = 0.5) -> Optional[str]:
    """ISO 639-1 code of the text's language, or None when the guess is weak."""
    sample = text[:4000]
    if word_count(sample) < 3:
        return None
    lang, prob = _identifier().classify(sample)
    return lang if prob >= min_probability else None


# ----------------------------------------------------------------------------- title

_TERMINAL = tuple(".!?:;\"”’»")


def guess_title(text: str) -> Optional[str]:
    """A plain-text article's first line when it reads as a headline (short, no full stop)."""
    first, _, rest = text.partition("\n")
    if not rest.strip():
        return None
    n = word_count(first)
    if 2 <= n <= 25 and not first.rstrip().endswith(_TERMINAL):
        return first.strip()
    return None


def clean_text(text: str) -> Cleaned:
    """Normalise, remove furniture, and check it is an article. Raises IngestError."""
    cleaned = remove_boilerplate(normalise(text))
    check_article(cleaned)
    return cleaned
