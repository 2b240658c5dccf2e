"""Pydantic models for every record kind of a catalogue (DESIGN section 3).

Models are strict about shape (unknown fields are refused) and lenient about scalar
spelling: the loader hands every scalar over as a string, and the model converts it, so
an ISCO code ``0110`` stays ``"0110"`` while ``year: 2023`` becomes the integer 2023.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]


def _expand(raw: object, key: str) -> object:
    """Let a list hold bare ids as shorthand for ``{key: id}`` mappings."""
    if isinstance(raw, list):
        return [{key: item} if isinstance(item, str) else item for item in raw]
    return raw


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Record(_Strict):
    """Fields every record has: a slug id unique within its kind."""

    id: Slug


class Design(Record):
    """A study design on the evidence ladder; rank 1 is the strongest."""

    rank: Annotated[int, Field(ge=1)]
    label: Text
    aliases: list[Text] = Field(default_factory=list)
    description: str | None = None
    ranks: dict[Slug, Annotated[int, Field(ge=1)]] = Field(default_factory=dict)
    """Per claim kind ranks (``{prevalence: 1}``); the claim kind's rank wins over ``rank``."""


class Source(Record):
    """Something a claim rests on: a study, a report, a dataset, a page."""

    title: Text
    url: str | None = None
    doi: str | None = None
    publisher: str | None = None
    authors: list[Text] = Field(default_factory=list)
    year: int | None = None
    design: str | None = None
    sample_size: Annotated[int, Field(ge=0)] | None = None
    aggregator: bool = False
    accessed: str | None = None
    archived_url: str | None = None
    note: str | None = None


class Citation(_Strict):
    """One cited source, optionally with where in it (locator) and its exact words (quote)."""

    source: Slug
    locator: str | None = None
    quote: str | None = None


class Comparison(_Strict):
    """A numeric test on a task field in a ``where`` filter: ``{gte: 3}``, ``{gt: 1, lt: 5}``."""

    eq: Decimal | None = None
    ne: Decimal | None = None
    gt: Decimal | None = None
    gte: Decimal | None = None
    lt: Decimal | None = None
    lte: Decimal | None = None

    @model_validator(mode="after")
    def _something(self) -> Comparison:
        if all(getattr(self, name) is None for name in ("eq", "ne", "gt", "gte", "lt", "lte")):
            raise ValueError("a comparison needs at least one of eq, ne, gt, gte, lt, lte")
        return self

    def test(self, value: Decimal) -> bool:
        """True when ``value`` passes every bound given."""
        checks = (
            (self.eq, lambda b: value == b), (self.ne, lambda b: value != b),
            (self.gt, lambda b: value > b), (self.gte, lambda b: value >= b),
            (self.lt, lambda b: value < b), (self.lte, lambda b: value <= b),
        )
        return all(check(bound) for bound, check in checks if bound is not None)


