"""Placement: which event a claim's number belongs to, how sure that is, and why.

One job: the rules that tie a figure to an event, or leave it unplaced. A number goes
to the story's own event only with evidence; a sentence that speaks of another time,
place or event sends it to that event (when the text names or dates it) or leaves it
unplaced — never to the story's event by default. The events stage (events.py) calls
`place` for every claim; only confident placements make figure rows (figures.py), the
rest are listed as unplaced under their event.

Evidence, strongest first (`confidence`):

| placement | confidence | when |
|---|---|---|
| named | 0.9 | the sentence names a typed event ("the Armenian attack Wednesday on Barda") |
| dated | 0.8 | the sentence dates an earlier event by its year and an event noun ("the 2004 tsunami killed 230,000") |
| lead | 0.9 | the claim is in the document's lead (its first two body sentences) |
| headline | 0.6 | the document's own headline states it, and read as body text it would be placed (story, named or dated); a headline alone never makes a row (below) |
| before | 0.6 | the sentence before, in the same paragraph, names a dated event |
| story | 0.7 | the story's own reports lead with a figure of this kind (killed, injured, ...) or with an incident noun |
| alone | 0.4 | placed by the story's kind of figure only (below 0.8), and no other document states a figure of that event and measure: a row would stand on one body sentence |
| uncorroborated | 0.4 | placed below 0.8 (story, headline, before), not a part of a total, and its bounds meet none of the strongly placed (≥ 0.8: lead, named, dated) claims of the same event, measure and group where there are some: a count that only grows below all of them is another, an earlier or a partial count; any other is left out unless two documents dated after every such lead state that same value (a toll risen since) |
| no casualty | 0.2 | killed, injured or hospitalised with no cause beside it in its sentence (`cause_beside`), in a story that does not tell of violence, an accident or a disaster (`casualty_story`: its first dated report, or half of the documents that speak of a death or an injury, name one in title or lead): an obituary, an illness, an athlete's injury |
| part, increment | 0.3 | a part of a count its sentence gives without a group of its own ("four hostages were killed, two on Wednesday and two in the assault"), or an increment ("eight more hostages", "another 12"), or the rest of a set ("freed the last 19 hostages"): no total of the event (the events stage) |
| tally | 0.2 | the writer's own sum ("Add the man police shot dead ..., and the number comes to 34": `writer_sum`), or the number counts over many events of a kind ("146 people had died in industrial fires this year", "12 shootings ..., in which 19 people were killed", "Taken together, the two accidents have cost 24 lives") or over a period ("Floods have killed 163 people ... so far this year": `tally_of`) |
| hedged, perpetrators | 0.3 | a hedged estimate ("as many as 70 people may have died", "feared dead": `hedged`); a death toll that holds the perpetrators ("Counting the five gunmen ..., the siege cost 34 lives": `with_perpetrators`) |
| unplaced | ≤ 0.3 | the number is page furniture (a caption, a teaser: segments.py), the sentence speaks of another time or event (below) and nothing names that event, the sentence says the figure was an early report since superseded ("originally reported two dead", a correction note's "An earlier version of this article said 41"), calls it false, unconfirmed or denied (`DISPUTED`), or says it was wrong or withdrawn (`RETRACTED`: the same event, group and value is then left out in every report dated up to the withdrawal: `disowned`), or a later sentence of its paragraph takes the report back whole, by its sayer (analyse/retractions.py: left out there only), or the story's reports never lead with such a figure |

Signs of another event in a sentence (`other_event_cues`): a place that none of the
story's titles and leads names ("in Aleppo" in a story about Idlib), a year before the
story's own ("in 2011", "the 2009 floods"), a date more than 45 days before the story's first
report, a relative past ("last week", "three years ago", "a year ago"), "since 2009" /
"since the uprising began" / "since a 9.1 temblor in 2004" (an indefinite event noun and a year), aggregates over time ("so far this year", "just this month", "in recent years",
"over the past decade"), comparisons ("the worst since", "compared with"), and another
incident ("another attack", "a separate incident", "the last major quake", "elsewhere", "in
another province"). A cue inside a relative clause the number is not in ("a man who was
fired last week shot three people") or beyond a concessive break ("..., despite three
cease-fires since October") describes something else and does not count; a relative clause
goes on through its participles ("where an avalanche struck in 1999, ... killing 31").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Optional, cast

from ..analyse.measures import GROUPS, PERPETRATORS
from ..analyse.mentions import EVENT_NOUNS, NOT_NAMES, YEAR, noun_spans
from ..analyse.retractions import SOURCE_KINDS
from ..text.numbers import find_numbers
from ..text.origins import checkable, is_outlet, source_key
from ..text.timex import find_dates

#: The least confidence a placement needs to make a figure row.
PLACED = 0.5
#: A placement this sure makes a row on its own; a weaker one needs a second document
#: stating the event's figure of that measure (else it is left unplaced, at ALONE).
STRONG = 0.8
ALONE = 0.4
#: A figure in the document's own headline, about the event its body would place it in:
#: below STRONG, so it joins a row only beside another document's figure.
HEADLINE = 0.6
UNPLACED = "unplaced: "
FAR_DAYS = 45  # a date this many days before the story's first report is another event's

_SINCE = re.compile(
    r"\bsince\s+(?:(?:early|late|mid)[- ])?(?:1[89]\d\d|20\d\d|January|February|March|April|June|July|August|"
    r"September|October|November|December|the\s+(?:start|beginning|outbreak|onset)\b|"
    r"(?:the|its|their|his|her)\s+(?:\w+\s+){0,3}(?:began|started|erupted|broke\s+out|took\s+power|came\s+to\s+power))",
    re.IGNORECASE)
_SINCE_OWN = re.compile(r"since\s+(?:the|its|their|his|her)\s+(?:\w+\s+){0,2}(\w+)\s+(?:began|started|erupted|broke\s+out)$",
                        re.IGNORECASE)
#: "since a 9.1 temblor in 2004": a time counted from another event, as "since 2004" is:
#: an indefinite event noun soon after "since", and a year in the same stretch ("since an
#: earthquake struck Velmar on Tuesday" is the story's own quake: no cue).
_SINCE_EVENT = re.compile(r"\bsince\s+(?:a|an)\s+(?:[^.;:]|\.(?=\d)){0,40}?\b(?:1[89]\d\d|20\d\d)\b", re.IGNORECASE)
_SINCE_EVENT_REACH = 30
_AGGREGATE = re.compile(
    r"\b(?:so\s+far\s+this\s+(?:year|month)|(?:earlier\s+)?this\s+year|just\s+this\s+month|in\s+recent\s+(?:years|months|weeks|decades)|"
    r"(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:years|months|weeks|decades?|century)|"
    r"in\s+the\s+(?:past|last)\s+(?:year|decade)|every\s+year|each\s+year|per\s+year|annually|recently|previously|formerly|"
    r"in\s+recent\s+days)\b",
    re.IGNORECASE)
_COMPARE = re.compile(
    r"\b(?:worst|deadliest|biggest|largest|bloodiest|most\s+\w+|first)\b[^.;]{0,60}\bsince\b|"
    r"\bcompared\s+(?:with|to)\b|\bthe\s+last\s+time\b|\b(?:similar|comparable)\s+to\b", re.IGNORECASE)
_OTHER = re.compile(
    r"\b(?:another|a\s+separate|separate|a\s+similar|an\s+earlier|a\s+previous|the\s+previous|the\s+last|a\s+recent|"
    r"an\s+unrelated|other)\s+(?:\w+\s+){0,2}?(?:attacks?|incidents?|bombings?|shootings?|blasts?|raids?|strikes?|"
    r"airstrikes?|explosions?|quakes?|earthquakes?|fires?|crash(?:es)?|case|cases|clash(?:es)?|accidents?|ambush(?:es)?|"
    r"massacres?|disasters?|storms?|floods?|killings?|murders?|rampages?|riots?)\b|"
    r"\bin\s+a\s+separate\b|\belsewhere\b|\bin\s+(?:another|(?:a\s+)?neighbou?ring|a\s+different)\s+(?:[A-Z][\w'’-]+\s+)?"
    r"(?:province|city|town|district|state|country|village|region|part|county|area)\b", re.IGNORECASE)
#: A place the sentence locates something in ("in Aleppo", "off Caddock Island").
_PLACE = re.compile(r"\b(?:in|at|near|off|outside)\s+(?:the\s+)?(?:(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|"
                    r"east(?:ern)?|west(?:ern)?|central)\s+)?([A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2})")
_NOT_PLACES = frozenset(
    "january february march april may june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday christmas easter ramadan the a an this that his her their its".split())
_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'’-]*")


def place_words(texts: list[str]) -> frozenset[str]:
    """The capitalised words of a story's titles and leads, in lower case."""
    return frozenset(re.sub(r"['’]s?$", "", w.lower()) for t in texts for w in _CAPITALISED.findall(t))

