"""The RDF vocabulary of the evidence graph: namespaces and the project's own terms.

Standard vocabularies are reused where they fit — schema.org for claims, occupations,
pages and skills; CiTO for citation; PROV-O for provenance (``prov:hadPrimarySource``
for a claim's primary URL, ``prov:wasDerivedFrom`` for an aggregator it was taken from,
``prov:wasQuotedFrom`` for quotes); SKOS for the design ladder (a concept scheme with
ranks) and occupation codes (``skos:notation`` typed by their scheme); DCTERMS for
titles, dates and publishers. The ``ev:`` namespace holds the rest, each term declared
in :data:`TERMS` so the ontology artefact (``schemas/generated/evidence.ttl``) and the
JSON-LD context are generated from one list.
"""

from __future__ import annotations

from dataclasses import dataclass

EV = "https://evidence.example/ns#"
SCHEMA = "https://schema.org/"
CITO = "http://purl.org/spar/cito/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES: dict[str, str] = {
    "ev": EV,
    "schema": SCHEMA,
    "cito": CITO,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "sh": SH,
}
"""Prefixes predeclared in queries and used by every export."""


@dataclass(frozen=True)
class Term:
    """One term of the ``ev:`` vocabulary: its local name, kind, label and meaning."""

    name: str
    kind: str  # "class", "object", "datatype" (property kinds) or "datatype-iri"
    comment: str
    domain: str | None = None
    range: str | None = None

    @property
    def iri(self) -> str:
        return EV + self.name


TERMS: tuple[Term, ...] = (
    Term("Claim", "class", "A statement a page prints, resting on cited sources."),
    Term("Source", "class", "Something a claim rests on: a study, report, dataset or page."),
    Term("Design", "class", "A study design on the evidence ladder (a skos:Concept of the ladder scheme)."),
    Term("Occupation", "class", "A role with codes, skills, tasks and related roles."),
    Term("Skill", "class", "A skill, knowledge area or tool."),
    Term("Task", "class", "A task of an occupation, with its share of working time and scores."),
    Term("Page", "class", "A published page showing claims in a display order."),
    Term("Citation", "class", "One citation of a source by a claim, with its locator and quote."),
    Term("Figure", "class", "A number a claim states."),
    Term("Listing", "class", "A claim shown on a page at a position."),
    Term("SkillRequirement", "class", "An occupation's skill with importance and level."),
    Term("Score", "class", "A named numeric score of a task."),
    Term("KindRank", "class", "A design's rank for one kind of claim."),
    Term("DataFile", "class", "A catalogue file; in TriG and N-Quads the named graph of its statements."),
    Term("status", "datatype", "Publication status of a claim: draft or published.", "Claim"),
    Term("claimKind", "datatype", "The kind of a claim (causal, prevalence, forecast, ...).", "Claim"),
    Term("citation", "object", "A citation node of a claim.", "Claim", "Citation"),
    Term("citedSource", "object", "The source a citation cites.", "Citation", "Source"),
    Term("locator", "datatype", "Where in the source (page, table, section).", "Citation"),
    Term("quote", "datatype", "The exact words cited.", "Citation"),
    Term("figure", "object", "A figure a claim states.", "Claim", "Figure"),
    Term("statedValue", "datatype", "The value as stated.", "Figure"),
    Term("unit", "datatype", "The unit of a figure.", "Figure"),
    Term("design", "object", "The study design of a source.", "Source", "Design"),
    Term("designName", "datatype", "A design name the ladder does not know (kept, not linked).", "Source"),
    Term("rawUrl", "datatype", "A source URL that failed normalisation (EV203), kept as written.", "Source"),
    Term("doi", "datatype", "The normalised DOI of a source.", "Source"),
    Term("sampleSize", "datatype", "The sample size of a study.", "Source"),
    Term("aggregator", "datatype", "True when the source is an aggregator (flagged or by domain).", "Source"),
    Term("accessed", "datatype", "When the source was accessed.", "Source"),
    Term("archivedUrl", "datatype", "An archived copy of the source.", "Source"),
    Term("rank", "datatype", "Rank on the evidence ladder; 1 is the strongest.", "Design"),
    Term("kindRank", "object", "A per-claim-kind rank of a design.", "Design", "KindRank"),
    Term("family", "datatype", "The occupation family.", "Occupation"),
    Term("jobZone", "datatype", "O*NET job zone (1-5).", "Occupation"),
    Term("requires", "object", "A skill requirement with weights.", "Occupation", "SkillRequirement"),
    Term("skill", "object", "The skill of a requirement.", "SkillRequirement", "Skill"),
    Term("importance", "datatype", "Importance of a skill for an occupation.", "SkillRequirement"),
    Term("level", "datatype", "Level of a skill for an occupation.", "SkillRequirement"),
    Term("hasTask", "object", "A task of an occupation.", "Occupation", "Task"),
    Term("adjacentTo", "object", "A declared related role.", "Occupation", "Occupation"),
    Term("occupation", "object", "The occupation a task belongs to.", "Task", "Occupation"),
    Term("decomposedBy", "object", "The source whose task table a task comes from.", "Task", "Source"),
    Term("timeShare", "datatype", "Share of working time, in percent.", "Task"),
    Term("exposure", "datatype", "Exposure score, in percent.", "Task"),
    Term("score", "object", "A named score of a task.", "Task", "Score"),
    Term("scoreName", "datatype", "The name of a score.", "Score"),
    Term("value", "datatype", "A numeric value.", None),
    Term("category", "datatype", "A category label.", None),
    Term("path", "datatype", "A site path or a file path.", None),
    Term("listing", "object", "A claim shown on a page at a position.", "Page", "Listing"),
    Term("showsClaim", "object", "A claim a page shows (any position).", "Page", "Claim"),
    Term("position", "datatype", "1-based display position.", "Listing"),
    Term("claim", "object", "The claim of a listing.", "Listing", "Claim"),
    Term("linksTo", "object", "An internal link of a page to a page or occupation.", "Page"),
    Term("definedIn", "object", "The catalogue file a record was read from.", None, "DataFile"),
    Term("sha256", "datatype", "The SHA-256 digest of a data file's bytes.", "DataFile"),
    Term("SOC", "datatype-iri", "Datatype of SOC 2018 codes used as skos:notation."),
    Term("ONET", "datatype-iri", "Datatype of O*NET-SOC codes used as skos:notation."),
    Term("ISCO08", "datatype-iri", "Datatype of ISCO-08 codes used as skos:notation."),
)
TERM_IRIS: dict[str, str] = {term.name: term.iri for term in TERMS}

CODE_DATATYPES = {"soc": EV + "SOC", "onet": EV + "ONET", "isco": EV + "ISCO08"}
"""Occupation code schemes as the datatype of their ``skos:notation``; ESCO codes are URIs (skos:exactMatch)."""


def ev(name: str) -> str:
    """The IRI of an ``ev:`` term, refusing names the vocabulary does not declare."""
    if name not in TERM_IRIS:
        raise KeyError(f"ev:{name} is not in the vocabulary")
    return TERM_IRIS[name]
