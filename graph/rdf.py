"""The catalogue as RDF: every record's statements, in the named graph of its data file.

Statements are produced as N-Triples terms (strings), sorted, with no blank nodes: nested
things (citations, listings, skill requirements, scores, figures) get IRIs derived from
their owner's, so every export is deterministic byte for byte. Instance IRIs are
``{base_iri}{kind}/{id}``; the vocabulary is :mod:`schemas.vocab`.

What is derived rather than copied: a claim's ``prov:hadPrimarySource`` (the normalised
URLs of its cited sources that pass the checks), ``prov:wasDerivedFrom`` (aggregators it
cites), a source's effective ``ev:aggregator``, and design links resolved through aliases.
A URL that fails normalisation is kept as ``ev:rawUrl`` so nothing is lost.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from schemas.catalogue import Catalogue
from schemas.designs import design_names, merged_designs
from schemas.sources import source_status
from schemas.vocab import CITO, CODE_DATATYPES, DCTERMS, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, TERMS, XSD

TYPE = f"<{RDF}type>"
EVI = {term.name: f"<{term.iri}>" for term in TERMS}
"""Every ``ev:`` term as an N-Triples IRI term, looked up rather than built per statement."""
_V = {
    "CITO:citesAsEvidence": f"<{CITO}citesAsEvidence>",
    "DCTERMS:creator": f"<{DCTERMS}creator>",
    "DCTERMS:date": f"<{DCTERMS}date>",
    "DCTERMS:publisher": f"<{DCTERMS}publisher>",
    "DCTERMS:title": f"<{DCTERMS}title>",
    "OWL:sameAs": f"<{OWL}sameAs>",
    "PROV:Entity": f"<{PROV}Entity>",
    "PROV:hadPrimarySource": f"<{PROV}hadPrimarySource>",
    "PROV:wasDerivedFrom": f"<{PROV}wasDerivedFrom>",
    "PROV:wasQuotedFrom": f"<{PROV}wasQuotedFrom>",
    "RDFS:comment": f"<{RDFS}comment>",
    "RDFS:label": f"<{RDFS}label>",
    "SCHEMA:Claim": f"<{SCHEMA}Claim>",
    "SCHEMA:CreativeWork": f"<{SCHEMA}CreativeWork>",
    "SCHEMA:DefinedTerm": f"<{SCHEMA}DefinedTerm>",
    "SCHEMA:Occupation": f"<{SCHEMA}Occupation>",
    "SCHEMA:WebPage": f"<{SCHEMA}WebPage>",
    "SCHEMA:about": f"<{SCHEMA}about>",
    "SCHEMA:alternateName": f"<{SCHEMA}alternateName>",
    "SCHEMA:description": f"<{SCHEMA}description>",
    "SCHEMA:identifier": f"<{SCHEMA}identifier>",
    "SCHEMA:name": f"<{SCHEMA}name>",
    "SCHEMA:skills": f"<{SCHEMA}skills>",
    "SCHEMA:text": f"<{SCHEMA}text>",
    "SCHEMA:url": f"<{SCHEMA}url>",
    "SKOS:Concept": f"<{SKOS}Concept>",
    "SKOS:ConceptScheme": f"<{SKOS}ConceptScheme>",
    "SKOS:altLabel": f"<{SKOS}altLabel>",
    "SKOS:definition": f"<{SKOS}definition>",
    "SKOS:exactMatch": f"<{SKOS}exactMatch>",
    "SKOS:inScheme": f"<{SKOS}inScheme>",
    "SKOS:notation": f"<{SKOS}notation>",
    "SKOS:prefLabel": f"<{SKOS}prefLabel>",
}

LADDER_GRAPH = "ladder"
PROVENANCE_GRAPH = ""  # the default graph


def iri(value: str) -> str:
    """An IRI as an N-Triples term."""
    return f"<{value}>"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(_escape_char, text)


def literal(value: object, datatype: str | None = None) -> str:
    """A literal as an N-Triples term; booleans, ints and decimals get their XSD datatype."""
    if isinstance(value, bool):
        return f'"{"true" if value else "false"}"^^<{XSD}boolean>'
    if isinstance(value, int) and datatype is None:
        return f'"{value}"^^<{XSD}integer>'
    if datatype is None and not isinstance(value, str):
        datatype = XSD + "decimal"
        value = format(value, "f")
    text = f'"{_escape(str(value))}"'
    return f"{text}^^<{datatype}>" if datatype else text


Statement = tuple[str, str]
"""One triple: the named graph it belongs to (a data file's IRI, or "" for the default
graph) and the triple as an N-Triples line."""


def nquads_line(statement: Statement) -> str:
    """The statement as an N-Quads line (the graph term added unless it is the default graph)."""
    g, line = statement
    return f"{line[:-2]} <{g}> ." if g else line


class Mapper:
    """Turns one catalogue into statements; ``base`` is the configured base IRI."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        base = catalogue.config.base_iri
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.designs = merged_designs(catalogue.designs.values())
        self.design_names = design_names(self.designs)
        self.statuses = {sid: source_status(s, catalogue.config) for sid, s in catalogue.sources.items()}

    # IRIs ------------------------------------------------------------------------------
    def node(self, kind: str, id: str) -> str:
        return iri(f"{self.base}{kind}/{id}")

    def file_iri(self, relative: str) -> str:
        return f"{self.base}file/{quote(relative, safe='/')}"

    def graph_of(self, kind: str, id: str) -> str:
        origin = self.catalogue.origins.get((kind, id))
        return self.file_iri(self.catalogue.relative(origin.file)) if origin else self.base + LADDER_GRAPH

    # statements ------------------------------------------------------------------------
    def statements(self) -> Iterator[tuple[str, str]]:
        """Every statement of the catalogue as (graph, N-Triples line), unsorted."""
        for s, p, o, g in self._files():
            yield g, f"{s} {p} {o} ."
        for s, p, o, g in self._designs():
            yield g, f"{s} {p} {o} ."
        defined_in = EVI["definedIn"]
        for kind, method in (("sources", self._source), ("claims", self._claim), ("occupations", self._occupation),
                             ("skills", self._skill), ("tasks", self._task), ("pages", self._page)):
            for rid in self.catalogue.records[kind]:
                g = self.graph_of(kind, rid)
                for s, p, o in method(rid):
                    yield g, f"{s} {p} {o} ."
                if (kind, rid) in self.catalogue.origins:
                    yield g, f"{self.node(kind[:-1], rid)} {defined_in} <{g}> ."

    def _files(self) -> Iterator[tuple[str, str, str, str]]:
        root = Path(self.catalogue.root)
        for shown in self.catalogue.files:
            relative = self.catalogue.relative(shown)
            f = iri(self.file_iri(relative))
            digest = hashlib.sha256((root / relative).read_bytes()).hexdigest() if (root / relative).is_file() else None
            yield (f, TYPE, EVI["DataFile"], PROVENANCE_GRAPH)
            yield (f, TYPE, _V["PROV:Entity"], PROVENANCE_GRAPH)
            yield (f, EVI["path"], literal(relative), PROVENANCE_GRAPH)
            if digest:
                yield (f, EVI["sha256"], literal(digest), PROVENANCE_GRAPH)

    def _designs(self) -> Iterator[tuple[str, str, str, str]]:
        scheme = iri(self.base + "design-ladder")
        g_default = self.base + LADDER_GRAPH
        yield (scheme, TYPE, _V["SKOS:ConceptScheme"], g_default)
        yield (scheme, _V["SKOS:prefLabel"], literal("Evidence ladder (study designs by strength)", None), g_default)
        for did, design in self.designs.items():
            g = self.graph_of("designs", did) if did in self.catalogue.designs else g_default
            d = self.node("design", did)
            for p, o in (
                (TYPE, _V["SKOS:Concept"]), (TYPE, EVI["Design"]),
                (_V["SKOS:inScheme"], scheme), (_V["SKOS:notation"], literal(did)),
                (_V["SKOS:prefLabel"], literal(design.label)), (EVI["rank"], literal(design.rank)),
            ):
                yield (d, p, o, g)
            for alias in design.aliases:
                yield (d, _V["SKOS:altLabel"], literal(alias), g)
            if design.description:
                yield (d, _V["SKOS:definition"], literal(design.description), g)
            for kind, rank in design.ranks.items():
                k = iri(f"{self.base}design/{did}/rank/{kind}")
                yield (d, EVI["kindRank"], k, g)
                yield (k, TYPE, EVI["KindRank"], g)
                yield (k, EVI["claimKind"], literal(kind), g)
                yield (k, EVI["rank"], literal(rank), g)

    def _source(self, sid: str) -> Iterator[tuple[str, str, str]]:
        source, status, s = self.catalogue.sources[sid], self.statuses[sid], self.node("source", sid)
        yield s, TYPE, EVI["Source"]
        yield s, TYPE, _V["SCHEMA:CreativeWork"]
        yield s, _V["SCHEMA:identifier"], literal(sid)
        yield s, _V["DCTERMS:title"], literal(source.title)
        if status.url is not None:
            yield s, _V["SCHEMA:url"], iri(status.url.text)
        elif source.url is not None:
            yield s, EVI["rawUrl"], literal(source.url)
        if status.doi is not None:
            yield s, EVI["doi"], literal(status.doi)
            yield s, _V["OWL:sameAs"], iri("https://doi.org/" + quote(status.doi, safe="/;:()._-"))
        elif source.doi is not None:
            yield s, EVI["doi"], literal(source.doi)
        if source.publisher:
            yield s, _V["DCTERMS:publisher"], literal(source.publisher)
        for author in source.authors:
            yield s, _V["DCTERMS:creator"], literal(author)
        if source.year is not None:
            yield s, _V["DCTERMS:date"], literal(str(source.year), XSD + "gYear")
        design = self.design_names.get((source.design or "").strip().lower())
        if design is not None:
            yield s, EVI["design"], self.node("design", design.id)
        elif source.design:
            yield s, EVI["designName"], literal(source.design)
        if source.sample_size is not None:
            yield s, EVI["sampleSize"], literal(source.sample_size)
        yield s, EVI["aggregator"], literal(status.aggregator)
        if source.accessed:
            yield s, EVI["accessed"], literal(source.accessed)
        if source.archived_url:
            yield s, EVI["archivedUrl"], literal(source.archived_url)
        if source.note:
            yield s, _V["RDFS:comment"], literal(source.note)

    def _claim(self, cid: str) -> Iterator[tuple[str, str, str]]:
        claim, c = self.catalogue.claims[cid], self.node("claim", cid)
        yield c, TYPE, EVI["Claim"]
        yield c, TYPE, _V["SCHEMA:Claim"]
        yield c, _V["SCHEMA:identifier"], literal(cid)
        yield c, _V["SCHEMA:text"], literal(claim.text)
        yield c, EVI["status"], literal(claim.status)
        if claim.kind:
            yield c, EVI["claimKind"], literal(claim.kind)
        if claim.year is not None:
            yield c, _V["DCTERMS:date"], literal(str(claim.year), XSD + "gYear")
        for field in ("occupations", "skills", "tasks"):
            for target in getattr(claim, field):
                yield c, _V["SCHEMA:about"], self.node(field[:-1], target)
        for index, citation in enumerate(claim.citations()):
            source = self.node("source", citation.source)
            yield c, _V["CITO:citesAsEvidence"], source
            n = iri(f"{self.base}claim/{cid}/citation/{index + 1}")
            yield c, EVI["citation"], n
            yield n, TYPE, EVI["Citation"]
            yield n, EVI["citedSource"], source
            yield n, EVI["position"], literal(index + 1)
            if citation.locator:
                yield n, EVI["locator"], literal(citation.locator)
            if citation.quote:
                yield n, EVI["quote"], literal(citation.quote)
                yield n, _V["PROV:wasQuotedFrom"], source
            status = self.statuses.get(citation.source)
            if status is not None and status.primary_url is not None:
                yield c, _V["PROV:hadPrimarySource"], iri(status.primary_url.text)
            elif status is not None and status.aggregator:
                yield c, _V["PROV:wasDerivedFrom"], iri(status.url.text) if status.url else source
        for figure in claim.figures:
            f = self.node("figure", figure.id)
            yield c, EVI["figure"], f
            yield f, TYPE, EVI["Figure"]
            yield f, EVI["statedValue"], literal(figure.value)
            if figure.unit:
                yield f, EVI["unit"], literal(figure.unit)
            if figure.label:
                yield f, _V["RDFS:label"], literal(figure.label)
        if claim.note:
            yield c, _V["RDFS:comment"], literal(claim.note)

    def _occupation(self, oid: str) -> Iterator[tuple[str, str, str]]:
        occupation, o = self.catalogue.occupations[oid], self.node("occupation", oid)
        yield o, TYPE, EVI["Occupation"]
        yield o, TYPE, _V["SCHEMA:Occupation"]
        yield o, _V["SCHEMA:identifier"], literal(oid)
        yield o, _V["SCHEMA:name"], literal(occupation.title)
        for scheme, datatype in CODE_DATATYPES.items():
            code = getattr(occupation.codes, scheme)
            if code:
                yield o, _V["SKOS:notation"], literal(code, datatype)
        if occupation.codes.esco:
            yield o, _V["SKOS:exactMatch"], iri(occupation.codes.esco) if occupation.codes.esco.startswith("http") else literal(occupation.codes.esco)
        if occupation.family:
            yield o, EVI["family"], literal(occupation.family)
        if occupation.description:
            yield o, _V["SCHEMA:description"], literal(occupation.description)
        for alias in occupation.aliases:
            yield o, _V["SCHEMA:alternateName"], literal(alias)
        if occupation.job_zone is not None:
            yield o, EVI["jobZone"], literal(occupation.job_zone)
        for link in occupation.skill_links():
            skill = self.node("skill", link.skill)
            yield o, _V["SCHEMA:skills"], skill
            if link.importance is not None or link.level is not None:
                r = iri(f"{self.base}occupation/{oid}/skill/{link.skill}")
                yield o, EVI["requires"], r
                yield r, TYPE, EVI["SkillRequirement"]
                yield r, EVI["skill"], skill
                if link.importance is not None:
                    yield r, EVI["importance"], literal(link.importance, XSD + "double")
                if link.level is not None:
                    yield r, EVI["level"], literal(link.level, XSD + "double")
        for task in occupation.tasks:
            yield o, EVI["hasTask"], self.node("task", task)
        for other in occupation.adjacent:
            yield o, EVI["adjacentTo"], self.node("occupation", other)
        if occupation.note:
            yield o, _V["RDFS:comment"], literal(occupation.note)

    def _skill(self, sid: str) -> Iterator[tuple[str, str, str]]:
        skill, k = self.catalogue.skills[sid], self.node("skill", sid)
        yield k, TYPE, EVI["Skill"]
        yield k, TYPE, _V["SCHEMA:DefinedTerm"]
        yield k, _V["SCHEMA:identifier"], literal(sid)
        yield k, _V["SCHEMA:name"], literal(skill.title)
        for alias in skill.aliases:
            yield k, _V["SCHEMA:alternateName"], literal(alias)
        if skill.description:
            yield k, _V["SCHEMA:description"], literal(skill.description)
        if skill.category:
            yield k, EVI["category"], literal(skill.category)

    def _task(self, tid: str) -> Iterator[tuple[str, str, str]]:
        task, t = self.catalogue.tasks[tid], self.node("task", tid)
        yield t, TYPE, EVI["Task"]
        yield t, _V["SCHEMA:identifier"], literal(tid)
        yield t, _V["SCHEMA:name"], literal(task.title)
        if task.occupation:
            yield t, EVI["occupation"], self.node("occupation", task.occupation)
            yield self.node("occupation", task.occupation), EVI["hasTask"], t
        if task.source:
            yield t, EVI["decomposedBy"], self.node("source", task.source)
        if task.time_share is not None:
            yield t, EVI["timeShare"], literal(task.time_share)
        if task.exposure is not None:
            yield t, EVI["exposure"], literal(task.exposure)
        for name, value in sorted(task.scores.items()):
            n = iri(f"{self.base}task/{tid}/score/{name}")
            yield t, EVI["score"], n
            yield n, TYPE, EVI["Score"]
            yield n, EVI["scoreName"], literal(name)
            yield n, EVI["value"], literal(value)
        if task.category:
            yield t, EVI["category"], literal(task.category)
        if task.description:
            yield t, _V["SCHEMA:description"], literal(task.description)

    def _page(self, pid: str) -> Iterator[tuple[str, str, str]]:
        page, p = self.catalogue.pages[pid], self.node("page", pid)
        yield p, TYPE, EVI["Page"]
        yield p, TYPE, _V["SCHEMA:WebPage"]
        yield p, _V["SCHEMA:identifier"], literal(pid)
        yield p, _V["SCHEMA:name"], literal(page.title)
        if page.path:
            yield p, EVI["path"], literal(page.path)
        if page.url:
            yield p, _V["SCHEMA:url"], literal(page.url, XSD + "anyURI")
        if page.occupation:
            yield p, _V["SCHEMA:about"], self.node("occupation", page.occupation)
        if page.skill:
            yield p, _V["SCHEMA:about"], self.node("skill", page.skill)
        for position, cid in enumerate(page.claims, start=1):
            claim = self.node("claim", cid)
            n = iri(f"{self.base}page/{pid}/listing/{position}")
            yield p, EVI["showsClaim"], claim
            yield p, EVI["listing"], n
            yield n, TYPE, EVI["Listing"]
            yield n, EVI["position"], literal(position)
            yield n, EVI["claim"], claim
        for target in page.links:
            kind = "page" if target in self.catalogue.pages else "occupation"
            yield p, EVI["linksTo"], self.node(kind, target)


def statements(catalogue: Catalogue) -> list[Statement]:
    """Every statement of a catalogue, deduplicated; renderers sort what they write."""
    return list(set(Mapper(catalogue).statements()))