#: Words that tell what kind of figure a story leads with (its documents' titles and
#: first sentences): a claim's measure must be among them to be placed by the story alone.
FAMILY_CUES = {
    "death": re.compile(r"\b(?:kill|dead|death|die[ds]?\b|dying|fatal|toll|murder|slay|slain|shot|shoot|gunned|massacr|"
                        r"bod(?:y|ies)|lives|life|execut|behead|drown|perish|stab|victim|casualt)", re.IGNORECASE),
    "harm": re.compile(r"\b(?:injur|wound|hurt|hospital|casualt|victim|burn|assault|attack)", re.IGNORECASE),
    "captivity": re.compile(r"\b(?:hostage|kidnap|abduct|captiv|captur|missing|releas|freed|free[sd]?\b|seiz|hijack|"
                            r"swap|rescued)", re.IGNORECASE),
    "arrest": re.compile(r"\b(?:arrest|detain|custody|charged|charges|nab|captur|held|suspect|jail|police|raid|sting|"
                         r"prison|sentenc|convict|indict)", re.IGNORECASE),
    "displacement": re.compile(r"\b(?:evacuat|flee|fled|displac|homeless|affected|shelter|refugee|destroy|damag)",
                               re.IGNORECASE),
}
MEASURE_FAMILY = {
    "killed": "death", "injured": "harm", "hospitalised": "harm", "captured": "captivity", "released": "captivity",
    "missing": "captivity", "arrested": "arrest", "displaced": "displacement", "evacuated": "displacement",
    "affected": "displacement", "orphaned": "death",
}
#: Words that make a death or an injury a casualty: violence, an accident, a disaster. A
#: story whose titles and leads give none of them (and no incident noun) tells of a death
#: from illness or age, or an athlete's injury: no casualty figure.
CASUALTY_CUES = re.compile(
    r"\b(?:kill|murder|homicide|manslaughter|slay|slain|shot|shoot|gun(?:man|men|fire|ned|shot)|bullet|stab|massacr|"
    r"execut|behead|hang(?:ed|ing)\b|suicide|lynch|tortur|beat(?:en|ing)?\s+to\s+death|"
    r"bomb(?:s|ing|ings|er|ers|ed)?\b|blast|explo(?:sion|de|ded|sive)|missile|rocket|grenade|sniper|shell(?:ing|ed)\b|"
    r"(?<!heart\s)(?<!panic\s)(?<!asthma\s)attack|assault|raid|ambush|clash|riot|crush|stampede|crash|collision|collid|"
    r"accident|wreck|derail|fell\b|fall(?:s|en|ing)?\b|plung|drown|fires?\b|blaze|burn(?:s|ed|ing|t)?\b|flood|quake|"
    r"tremor|(?:hail|snow|thunder|wind|rain)?storm|blizzard|heat\s?wave|hurricane|typhoon|cyclone|tornado|avalanche|"
    r"landslide|mudslide|tsunami|erupt|collaps|sank|sink|capsiz|poison|overdose|famine|starv|drought|outbreak|epidemic|"
    r"pandemic|cholera|disaster|tragedy|tragic|catastroph|hits?\b|strikes?\b|struck|smash|rammed|run\s+over|war\b|"
    r"fighting|violence|unrest|combat|casualt)",
    re.IGNORECASE)
#: An incident noun in a story's leads admits these families too.
INCIDENT_FAMILIES = frozenset({"death", "harm", "captivity", "displacement"})


@dataclass(frozen=True)
class Placement:
    """Where a claim goes: an event id (None: none known), how sure, and why."""

    event_id: Optional[str]
    confidence: float
    reason: str

    @property
    def placed(self) -> bool:
        return self.confidence >= PLACED


