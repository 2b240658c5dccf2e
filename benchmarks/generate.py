"""Write a deterministic synthetic catalogue at career-site scale (DESIGN section 8).

    python benchmarks/generate.py OUT_DIR [--scale 1.0] [--seed 1]

At scale 1.0 the catalogue holds 3,000 occupations, 14,000 skills, 60,000 tasks, 20,000
sources, 50,000 claims and 30,000 pages (177,000 records), split by kind into files of
2,000 records (``claims/claims-0001.yaml``, ...), written as plain block YAML the way an
editor writes it: 2-space indentation, ``- id: x`` items, flow lists for short id lists,
double quotes only where a string needs them.

The same seed and scale give byte-identical files. The data is shaped like the seed pages
(claims with figures and quotes, sources on a design ladder, pages ordering claims by
evidence, occupations with O*NET/SOC/ISCO codes and tasks whose time shares total 100%)
and carries a small, realistic rate of faults so the checker has something to report:

* about 1% of claims cite only a source without a URL (EV202; EV302 where a page shows one);
* about 1.5% of pages show a vendor claim before a stronger one (EV301);
* a few occupations whose task time shares do not total 100%, and a few products that do
  not add up (EV304); a few quotes missing a figure the claim states (EV305);
* a few aggregator sources (EV204), some drafts, and vendor-only claims (EV303).

The writer builds strings directly (PyYAML's dumper is far too slow for 30 MB).
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

CHUNK = 2000
BASE_COUNTS = {
    "occupations": 3000,
    "skills": 14000,
    "tasks": 60000,
    "sources": 20000,
    "claims": 50000,
    "pages": 30000,
}
RANKS = {"rct": 1, "panel": 2, "survey": 3, "vendor": 4}

# --- vocabulary -------------------------------------------------------------------------

DOMAINS = """Data, Machine Learning, Clinical, Financial, Marketing, Supply Chain, Cloud, Security,
Network, Software, Quality, Environmental, Civil, Mechanical, Electrical, Chemical, Biomedical,
Legal, Tax, Payroll, Benefits, Recruiting, Training, Customer Success, Sales, Retail, Hospitality,
Food Service, Logistics, Warehouse, Fleet, Aviation, Marine, Rail, Construction, Energy, Solar,
Wind, Water, Agricultural, Forestry, Mining, Manufacturing, Packaging, Textile, Print, Media,
Broadcast, Editorial, Content, Social Media, Public Relations, Event, Museum, Library, Archive,
Research, Laboratory, Pharmacy, Dental, Veterinary, Nursing, Rehabilitation, Mental Health,
Nutrition, Fitness, Education, Curriculum, Admissions, Fundraising, Grants, Policy, Compliance,
Risk, Audit, Insurance, Claims, Mortgage, Credit, Treasury, Procurement, Facilities, Property,
Real Estate, Urban Planning, GIS, Survey, Translation, Game, Animation, Audio, Video, Fashion,
Interior Design, Product, UX, Robotics, Embedded Systems, Hardware, Telecom, Database, DevOps"""

ROLES = """Engineer, Analyst, Manager, Specialist, Technician, Coordinator, Consultant, Scientist,
Administrator, Architect, Designer, Developer, Officer, Planner, Inspector, Assistant, Director,
Supervisor, Auditor, Advisor, Operator, Researcher, Strategist, Editor, Producer, Trainer,
Representative, Associate, Clerk, Controller, Estimator, Investigator, Librarian, Programmer,
Tester, Writer, Educator, Therapist, Nurse, Counselor, Buyer, Scheduler, Dispatcher, Lead,
Steward, Curator, Liaison, Examiner, Mechanic, Installer"""

LEVELS = ["", "Senior", "Junior", "Principal", "Assistant"]

FAMILIES = """Computer & Math, Business & Financial, Healthcare Practitioners, Healthcare Support,
Architecture & Engineering, Life Physical & Social Science, Community & Social Service, Legal,
Education & Library, Arts Design & Media, Sales, Office & Administrative Support,
Construction & Extraction, Installation & Repair, Production, Transportation, Management,
Food Preparation, Personal Care, Protective Service, Farming Fishing & Forestry, Building Maintenance"""

SOC_MAJOR = ["15", "13", "29", "31", "17", "19", "21", "23", "25", "27", "41", "43", "47", "49",
             "51", "53", "11", "35", "39", "33", "45", "37"]

SKILL_BASES = """Statistics, Python, SQL, Negotiation, Empathy, Scheduling, Budgeting, Forecasting,
Documentation, Troubleshooting, Writing, Editing, Presentation, Coaching, Mentoring, Auditing,
Inventory, Procurement, Logistics, Welding, Soldering, Wiring, Plumbing, Carpentry, Drafting,
Modelling, Simulation, Optimisation, Visualisation, Reporting, Research, Interviewing, Sampling,
Testing, Debugging, Deployment, Monitoring, Encryption, Networking, Virtualisation, Scripting,
Accounting, Bookkeeping, Taxation, Underwriting, Valuation, Lending, Investing, Trading,
Marketing, Branding, Copywriting, Photography, Illustration, Animation, Typography, Layout,
Teaching, Tutoring, Assessment, Counselling, Triage, Phlebotomy, Dosage Calculation, Charting,
Sterilisation, Nutrition, Rehabilitation, Ergonomics, Safety, Inspection, Calibration, Maintenance,
Machining, Assembly, Packaging, Routing, Dispatching, Navigation, Driving, Forklift Operation,
Customer Service, Sales, Prospecting, Persuasion, Mediation, Translation, Transcription,
Filing, Data Entry, Cataloguing, Archiving, Curation, Fundraising, Grant Writing, Policy Analysis,
Compliance, Risk Assessment, Quality Control, Lean, Six Sigma, Project Management, Agile, Leadership"""

SKILL_QUALIFIERS = """Applied, Advanced, Basic, Clinical, Financial, Technical, Digital, Industrial,
Commercial, Regulatory, Environmental, Operational, Strategic, Quantitative, Qualitative, Written,
Verbal, Visual, Statistical, Cloud, Mobile, Web, Retail, Legal, Medical, Scientific, Mechanical,
Electrical, Structural, Hydraulic, Automotive, Marine, Aviation, Agricultural, Pharmaceutical,
Educational, Social, Cross-Cultural, Remote, Field, Laboratory, Warehouse, Public Sector, Nonprofit,
Enterprise, Small Business, Predictive, Descriptive, Experimental, Survey, Geospatial, Audio,
Video, Print, Broadcast, Editorial, Forensic, Actuarial, Procurement, Contract, Vendor, Team,
Client, Patient, Student, Community, Crisis, Conflict, Change, Portfolio, Product, Process,
Systems, Network, Database, Security, Privacy, Accessibility, Sustainability, Energy"""

SKILL_SUFFIXES = ["", "Fundamentals", "Analysis", "Management", "Design", "Operations", "Tools", "Reporting", "Practice"]
SKILL_CATEGORIES = ["Skill", "Knowledge", "Ability", "Technology", "Work Style"]

TASK_VERBS = ["Review", "Prepare", "Analyse", "Maintain", "Coordinate", "Monitor", "Design", "Draft",
              "Inspect", "Test", "Document", "Schedule", "Train", "Evaluate", "Update", "Negotiate",
              "Calibrate", "Assemble", "Research", "Present", "Audit", "Plan", "Estimate", "Respond to"]
TASK_OBJECTS = ["reports", "budgets", "work orders", "data pipelines", "client requests", "contracts",
                "test plans", "safety procedures", "inventory records", "project schedules",
                "quality metrics", "training materials", "equipment", "customer complaints",
                "design drawings", "compliance filings", "staff rosters", "vendor quotes",
                "patient records", "lesson plans", "marketing copy", "incident logs", "forecasts",
                "software releases", "survey results", "grant proposals", "site plans", "invoices"]
TASK_CONTEXTS = ["for management", "with colleagues", "for clients", "against standards",
                 "across teams", "on site", "for audits", "each week", "before release", "for regulators"]

SURNAMES = """Noy, Zhang, Brynjolfsson, Li, Raymond, Eloundou, Manning, Mishkin, Rock, Autor, Acemoglu,
Restrepo, Felten, Raj, Seamans, Webb, Frey, Osborne, Arntz, Gregory, Zierahn, Dell'Acqua,
McFowland, Mollick, Peng, Kalliamvakou, Cihon, Demirer, Humlum, Vestergaard, Hui, Reshef, Zhou,
Kanazawa, Kawaguchi, Chen, Wang, Kumar, Singh, Garcia, Martinez, Novak, Kowalski, Nielsen, Jensen,
Okafor, Mensah, Tanaka, Sato, Kim, Park, Nguyen, Rossi, Bianchi, Schmidt, Weber, Dubois, Moreau,
Silva, Santos, Haddad, Cohen, Levi, Murphy, Kelly, Walsh, Smith, Jones, Taylor, Brown, Wilson"""
GIVEN = """Anna, Ben, Carla, David, Elena, Farid, Grace, Hiro, Ines, Jon, Kira, Luis, Maya, Nadia,
Omar, Priya, Quinn, Rosa, Sam, Tomas, Uma, Victor, Wen, Ximena, Yusuf, Zoe, Shakked, Whitney, Erik"""

CLAIM_KINDS = {"effect": 30, "prevalence": 25, "wage": 15, "hours": 6, "split": 8, "plain": 16}
"""Claim templates and their weights; an occupation's first claim may be its exposure score."""
CLAIM_TOPICS = {"effect": "productivity", "prevalence": "postings", "wage": "wages", "hours": "hours",
                "split": "adoption", "plain": "skills", "exposure": "exposure"}
