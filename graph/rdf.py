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
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from schemas.catalogue import Catalogue
from schemas.designs import design_names, merged_designs
from schemas.sources import source_status
from schemas.vocab import CITO, CODE_DATATYPES, DCTERMS, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, ev

TYPE = f"<{RDF}type>"
LADDER_GRAPH = "ladder"
PROVENANCE_GRAPH = ""  # the default graph


def iri(value: str) -> str:
    """An IRI as an N-Triples term."""
    return f"<{value}>"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


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


@dataclass(frozen=True)
class Statement:
    """One triple and the named graph (a data file's IRI, or "" for the default graph) it belongs to."""

    s: str
    p: str
    o: str
    g: str

    def ntriples(self) -> str:
        return f"{self.s} {self.p} {self.o} ."

    def nquads(self) -> str:
        return f"{self.s} {self.p} {self.o} <{self.g}> ." if self.g else self.ntriples()


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
    def statements(self) -> Iterator[Statement]:
        """Every statement of the catalogue, unsorted."""
        yield from self._files()
        yield from self._designs()
        for kind, method in (("sources", self._source), ("claims", self._claim), ("occupations", self._occupation),
                             ("skills", self._skill), ("tasks", self._task), ("pages", self._page)):
            for rid in self.catalogue.records[kind]:
                g = self.graph_of(kind, rid)
                for s, p, o in method(rid):
                    yield Statement(s, p, o, g)
                if (kind, rid) in self.catalogue.origins:
                    yield Statement(self.node(kind[:-1], rid), iri(ev("definedIn")), iri(g), g)

    def _files(self) -> Iterator[Statement]:
        root = Path(self.catalogue.root)
        for shown in self.catalogue.files:
            relative = self.catalogue.relative(shown)
            f = iri(self.file_iri(relative))
            digest = hashlib.sha256((root / relative).read_bytes()).hexdigest() if (root / relative).is_file() else None
            yield Statement(f, TYPE, iri(ev("DataFile")), PROVENANCE_GRAPH)
            yield Statement(f, TYPE, iri(PROV + "Entity"), PROVENANCE_GRAPH)
            yield Statement(f, iri(ev("path")), literal(relative), PROVENANCE_GRAPH)
            if digest:
                yield Statement(f, iri(ev("sha256")), literal(digest), PROVENANCE_GRAPH)

    def _designs(self) -> Iterator[Statement]:
        scheme = iri(self.base + "design-ladder")
        g_default = self.base + LADDER_GRAPH
        yield Statement(scheme, TYPE, iri(SKOS + "ConceptScheme"), g_default)
        yield Statement(scheme, iri(SKOS + "prefLabel"), literal("Evidence ladder (study designs by strength)", None), g_default)
        for did, design in self.designs.items():
            g = self.graph_of("designs", did) if did in self.catalogue.designs else g_default
            d = self.node("design", did)
            for p, o in (
                (TYPE, iri(SKOS + "Concept")), (TYPE, iri(ev("Design"))),
                (iri(SKOS + "inScheme"), scheme), (iri(SKOS + "notation"), literal(did)),
                (iri(SKOS + "prefLabel"), literal(design.label)), (iri(ev("rank")), literal(design.rank)),
            ):
                yield Statement(d, p, o, g)
            for alias in design.aliases:
                yield Statement(d, iri(SKOS + "altLabel"), literal(alias), g)
            if design.description:
                yield Statement(d, iri(SKOS + "definition"), literal(design.description), g)
            for kind, rank in design.ranks.items():
                k = iri(f"{self.base}design/{did}/rank/{kind}")
                yield Statement(d, iri(ev("kindRank")), k, g)
                yield Statement(k, TYPE, iri(ev("KindRank")), g)
                yield Statement(k, iri(ev("claimKind")), literal(kind), g)
                yield Statement(k, iri(ev("rank")), literal(rank), g)

    def _source(self, sid: str) -> Iterator[tuple[str, str, str]]:
        source, status, s = self.catalogue.sources[sid], self.statuses[sid], self.node("source", sid)
        yield s, TYPE, iri(ev("Source"))
        yield s, TYPE, iri(SCHEMA + "CreativeWork")
        yield s, iri(SCHEMA + "identifier"), literal(sid)
        yield s, iri(DCTERMS + "title"), literal(source.title)
        if status.url is not None:
            yield s, iri(SCHEMA + "url"), iri(status.url.text)
        elif source.url is not None:
            yield s, iri(ev("rawUrl")), literal(source.url)
        if status.doi is not None:
            yield s, iri(ev("doi")), literal(status.doi)
            yield s, iri(OWL + "sameAs"), iri("https://doi.org/" + quote(status.doi, safe="/;:()._-"))
        elif source.doi is not None:
            yield s, iri(ev("doi")), literal(source.doi)
        if source.publisher:
            yield s, iri(DCTERMS + "publisher"), literal(source.publisher)
        for author in source.authors:
            yield s, iri(DCTERMS + "creator"), literal(author)
        if source.year is not None:
            yield s, iri(DCTERMS + "date"), literal(str(source.year), XSD + "gYear")
        design = self.design_names.get((source.design or "").strip().lower())
        if design is not None:
            yield s, iri(ev("design")), self.node("design", design.id)
        elif source.design:
            yield s, iri(ev("designName")), literal(source.design)
        if source.sample_size is not None:
            yield s, iri(ev("sampleSize")), literal(source.sample_size)
        yield s, iri(ev("aggregator")), literal(status.aggregator)
        if source.accessed:
            yield s, iri(ev("accessed")), literal(source.accessed)
        if source.archived_url:
            yield s, iri(ev("archivedUrl")), literal(source.archived_url)
        if source.note:
            yield s, iri(RDFS + "comment"), literal(source.note)

    def _claim(self, cid: str) -> Iterator[tuple[str, str, str]]:
        claim, c = self.catalogue.claims[cid], self.node("claim", cid)
        yield c, TYPE, iri(ev("Claim"))
        yield c, TYPE, iri(SCHEMA + "Claim")
        yield c, iri(SCHEMA + "identifier"), literal(cid)
        yield c, iri(SCHEMA + "text"), literal(claim.text)
        yield c, iri(ev("status")), literal(claim.status)
        if claim.kind:
            yield c, iri(ev("claimKind")), literal(claim.kind)
        if claim.year is not None:
            yield c, iri(DCTERMS + "date"), literal(str(claim.year), XSD + "gYear")
        for field in ("occupations", "skills", "tasks"):
            for target in getattr(claim, field):
                yield c, iri(SCHEMA + "about"), self.node(field[:-1], target)
        for index, citation in enumerate(claim.citations()):
            source = self.node("source", citation.source)
            yield c, iri(CITO + "citesAsEvidence"), source
            n = iri(f"{self.base}claim/{cid}/citation/{index + 1}")
            yield c, iri(ev("citation")), n
            yield n, TYPE, iri(ev("Citation"))
            yield n, iri(ev("citedSource")), source
            yield n, iri(ev("position")), literal(index + 1)
            if citation.locator:
                yield n, iri(ev("locator")), literal(citation.locator)
            if citation.quote:
                yield n, iri(ev("quote")), literal(citation.quote)
                yield n, iri(PROV + "wasQuotedFrom"), source
            status = self.statuses.get(citation.source)
            if status is not None and status.primary_url is not None:
                yield c, iri(PROV + "hadPrimarySource"), iri(status.primary_url.text)
            elif status is not None and status.aggregator:
                yield c, iri(PROV + "wasDerivedFrom"), iri(status.url.text) if status.url else source
        for figure in claim.figures:
            f = self.node("figure", figure.id)
            yield c, iri(ev("figure")), f
            yield f, TYPE, iri(ev("Figure"))
            yield f, iri(ev("statedValue")), literal(figure.value)
            if figure.unit:
                yield f, iri(ev("unit")), literal(figure.unit)
            if figure.label:
                yield f, iri(RDFS + "label"), literal(figure.label)
        if claim.note:
            yield c, iri(RDFS + "comment"), literal(claim.note)

    def _occupation(self, oid: str) -> Iterator[tuple[str, str, str]]:
        occupation, o = self.catalogue.occupations[oid], self.node("occupation", oid)
        yield o, TYPE, iri(ev("Occupation"))
        yield o, TYPE, iri(SCHEMA + "Occupation")
        yield o, iri(SCHEMA + "identifier"), literal(oid)
        yield o, iri(SCHEMA + "name"), literal(occupation.title)
        for scheme, datatype in CODE_DATATYPES.items():
            code = getattr(occupation.codes, scheme)
            if code:
                yield o, iri(SKOS + "notation"), literal(code, datatype)
        if occupation.codes.esco:
            yield o, iri(SKOS + "exactMatch"), iri(occupation.codes.esco) if occupation.codes.esco.startswith("http") else literal(occupation.codes.esco)
        if occupation.family:
            yield o, iri(ev("family")), literal(occupation.family)
        if occupation.description:
            yield o, iri(SCHEMA + "description"), literal(occupation.description)
        for alias in occupation.aliases:
            yield o, iri(SCHEMA + "alternateName"), literal(alias)
        if occupation.job_zone is not None:
            yield o, iri(ev("jobZone")), literal(occupation.job_zone)
        for link in occupation.skill_links():
            skill = self.node("skill", link.skill)
            yield o, iri(SCHEMA + "skills"), skill
            if link.importance is not None or link.level is not None:
                r = iri(f"{self.base}occupation/{oid}/skill/{link.skill}")
                yield o, iri(ev("requires")), r
                yield r, TYPE, iri(ev("SkillRequirement"))
                yield r, iri(ev("skill")), skill
                if link.importance is not None:
                    yield r, iri(ev("importance")), literal(link.importance, XSD + "double")
                if link.level is not None:
                    yield r, iri(ev("level")), literal(link.level, XSD + "double")
        for task in occupation.tasks:
            yield o, iri(ev("hasTask")), self.node("task", task)
        for other in occupation.adjacent:
            yield o, iri(ev("adjacentTo")), self.node("occupation", other)
        if occupation.note:
            yield o, iri(RDFS + "comment"), literal(occupation.note)

    def _skill(self, sid: str) -> Iterator[tuple[str, str, str]]:
        skill, k = self.catalogue.skills[sid], self.node("skill", sid)
        yield k, TYPE, iri(ev("Skill"))
        yield k, TYPE, iri(SCHEMA + "DefinedTerm")
        yield k, iri(SCHEMA + "identifier"), literal(sid)
        yield k, iri(SCHEMA + "name"), literal(skill.title)
        for alias in skill.aliases:
            yield k, iri(SCHEMA + "alternateName"), literal(alias)
        if skill.description:
            yield k, iri(SCHEMA + "description"), literal(skill.description)
        if skill.category:
            yield k, iri(ev("category")), literal(skill.category)

    def _task(self, tid: str) -> Iterator[tuple[str, str, str]]:
        task, t = self.catalogue.tasks[tid], self.node("task", tid)
        yield t, TYPE, iri(ev("Task"))
        yield t, iri(SCHEMA + "identifier"), literal(tid)
        yield t, iri(SCHEMA + "name"), literal(task.title)
        if task.occupation:
            yield t, iri(ev("occupation")), self.node("occupation", task.occupation)
            yield self.node("occupation", task.occupation), iri(ev("hasTask")), t
        if task.source:
            yield t, iri(ev("decomposedBy")), self.node("source", task.source)
        if task.time_share is not None:
            yield t, iri(ev("timeShare")), literal(task.time_share)
        if task.exposure is not None:
            yield t, iri(ev("exposure")), literal(task.exposure)
        for name, value in sorted(task.scores.items()):
            n = iri(f"{self.base}task/{tid}/score/{name}")
            yield t, iri(ev("score")), n
            yield n, TYPE, iri(ev("Score"))
            yield n, iri(ev("scoreName")), literal(name)
            yield n, iri(ev("value")), literal(value)
        if task.category:
            yield t, iri(ev("category")), literal(task.category)
        if task.description:
            yield t, iri(SCHEMA + "description"), literal(task.description)

    def _page(self, pid: str) -> Iterator[tuple[str, str, str]]:
        page, p = self.catalogue.pages[pid], self.node("page", pid)
        yield p, TYPE, iri(ev("Page"))
        yield p, TYPE, iri(SCHEMA + "WebPage")
        yield p, iri(SCHEMA + "identifier"), literal(pid)
        yield p, iri(SCHEMA + "name"), literal(page.title)
        if page.path:
            yield p, iri(ev("path")), literal(page.path)
        if page.url:
            yield p, iri(SCHEMA + "url"), literal(page.url, XSD + "anyURI")
        if page.occupation:
            yield p, iri(SCHEMA + "about"), self.node("occupation", page.occupation)
        if page.skill:
            yield p, iri(SCHEMA + "about"), self.node("skill", page.skill)
        for position, cid in enumerate(page.claims, start=1):
            claim = self.node("claim", cid)
            n = iri(f"{self.base}page/{pid}/listing/{position}")
            yield p, iri(ev("showsClaim")), claim
            yield p, iri(ev("listing")), n
            yield n, TYPE, iri(ev("Listing"))
            yield n, iri(ev("position")), literal(position)
            yield n, iri(ev("claim")), claim
        for target in page.links:
            kind = "page" if target in self.catalogue.pages else "occupation"
            yield p, iri(ev("linksTo")), self.node(kind, target)


def statements(catalogue: Catalogue) -> list[Statement]:
    """Every statement of a catalogue, deduplicated and sorted by graph, then line."""
    unique = {(st.g, st.ntriples()): st for st in Mapper(catalogue).statements()}
    return [unique[key] for key in sorted(unique)]