def unplaced(event_id: Optional[str], why: str, confidence: float = 0.2) -> Placement:
    return Placement(event_id, confidence, UNPLACED + why)


def other_event_cues(sentence: str, at: int, ref_year: Optional[int], own_year: Optional[int],
                     first_report: Optional[date] = None, places: Optional[frozenset[str]] = None,
                     own: frozenset[str] = frozenset()) -> list[str]:
    """Phrases of a sentence that speak of another time or event than the story's
    (`at`: the claim's offset in the sentence, whose own number is no cue). `places`: the
    capitalised words of the story's titles and leads (lower case); a place the sentence
    names that shares none of them is another place. `own`: the words of the story's
    titles and leads (lower case): "since the strike began" in a story of a strike counts
    from its own event, "since the uprising began" in a story of one attack does not."""
    cues: list[str] = []
    if places is not None:
        for m in _PLACE.finditer(sentence):
            words = [re.sub(r"['’]s?$", "", w.lower()) for w in re.findall(r"[\w'’-]+", m.group(1))]  # "Athens's": Athens
            if words and not any(w in places or w in _NOT_PLACES for w in words) and not _other_clause(sentence, at, m.start()) \
                    and not (m.start() > at >= 0 and (_AFTER_CLAUSE.search(sentence, at, m.start())
                                                      or _BREAKDOWN.search(sentence, at, m.start()))):
                cues.append(m.group().strip())
    for d in find_dates(sentence):
        if d.start <= at < d.end or _other_clause(sentence, at, d.start):
            continue
        if d.kind == "relative" and (d.offset or 0) < 0 and d.unit in ("week", "month", "year"):
            cues.append(d.text)  # "last week", "three years ago"
        elif d.year and ref_year and d.year < ref_year and d.year != own_year and (d.end_year or d.year) != own_year:
            cues.append(d.text)  # "in 2011", "the 2009 floods"
        elif first_report and d.month and d.kind in ("date", "month"):
            try:
                when = date(d.year or first_report.year, d.month, d.day or 1)
            except ValueError:
                continue
            if d.year is None and when > first_report:  # "on March 3" written in January: last year's
                continue
            if d.year is None and when.month < first_report.month and \
                    (date(when.year + 1, when.month, min(when.day, 28)) - first_report).days <= FAR_DAYS:
                continue  # "Jan. 2" of a story that began on 30 December: the new year's, days after it
            if (first_report - when).days > FAR_DAYS:
                cues.append(d.text)
    for m in _SINCE_EVENT.finditer(sentence):  # "since a 9.1 temblor in 2004"
        if noun_spans(sentence[m.start():m.end() + _SINCE_EVENT_REACH]) and not (m.start() <= at < m.end()) \
                and not _other_clause(sentence, at, m.start()):
            cues.append(m.group().strip())
            break
    for rx in (_SINCE, _AGGREGATE, _COMPARE, _OTHER):
        for hit in rx.finditer(sentence):
            if rx is _SINCE and (since := _SINCE_OWN.match(hit.group())) and since.group(1).lower() in own:
                continue  # "since the strike began" in a story of the strike: its own count so far
            if not (hit.start() <= at < hit.end()) and not _other_clause(sentence, at, hit.start()):
                cues.append(hit.group().strip())
                break
    return cues


#: Event nouns in the plural that count many events of a kind ("industrial fires",
#: "shootings at schools"); not those that often name one event of several days ("the
#: floods", "clashes", "riots").
_MANY = r"(?:fires|shootings|attacks|accidents|crashes|bombings|explosions|blasts|incidents|disasters|stampedes|sinkings|landslides|earthquakes)"
_TALLY_AFTER = re.compile(rf"[^.;,]{{0,40}}?\b(?:died|killed|dead|deaths|injured|hurt|wounded)\b[^.;,]{{0,25}}?\b(?:in|from|by)\s+"
                          rf"(?!(?:the|these|those|this|that|its|their|last)\b)((?:[a-z-]+\s+){{0,2}}{_MANY})\b")
_TALLY_BEFORE = re.compile(rf"\b(\d[\d,]*\s+(?:[a-z-]+\s+){{0,2}}{_MANY})\b[^.;]{{0,60}}\bin\s+which\s+[^.;]{{0,80}}$")


#: A toll a period owns ("the year's toll", "this month's death toll").
_PERIOD_TOLL = re.compile(r"\b(?:the|this|last|that)\s+(?:year|month|season|week|decade)['’]s\s+(?:(?:death|road)\s+)?"
                          r"(?:toll|count|tally)\b", re.IGNORECASE)  # (not "this week's market bombing toll": an event's)
#: A period a count builds up over ("so far this year", "since January", "every year", "in 2026
#: before Thursday"); a bare "this year" is no such period ("the worst floods this year killed 41").
_PERIOD = re.compile(r"\b(?:so\s+far\s+this\s+(?:year|month|season)|since\s+(?:(?:the\s+)?(?:start|beginning)\s+of\s+"
                     r"(?:the\s+|this\s+)?(?:year|season)|january|jan\.)|(?:every|each|per)\s+year|a\s+year\s+on\s+average|"
                     r"annually|in\s+the\s+whole\s+of\s+(?:last\s+)?year|(?P<to_day>so\s+far\s+in\s+\d{4}|"
                     r"in\s+\d{4}\s+(?:before|until|up\s+to)\b))\b", re.IGNORECASE)
#: ... a year up to a day counts over many events only of a kind that is never one event of several days.
_MANY_OR_EVENTS = re.compile(rf"\b(?:{_MANY[3:-1]}|events)\b", re.IGNORECASE)
#: Event nouns in the plural, those too that often name one event of several days.
_PLURAL_EVENTS = re.compile(rf"\b(?:{_MANY[3:-1]}|floods|storms|riots|clashes|cyclones|tornadoes|avalanches|events|"
                            r"attacks\s+by\s+[\w\s]{0,20}?groups?|armed\s+groups)\b", re.IGNORECASE)


