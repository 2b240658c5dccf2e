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
from dataclasses import dataclass

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

PATTERNS: dict[str, tuple[str, str]] = {
    "empty-range": (
        r"(?<![0-9A-Za-z$€£])[$€£]?[kKMB]n? ?[-\u2013] ?[$€£]?[kKMB]n?(?![A-Za-z0-9])"
        r"|(?<![0-9A-Za-z])[$€£%] ?[-\u2013] ?[$€£%](?![0-9])",
        "a range with both numbers missing",
    ),
    "missing-number": (
        rf"\b(?i:{_EXPECTS_NUMBER}) +[.,;:%](?=[ \t\n)]|$)",
        "a number missing before the punctuation",
    ),
    "dangling-range": (
        rf"(?:(?<=^)|(?<=[\n\t( ]))[-\u2013] +{_UNIT}",
        "a range with its numbers missing",
    ),
    "empty-value": (
        r"\b[nN] ?= ?(?=[^0-9 ]|$)|(?<![A-Za-z0-9$€£])[$€£](?:[kKMB]n?)?(?=[ .,;:)\t\n]|$)(?! +[0-9])"
        r"|\b[Bb]etween +and\b|\b[Ff]rom +to\b|\b[Ff]rom +and\b",
        "a value left empty",
    ),
    "placeholder": (
        r"\{\{[^{}\n]{0,40}\}\}|\$\{[^{}\n]{0,40}\}|\{[A-Za-z_][A-Za-z0-9_.]{0,30}\}|%\([a-z_]+\)[sd]"
        r"|\[object Object\]|(?<![A-Za-z])(?:NaN|undefined|null|None)(?= ?(?:%|[kKM]\b))|[$€£](?:NaN|undefined|null|None)\b",
        "a template placeholder left in the text",
    ),
    "empty-list": (
        r"(?<![A-Za-z0-9_])\( ?[,;]? ?\)|, ?,|(?<=[A-Za-z]) , (?=[a-z])",
        "an empty list item or parenthesis",
    ),
    "slug": (
        rf"\b[0-9]+ [0-9]+ [A-Z][a-z]+(?: [A-Z][a-z]+)*|\b[0-9]+d [A-Z][a-z]+(?: [A-Z][a-z]+)*"
        rf"|\b(?:{_ACRONYMS}) [A-Z][a-z]+(?: [A-Z][a-z]+)*|(?<=[A-Z][a-z] )(?:{_ACRONYMS})\b"
        r"|\b[a-z]*[0-9][a-z0-9]*(?:-[a-z0-9]+){2,}\b",
        "a slug printed where a name belongs",
    ),
}
_HOLES = re.compile("|".join(f"(?P<{name.replace('-', '_')}>{pattern})" for name, (pattern, _) in PATTERNS.items()))


@dataclass(frozen=True, slots=True)
class Hole:
    """A template hole: where it is, which pattern found it, and the text around it."""

    start: int
    end: int
    pattern: str
    text: str

    @property
    def explanation(self) -> str:
        """What the pattern means, in words an editor understands."""
        return PATTERNS[self.pattern][1]


def find_holes(text: str) -> list[Hole]:
    """Every template hole in ``text``, in order."""
    holes = []
    for match in _HOLES.finditer(text):
        name = (match.lastgroup or "").replace("_", "-")
        holes.append(Hole(match.start(), match.end(), name, match.group(0)))
    return holes
