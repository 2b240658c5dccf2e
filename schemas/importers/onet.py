"""Import the O*NET database (tab-separated release files) as catalogue files.

Reads, from one release folder (``.txt`` or ``.tsv`` names alike):

* Occupation Data (required): code, title, description, one occupation each;
* Job Zones: preparation level 1-5;
* Skills and Knowledge: importance (scale IM, 1-5) and level (LV, 0-7) per element,
  kept as the release writes them;
* Technology Skills: software and tools (the ``Example`` column);
* Task Statements: one task record each, Core or Supplemental;
* Alternate Titles (with short titles) and Sample of Reported Titles: the aliases;
* Content Model Reference: descriptions of the skill and knowledge elements.

Each occupation keeps its O*NET-SOC code exactly as given in ``codes.onet``
(``"15-2051.00"``) and its SOC code (the first seven characters) in ``codes.soc``; its
family is its SOC major group. Skills are one kind with ``category`` skill, knowledge or
technology. Rows that name an unknown code, carry a malformed code or a non-numeric
value are reported (EV100, file and line) and skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

from schemas.diagnostics import Diagnostic
from schemas.importers.tables import Table, number
from schemas.importers.writer import Code, ImportResult, Raw, csv_document, slugify, unique_slugs, write_files, yaml_document

CODE = "O*NET-SOC Code"
CODE_PATTERN = re.compile(r"\d{2}-\d{4}\.\d{2}")
ATTRIBUTION = (
    "O*NET(R) data: O*NET Resource Center, U.S. Department of Labor, Employment and Training\n"
    "Administration, licensed under CC BY 4.0 (https://www.onetcenter.org/license_db.html)."
)
SOC_MAJOR_GROUPS = {
    "11": "Management", "13": "Business and Financial Operations", "15": "Computer and Mathematical",
    "17": "Architecture and Engineering", "19": "Life, Physical, and Social Science",
    "21": "Community and Social Service", "23": "Legal", "25": "Educational Instruction and Library",
    "27": "Arts, Design, Entertainment, Sports, and Media", "29": "Healthcare Practitioners and Technical",
    "31": "Healthcare Support", "33": "Protective Service", "35": "Food Preparation and Serving Related",
    "37": "Building and Grounds Cleaning and Maintenance", "39": "Personal Care and Service",
    "41": "Sales and Related", "43": "Office and Administrative Support", "45": "Farming, Fishing, and Forestry",
    "47": "Construction and Extraction", "49": "Installation, Maintenance, and Repair", "51": "Production",
    "53": "Transportation and Material Moving", "55": "Military Specific",
}
"""SOC 2018 major groups (the O*NET-SOC taxonomy's first level), by their two-digit code."""

RATING_COLUMNS = (CODE, "Element ID", "Element Name", "Scale ID", "Data Value")


class OnetReader:
    """Reads one O*NET release folder into plain records, collecting diagnostics."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.diagnostics: list[Diagnostic] = []
        self.rows: dict[str, int] = {}
        self.occupations: dict[str, dict[str, object]] = {}
        self.aliases: dict[str, dict[str, str]] = {}
        self.ratings: dict[tuple[str, str], dict[str, str]] = {}  # (code, element) -> {IM, LV}
        self.elements: dict[str, tuple[str, str]] = {}  # element id -> (category, name)
        self.element_text: dict[str, str] = {}
        self.technology: dict[str, str] = {}  # example -> commodity title
        self.tools: dict[str, list[str]] = {}  # code -> examples
        self.tasks: list[tuple[str, str, str, str]] = []  # task id, statement, code, type

    def table(self, stem: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Table | None:
        """The release file ``stem`` (``.txt`` or ``.tsv``), or None when the release lacks it."""
        for suffix in (".txt", ".tsv"):
            path = self.folder / f"{stem}{suffix}"
            if path.is_file():
                return Table(path, path.as_posix(), self.diagnostics, delimiter="\t", required=required, optional=optional)
        return None

    def _count(self, table: Table) -> None:
        self.rows[table.path.name] = table.rows

    def _known(self, table: Table, line: int, code: str) -> bool:
        if code in self.occupations:
            return True
        if not CODE_PATTERN.fullmatch(code):
            table.problem(line, f"{code!r} is not an O*NET-SOC code (like 15-2051.00)", 1)
        else:
            table.problem(line, f"O*NET-SOC code {code!r} is not in Occupation Data", 1)
        return False

    def read(self) -> None:
        """Read every file of the release that is present; Occupation Data is required."""
        table = self.table("Occupation Data", (CODE, "Title"), ("Description",))
        if table is None:
            self.diagnostics.append(Diagnostic("EV100", "error", "no 'Occupation Data.txt' in the O*NET folder", self.folder.as_posix()))
            return
        self.read_occupations(table)
        readers = (
            ("Job Zones", (CODE, "Job Zone"), (), self.read_job_zones),
            ("Skills", RATING_COLUMNS, (), lambda t: self.read_ratings(t, "skill")),
            ("Knowledge", RATING_COLUMNS, (), lambda t: self.read_ratings(t, "knowledge")),
            ("Technology Skills", (CODE, "Example"), ("Commodity Title",), self.read_technology),
            ("Task Statements", (CODE, "Task ID", "Task"), ("Task Type",), self.read_tasks),
            ("Alternate Titles", (CODE, "Alternate Title"), ("Short Title",), self.read_alternate_titles),
            ("Sample of Reported Titles", (CODE, "Reported Job Title"), (), self.read_reported_titles),
            ("Content Model Reference", ("Element ID", "Element Name"), ("Description",), self.read_content_model),
        )
        for stem, required, optional, read_rows in readers:
            found = self.table(stem, required, optional)
            if found is not None:
                read_rows(found)
                self._count(found)

    def read_occupations(self, table: Table) -> None:
        """One occupation per row: code, title, description."""
        for line, row in table:
            code, title = table.cell(row, CODE), table.cell(row, "Title")
            if not CODE_PATTERN.fullmatch(code):
                table.problem(line, f"{code!r} is not an O*NET-SOC code (like 15-2051.00)", 1)
                continue
            if not title:
                table.problem(line, f"occupation {code} has no title")
                continue
            if code in self.occupations:
                table.problem(line, f"O*NET-SOC code {code} is defined twice", 1)
                continue
            self.occupations[code] = {"title": title, "description": table.cell(row, "Description")}
            self.aliases[code] = {}
        self._count(table)

    def read_job_zones(self, table: Table) -> None:
        """Each occupation's job zone, 1-5."""
        for line, row in table:
            code, zone = table.cell(row, CODE), table.cell(row, "Job Zone")
            if not self._known(table, line, code):
                continue
            if zone not in ("1", "2", "3", "4", "5"):
                table.problem(line, f"job zone {zone!r} of {code} is not one of 1-5")
                continue
            self.occupations[code]["job_zone"] = zone

    def read_ratings(self, table: Table, category: str) -> None:
        """Importance (IM) and level (LV) of each element per occupation; other scales are skipped."""
        occupations, elements, ratings = self.occupations, self.elements, self.ratings
        for line, (code, element, name, scale, text) in table.cells(CODE, "Element ID", "Element Name", "Scale ID", "Data Value"):
            if (code not in occupations and not self._known(table, line, code)) or scale not in ("IM", "LV"):
                continue
            value = number(table, line, text, f"{scale} value of {element}")
            if value is None or not element:
                continue
            if element not in elements:
                elements[element] = (category, name)
            ratings.setdefault((code, element), {}).setdefault(scale, value)

    def read_technology(self, table: Table) -> None:
        """Each occupation's tools (the Example column), with their commodity class."""
        for line, (code, example, commodity) in table.cells(CODE, "Example", "Commodity Title"):
            if not self._known(table, line, code) or not example:
                continue
            self.technology.setdefault(example, commodity)
            tools = self.tools.setdefault(code, [])
            if example not in tools:
                tools.append(example)

    def read_tasks(self, table: Table) -> None:
        """One task per statement, with its numeric Task ID and type."""
        seen: set[str] = set()
        for line, row in table:
            code, task_id, statement = table.cell(row, CODE), table.cell(row, "Task ID"), table.cell(row, "Task")
            if not self._known(table, line, code):
                continue
            if not task_id.isdigit() or not statement:
                table.problem(line, f"task {task_id!r} needs a numeric Task ID and a statement")
                continue
            if task_id in seen:
                table.problem(line, f"Task ID {task_id} appears twice")
                continue
            seen.add(task_id)
            self.tasks.append((task_id, statement, code, table.cell(row, "Task Type")))

    def _alias(self, code: str, title: str) -> None:
        if title and title.casefold() != str(self.occupations[code]["title"]).casefold():
            self.aliases[code].setdefault(title.casefold(), title)

    def read_alternate_titles(self, table: Table) -> None:
        """Alternate and short titles become aliases."""
        for line, (code, title, short) in table.cells(CODE, "Alternate Title", "Short Title"):
            if self._known(table, line, code):
                self._alias(code, title)
                self._alias(code, short)

    def read_reported_titles(self, table: Table) -> None:
        """Titles reported by incumbents become aliases too."""
        for line, row in table:
            code = table.cell(row, CODE)
            if self._known(table, line, code):
                self._alias(code, table.cell(row, "Reported Job Title"))

    def read_content_model(self, table: Table) -> None:
        """Descriptions of the skill and knowledge elements."""
        for _line, row in table:
            self.element_text[table.cell(row, "Element ID")] = table.cell(row, "Description")


def _skill_ids(reader: OnetReader) -> tuple[dict[str, str], dict[str, str]]:
    """Slugs for rated elements (by element id) and for technology (by example), unique together."""
    taken: set[str] = set()
    elements: dict[str, str] = {}
    order = {"skill": 0, "knowledge": 1}
    for element, (category, name) in sorted(reader.elements.items(), key=lambda e: (order[e[1][0]], e[0])):
        slug = slugify(name) or "element"
        if slug in taken:
            slug = f"{slug}-{category}"
        elements[element] = slug
        taken.add(slug)
    technology: dict[str, str] = {}
    for example, slug in sorted(unique_slugs(((e, e) for e in reader.technology), "tool").items(), key=lambda t: t[1]):
        candidate, n = slug, 1
        while candidate in taken:  # a tool named like a skill or knowledge area
            n += 1
            candidate = f"{slug}-technology" if n == 2 else f"{slug}-technology-{n - 1}"
        technology[example] = candidate
        taken.add(candidate)
    return elements, technology


def import_onet(source: str | Path, out: str | Path) -> ImportResult:
    """Import the O*NET release in folder ``source`` into catalogue files below ``out``."""
    reader = OnetReader(Path(source))
    reader.read()
    result = ImportResult(Path(source).as_posix(), Path(out).as_posix(), reader.rows, diagnostics=reader.diagnostics)
    if not reader.occupations:
        return result
    ids = unique_slugs((code, str(o["title"])) for code, o in reader.occupations.items())
    elements, technology = _skill_ids(reader)
    by_code: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for (code, element), scales in sorted(reader.ratings.items(), key=lambda r: (r[0][0], reader.elements[r[0][1]][0] != "skill", r[0][1])):
        by_code.setdefault(code, []).append((element, scales))
    groups: dict[str, list[dict[str, object]]] = {}
    for code in sorted(reader.occupations):
        record = reader.occupations[code]
        occupation: dict[str, object] = {"id": ids[code], "title": record["title"],
                                         "codes": {"soc": Code(code[:7]), "onet": Code(code)}}
        major = code[:2]
        if major in SOC_MAJOR_GROUPS:
            occupation["family"] = SOC_MAJOR_GROUPS[major]
        if "job_zone" in record:
            occupation["job_zone"] = Raw(str(record["job_zone"]))
        if record["description"]:
            occupation["description"] = record["description"]
        occupation["aliases"] = list(reader.aliases[code].values())
        links: list[object] = []
        for element, scales in by_code.get(code, []):
            link: dict[str, object] = {"skill": elements[element]}
            for scale, name in (("IM", "importance"), ("LV", "level")):
                if scale in scales:
                    link[name] = Raw(scales[scale])
            links.append(link)
        links.extend(technology[example] for example in reader.tools.get(code, []))
        occupation["skills"] = links
        groups.setdefault(major, []).append(occupation)
    header = f"O*NET occupations, SOC major group {{major}}, imported by `evidence import onet` from {Path(source).name}.\n{ATTRIBUTION}"
    documents = {
        f"occupations/{major}-{slugify(SOC_MAJOR_GROUPS.get(major, 'other'))}.yaml":
            yaml_document("occupations", records, header.format(major=major))
        for major, records in groups.items()
    }
    skills = [(elements[e], name, category, reader.element_text.get(e, "")) for e, (category, name) in reader.elements.items()]
    skills += [(technology[example], example, "technology", commodity) for example, commodity in reader.technology.items()]
    documents["skills.csv"] = csv_document(("id", "title", "category", "description"), sorted(skills))
    if reader.tasks:
        tasks = [(f"task-{task_id}", statement, ids[code], kind) for task_id, statement, code, kind in reader.tasks]
        documents["tasks.csv"] = csv_document(("id", "title", "occupation", "category"), sorted(tasks, key=lambda t: int(t[0][5:])))
    result.files = write_files(Path(out), documents)
    result.records = {"occupations": len(reader.occupations), "skills": len(skills), "tasks": len(reader.tasks)}
    return result