#: A few incidents counted as one set ("the two accidents", "both fires") and words that sum
#: over them ("taken together", "combined"): a count across events, no event's figure.
_SEVERAL = re.compile(rf"\b(?:the\s+(?:two|three|four|five)|both(?:\s+the)?)\s+(?:[a-z-]+\s+)?(?:{_PLURAL_EVENTS.pattern})",
                      re.IGNORECASE)
_SUMMED = re.compile(r"\b(?:taken\s+together|combined)\b", re.IGNORECASE)


#: A day that dates one event ("on Monday", "yesterday", "on 12 November").
_ONE_DAY = re.compile(r"\b(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}\b)|yesterday|"
                      r"last\s+night|overnight)", re.IGNORECASE)
#: A period that only compares ("the worst since January", "the deadliest ... this year") or
#: sits in a relative clause ("which suffers floods every year").
_NOT_A_SPAN = re.compile(r"(?:\b(?:worst|deadliest|biggest|largest|bloodiest|heaviest|most\s+\w+)\b|"
                         r"\b(?:which|that|who|where)\b)[^.;,]{0,50}$", re.IGNORECASE)
#: ... and a bare "this year" with a plural event noun that opens the clause with no article.
_THIS_YEAR = re.compile(r"\bthis\s+(?:year|month)\b", re.IGNORECASE)
_BARE_PLURAL = re.compile(r"[A-Z]?[a-z]+s\b")


def tally_of(sentence: str, at: int) -> Optional[str]:
    """The plural event noun a claim counts over ("146 people had died in industrial fires
    this year", "12 shootings at schools ..., in which 19 people were killed"), or over a
    period ("Floods have killed 163 people in Veskaria so far this year", "armed groups have
    killed 318 people since January": both in the claim's clause; a bare "this year" when
    the plural opens the clause with no article: "Fires in hospitals and care homes had
    killed 27 people ... this year"), or summed over a few ("Taken together, the two
    accidents have cost 24 lives"): a count of many events,
    no event's figure. None when the claim counts no such plural."""
    m = _TALLY_AFTER.match(sentence, at) or _TALLY_BEFORE.search(sentence[:at])
    if m:
        return m.group(1)
    lo = max(sentence.rfind(c, 0, at) for c in ".;,") + 1
    period_toll = _PERIOD_TOLL.search(sentence, lo, at)
    if period_toll and len(sentence[period_toll.end():at].split()) <= 3:
        return period_toll.group(0)  # "With this storm, the year's toll passes 170": a period's toll (its number
        # right after it; not "the month's death toll rose after the club fire killed 37")
    lo = sentence.rfind(";", 0, at) + 1
    hi = sentence.find(";", at)
    clause = sentence[lo:hi if hi >= 0 else len(sentence)]
    several = _SEVERAL.search(clause)
    if several and any(abs(m.start() - several.end()) <= 3 or abs(several.start() - m.end()) <= 3
                       for m in _SUMMED.finditer(clause)):
        return several.group(0)  # "Taken together, the two accidents have cost 24 lives", "the two floods combined"
    if _ONE_DAY.search(clause):
        return None  # "Floods killed 41 people on Monday, the worst since January": one event's day
    period, many = _PERIOD.search(clause), _PLURAL_EVENTS.search(clause)
    if many and not period and _BARE_PLURAL.match(clause[many.start():]) and not clause[:many.start()].strip():
        period = _THIS_YEAR.search(clause)  # "Fires in hospitals ... had killed 27 people ... this year": no "the"
    if period and _NOT_A_SPAN.search(clause[:period.start()]):
        return None  # "the deadliest outbreak this year", "a region which suffers floods every year"
    if period and many and period.re is _PERIOD and period.group("to_day") and not _MANY_OR_EVENTS.fullmatch(many.group(0)):
        return None  # "Riots killed 40 people in 2011 before order was restored": one event's days
    return f"{many.group(0)} {period.group(0)}" if period and many else None


#: Words that hedge a count ("as many as 70 people may have died", "fears that 30 ...",
#: "12 feared dead"): its source does not say it is so.
_HEDGE_AFTER = re.compile(r"(?:(?!\b(?:that|which|who|where)\b)[^.;,]){0,40}?\b(?:(?:may|might|could)\s+(?:well\s+)?have\b|"
                          r"feared\s+(?:dead|killed|drowned|lost))", re.IGNORECASE)
_HEDGE_BEFORE = re.compile(r"\b(fears?|feared)\s+(?:that\s+)?(?:as\s+many\s+as\s+|up\s+to\s+|more\s+than\s+|over\s+)?$",
                           re.IGNORECASE)


_PERP = "|".join(sorted({w for p in PERPETRATORS for w in (p, p + "s")} - {"gunmans"}, key=len, reverse=True))
#: A total that says it holds the perpetrators ("Counting the five gunmen ..., the siege cost
#: 34 lives"; "13 dead, including the bomber"): no victims' toll. Not "not counting the gunmen".
_WITH_PERPETRATORS = re.compile(rf"(?<!not\s)(?<!without\s)\b(?:counting|including|included|includes)\s+(?:the\s+|its\s+|their\s+)?"
                                rf"(?:\w+\s+){{0,2}}?(?:{_PERP})\b(?!['’]s)", re.IGNORECASE)
#: A count between a claim and the words that include the perpetrators: they are that count's.
_COUNT_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
                         r"hundreds?|thousands?)\b", re.IGNORECASE)


#: ... or that lists them in its breakdown ("Eight people died ...: two teachers, five pupils and the gunman himself").
_LISTS_PERPETRATORS = re.compile(rf"[^.;:]{{0,80}}:\s[^.;:]{{0,120}}?\b(?:and|,)\s+(?:the|a|an|one|two|three)\s+(?:{_PERP})\b",
                                 re.IGNORECASE)


def with_perpetrators(sentence: str, at: int) -> Optional[str]:
    """The words that put the perpetrators in the count at `at`, in its clause (no semicolon between), or None."""
    own = re.match(r"[\w,.-]+", sentence[at:])
    after = at + (own.end() if own else 0)  # (the claim's own number)
    for m in _WITH_PERPETRATORS.finditer(sentence):
        if ";" not in sentence[min(m.start(), at):max(m.end(), at)] and not (m.start() <= at < m.end()) and \
                not (m.start() > at and _COUNT_WORD.search(sentence, after, m.start())):
            return m.group(0)
    listed = _LISTS_PERPETRATORS.match(sentence, at)
    return sentence[listed.end() - 30:listed.end()].strip() if listed else None


