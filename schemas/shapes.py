"""SHACL shapes for the rules SHACL can express, so other tools verify our rules without our code.

* EV201 — a claim cites at least one source (``cito:citesAsEvidence``).
* EV202 — a claim that cites something has a primary URL: at least one cited source has
  an http(s) ``schema:url`` (the export writes ``schema:url`` only for URLs that pass
  normalisation and the private-host refusal) and is not an aggregator.
* EV205 — a cited source has a study design that is on the ladder (an ``ev:Design``).
* EV101-like shape checks: every record has exactly one ``schema:identifier``.

Rules that need arithmetic or ordering (EV301, EV304) are not expressible in SHACL core
and stay in the checker.
"""

from __future__ import annotations

from schemas.vocab import PREFIXES

SHAPES_NS = "https://evidence.example/shapes#"


def shapes_turtle() -> str:
    """The shapes graph as Turtle text (checked in as ``schemas/generated/shapes.ttl``)."""
    prefixes = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(PREFIXES.items()))
    return prefixes + f"@prefix shape: <{SHAPES_NS}> .\n" + '''
shape:ClaimCitesSource a sh:NodeShape ;
    rdfs:comment "EV201: a claim cites no source." ;
    sh:targetClass ev:Claim ;
    sh:property [
        sh:path cito:citesAsEvidence ;
        sh:minCount 1 ;
        sh:message "EV201 a claim cites no source" ;
    ] .

shape:ClaimHasPrimaryUrl a sh:NodeShape ;
    rdfs:comment "EV202: a claim that cites sources has no primary URL." ;
    sh:targetSubjectsOf cito:citesAsEvidence ;
    sh:property [
        sh:path cito:citesAsEvidence ;
        sh:qualifiedValueShape shape:PrimarySource ;
        sh:qualifiedMinCount 1 ;
        sh:message "EV202 a claim has no primary URL: none of its cited sources has a usable, non-aggregator http(s) URL" ;
    ] .

shape:PrimarySource a sh:NodeShape ;
    rdfs:comment "A source that can be a claim's primary URL." ;
    sh:class ev:Source ;
    sh:property [
        sh:path schema:url ;
        sh:minCount 1 ;
        sh:nodeKind sh:IRI ;
        sh:pattern "^https?://" ;
    ] ;
    sh:property [
        sh:path ev:aggregator ;
        sh:hasValue false ;
    ] .

shape:CitedSourceHasDesign a sh:NodeShape ;
    rdfs:comment "EV205: a cited source has no study design, or one the ladder does not know." ;
    sh:targetObjectsOf cito:citesAsEvidence ;
    sh:property [
        sh:path ev:design ;
        sh:minCount 1 ;
        sh:maxCount 1 ;
        sh:class ev:Design ;
        sh:message "EV205 a cited source has no study design, or one the ladder does not know" ;
    ] .

shape:DesignOnLadder a sh:NodeShape ;
    sh:targetClass ev:Design ;
    sh:property [ sh:path ev:rank ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 1 ] ;
    sh:property [ sh:path skos:inScheme ; sh:minCount 1 ] .

shape:RecordIdentifier a sh:NodeShape ;
    sh:targetClass ev:Claim , ev:Source , ev:Occupation , ev:Skill , ev:Task , ev:Page ;
    sh:property [ sh:path schema:identifier ; sh:minCount 1 ; sh:maxCount 1 ; sh:pattern "^[a-z0-9][a-z0-9-]*$" ] .
'''
