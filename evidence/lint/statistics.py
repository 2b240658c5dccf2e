"""Finding statistics in page text: the figures a reader takes as facts about the world.

A statistic is a percentage or percentage-point change (``40%``, ``28pp``), an amount of
money (``$187,500``, ``$200K-$350K+``, ``35M EUR``), a count of people or things
(``10,133 posts``, ``170 million new roles``, ``84k``, ``n=453``), a multiplier (``2.5x``,
``3-fold``, ``doubled``), a share in words (``7 of 10``, ``one in four``, ``half of
workers``), or a measured duration (``saves 4 hours``, ``a median of 3.2 years``);
ranges of each count as one statistic.

Not statistics: years and year ranges (``2025``, ``2024-2034``), dates, versions and
identifiers (``v2.6``, ``#3061``, ``Article 14``, ``Science 381(6654)``), ranks
(``#1``, ``top 15``), scores and scales (``3.75/5.0``, ``Score (0-3)``, ``68.2``),
formulas (``9 x 0.04``), ordinals, experience bands and horizons (``3-7 years``,
``within 5 years``) and bare numbers without a unit. docs/lint.md lists the limits.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from evidence.lint.native import scan as _scan

_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_MAG = r"(?: *(?:[kK]|M|B|bn|mn|thousand|million|billion|trillion)(?![A-Za-z0-9]))"
_PCT = r"(?: *(?:%|per ?cent\b|percent\b|pp\b|p\.p\.|percentage points?\b|bps\b|basis points\b))"
_WORDNUM = r"(?:two|three|four|five|six|seven|eight|nine|ten|every)"
_NUMBER_WORDS = frozenset(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"))
_POPULATION = (
    r"(?:workers|employees|people|persons|respondents|participants|firms|companies|employers|businesses|"
    r"organi[sz]ations|users|customers|candidates|applicants|hires|professionals|engineers|developers|"
    r"scientists|managers|adults|students|graduates|households|patients|layoffs)\b"
)
"""Who a small count counts when it is a statistic ("5 firms", "40 respondents"); a small count of
things ("12 new roles", "8 tasks") is usually the site describing itself."""
_TIME = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b"

_NUMBER = re.compile(
    r"[0-9](?<![0-9.,][0-9])(?P<cur>(?<=[$\u20ac\u00a3\u00a5\u20b9][0-9])|(?<=[$\u20ac\u00a3\u00a5\u20b9] [0-9]))?"
    r"(?P<sample>(?<=\b[nN]=[0-9])|(?<=\b[nN] = [0-9])|(?<=\b[nN]= [0-9])|(?<=\b[nN] =[0-9]))?"
    r"(?:[0-9]{0,2}(?:,[0-9]{3})+(?![0-9])|[0-9]*)(?:\.[0-9]+)?"
    rf"(?P<mag>{_MAG})?"
    rf"(?P<range>%? *(?:[-\u2013\u2014]|to ) *[+\-\u2212]?[$\u20ac\u00a3\u00a5\u20b9]? *{_NUM}{_MAG}?)?\+?"
    rf"(?:(?P<percent>{_PCT})"
    r"|(?P<multiplier> *(?:[x\u00d7]|-?fold)(?![0-9A-Za-z])(?! *[0-9(])"
    r"| +times +(?:as|more|less|higher|lower|faster|larger|greater|likelier)\b)"
    r"|(?P<code> +(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|INR|CNY|dollars|euros|pounds)\b)"
    rf"|(?P<share> +(?:in|out +of|of) +[0-9]{{1,3}}\b(?![.,][0-9]))"
    rf"|(?P<people>(?= +(?:[A-Za-z][A-Za-z-]* +){{0,2}}{_POPULATION}))"
    rf"|(?P<time>(?= +{_TIME}))"
    r"|(?P<word>(?<=[0-9]{3})(?= +[A-Za-z(]))"
    r"|(?P<end>(?(cur)|(?(mag)|(?(sample)|(?!))))))"
)
"""Every numeric statistic starts at a digit, so the pattern begins with one and the regular
expression engine skips other text quickly; a number that is not a statistic by its
unit or what follows it (a year, a score, a bare number) does not match at all. What
stands before the number (a sign, a word such as "Article") is looked at afterwards."""
# shares and fractions in words, each found from a literal (fast to search for)
_IN_WORDS = re.compile(rf"in +{_WORDNUM}\b")
_OUT_OF = re.compile(rf"out +of +(?:{_WORDNUM}|[0-9]+)\b")
_FRACTION = re.compile(rf"of +(?:(?<=[Hh]alf of )|(?<=third of )|(?<=thirds of )|(?<=quarter of )|(?<=quarters of ))"
                       rf"(?:all +|the +)?(?:[A-Za-z-]+ +){{0,2}}{_POPULATION}")
_FRACTION_WORD = re.compile(r"(?:\b(?:[Aa]|[Oo]ne|[Tt]wo|[Tt]hree)[- ])?(?:[Hh]alf|thirds?|quarters?) $")
_YEAR = re.compile(r"(?:1[89]|20|21)[0-9]{2}")
_SERVICE_NUMBER = re.compile(r"[2-9]11")
"""A telephone service code, as in job titles: ``911 Dispatcher``, ``411 Directory Assistance Operator``."""
_ID_WORDS = frozenset((
    "article", "section", "no", "nr", "id", "step", "level", "chapter", "page", "part", "figure", "fig",
    "table", "version", "vol", "volume", "issue", "route", "room", "suite", "floor", "grade", "tier",
    "phase", "stage", "round", "top", "rank", "ranked", "number", "item", "question", "episode", "season",
    "class", "form", "model", "series", "code", "report", "methodology", "v", "rule", "title", "act", "task",
    "slide", "showing", "photo", "image", "lesson", "module", "video",  # Slide 1 of 5, Showing 1-10 of 250
    "rated",  # Rated 4.6 out of 5
    "fortune", "global", "inc", "iso", "russell", "ftse", "nasdaq", "p",  # Fortune 500, Inc. 5000, ISO 9001, S&P 500
))
_NOT_COUNTED = frozenset((
    "ms", "px", "em", "rem", "gb", "mb", "kb", "tb", "ghz", "mhz", "mph", "km", "kg", "bc", "ad", "ce", "bce",
    "am", "pm", "s", "degree", "degrees", "pixels", "dpi", "words", "characters",
    # weights, as job descriptions give them ("more than 5700 kilograms", "500 gross tonnage")
    "lbs", "kilograms", "kilos", "tons", "tonnes", "gross",
    # a number in a range or a list, not a count of anything ("between 1000 and 2000 \u00b0C")
    "and", "or", "to",
    # the site's own counters: "Rated 4.6/5 from 1,234 reviews", "Join 50,000 subscribers", "2.3k shares"
    "reviews", "ratings", "shares", "likes", "comments", "subscribers", "followers", "readers", "views", "votes",
    "guides",
))
_DURATION_CUES = frozenset(("average", "median", "mean", "typical", "typically", "save", "saves", "saved", "cut",
                            "cuts", "reduced", "by", "spent", "spend", "spends"))
_CURRENCY = "$\u20ac\u00a3\u00a5\u20b9"
_SIGNS = "+-\u2212\u00b1~\u2248"
_PREVIOUS_WORD = re.compile(r"([A-Za-z#\u00a7]+)\.? *$")
_LEAD_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
_DURATION_CONTEXT = re.compile(r"\b(?:average|median|mean|typical|typically)\b[^.;:\t\n]*$", re.IGNORECASE)
_TIME_WORD = re.compile(rf" +{_TIME}")
_AVERAGE_AFTER = re.compile(r"[^.;:\t\n]{0,30}?\bon average\b", re.IGNORECASE)
"""A duration measured on average, said after it: "hiring takes 44 days on average"."""
_DISCOUNT = re.compile(r" off\b")
_FORM_PREFIX = re.compile(r"(?<![A-Za-z])[A-Z]{1,3}-$")
"""One to three capitals and a dash before a number, a word of their own: a form or a visa (``W-2``, ``H-1B``, ``EB-5``)."""
_WHOLLY = re.compile(r" (?:remote|online|virtual|free)\b")


class Statistic(NamedTuple):
    """A figure found in the page text: where it is, its kind, and the text as written."""

    start: int
    end: int
    kind: str
    text: str


def _previous_word(text: str, start: int) -> str:
    before = _PREVIOUS_WORD.search(text, max(0, start - 16), start)
    return before.group(1).lower() if before is not None else ""


def _word_before(text: str, start: int) -> tuple[str, int]:
    """The word before ``start`` (lower-cased) and where it starts."""
    before = _PREVIOUS_WORD.search(text, max(0, start - 16), start)
    return (before.group(1).lower(), before.start(1)) if before is not None else ("", start)


def _following_word(text: str, end: int) -> str:
    """The word after a number: the first of the 14 characters at ``end``, split at white
    space, stripped of ``.,;:()`` and lower-cased."""
    following = text[end:end + 14].split(None, 1)
    return following[0].strip(".,;:()").lower() if following else ""


def _classify(text: str, match: re.Match[str]) -> tuple[int, str] | None:
    """Where a number's statistic starts and its kind, or None when the number is not one."""
    start = match.start()
    kind = match.lastgroup
    before = text[start - 1] if start else " "
    if before in "0123456789.,/#" or (before == "-" and start > 1 and text[start - 2].isdigit()):
        return None  # the middle of a number, a date, an identifier or a score
    if before == "-" and _FORM_PREFIX.search(text, max(0, start - 5), start) is not None:
        return None  # a form or a visa: W-2, H-1B, I-9, EB-5
    begin = start
    if before in _CURRENCY or (before == " " and start > 1 and text[start - 2] in _CURRENCY):
        begin = start - 1 if before in _CURRENCY else start - 2
        kind = "money"
    elif kind == "percent":
        pass
    elif match.group("sample") is not None:
        return (text.rfind("n" if "n" in text[max(0, start - 4):start] else "N", 0, start), "sample")
    elif before.isalpha() or before == "=" or before == " " and text[max(0, start - 2)] == "=":
        sample = text.rfind("n", max(0, start - 4), start)
        if sample < 0:
            sample = text.rfind("N", max(0, start - 4), start)
        if sample >= 0 and text[sample + 1:start].replace(" ", "") == "=" and (sample == 0 or not text[sample - 1].isalnum()):
            return (sample, "sample")
        if before.isalpha():
            return None  # glued to a word: GPT-4, COVID-19, V2
    if kind == "code":
        kind = "money"
    if match.group("mag") and kind not in ("money", "percent", "multiplier"):
        kind = "count"
    if kind in (None, "end"):
        return (begin, kind) if kind == "money" else None
    if begin > 0 and text[begin - 1] in _SIGNS and (begin == 1 or not text[begin - 2].isalnum()):
        begin -= 1
    if kind in ("money", "percent", "multiplier"):
        if kind != "multiplier" and _DISCOUNT.match(text, match.end()) is not None:
            return None  # "20% off", "$10 off": a promotion, not a fact about the world
        if kind == "percent" and text.startswith("100%", start, match.end()) and _WHOLLY.match(text, match.end()):
            return None  # "100% remote": what a job or course is, not a share of anything
        return (begin, kind)
    if _previous_word(text, begin) in _ID_WORDS or text.startswith("(", match.end()):
        return None
    lead = _LEAD_NUMBER.match(text, start)
    number = lead.group(0).rstrip(",") if lead is not None else ""
    if len(number) > 1 and number[0] == "0" and number[1] != ".":
        return None  # 020406080100: chart labels run together, not a count
    if kind == "share":
        return (begin, kind)
    if kind == "count" or kind == "people":
        if match.group("mag") and _following_word(text, match.end()) in _NOT_COUNTED:
            return None  # "2.3k shares"
        return (begin, "count")
    if kind == "time":
        if match.group("range"):
            return None  # a band or horizon: 3-7 years of experience, within 3-5 years
        measured = ("." in number or _previous_word(text, begin) in _DURATION_CUES
                    or _DURATION_CONTEXT.search(text, max(0, begin - 40), begin) is not None
                    or _AVERAGE_AFTER.match(text, match.end()) is not None)  # "44 days on average"
        return (begin, "duration") if measured else None
    if kind == "word":
        if _YEAR.fullmatch(number) or _SERVICE_NUMBER.fullmatch(number) or _following_word(text, match.end()) in _NOT_COUNTED:
            return None
        return (begin, "count")
    return None