#: A sentence in which the writer adds something to a count ("Add the man police shot dead at
#: Gate 7, and the number ... comes to 34", "Put the two together and that is 33"): the writer's
#: sum, no source's figure.
_WRITER_SUM = re.compile(r"^\W*(?:(?:And|But|So)\s+)?(?:(?i:whichever|whatever|however|if|when|once|whether|for|on|in|"
                         r"at|by|after|before)\b[^,;:\"“]{0,60},\s+)?(?:[Aa]dd\s+(?:in\s+)?(?:the|a|an|his|her|their|"
                         r"its|\d+|two|three|four|five|six|seven|eight|nine|ten)\b|(?:Put|Take)\s+(?:\w+\s+){1,4}?together\b"
                         r"(?!\s+with)|Taken\s+together\b)")
# (the imperative may follow an opening clause that a subordinating word or a preposition opens: "But whichever
# number you choose, add the four people ..."; not a clause with a subject of its own: "Rescuers dig ..., add")
#: ... unless a source says it ("Taken together, officials said, ...", a quotation).
_SAID_SO = re.compile(r"\b(?:said|says|say|told|according\s+to|believes?|estimated?)\b|[\"“”]")
# ("Put the two together and that is 33 lives lost at two crossings": the writer adds two events' dead)


def writer_sum(sentence: str) -> Optional[str]:
    """The words that open a writer's sum ("Add the four farm workers killed ..."), or None."""
    m = _WRITER_SUM.match(sentence)
    return m.group(0).strip(" \"'“”") if m and not _SAID_SO.search(sentence) else None


def hedged(sentence: str, at: int) -> Optional[str]:
    """The words that hedge the count at `at` ("may have", "feared dead", "fears that"), or None."""
    m = _HEDGE_AFTER.match(sentence, at)
    if m:
        return sentence[at:m.end()].strip()
    m = _HEDGE_BEFORE.search(sentence[:at])
    return m.group(0).strip() if m else None


#: A report the sentence itself says was superseded ("local news originally reported two dead").
SUPERSEDED = re.compile(r"\b(?:originally|initially|at\s+first|first\s+reports?|early\s+reports?|earlier\s+reports?|"
                        r"had\s+(?:earlier|initially|originally)\s+(?:said|reported|put)|"
                        r"(?:an?|the)\s+(?:earlier|previous|older|first)\s+version\s+of\s+(?:this|the)\s+"
                        r"(?:article|story|report|page))\b", re.IGNORECASE)  # (a correction note: "An earlier version of this article said 41")

#: A report the sentence calls false or unconfirmed ("false reports on social media said three
#: protesters had been killed", "police denied that ...", "initial reports of three deaths were
#: wrong"): no figure of the event. The word must qualify a report, not anything else
#: ("arrested for spreading false information", "denied responsibility", "denied bail").
_REPORTS = r"(?:reports?|claims?|rumou?rs?|posts?|accounts?|figures?)"
DISPUTED = re.compile(
    rf"\b(?:false|unconfirmed|unverified|untrue|fake|erroneous)\s+(?:[\w-]+\s+){{0,2}}?{_REPORTS}\b|"
    rf"\b(?:denied|denies|deny)\s+(?:the\s+)?(?:that\b|{_REPORTS}\b)|\brumou?rs?\s+(?:that|of)\b|"
    rf"\b{_REPORTS}\s+(?:[\w-]+\s+){{0,6}}?(?:was|were|proved|turned\s+out\s+to\s+be)\s+(?:wrong|false|untrue|incorrect)\b",
    re.IGNORECASE)
#: Why a claim of a report its sentence calls false is left out (events.py gives it).
DISPUTED_WHY = "a report the sentence calls false, unconfirmed or denied"

#: A figure the sentence says its source withdrew, or that was wrong, the figure itself in
#: the words: "the figure of 19 inmates killed, given last night by his deputy, was wrong";
#: "... at 19, a figure the Justice Minister, Ilan Dovrek, withdrew"; "Kanal Iskra has
#: withdrawn its report of 12 dead". Not "an opposition figure who withdrew from the talks",
#: nor "police posts had been withdrawn".
_FIGURE = r"(?:figures?|counts?|tolls?|numbers?|reports?|claims?)"
RETRACTED = re.compile(
    rf"\b{_FIGURE}\s+of\s+[^.;:]{{0,80}}?\b(?:was|were|proved)\s+(?:wrong|false|untrue|incorrect|mistaken)\b|"
    rf"\b{_FIGURE}\s+of\s+[^.;:,]{{0,40}}?\b(?:was|were|has\s+been|had\s+been)\s+(?:later\s+|since\s+)?(?:withdrawn|retracted)\b|"
    rf"\b(?:a|the|that|this|its|their)\s+{_FIGURE}\s+(?:that\s+|which\s+)?(?:(?:the|its|his|her)\s+)?"
    rf"(?:[A-Z][\w'’.-]*,?\s+){{0,6}}(?:later\s+|then\s+|has\s+|had\s+)?(?:withdrew|retracted)\b|"
    rf"\b(?:withdrew|withdrawn|retracted)\s+(?:its|their|his|her|the|an?)\s+(?:earlier\s+|first\s+)?{_FIGURE}\s+of\s+"
    rf"[^.;:,]{{0,40}}", re.IGNORECASE)
#: Why a claim of a figure its sentence says was withdrawn or wrong is left out: the same
#: value is then left out in every earlier report of the event (`disowned`).
RETRACTED_WHY = "a figure the sentence says was wrong or withdrawn"
#: How far before a retraction's words its figure may stand ("at 19, a figure ... withdrew").
_RETRACTED_BEFORE = 15


def retracted(sentence: str, at: int) -> bool:
    """Whether the claim at offset `at` of its sentence is the figure a retraction names:
    inside its words, or just before them."""
    return any(m.start() - _RETRACTED_BEFORE <= at < m.end() for m in RETRACTED.finditer(sentence))


def in_clause(rx: re.Pattern[str], sentence: str, at: int) -> bool:
    """Whether a match of `rx` in the sentence speaks of the claim at `at`: no semicolon
    between them ("An earlier version said 41; the correct figure is 43": not the 43)."""
    return any(";" not in sentence[min(m.start(), at):max(m.end(), at)] for m in rx.finditer(sentence))