TOPICS = ["writing", "coding", "customer-support", "hiring", "wages", "exposure", "automation",
          "productivity", "training", "adoption", "postings", "skills", "tasks", "quality", "hours"]
TOOLS = ["ChatGPT", "GitHub Copilot", "a generative AI assistant", "an LLM drafting tool",
         "AI code completion", "a chatbot", "automated scheduling software", "an AI triage tool"]
HOST_PATTERNS = {
    "rct": ["example-research-{n}.org", "econ-lab-{n}.org", "field-experiments-{n}.org", "journal-{n}.example.com"],
    "panel": ["labour-panel-{n}.org", "longitudinal-study-{n}.org", "example-research-{n}.org", "workforce-data-{n}.org"],
    "survey": ["survey-institute-{n}.org", "stats-office-{n}.gov", "employer-survey-{n}.org", "policy-centre-{n}.org"],
    "vendor": ["talent-insights-{n}.com", "jobs-data-{n}.com", "hr-analytics-{n}.com", "career-platform-{n}.io"],
}
AGGREGATOR_HOSTS = ["medium.com", "www.linkedin.com", "www.reddit.com"]


def _words(block: str) -> list[str]:
    return [w.strip() for w in block.replace("\n", " ").split(",") if w.strip()]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


# --- YAML scalars -----------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.()/&'%$+=;?!-]*$")
_RESERVED = frozenset("yes no true false on off null y n".split())