def _inside_a_word(text: str, of: int) -> bool:
    """Whether the fraction before the ``of`` at ``of`` ends a longer word (``behalf of``,
    ``headquarters of``): a letter stands right before its half, third or quarter."""
    for word in ("half ", "Half ", "third ", "thirds ", "quarter ", "quarters "):
        if text.startswith(word, of - len(word)):
            before = of - len(word) - 1
            return before >= 0 and text[before].isalpha()
    return False


def find_statistics(text: str) -> list[Statistic]:
    """Every statistic in ``text``, in order.

    The compiled scanner (:mod:`evidence.lint._scan`) answers when it is built; it gives
    what :func:`find_statistics_re`, the definition in regular expressions, gives.
    """
    if _scan is not None:
        return list(map(Statistic._make, _scan.statistics(text)))
    return find_statistics_re(text)


def statistic_spans(text: str) -> list[tuple[int, int, str, str]]:
    """:func:`find_statistics` as plain (start, end, kind, text) tuples, for the linter's
    loop over every page (a tuple is cheaper to make than a :class:`Statistic`)."""
    if _scan is not None:
        return _scan.statistics(text)
    return [tuple(s) for s in find_statistics_re(text)]  # type: ignore[misc]


def find_statistics_re(text: str) -> list[Statistic]:
    """Every statistic in ``text``, in order, found with the regular expressions above."""
    found: list[Statistic] = []
    for match in _NUMBER.finditer(text):
        classified = _classify(text, match)
        if classified is not None:
            begin, kind = classified
            end = match.end()
            if kind == "duration" and (unit := _TIME_WORD.match(text, end)) is not None:
                end = unit.end()
            found.append(Statistic(begin, end, kind, text[begin:end].rstrip()))
    for pattern in (_IN_WORDS, _OUT_OF):
        for match in pattern.finditer(text):
            word, begin = _word_before(text, match.start())
            if word in _NUMBER_WORDS:
                found.append(Statistic(begin, match.end(), "share", text[begin:match.end()]))
    for match in _FRACTION.finditer(text):
        if _inside_a_word(text, match.start()):
            continue  # "on behalf of employers", "headquarters of firms"
        lead = _FRACTION_WORD.search(text, max(0, match.start() - 16), match.start())
        begin = lead.start() if lead is not None else match.start()
        found.append(Statistic(begin, match.end(), "share", text[begin:match.end()]))
    if len(found) > 1:
        found.sort(key=lambda s: s.start)
    return found
