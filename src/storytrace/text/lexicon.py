"""The words storytrace reports: labels for an event and loaded wording, by category.

One job: the lexicons framing.py looks for, and their index (a word's first three
letters -> the entries that may start there), built once at import. The categories say
what a word does, never whether its use is fair: storytrace reports wording, it does
not judge.
"""

from __future__ import annotations

import re
from typing import Any


#: Labels for an event: term -> (category, pattern, flags). Categories say what the word
#: asserts about the event, nothing more:
#:   crime       a legal or criminal qualification (genocide, crime against humanity, ...)
#:   violence    deliberate violence by someone (massacre, attack, aggression, ...)
#:   misfortune  harm without naming anyone's act (tragedy, disaster, accident, ...)
#:   occurrence  a bare happening (incident)
#: Flags: "plural" (the plural refers to one event: "the killings", "war crimes"),
#: "mass" (used without an article: "committed genocide"), "verb" (also a verb: "to
#: attack"), "strict" (only as a noun before a verb, preposition or punctuation).
LABELS: dict[str, tuple[str, str, str]] = {
    "genocide": ("crime", r"genocides?", "mass"),
    "crime against humanity": ("crime", r"crimes?\s+against\s+humanity", "plural mass"),
    "war crime": ("crime", r"war[- ]crimes?", "plural mass"),
    "ethnic cleansing": ("crime", r"ethnic\s+cleansing", "mass"),
    "terror attack": ("crime", r"terror(?:ist)?\s+attacks?", ""),
    "act of terror": ("crime", r"acts?\s+of\s+(?:terror|terrorism)", "plural"),
    "mass murder": ("crime", r"mass\s+murders?", "mass"),
    "criminal negligence": ("crime", r"criminal\s+negligence", "mass"),
    "negligence": ("crime", r"negligence", "mass"),
    "crime": ("crime", r"crimes?", ""),
    "massacre": ("violence", r"massacres?", "verb"),
    "mass killing": ("violence", r"mass\s+killings?", "plural mass"),
    "killings": ("violence", r"killings", "plural mass"),
    "slaughter": ("violence", r"slaughters?", "mass verb"),
    "bloodbath": ("violence", r"bloodbaths?", ""),
    "carnage": ("violence", r"carnage", "mass"),
    "pogrom": ("violence", r"pogroms?", ""),
    "atrocity": ("violence", r"atrocity|atrocities", "plural mass"),
    "attack": ("violence", r"attacks?", "verb"),
    "assault": ("violence", r"assaults?", "verb"),
    "offensive": ("violence", r"offensives?", "strict"),
    "aggression": ("violence", r"aggression", "mass"),
    "clashes": ("violence", r"clashes", "plural mass"),
    "tragedy": ("misfortune", r"tragedy|tragedies", ""),
    "disaster": ("misfortune", r"disasters?", ""),
    "catastrophe": ("misfortune", r"catastrophes?", ""),
    "calamity": ("misfortune", r"calamity|calamities", ""),
    "accident": ("misfortune", r"accidents?", ""),
    "incident": ("occurrence", r"incidents?", ""),
}

