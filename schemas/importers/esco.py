"""Import ESCO (CSV release files) as catalogue files.

Reads, from one release folder:

* ``occupations_en.csv`` (required): the occupation's URI (kept in ``codes.esco``), its
  ISCO-08 unit group (``codes.isco``, a string: ``"0110"`` stays ``"0110"``), preferred
  label (the title), alternative labels (the aliases; hidden labels are search terms,
  not titles, and are left out) and description;
* ``ISCOGroups_en.csv``: ISCO group labels, so each occupation's family is its unit
  group's name;
* ``occupation_skill_relations_from_profiles.tsv``: each occupation's essential and
  optional skills, named by label (the file carries no skill URIs), kept as skill links
  with ``relation: essential`` or ``optional``.

ESCO's own hierarchy below ISCO (the occupation code ``2654.1.7`` and the broader
relations) is not imported: the catalogue's codes hold the URI and the ISCO group.
"""

from __future__ import annotations

import re
from pathlib import Path

from schemas.diagnostics import Diagnostic
from schemas.importers.tables import Table
from schemas.importers.writer import Code, ImportResult, csv_document, slugify, unique_slugs, write_files, yaml_document

OCCUPATIONS = "occupations_en.csv"
ISCO_GROUPS = "ISCOGroups_en.csv"
RELATIONS = "occupation_skill_relations_from_profiles.tsv"
URI_PATTERN = re.compile(r"https?://\S+")
ISCO_PATTERN = re.compile(r"\d{4}")
ATTRIBUTION = "This service uses the ESCO classification of the European Commission."


class EscoReader:
    """Reads one ESCO release folder into plain records, collecting diagnostics."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.diagnostics: list[Diagnostic] = []
        self.rows: dict[str, int] = {}
        self.occupations: dict[str, dict[str, object]] = {}  # uri -> fields
        self.groups: dict[str, str] = {}  # ISCO code -> label
        self.links: dict[str, dict[str, str]] = {}  # uri -> {skill label: relation}

    def table(self, name: str, delimiter: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Table | None:
        """The release file ``name``, or None when the release lacks it."""
        path = self.folder / name
        if not path.is_file():
            return None
        return Table(path, path.as_posix(), self.diagnostics, delimiter=delimiter, required=required, optional=optional)

    def read(self) -> None:
        """Read the files of the release that are present; the occupations file is required."""
        table = self.table(OCCUPATIONS, ",", ("conceptUri", "iscoGroup", "preferredLabel"), ("altLabels", "description"))
        if table is None:
            self.diagnostics.append(Diagnostic("EV100", "error", f"no '{OCCUPATIONS}' in the ESCO folder", self.folder.as_posix()))
            return
        self.read_occupations(table)
        self.rows[table.path.name] = table.rows
        groups = self.table(ISCO_GROUPS, ",", ("code", "preferredLabel"))
        if groups is not None:
            for _line, row in groups:
                self.groups[groups.cell(row, "code")] = groups.cell(row, "preferredLabel")
            self.rows[groups.path.name] = groups.rows
        relations = self.table(RELATIONS, "\t", ("occupationUri", "relationType", "skillLabel"))
        if relations is not None:
            self.read_relations(relations)
            self.rows[relations.path.name] = relations.rows

    def read_occupations(self, table: Table) -> None:
        """One occupation per row: URI, ISCO unit group, labels, description."""
        for line, row in table:
            uri, isco, label = (table.cell(row, name) for name in ("conceptUri", "iscoGroup", "preferredLabel"))
            if not URI_PATTERN.fullmatch(uri):
                table.problem(line, f"{uri!r} is not an occupation URI")
                continue
            if not ISCO_PATTERN.fullmatch(isco):
                table.problem(line, f"ISCO group {isco!r} of {uri} is not a four-digit ISCO-08 unit group code")
                continue
            if not label:
                table.problem(line, f"occupation {uri} has no preferred label")
                continue
            if uri in self.occupations:
                table.problem(line, f"occupation {uri} is defined twice")
                continue
            aliases: dict[str, str] = {}
            for alias in table.cell(row, "altLabels").split("\n"):
                alias = alias.strip()
                if alias and alias.casefold() != label.casefold():
                    aliases.setdefault(alias.casefold(), alias)
            self.occupations[uri] = {"title": label, "isco": isco, "aliases": list(aliases.values()),
                                     "description": table.cell(row, "description")}

    def read_relations(self, table: Table) -> None:
        """Each occupation's skills by label, essential or optional (listed twice: essential wins)."""
        for line, row in table:
            uri, relation, skill = (table.cell(row, name) for name in ("occupationUri", "relationType", "skillLabel"))
            if uri not in self.occupations:
                table.problem(line, f"occupation {uri!r} is not in {OCCUPATIONS}", 1)
                continue
            if relation not in ("essential", "optional"):
                table.problem(line, f"relation type {relation!r} is neither essential nor optional")
                continue
            if not skill:
                table.problem(line, "the row names no skill")
                continue
            links = self.links.setdefault(uri, {})
            if links.get(skill) != "essential":  # listed twice: essential wins
                links[skill] = relation


def import_esco(source: str | Path, out: str | Path) -> ImportResult:
    """Import the ESCO release in folder ``source`` into catalogue files below ``out``."""
    reader = EscoReader(Path(source))
    reader.read()
    result = ImportResult(Path(source).as_posix(), Path(out).as_posix(), reader.rows, diagnostics=reader.diagnostics)
    if not reader.occupations:
        return result
    ids = unique_slugs((uri, str(o["title"])) for uri, o in reader.occupations.items())
    labels = {label for links in reader.links.values() for label in links}
    skill_ids = unique_slugs(((label, label) for label in labels), "skill")
    groups: dict[str, list[dict[str, object]]] = {}
    for uri in sorted(reader.occupations, key=lambda u: ids[u]):
        record = reader.occupations[uri]
        isco = str(record["isco"])
        occupation: dict[str, object] = {"id": ids[uri], "title": record["title"], "codes": {"isco": Code(isco), "esco": Code(uri)}}
        if isco in reader.groups:
            occupation["family"] = reader.groups[isco]
        if record["description"]:
            occupation["description"] = record["description"]
        occupation["aliases"] = record["aliases"]
        links = reader.links.get(uri, {})
        occupation["skills"] = [
            {"skill": skill_ids[label], "relation": relation}
            for label, relation in sorted(links.items(), key=lambda item: (item[1] != "essential", skill_ids[item[0]]))
        ]
        groups.setdefault(isco[0], []).append(occupation)
    documents = {}
    for major, records in groups.items():
        name = reader.groups.get(major, "")
        header = f"ESCO occupations, ISCO major group {major}{f' ({name})' if name else ''}, imported by `evidence import esco` from {Path(source).name}.\n{ATTRIBUTION}"
        documents[f"occupations/isco-{major}{'-' + slugify(name) if name else ''}.yaml"] = yaml_document("occupations", records, header)
    documents["skills.csv"] = csv_document(("id", "title"), sorted((skill_ids[label], label) for label in labels))
    result.files = write_files(Path(out), documents)
    result.records = {"occupations": len(reader.occupations), "skills": len(labels)}
    return result
