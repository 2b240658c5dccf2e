"""Template holes: what a page generator leaves when a value is missing.

A generator that fills ``"Adds ${low}k-${high}k"`` with nothing prints ``Adds k-k``; one
that fills ``"above {alpha}."`` prints ``above .``; one that prints a slug where a title
belongs writes ``1 1 Nft Artist``. Each pattern below names one such shape. They look
for the *remains* of a template (units, separators and number words with the number
gone, placeholders left in, slugs title-cased), never for a number that merely looks
odd, so a correct page does not trip them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from evidence.lint.native import scan as _scan

_UNIT = r"(?:months?|years?|weeks?|days?|hours?|minutes?|%|percent|k\b|x\b|pp\b)"
_EXPECTS_NUMBER = (
    r"above|below|over|under|by|of|to|at|from|than|about|around|roughly|nearly|approximately|almost|"
    r"least|between|reaching|reached|exceeds?|exceeding|hit|hits|scored?|rose|fell|grew|surged|dropped|"
    r"increased|decreased|only|just|median|average|mean|is|was|were|are|be|of|n"
)
_ACRONYMS = (
    r"Nft|Ml|Ai|Ux|Ui|Seo|Sql|Api|Aws|Gcp|Hr|Ceo|Cto|Cfo|Coo|Vp|Qa|Devops|Mlops|Llm|Nlp|Crm|Erp|Saas|Iot|"
    r"Bi|Cad|Gis|Ehr|Rn|Lpn|Hvac|Cnc|Ppc|Pr|Esg|Kyc|Aml|Fp|Cpa|Cfa"
)

_LINKING = r"(?:through|to|from|into|within|among|across|around|back|the|a|an)"
"""Words after which "between and", "from and" are English ("between and through airports",
"from and to school"), not a range with its numbers gone."""
_EMPTY_VALUE_WORDS = r"(?:NaN|undefined|null|None)(?= ?(?:%|[kKM]\b))|[$€£](?:NaN|undefined|null|None)\b"
_WORDS_SEEN = ("NaN", "undefined", "null", "None")

PATTERNS: dict[str, tuple[tuple[str, ...], str]] = {
    "empty-range": (
        (r"[$€£%kKMB](?:(?<=[$€£])[kKMB])?n? *[-\u2013] *(?:[$€£][kKMB]?|[kKMB%])n?(?![A-Za-z0-9])",),
        "a range with both numbers missing",
    ),
    "missing-number": ((r"[.,;:%](?<= [.,;:%])(?=[ \t\n)]|$)",), "a number missing before the punctuation"),
    "dangling-range": ((rf"[-\u2013](?= +{_UNIT})",), "a range with its numbers missing"),
    "empty-value": (
        (r"=(?= *(?:[^0-9 ]|$))", r"[$€£](?:[kKMB]n?)?(?=[ .,;:)\t\n]|$)(?! +[0-9])",
         rf"etween +and\b(?! +{_LINKING}\b)", rf"rom +(?:to|and(?! +{_LINKING}\b))\b"),
        "a value left empty",
    ),
    "placeholder": (
        (r"\{(?:\{[^{}\n]{0,40}\}\}|[A-Za-z_][A-Za-z0-9_.]{0,30}\})", r"%\([a-z_]+\)[sd]", r"\[object Object\]",
         _EMPTY_VALUE_WORDS),
        "a template placeholder left in the text",
    ),
    "empty-list": ((r"\( *[,;]? *\)", r", *,", r" , (?=[a-z])"), "an empty list item or parenthesis"),
    "slug": (
        (r"[0-9](?<![0-9][0-9])[0-9]*(?: +[0-9]+ +|d +)[A-Z][a-z]+(?: +[A-Z][a-z]+)*",
         rf"(?:{_ACRONYMS}) +[A-Z][a-z]+(?: +[A-Z][a-z]+)*", r"-[a-z0-9]+-[a-z0-9]+"),
        "a slug printed where a name belongs",
    ),
}
"""Each regular expression starts with a literal or one set of characters, so the engine
skips other text fast; what the text around a match must look like is checked afterwards
(:func:`_hole`)."""
_COMPILED = [(name, re.compile(pattern)) for name, (patterns, _) in PATTERNS.items() for pattern in patterns]
_EXPECTS = frozenset(_EXPECTS_NUMBER.split("|"))
_WORD_BEFORE = re.compile(r"([A-Za-z]+) *$")
_TOKEN_AROUND = re.compile(r"[a-z0-9-]+")


class Hole(NamedTuple):
    """A template hole: where it is, which pattern found it, and the text around it."""

    start: int
    end: int
    pattern: str
    text: str

    @property
    def explanation(self) -> str:
        """What the pattern means, in words an editor understands."""
        return PATTERNS[self.pattern][1]


def _hole(name: str, text: str, match: re.Match[str]) -> tuple[int, int] | None:
    """The span of a hole around ``match``, or None when its context shows it is not one."""
    start, end = match.start(), match.end()
    before = text[start - 1] if start else "\n"
    if name == "empty-range":
        return None if before.isalnum() or before in "$€£" else (start, end)
    if name == "missing-number":
        word = _WORD_BEFORE.search(text, max(0, start - 24), start)
        return (word.start(1), end) if word is not None and word.group(1).lower() in _EXPECTS else None
    if name == "dangling-range":
        if not (before in " \t\n(" or start == 0):
            return None
        unit = re.match(rf" +{_UNIT}", text[end:end + 16])
        return (start, end + unit.end()) if unit is not None else None
    if name == "empty-value":
        first = match.group(0)[0]
        if first == "=":
            word = _WORD_BEFORE.search(text, max(0, start - 8), start)
            return (word.start(1), end) if word is not None and word.group(1) in ("n", "N") else None
        if first == "e" or first == "r":
            lead = "b" if first == "e" else "f"
            return (start - 1, end) if before.lower() == lead and (start < 2 or not text[start - 2].isalnum()) else None
        return None if before.isalnum() or before in "$€£" else (start, end)
    if name == "empty-list":
        return None if match.group(0)[0] == "(" and (before.isalnum() or before == "_") else (start, end)
    if name == "slug":
        if match.group(0)[0] == "-":
            token = _TOKEN_AROUND.match(text, text.rfind(" ", 0, start) + 1)
            if (token is None or token.group(0).count("-") < 2 or not any(c.isdigit() for c in token.group(0))
                    or not any(c.isalpha() for c in token.group(0))):
                return None  # a slug has words and numbers: 1-1-nft-artist (9-1-1 is a number)
            if token.end() < len(text) and text[token.end()].isalpha():
                return None
            return (token.start(), token.end())
        return None if before.isalnum() else (start, end)
    return (start, end)


def find_holes(text: str) -> list[Hole]:
    """Every template hole in ``text``, in order (one per place).

    The compiled scanner (:mod:`evidence.lint._scan`) answers when it is built; it gives
    what :func:`find_holes_re`, the definition in regular expressions, gives.
    """
    if _scan is not None:
        return list(map(Hole._make, _scan.holes(text)))
    return find_holes_re(text)


def find_holes_re(text: str) -> list[Hole]:
    """Every template hole in ``text``, in order (one per place), found with the expressions above."""
    holes: dict[int, Hole] = {}
    words = any(word in text for word in _WORDS_SEEN)
    for name, pattern in _COMPILED:
        if pattern.pattern is _EMPTY_VALUE_WORDS and not words:
            continue  # a scan for words that cannot be there: "NaN" and the like are rare
        for match in pattern.finditer(text):
            span = _hole(name, text, match)
            if span is not None and span[0] not in holes:
                holes[span[0]] = Hole(span[0], span[1], name, text[span[0]:span[1]])
    kept: list[Hole] = []
    for start in sorted(holes):
        if not kept or start >= kept[-1].end:  # one finding for one hole ("$k" inside "$k-$k")
            kept.append(holes[start])
    return kept