def disowned(claim_event: dict[str, str], claim_place: dict[str, tuple[float, str]],
             claim_doc: dict[str, tuple[str, str, int]], values: dict[str, tuple[float, Optional[str]]],
             day: dict[str, Optional[str]]) -> list[str]:
    """Claims of a figure a later report says was wrong or withdrawn: the deputy
    minister's "19 inmates had been killed" on Sunday, which the minister calls wrong on
    Monday, is wrong in Sunday's report too. Each placed claim of the same event, measure,
    group and exact value (`values`: claim -> (value, group)) in a report dated on or before
    the retracting one is left out (a later report of that value is news since); the
    value must be the only one of its measure its sentence gives."""
    per_sentence: dict[tuple[str, int, str], list[str]] = defaultdict(list)
    for cid, (doc_id, measure, s0) in claim_doc.items():
        if claim_place.get(cid, (0.0, ""))[1].endswith(RETRACTED_WHY):
            per_sentence[(doc_id, s0, measure)].append(cid)
    until: dict[tuple, str] = {}
    for cs in per_sentence.values():
        if len(cs) == 1 and cs[0] in values and cs[0] in claim_event:
            c = cs[0]
            key = (claim_event[c], claim_doc[c][1], values[c])
            until[key] = max(until.get(key, ""), (day.get(claim_doc[c][0]) or "")[:10] or "9999")
    out = []
    for cid, (doc_id, measure, _) in claim_doc.items():
        last = until.get((claim_event.get(cid), measure, values.get(cid)))
        if last is not None and measure != "other" and claim_place.get(cid, (0.0, ""))[0] >= PLACED and \
                (day.get(doc_id) or "")[:10] <= last:
            out.append(cid)
    return out


#: Groups a fact-checker counts apart in any story (measures.GROUPS' kinds, and the units and
#: captives the claims analyser names): a subset of another kind is the story's own detail.
COUNTED_GROUPS = frozenset(set(GROUPS.values()) - {"men"} | {"hostages", "families", "households", "police", "one parent",
                                                           "both parents"})
# (not "men": "two men arrested" names people of no kind; as figures.SUBGROUPS)


def lone_subsets(claim_event: dict[str, str], claim_place: dict[str, tuple[float, str]],
                 claim_doc: dict[str, tuple[str, str, int]], groups: dict[str, Optional[str]]) -> list[str]:
    """Placed claims of a subset of a kind no group row is kept for ("including three
    shepherds", "four riflemen", "two volunteers") that only one document of the event
    gives: no figure row stands on one report's detail (`groups`: claim -> its group)."""
    docs: dict[tuple, set] = defaultdict(set)
    for cid, (confidence, _) in claim_place.items():
        g = groups.get(cid)
        if g and g not in COUNTED_GROUPS and confidence >= PLACED and cid in claim_event:
            docs[(claim_event[cid], claim_doc[cid][1], g)].add(claim_doc[cid][0])
    return [cid for cid, (confidence, _) in claim_place.items() if confidence >= PLACED and cid in claim_event
            and len(docs.get((claim_event[cid], claim_doc[cid][1], groups.get(cid)), ())) == 1]


#: A relative clause's opening word: its time words describe the noun it follows.
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|where)\b|(?<=[a-z] )that(?=\s+(?:has|had|have|is|was|were|are|\w+ed)\b)",
                       re.IGNORECASE)  # ("an armed group that has fought ... since 2022"; not "said that 12 died")
_RELATIVE_REACH = 60
#: Groups and people a "that" clause may tell about ("an armed group that has fought ... since 2022, said ...").
_ACTORS = frozenset("group groups movement militia party gang faction front alliance organisation organization army "
                    "force forces police agency ministry union committee company firm network man woman men women "
                    "person people".split())
_CONCESSIVE = re.compile(r"(?:[,;:—–]\s*|\s)(?i:despite|although|though|whereas|while|even\s+as|but)\b"
                         r"|,\s*as\s+(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[A-Z]\w+)\b(?!\s+(?:result|well|part)\b)")
#: A colon after the count that opens its breakdown by place ("44 remained in hospital: 24 at Dalgharan General,
#: 12 at the Mercy Charity Hospital and eight at the army hospital at Fort Oshar"): the places are its parts'.
_BREAKDOWN = re.compile(r":\s+(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
                        r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)", re.IGNORECASE)
#: A clause after the count telling what became of someone ("..., after a woman reported missing was found in a
#: hospital in Dunmere"): the places it names are not the count's (its times still are).
_AFTER_CLAUSE = re.compile(r",\s*after\s+(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,3}?(?:was|were|had|has)\b")


#: A clause of its own opened by "as" / "while" ("Police kill two suspects in Merovan raid as market bombing toll
#: reaches 38"); not "as many as", "as well as", "as of", "as a result".
_AS_CLAUSE = re.compile(r"(?<!many)(?<!much)(?<!\bfar)(?<!\blong)(?<!\bsoon)(?<!\bwell)(?<!\bhigh)(?<!\blow)(?<!\bsame)"
                        r"\s(?:as|while|whereas)\s+(?=[A-Za-z])(?!(?:well|part|a\s+result|many|much|few|far|long|soon|high|"
                        r"low|of|usual|such|if|though)\b)", re.IGNORECASE)


def clause_between(sentence: str, name_at: int, at: int) -> bool:
    """Whether an event named at `name_at`, before the count at `at`, stands in another
    clause than the count's ("two suspects killed in the Merovan raid | as the bombing's toll
    reaches 38"): a clause opened by "as" or "while" lies between them."""
    return 0 <= name_at < at and not re.search(r"[,;:()]", sentence[name_at:at]) and \
        any(name_at <= m.start() < at for m in _AS_CLAUSE.finditer(sentence, name_at))  # (not an aside: "The fire at
    # the Karn hostel, which broke out while guests slept, killed 37")


#: A past time a "when" clause tells of: "since October 1998, when fire swept through the
#: ferry Aurora Bay, killing 38 people".
_WHEN_PAST = re.compile(r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
                        r"December)\s+)?(1[89]\d\d|20\d\d)\s*,\s*when\b")