class TaskAggregate(_Strict):
    """An aggregate over an occupation's tasks: the count, sum, mean or weighted mean of one field.

    ``source`` keeps to the tasks one source decomposed the occupation into (two sites'
    task tables of the same role are two decompositions); ``where`` keeps tasks whose
    field equals a string or passes a numeric comparison.
    """

    occupation: Slug
    field: Text = "time_share"
    aggregate: Literal["count", "sum", "mean", "weighted_mean"] = "sum"
    weight: str | None = None
    source: Slug | None = None
    where: dict[Text, Union[Comparison, str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _weight_needed(self) -> TaskAggregate:
        if self.aggregate == "weighted_mean" and not self.weight:
            raise ValueError("a weighted_mean needs 'weight' (for example time_share)")
        return self


Operand = Union[Decimal, "FigureRef", "Derivation"]


class FigureRef(_Strict):
    """A reference to another figure by id."""

    figure: Slug


class Derivation(_Strict):
    """How a figure is recomputed: exactly one operation over operands. No expressions, no eval."""

    sum: Annotated[list[Operand], Field(min_length=1)] | None = None
    product: Annotated[list[Operand], Field(min_length=1)] | None = None
    difference: Annotated[list[Operand], Field(min_length=2, max_length=2)] | None = None
    quotient: Annotated[list[Operand], Field(min_length=2, max_length=2)] | None = None
    tasks: TaskAggregate | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Derivation:
        given = [name for name in ("sum", "product", "difference", "quotient", "tasks") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"a derivation takes exactly one of sum, product, difference, quotient, tasks (got {given or 'none'})")
        return self


class Figure(_Strict):
    """A number a claim states, and optionally how the catalogue can recompute it."""

    id: Slug
    value: Decimal
    unit: str | None = None
    label: str | None = None
    tolerance: Annotated[Decimal, Field(ge=0)] | None = None
    derive: Derivation | None = None

    @field_validator("value", "tolerance", mode="before")
    @classmethod
    def _decimal(cls, raw: object) -> object:
        if isinstance(raw, str):
            text = raw.strip()
            if "," in text:
                if not _THOUSANDS.match(text):
                    raise ValueError(f"{raw!r} is not a number (write decimals with a point; commas only group thousands)")
                text = text.replace(",", "")
            try:
                return Decimal(text)
            except InvalidOperation:
                raise ValueError(f"{raw!r} is not a number") from None
        return raw

    def rounding(self) -> Decimal:
        """Half a unit in the last digit the catalogue wrote: 68.2 tolerates 0.05."""
        if self.tolerance is not None:
            return self.tolerance
        exponent = self.value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return Decimal(5) / (Decimal(10) ** (places + 1))


class Claim(Record):
    """A statement a page prints, resting on cited sources."""

    text: Text
    cites: list[Citation] = Field(default_factory=list)
    occupations: list[Slug] = Field(default_factory=list)
    skills: list[Slug] = Field(default_factory=list)
    tasks: list[Slug] = Field(default_factory=list)
    year: int | None = None
    status: Literal["draft", "published"] = "published"
    kind: Slug | None = None
    figures: list[Figure] = Field(default_factory=list)
    note: str | None = None

    _short_cites = field_validator("cites", mode="before", json_schema_input_type=list[Union[Slug, Citation]])(
        lambda raw: _expand(raw, "source"))

    def citations(self) -> list[Citation]:
        """Every cite as a :class:`Citation` (a bare source id is short for ``{source: id}``)."""
        return self.cites


class Codes(_Strict):
    """Taxonomy codes, kept as strings exactly as given."""

    soc: str | None = None
    onet: str | None = None
    isco: str | None = None
    esco: str | None = None


class SkillLink(_Strict):
    """An occupation's skill with optional O*NET-style importance and level, or ESCO-style relation."""

    skill: Slug
    importance: float | None = None
    level: float | None = None
    relation: Literal["essential", "optional"] | None = None
    """ESCO's relation of the skill to the occupation (O*NET rates importance and level instead)."""


class Occupation(Record):
    """A role: its codes, family, skills, tasks and declared related roles."""
    title: Text
    codes: Codes = Field(default_factory=Codes)
    family: str | None = None
    description: str | None = None
    aliases: list[Text] = Field(default_factory=list)
    job_zone: Annotated[int, Field(ge=1, le=5)] | None = None
    skills: list[SkillLink] = Field(default_factory=list)
    tasks: list[Slug] = Field(default_factory=list)
    adjacent: list[Slug] = Field(default_factory=list)
    note: str | None = None

    _short_skills = field_validator("skills", mode="before", json_schema_input_type=list[Union[Slug, SkillLink]])(
        lambda raw: _expand(raw, "skill"))

    def skill_links(self) -> list[SkillLink]:
        """Every skill as a :class:`SkillLink` (a bare id is short for ``{skill: id}``)."""
        return self.skills


class Skill(Record):
    """A skill, knowledge area or tool."""
    title: Text
    aliases: list[Text] = Field(default_factory=list)
    description: str | None = None
    category: str | None = None
    note: str | None = None


class Task(Record):
    """A task of an occupation with its share of working time and its scores."""

    title: Text
    occupation: Slug | None = None
    time_share: Annotated[Decimal, Field(ge=0, le=100)] | None = None
    exposure: Annotated[Decimal, Field(ge=0, le=100)] | None = None
    scores: dict[Slug, Decimal] = Field(default_factory=dict)
    category: str | None = None
    source: Slug | None = None
    """The source whose task decomposition this task belongs to (one role may have several)."""
    description: str | None = None
    note: str | None = None


class Page(Record):
    """A published page: the claims it shows, in display order, and its internal links."""

    title: Text
    path: str | None = None
    url: str | None = None
    occupation: Slug | None = None
    skill: Slug | None = None
    claims: list[Slug] = Field(default_factory=list)
    links: list[Slug] = Field(default_factory=list)
    note: str | None = None


Derivation.model_rebuild()
Figure.model_rebuild()

KINDS: dict[str, type[Record]] = {
    "designs": Design,
    "sources": Source,
    "claims": Claim,
    "occupations": Occupation,
    "skills": Skill,
    "tasks": Task,
    "pages": Page,
}
"""Every record kind, in the order the loader and the renderers use."""