#: Loaded wording: category -> words. Written for storytrace from the plain categories
#: media-bias studies describe (name-calling, moral condemnation, emotive intensity,
#: pathologising metaphors, contested designations, in-group address, victim emphasis,
#: vivid killing verbs). A word here is reported with its offsets and voice; being
#: listed says what the word does, not that its use is wrong. Each entry is a word or
#: phrase; "(s)" marks an optional plural ending, "|" separates forms of one term (the
#: first names it); a tuple is (term, regex) for a phrase with a free slot.
LOADED: dict[str, list[Any]] = {
    # nouns that call people or groups names
    "name-calling": [
        "barbarian(s)", "savages", "thug(s)", "monsters", "butchers", "beasts", "vermin", "bandits",
        "gangster(s)", "fascist(s)", "nazis", "murderers", "henchmen|henchman", "lackey(s)", "stooge(s)",
        "puppet(s)", "cronies", "traitor(s)", "denier(s)", "war criminal(s)", "warmonger(s)", "scum",
    ],
    # adjectives and adverbs of moral judgement
    "condemnation": [
        "vile", "heinous", "despicable", "abhorrent", "atrocious", "barbaric", "barbarous", "brutal", "brutally",
        "brutality", "cowardly", "treacherous", "shameful", "shameless", "disgraceful", "monstrous", "evil",
        "wicked", "inhuman", "inhumane", "ruthless", "ruthlessly", "merciless", "mercilessly", "bloodthirsty",
        "depraved", "sinister", "nefarious", "outrageous", "cold-blooded", "vicious", "viciously", "callous",
        "odious", "reprehensible", "unforgivable", "criminal regime",
    ],
    # emotive intensity: horror, magnitude, grief
    "intensity": [
        "horrific", "horrendous", "horrifying", "gruesome", "ghastly", "unspeakable", "unimaginable", "senseless",
        "bloodiest", "bloody", "heartbreaking", "heart-wrenching", "harrowing", "devastating", "appalling",
        "dreadful", "terrible",
    ],
    # mental illness as a metaphor for an opponent
    "pathologising": [
        "sickly mentality|sick mentality", "mentally ill", ("lost its mind", r"lost\s+(?:its|his|her|their)\s+minds?"),
        "madness", "insane", "insanity", "deranged", "lunatic(s)", "hysteria", "hysterical", "paranoid", "paranoia",
        "delusional", "psychopath(s)", "psychopathic",
    ],
    # words whose choice signals a side in a dispute over territory, status or violence
    "contested designation": [
        "terrorist(s)", "regime", "junta", "occupiers", "invaders", "occupation", "occupied", "now-occupied",
        "occupying", "liberated", "liberation", "separatist(s)", "mercenaries", "self-proclaimed", "so-called",
        "illegal", "puppet regime", "freedom fighter(s)", "martyr(s)", "martyred", "martyrdom",
    ],
    # a speaker or outlet addressing the victims as its own people
    "in-group address": [
        "brothers and sisters", ("our brothers", r"our\s+(?:[\w-]+\s+)?brothers(?!\s+and\s+sisters)"), "brotherly",
    ],
    # words that stress the victims' innocence or helplessness
    "victim emphasis": ["innocent", "defenceless|defenseless", "helpless"],
    # killing verbs stronger than "killed"
    "vivid killing verb": [
        "slaughtered", "slaughtering", "butchered", "massacred", "massacring", "exterminated", "annihilated",
        "mowed down|mown down",
    ],
}


def _loaded_entries() -> list[tuple[str, str, str]]:
    """(category, term, regex) of every LOADED entry, in the mini-syntax above."""
    out = []
    for cat, entries in LOADED.items():
        for entry in entries:
            if isinstance(entry, tuple):
                out.append((cat, entry[0], entry[1]))
                continue
            forms = entry.split("|")
            name = forms[0].replace("(s)", "")
            rx = "|".join(re.escape(f.replace("(s)", "")).replace(r"\ ", r"\s+") + ("s?" if "(s)" in f else "")
                          for f in forms)
            out.append((cat, name, rx))
    return out


_META = set("\\[(?*+{|.^$")


def _prefix(pattern: str) -> str:
    """The lower-case characters every match of a lexicon pattern starts with (at least three)."""
    alternatives = []
    depth, last = 0, 0
    for i, ch in enumerate(pattern + "|"):
        depth += ch == "(" and not (i and pattern[i - 1] == "\\")
        depth -= ch == ")" and not (i and pattern[i - 1] == "\\")
        if ch == "|" and depth == 0:
            alternatives.append(pattern[last:i])
            last = i + 1
    literal = []
    for alt in alternatives:
        alt = alt.replace("\\-", "-")
        k = 0
        while k < len(alt) and alt[k] not in _META and (alt[k].isalpha() or alt[k] == "-"):
            k += 1
        if k < len(alt) and alt[k] in "?*{" and k:  # "s?" makes the letter before it optional
            k -= 1
        literal.append(alt[:k].lower())
    common = literal[0]
    for lit in literal[1:]:
        while not lit.startswith(common):
            common = common[:-1]
    if len(common) < 3:
        raise ValueError(f"lexicon pattern {pattern!r} needs a literal start of three characters")
    return common


#: (kind, term, category, prefix, compiled pattern), indexed by the first three characters of the prefix.
ENTRIES: list[tuple[str, str, str, str, re.Pattern]] = [
    ("label", term, cat, _prefix(p), re.compile(rf"(?:{p})(?![\w-])", re.IGNORECASE)) for term, (cat, p, _f) in LABELS.items()
] + [("loaded", term, cat, _prefix(p), re.compile(rf"(?:{p})(?![\w-])", re.IGNORECASE)) for cat, term, p in _loaded_entries()]
ENTRY_INDEX: dict[str, list[tuple[str, str, str, str, re.Pattern]]] = {}
for _e in ENTRIES:
    ENTRY_INDEX.setdefault(_e[3][:3], []).append(_e)
WORD_START = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]{2}")