def when_past(sentence: str, at: int, writing_year: Optional[int]) -> Optional[str]:
    """The earlier year whose "when" clause holds the count at `at` ("the worst ferry
    disaster in Vestria since October 1998, when fire ... killed 38 people": the count is
    1998's, whatever event the sentence names before it), else None."""
    if writing_year is None:
        return None
    for m in _WHEN_PAST.finditer(sentence, 0, max(at, 0)):
        tail = sentence[m.end():at].split(",")  # the clause, then only its own "-ing" continuations (", killing 38")
        if int(m.group(1)) < writing_year and not re.search(r"[;:()\u2014]", sentence[m.end():at]) \
                and all(re.match(r"\s*\w+ing\b", t) for t in tail[1:]):
            return m.group().rsplit(",", 1)[0]
    return None


def _other_clause(sentence: str, at: int, cue: int) -> bool:
    """A cue after the number, beyond a concessive or contrasting clause break ("killing
    4 people, despite three cease-fires since October") or a clause of its own after ", as"
    ("released 52 people on Thursday, as the union began its first talks since the
    walkout began"), or inside a relative clause the
    number is not in ("a man who was fired last week shot three people"): it speaks of
    something else. In the sentence before a claim's (`at` < 0) every time word counts: the
    claim's sentence goes on from all of it ("..., which sank near Ovray in 2012. More than
    50 people died then")."""
    if at < 0:
        return False
    if cue > at and _CONCESSIVE.search(sentence, at, cue) is not None:
        return True
    rel = None
    for m in _RELATIVE.finditer(sentence, max(0, cue - _RELATIVE_REACH), cue):
        rel = m
    if rel is None or re.search(r"[,;:()\u2014\u2013]", sentence[rel.end():cue]):
        return False
    if rel.group().lower() == "that" and re.sub(r"\W+$", "", sentence[:rel.start()]).rsplit(" ", 1)[-1].lower() not in _ACTORS:
        return False  # "that" after no group or person ("a conflict that erupted in 2023 has killed 15,000"): the
        # clause dates what the count is of
    # the clause ends with its time words ("who was fired last week | shot three people"),
    # unless they open it ("which last week killed 12 people")
    if rel.start() < cue < at and re.fullmatch(r"[^;:()\u2014\u2013]*?,\s*\w+ing\b[^;:()\u2014\u2013]*", sentence[cue:at]):
        return False  # "where an avalanche struck in February 1999, destroying 17 houses and killing 31": it goes on
    end = cue
    if not sentence[rel.end():cue].strip():
        stop = re.search(r"[,;:()\u2014\u2013]|$", sentence[cue:])
        end = cue + (stop.start() if stop else 0)
    return not (rel.start() <= at < max(end, cue + 1))


#: Words of a death or an injury, whatever its cause.
HARM_WORDS = re.compile(r"\b(?:die[ds]?|dying|dead|death|injur|hurt|wound)", re.IGNORECASE)


def casualty_story(leads: list[str], incidents: list[bool], first: Optional[int] = None) -> bool:
    """Whether a story's documents tell of violence, an accident or a disaster: of the
    documents whose title or lead speaks of a death, an injury or an incident, at least
    half give an incident noun or one of CASUALTY_CUES there (a mobster's past "murders"
    in one of ten obituaries do not make his death a casualty). Funerals, vigils and
    hospital updates do not count against it (they speak of no death word here), nor do any
    follow-ups when the story's first dated report (`first`: its index) names a cause; and a
    claim with such a cause beside it in its sentence is a casualty whatever the vote
    (`cause_beside`). Several people dead at once tell of one too, whatever the cause
    (`mass_death`: "The bodies of at least 14 migrants were found in a sealed lorry"): an
    illness, old age or a sports injury takes one life at a time."""
    told = [bool(incident or CASUALTY_CUES.search(text) or mass_death(text)) for text, incident in zip(leads, incidents)]
    if first is not None and told[first]:
        return True
    harm = sum(1 for text, t in zip(leads, told) if t or HARM_WORDS.search(text))
    return 2 * sum(told) >= harm


#: How near a claim a cause must stand to make it a casualty on its own ("shot dead three pupils").
CAUSE_REACH = 40


#: The dead counted: a number before these, only nouns between ("23 people died", "14 dead", "12 bodies") or
#: after "bodies of" ("the bodies of at least 14 migrants"); not an age ("Ivo Tam, 84, died", "who was 92 when she died").
_DEAD_AFTER = re.compile(r"[ \t]+(?:(?!(?:when|who|whose|which|that|he|she|they|it|his|her|their|year|years|old|aged|"
                         r"church|public|local|state|party)\b)[a-z]+[ \t]+){0,2}(?:died|dead|deaths|bodies)\b")
_BODIES_OF = re.compile(r"\bbodies\s+of\s+(?:at\s+least\s+|some\s+|about\s+|more\s+than\s+)?\Z", re.IGNORECASE)
#: Deaths a person is blamed for, not deaths of the story ("Cartel founder blamed for 300 deaths dies in prison").
_DEATHS_OF_OTHERS = re.compile(r"\b(?:for|to|of|in)\s+(?:at\s+least\s+|some\s+|about\s+|more\s+than\s+|over\s+)?\Z",
                               re.IGNORECASE)
MASS = 3  # people dead at once that tell of a casualty event, not a death from illness or age


def mass_death(text: str) -> bool:
    """Whether a head counts MASS or more people dead at once ("Twenty-three people died",
    "the bodies of at least 14 migrants"), a count of its own (not "blamed for 300 deaths",
    "2019 deaths", an age)."""
    for n in find_numbers(text):
        if n.value is None or n.value < MASS or n.kind == "year" or 1900 <= n.value <= 2100 and n.text.isdigit():
            continue
        before = text[max(0, n.start - 40):n.start]
        if _BODIES_OF.search(before) or _DEAD_AFTER.match(text, n.end) and not _DEATHS_OF_OTHERS.search(before):
            return True
    return False


def cause_beside(sentence: str, at: int) -> bool:
    """A cause among CASUALTY_CUES within CAUSE_REACH characters of a claim's offset `at` in
    its sentence ("died of gunshot wounds"; not "died while serving a sentence for
    conspiring to kill other mobsters", far from the death)."""
    return CASUALTY_CUES.search(sentence, max(0, at - CAUSE_REACH), at + CAUSE_REACH) is not None