def s(text: str) -> str:
    """A scalar as an editor would write it: plain when YAML reads it back as the same string."""
    if _PLAIN.match(text) and not text.endswith(" ") and " #" not in text and text.lower() not in _RESERVED:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def dec(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- the model of what is generated -----------------------------------------------------


@dataclass
class Occ:
    id: str
    title: str
    family: str
    skills: list[str] = field(default_factory=list)
    tasks: list[tuple[str, int, Decimal]] = field(default_factory=list)  # id, time share, exposure
    adjacent: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)


@dataclass
class Src:
    id: str
    design: str
    url: str | None
    aggregator: bool


def counts_for(scale: float) -> dict[str, int]:
    counts = {kind: max(1, round(n * scale)) for kind, n in BASE_COUNTS.items()}
    counts["occupations"] = max(2, counts["occupations"])
    counts["skills"] = max(25, counts["skills"])
    counts["tasks"] = max(counts["occupations"] * 3, counts["tasks"])
    counts["sources"] = max(12, counts["sources"])
    return counts


class Generator:
    """Builds every record in memory as YAML text, kind by kind, from one seeded RNG."""

    def __init__(self, scale: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.scale, self.seed = scale, seed
        self.n = counts_for(scale)
        self.out: dict[str, list[str]] = {kind: [] for kind in BASE_COUNTS}
        self.faults: dict[str, int] = {}

    def fault(self, name: str) -> None:
        self.faults[name] = self.faults.get(name, 0) + 1

    # occupations, skills, tasks ---------------------------------------------------------

    def make_skills(self) -> None:
        rng = self.rng
        combos = [" ".join(p for p in parts if p) for parts in itertools.product(_words(SKILL_QUALIFIERS), _words(SKILL_BASES), SKILL_SUFFIXES)]
        titles = _words(SKILL_BASES) + rng.sample(combos, min(len(combos), self.n["skills"]))
        self.skills: list[str] = []
        seen: set[str] = set()
        lines = self.out["skills"]
        for title in titles:
            if len(self.skills) == self.n["skills"]:
                break
            sid = slug(title)
            if sid in seen:
                continue
            seen.add(sid)
            self.skills.append(sid)
            rec = [f"  - id: {sid}\n    title: {s(title)}\n    category: {rng.choice(SKILL_CATEGORIES)}\n"]
            if rng.random() < 0.1:
                rec.append(f"    aliases: [{s(title.split()[-1].lower())}]\n")
            if rng.random() < 0.2:
                rec.append(f"    description: {s(f'Knowledge and use of {title.lower()} in day-to-day work.')}\n")
            lines.append("".join(rec))
        # a few skills every occupation draws on, so related-role overlap is realistic
        self.common_skills = self.skills[:60]

    def make_occupations(self) -> None:
        rng = self.rng
        domains, roles, families = _words(DOMAINS), _words(ROLES), _words(FAMILIES)
        # plain titles first ("Data Engineer"); "Senior ..." and the like only when those run out
        combos = [("", d, r) for d in domains for r in roles]
        rng.shuffle(combos)
        levelled = [(lvl, d, r) for lvl in LEVELS if lvl for d in domains for r in roles]
        rng.shuffle(levelled)
        combos += levelled
        self.occs: list[Occ] = []
        seen: set[str] = set()
        for index, (lvl, d, r) in enumerate(itertools.cycle(combos)):
            if len(self.occs) == self.n["occupations"]:
                break
            title = " ".join(p for p in (lvl, d, r) if p)
            oid = slug(title)
            if index >= len(combos):
                oid, title = f"{oid}-{index // len(combos) + 1}", f"{title} {index // len(combos) + 1}"
            if oid in seen:
                continue
            seen.add(oid)
            self.occs.append(Occ(oid, title, families[domains.index(d) % len(families)]))
        by_family: dict[str, list[Occ]] = {}
        for occ in self.occs:
            by_family.setdefault(occ.family, []).append(occ)
        for occ in self.occs:
            peers = [o.id for o in by_family[occ.family] if o.id != occ.id] or [o.id for o in self.occs if o.id != occ.id]
            occ.adjacent = sorted(rng.sample(peers, min(len(peers), rng.randint(2, 5))))
            k = rng.randint(8, 25)
            picked = rng.sample(self.common_skills, min(3, len(self.common_skills))) + rng.sample(self.skills, k)
            occ.skills = list(dict.fromkeys(picked))[:k]
        self._assign_tasks()

    def _assign_tasks(self) -> None:
        rng, occs = self.rng, self.occs
        total, n = self.n["tasks"], len(self.occs)
        base = total // n
        sizes = [base] * n
        for i in range(0, n - 1, 2):
            d = rng.randint(-min(8, base - 1), min(8, base - 1))
            sizes[i] += d
            sizes[i + 1] -= d
        for i in range(total - base * n):
            sizes[i % n] += 1
        seen: set[str] = set()
        for occ, size in zip(occs, sizes):
            size = min(size, 100)
            shares = self._shares(size)
            if rng.random() < 0.003:  # a task table that does not account for all the time
                shares[0] += rng.choice((2, 3, 4))
                self.fault("EV304 time shares not totalling 100")
            for k in range(size):
                verb, obj = rng.choice(TASK_VERBS), rng.choice(TASK_OBJECTS)
                tid = f"{occ.id}-{slug(verb)}-{slug(obj)}"
                if tid in seen:
                    tid = f"{tid}-{k + 1}"
                seen.add(tid)
                exposure = Decimal(rng.randint(0, 1000)) / 10
                occ.tasks.append((tid, shares[k], exposure))
                self.out["tasks"].append(
                    f"  - id: {tid}\n    title: {s(f'{verb} {obj} {rng.choice(TASK_CONTEXTS)}')}\n"
                    f"    occupation: {occ.id}\n    time_share: {shares[k]}\n    exposure: {dec(exposure)}\n"
                )

    def _shares(self, size: int) -> list[int]:
        """Positive integer time shares of ``size`` tasks totalling 100 (largest remainder)."""
        weights = [self.rng.randint(1, 10) for _ in range(size)]
        spare = 100 - size
        raw = [spare * w / sum(weights) for w in weights]
        shares = [int(x) for x in raw]
        order = sorted(range(size), key=lambda i: raw[i] - shares[i], reverse=True)
        for i in order[: spare - sum(shares)]:
            shares[i] += 1
        return [1 + x for x in shares]

    def write_occupations(self) -> None:
        rng = self.rng
        for index, occ in enumerate(self.occs):
            major = SOC_MAJOR[index % len(SOC_MAJOR)]
            soc = f"{major}-{1000 + (index * 37) % 9000:04d}"
            onet = f"{soc}.{rng.choice(('00', '00', '00', '01', '02'))}"
            isco = f"{(index * 7919 + 110) % 10000:04d}"
            rec = [f"  - id: {occ.id}\n    title: {s(occ.title)}\n"
                   f'    codes: {{soc: "{soc}", onet: "{onet}", isco: "{isco}"}}\n'
                   f"    family: {s(occ.family)}\n    job_zone: {rng.randint(1, 5)}\n"]
            if rng.random() < 0.3:
                rec.append(f"    description: {s(f'{occ.title}s plan, carry out and review work in {occ.family.lower()}.')}\n")
            if rng.random() < 0.4:
                rec.append(f"    skills: {flow(occ.skills)}\n")
            else:
                rec.append("    skills:\n")
                for sk in occ.skills:
                    if rng.random() < 0.5:
                        rec.append(f"      - {{skill: {sk}, importance: {rng.randint(10, 50) / 10}, level: {rng.randint(10, 70) / 10}}}\n")
                    else:
                        rec.append(f"      - {sk}\n")
            rec.append(f"    adjacent: {flow(occ.adjacent)}\n")
            self.out["occupations"].append("".join(rec))

    # sources --------------------------------------------------------------------------

    def make_sources(self) -> None:
        rng = self.rng
        surnames, given = _words(SURNAMES), _words(GIVEN)
        n = self.n["sources"]
        self.sources: list[Src] = []
        seen: set[str] = set()
        no_url = max(2, round(n * 0.01))
        aggregators = max(1, round(n * 0.0025))
        for i in range(n):
            design = rng.choices(("rct", "panel", "survey", "vendor"), (15, 20, 40, 25))[0]
            year = rng.randint(2010, 2026)
            topic = rng.choice(TOPICS)
            lead = rng.choice(surnames)
            sid = f"{slug(lead)}-{year}-{topic}"
            if sid in seen:
                sid = f"{sid}-{i}"
            seen.add(sid)
            faulty = i % (n // no_url) == 7 and i // (n // no_url) < no_url
            aggregator = not faulty and i % (n // aggregators) == 11 and i // (n // aggregators) < aggregators
            num = rng.randint(1, 400)
            if faulty:
                design = rng.choice(("vendor", "survey"))
                publisher = f"{rng.choice(('Axial Search', 'Signify Technology', 'Gartner-style Analysts', 'Hiring Pulse'))} {num}"
                url = None
            elif aggregator:
                publisher = "Medium"
                url = f"https://{rng.choice(AGGREGATOR_HOSTS)}/posts/{sid}"
            else:
                host = rng.choice(HOST_PATTERNS[design]).format(n=num)
                publisher = " ".join(w.capitalize() for w in host.split(".")[0].split("-")[:-1]) + f" {num}"
                url = f"https://{host}/{rng.choice(('papers', 'reports', 'publications', 'insights'))}/{year}/{topic}-{i:05d}"
            self.sources.append(Src(sid, design, url, aggregator))
            title = f"{rng.choice(('Evidence on', 'The effect of', 'Measuring', 'New findings on', 'A study of'))} {topic.replace('-', ' ')} and AI in {rng.choice(_words(FAMILIES)).lower()}"
            if rng.random() < 0.3:
                title += f": {rng.choice(('a field experiment', 'panel evidence', 'survey results', 'what employers say'))}"
            rec = [f"  - id: {sid}\n    title: {s(title)}\n"]
            if url:
                rec.append(f"    url: {url}\n")
            if design in ("rct", "panel") and rng.random() < 0.6 and url and not aggregator:
                rec.append(f"    doi: 10.{5000 + i % 900}/wp.{year}.{i:05d}\n")
            rec.append(f"    publisher: {s(publisher)}\n")
            if design != "vendor":
                authors = [f"{rng.choice(given)} {rng.choice(surnames)}" for _ in range(rng.randint(1, 3))]
                authors[0] = f"{rng.choice(given)} {lead}"
                rec.append(f"    authors: [{', '.join(s(a) if ',' not in a else s(a) for a in authors)}]\n")
            rec.append(f"    year: {year}\n    design: {design}\n")
            if design != "vendor" and rng.random() < 0.7:
                rec.append(f"    sample_size: {rng.randint(40, 250000)}\n")
            if aggregator:
                rec.append("    aggregator: true\n")
            if rng.random() < 0.2 and url:
                rec.append(f"    accessed: {year + 1 if year < 2026 else year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n")
            self.out["sources"].append("".join(rec))
        self.good_sources = [x for x in self.sources if x.url and not x.aggregator]
        self.bad_sources = [x for x in self.sources if x.url is None]
        self.aggregator_sources = [x for x in self.sources if x.aggregator]

    # claims ---------------------------------------------------------------------------

    def make_claims(self) -> None:
        rng = self.rng
        n = self.n["claims"]
        occs = self.occs
        self.strength: dict[str, int | None] = {}
        self.published: set[str] = set()
        every = max(1, round(1 / 0.01))
        exposure_every = 3  # one occupation in three has a derived exposure score (a JobZone-style page)
        exposure_done: set[str] = set()
        for i in range(n):
            occ = occs[i % len(occs)]
            exposure = occ.id not in exposure_done and i % len(occs) % exposure_every == 0
            kind = "exposure" if exposure else rng.choices(tuple(CLAIM_KINDS), tuple(CLAIM_KINDS.values()))[0]
            cid = f"{occ.id}-{CLAIM_TOPICS[kind]}-{i // len(occs) + 1}"
            occ.claims.append(cid)
            about = [occ.id] + ([rng.choice(occ.adjacent)] if occ.adjacent and rng.random() < 0.3 else [])
            # citations
            if i % every == 5:
                cited = [rng.choice(self.bad_sources)]
                self.fault("EV202 claim citing only URL-less sources")
            else:
                cited = rng.sample(self.good_sources, rng.choices((1, 2, 3), (50, 35, 15))[0])
                if self.aggregator_sources and rng.random() < 0.005:
                    cited.append(rng.choice(self.aggregator_sources))
            # as evidence.strength ranks it: the best design among URL'd sources, else among all
            ranks = [RANKS[c.design] for c in cited if c.url and not c.aggregator]
            ranks = ranks or [RANKS[c.design] for c in cited if not c.aggregator]
            self.strength[cid] = min(ranks) if ranks else None
            if exposure:
                exposure_done.add(occ.id)
                text, quote_numbers, figures = self._exposure_claim(occ)
            else:
                text, quote_numbers, figures = self._figure_claim(occ, cid, kind)
            quoted = rng.random() < 0.4
            rec = [f"  - id: {cid}\n    text: {s(text)}\n"]
            if quoted or len(cited) > 1 and rng.random() < 0.3:
                rec.append("    cites:\n")
                for k, c in enumerate(cited):
                    if quoted and k == 0:
                        numbers = list(quote_numbers)
                        if numbers and rng.random() < 0.005:
                            numbers = numbers[1:]  # the quote lost a figure the claim states
                            self.fault("EV305 quote missing a figure")
                        quote = self._quote(numbers)
                        rec.append(f"      - source: {c.id}\n        locator: {s(rng.choice(('p. ', 'Table ', 'Figure ', 'section ')) + str(rng.randint(1, 40)))}\n"
                                   f"        quote: {s(quote)}\n")
                    else:
                        rec.append(f"      - {c.id}\n")
            else:
                rec.append(f"    cites: {flow([c.id for c in cited])}\n")
            rec.append(f"    occupations: {flow(about)}\n")
            if rng.random() < 0.15:
                rec.append(f"    skills: {flow(rng.sample(occ.skills, min(2, len(occ.skills))))}\n")
            rec.append(f"    year: {rng.randint(2018, 2026)}\n")
            draft = rng.random() < 0.03
            if draft or rng.random() < 0.3:  # editors mostly leave the default (published) unsaid
                rec.append(f"    status: {'draft' if draft else 'published'}\n")
            if not draft:
                self.published.add(cid)
            if figures:
                rec.append("    figures:\n")
                rec.extend(figures)
            self.out["claims"].append("".join(rec))

    def _quote(self, numbers: list[str]) -> str:
        if not numbers:
            return self.rng.choice(("the effect was large and persistent", "workers adopted the tool quickly", "employers report rising demand"))
        parts = [f"{self.rng.choice(('an estimated', 'about', 'roughly', 'a measured'))} {numbers[0]}"]
        parts += [f"and {x}" for x in numbers[1:]]
        return f"we find {' '.join(parts)} across the sample"

    def _figure_claim(self, occ: Occ, cid: str, kind: str) -> tuple[str, list[str], list[str]]:
        """A claim text with figures; returns text, the figures a quote must contain, figure YAML."""
        rng = self.rng
        plural = f"{occ.title}s"
        if kind == "effect":
            a, b = rng.randint(5, 60), rng.randint(3, 40)
            tool = rng.choice(TOOLS)
            text = f"{tool[0].upper()}{tool[1:]} cut {rng.choice(TASK_OBJECTS)} time for {plural} by {a}% and raised quality by {b}%."
            figs = []
            if rng.random() < 0.2:
                figs = [f'      - id: {cid}-time\n        value: {a}\n        unit: "%"\n        label: time saved\n',
                        f'      - id: {cid}-quality\n        value: {b}\n        unit: "%"\n']
            return text, [f"{a}%", f"{b}%"], figs
        if kind == "prevalence":
            x = rng.randint(2, 95)
            return f"{x}% of {occ.title} job postings now ask for {rng.choice(self.skills).replace('-', ' ')}.", [f"{x}%"], []
        if kind == "wage":
            pay = rng.randint(300, 2200) * 100
            return f"Median pay for {plural} rose to ${pay:,} in {rng.randint(2019, 2025)}.", [f"${pay:,}"], []
        if kind == "hours":
            week = rng.randint(1, 9)
            month = week * 4
            if rng.random() < 0.02:
                month += rng.choice((-2, 3))  # a product that does not add up
                self.fault("EV304 product not adding up")
            text = f"AI assistance saves {plural} {month} hours a month, {week} hours a week over 4 weeks."
            figs = [f"      - id: {cid}-week\n        value: {week}\n        unit: h\n",
                    f"      - id: {cid}-month\n        value: {month}\n        unit: h\n        derive: {{product: [{{figure: {cid}-week}}, 4]}}\n"]
            return text, [str(month), str(week), "4"], figs
        if kind == "split":
            a = rng.randint(10, 60)
            b = rng.randint(5, 90 - a)
            c = 100 - a - b
            text = f"{a}% of {plural} use AI tools weekly, {b}% monthly and {c}% never."
            if rng.random() < 0.5:
                return text, [f"{a}%", f"{b}%", f"{c}%"], []
            figs = [f'      - id: {cid}-{name}\n        value: {v}\n        unit: "%"\n' for name, v in (("weekly", a), ("monthly", b), ("never", c))]
            figs.append(f'      - id: {cid}-total\n        value: 100\n        unit: "%"\n'
                        f"        derive: {{sum: [{{figure: {cid}-weekly}}, {{figure: {cid}-monthly}}, {{figure: {cid}-never}}]}}\n")
            return text, [f"{a}%", f"{b}%", f"{c}%"], figs
        return f"Employers expect the skills of {plural} to change as AI tools spread.", [], []

    def _exposure_claim(self, occ: Occ) -> tuple[str, list[str], list[str]]:
        total = sum((Decimal(share) for _, share, _ in occ.tasks), Decimal(0))
        mean = sum((Decimal(share) * exp for _, share, exp in occ.tasks), Decimal(0)) / total
        value = mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
        fid = f"{occ.id}-exposure-score"
        text = f"{occ.title} scores {dec(value)} out of 100 for AI task exposure, weighted by time share."
        fig = (f"      - id: {fid}\n        value: {dec(value)}\n        label: AI task exposure\n"
               f"        derive: {{tasks: {{occupation: {occ.id}, field: exposure, aggregate: weighted_mean, weight: time_share}}}}\n")
        return text, [dec(value), "100"], [fig]

    # pages ----------------------------------------------------------------------------

    def make_pages(self) -> None:
        rng = self.rng
        n = self.n["pages"]
        # five pages per occupation first (as the seed pages: "Will AI replace ...", JobZone, ...),
        # then "<skill>-for-<occupation>" pages until the page count is reached
        kinds = [("will-ai-replace-{o}", "Will AI replace {t}s?"), ("{o}-job-zone", "{t}: JobZone score"),
                 ("{o}-salary", "{t} salary and pay outlook"), ("{o}-career-path", "How to become a {t}"),
                 ("{o}-skills", "Skills every {t} needs")]
        per_occ: dict[str, list[tuple[str, str, str | None]]] = {o.id: [] for o in self.occs}
        slots = rounds = 0
        while slots < n:
            for occ in self.occs:
                if slots == n:
                    break
                if rounds < len(kinds):
                    pattern, title = kinds[rounds]
                    per_occ[occ.id].append((pattern.format(o=occ.id), title.format(t=occ.title), None))
                else:
                    k = rounds - len(kinds)
                    about = occ.skills[k % len(occ.skills)]
                    again = f"-{k // len(occ.skills) + 1}" if k >= len(occ.skills) else ""
                    per_occ[occ.id].append((f"{about}-for-{occ.id}{again}", f"{about.replace('-', ' ').title()} for {occ.title}", about))
                slots += 1
            rounds += 1
        first_page = {oid: pages[0][0] for oid, pages in per_occ.items() if pages}
        for occ in self.occs:
            pages = per_occ[occ.id]
            claims = [c for c in occ.claims if c in self.published]
            for index, (pid, title, skill) in enumerate(pages):
                shown = rng.sample(claims, min(len(claims), rng.randint(2, 6)))
                shown.sort(key=lambda c: self.strength[c] or 0)  # strongest evidence first
                if rng.random() < 0.015:
                    vendors = [c for c in shown if self.strength[c] == RANKS["vendor"]]
                    stronger = [c for c in shown if (self.strength[c] or RANKS["vendor"]) <= RANKS["survey"]]
                    if vendors and stronger:
                        shown.remove(vendors[0])
                        shown.insert(shown.index(stronger[0]), vendors[0])
                        self.fault("EV301 vendor claim shown before a stronger one")
                links = [pages[(index + 1) % len(pages)][0]] if len(pages) > 1 else []
                if index == 0:
                    links += [first_page[a] for a in occ.adjacent[:2] if a in first_page]
                links.append(occ.id)
                links += rng.sample(occ.adjacent, min(1, len(occ.adjacent)))
                links = list(dict.fromkeys(links))
                rec = [f"  - id: {pid}\n    title: {s(title)}\n    path: /jobs/{pid}\n    occupation: {occ.id}\n"]
                if skill:
                    rec.append(f"    skill: {skill}\n")
                if shown:
                    rec.append(f"    claims: {flow(shown)}\n" if len(shown) <= 4 else "    claims:\n" + "".join(f"      - {c}\n" for c in shown))
                rec.append(f"    links: {flow(links)}\n")
                self.out["pages"].append("".join(rec))

    # output ---------------------------------------------------------------------------

    def build(self) -> None:
        self.make_skills()
        self.make_occupations()
        self.write_occupations()
        self.make_sources()
        self.make_claims()
        self.make_pages()

    def write(self, out: Path) -> tuple[int, int]:
        files = written = 0
        for kind, records in self.out.items():
            folder = out / kind
            folder.mkdir(parents=True, exist_ok=True)
            for start in range(0, len(records), CHUNK):
                part = start // CHUNK + 1
                chunk = records[start : start + CHUNK]
                header = (f"# Synthetic {kind} {start + 1}-{start + len(chunk)} of {len(records)}, written by "
                          f"benchmarks/generate.py (scale {self.scale}, seed {self.seed}). Not real data.\n")
                text = header + f"{kind}:\n" + "".join(chunk)
                data = text.encode("utf-8")
                (folder / f"{kind}-{part:04d}.yaml").write_bytes(data)
                files += 1
                written += len(data)
        return files, written


def generate(out: Path, scale: float = 1.0, seed: int = 1) -> dict[str, Any]:
    """Write the catalogue to ``out`` (replacing what is there); return counts and bytes."""
    started = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    gen = Generator(scale, seed)
    gen.build()
    files, written = gen.write(out)
    return {
        "records": {kind: len(v) for kind, v in gen.out.items()},
        "total_records": sum(len(v) for v in gen.out.values()),
        "files": files,
        "bytes": written,
        "faults": dict(sorted(gen.faults.items())),
        "seconds": round(time.perf_counter() - started, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = career-site scale (177k records)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    result = generate(args.out_dir, args.scale, args.seed)
    for kind, count in result["records"].items():
        print(f"{kind:<12} {count:>8,}")
    print(f"{'total':<12} {result['total_records']:>8,} records in {result['files']} files, "
          f"{result['bytes'] / 1e6:.1f} MB ({result['bytes'] / 2**20:.1f} MiB) in {result['seconds']} s -> {args.out_dir}")
    print("planted faults: " + ", ".join(f"{k}: {v}" for k, v in result["faults"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