def story_families(leads: list[str], incident: bool) -> frozenset[str]:
    """The kinds of figure a story's documents lead with (their titles and first sentences)."""
    found = {f for text in leads for f, rx in FAMILY_CUES.items() if rx.search(text)}
    return frozenset(found | (INCIDENT_FAMILIES if incident else set()))


PAST_PLACE = re.compile(r"\b(?:in|off|near|at|of)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def past_event(sentence: str, at: int, writing_year: Optional[int]) -> Optional[tuple[str, int, str, str]]:
    """A figure's sentence about an earlier event, dated only by its year ("In 2004 a
    massive quake off Aceh triggered a tsunami that killed 230,000"): (key, year, type,
    label) when the sentence gives a year before the document's own, and an event noun
    (`at`: the claim's offset in the sentence)."""
    if writing_year is None:
        return None
    years = [int(m.group()) for m in YEAR.finditer(sentence) if not (m.start() <= at < m.end())]
    past = [y for y in years if y < writing_year]
    if not past or len(set(years)) > len(set(past)):  # a current year in the sentence too: not only the past
        return None
    found = [(q, EVENT_NOUNS[sentence[q:e].lower()]) for q, e in noun_spans(sentence)]
    types = [t for _, t in found if t]
    if not types:
        return None
    if len(found) > 1:  # the figure must belong to the noun the year belongs to ("in 2004 ... a tsunami that killed")
        ys = [m.start() for m in YEAR.finditer(sentence) if int(m.group()) in past]
        near_year = {min(found, key=lambda f: abs(f[0] - y))[0] for y in ys}
        near_claim = min(found, key=lambda f: abs(f[0] - at))[0]
        if near_claim not in near_year:
            return None
    etype = "tsunami" if "tsunami" in types else types[0]  # "a quake ... triggered a tsunami": the tsunami
    year = min(past)
    place = next((m.group(1) for m in PAST_PLACE.finditer(sentence)
                  if m.group(1).lower() not in NOT_NAMES and not YEAR.match(m.group(1))), None)
    return (f"{etype} {year}", year, etype, f"{place} {year}" if place else str(year))


#: Words that make a kind of source the medium a sayer spoke through ("told state television that 12 had
#: died", "said on the radio"), not the teller.
_MEDIUM = re.compile(r"\b(?:told|to|on|with|in\s+an\s+interview\s+with)\s+(?:the\s+|a\s+|state\s+|local\s+|national\s+)*\Z",
                     re.IGNORECASE)
DENIED_WHY = "a figure another report calls false or withdrawn (its source named or described there)"


def _official(sayer: Optional[str]) -> bool:
    """A source a reader can ask that is no outlet ("the ministry", "police")."""
    return bool(sayer) and checkable(source_key(cast(str, sayer))) and not is_outlet(cast(str, sayer))


def denied(denials: dict[str, list], story_of: dict[str, str], day: dict[str, Optional[str]],
           claim_event: dict[str, str], claim_place: dict[str, tuple[float, str]],
           claim_doc: dict[str, tuple[str, str, int]],
           said: dict[str, tuple[str, int, Optional[str], Optional[float]]]) -> list[str]:
    """Claims of a report another document of the story calls false or withdrawn without
    its number (`denials`: document -> its `retractions.denials` rows): "a report published
    on Friday morning by the Ardrell Live website about the number of dead was false" takes
    out the 35 that "the local news website Ardrell Live had reported" on Friday. A claim is
    that report's when the source's name, or its kind of source ("a community radio station":
    retractions.SOURCE_KINDS) as the teller, not the medium ("told state television"),
    stands before its number in its sentence or in its sayer; its document is dated no later
    than the denying one; and no official source of the story (`_official`: not an outlet,
    nor a name the denial itself calls a website or a channel) gives its value (a named
    party's count another calls false is a dispute, not a report taken back). `said`: claim
    -> (sentence, offset there, sayer, value). Each claim is tested once for each distinct
    denial of its story (no pass over all pairs of documents)."""
    by_story: dict[tuple[str, str], list[str]] = defaultdict(list)
    official: dict[str, bool] = {}
    for cid, (doc_id, measure, _) in claim_doc.items():
        if cid in said and cid in claim_event and claim_place.get(cid, (0.0, ""))[0] >= PLACED:
            by_story[(story_of.get(doc_id, doc_id), measure)].append(cid)
            official[cid] = _official(said[cid][2])
    latest: dict[tuple, str] = {}  # (story, names, kinds, measure) -> the latest day a document denied it
    for doc_id, rows in denials.items():
        when = (day.get(doc_id) or "")[:10]
        if when:  # (an undated denial: of which day's reports is not known)
            for _s0, _s1, names, kind_names, measure in rows:
                key = (story_of.get(doc_id, doc_id), tuple(names), tuple(kind_names), measure)
                latest[key] = max(latest.get(key, ""), when)
    kinds = dict(SOURCE_KINDS)
    out: list[str] = []
    for (story, names, kind_names, measure), when in latest.items():
        hits, officials = [], []
        for cid in by_story.get((story, measure), ()):
            sentence, at, sayer, _ = said[cid]
            named = any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", w) for n in names for w in (sentence[:at], sayer or ""))
            kind = not named and not (names and sayer and official[cid]) and any(
                (k := kinds[x].search(w)) and not _MEDIUM.search(w, max(0, k.start() - 25), k.start())
                for x in kind_names for w in (sentence[:at], sayer or ""))
            outlet = named and bool(kind_names) and any(n in (sayer or "") for n in names)
            if named or kind:
                hits.append(cid)
            if official[cid] and not outlet:
                officials.append(cid)
        values = {said[c][3] for c in officials}
        for cid in hits:
            claim_day = (day.get(claim_doc[cid][0]) or "")[:10]
            sayer, value = said[cid][2], said[cid][3]
            named_sayer = any(n in (sayer or "") for n in names) or any(kinds[k].search(sayer or "") for k in kind_names)
            if claim_day and claim_day <= when and value not in values and not (official[cid] and not named_sayer):
                out.append(cid)  # (an official sayer only when it is the source the denial names)
    return sorted(set(out))
