"""The benchmark workload stays valid: the generator's catalogue loads cleanly and has findings."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import evidence
from schemas import load_catalogue

GENERATE = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


def test_generated_catalogue_is_deterministic_loads_cleanly_and_has_planted_faults(tmp_path: Path) -> None:
    for name in ("a", "b"):
        subprocess.run([sys.executable, str(GENERATE), str(tmp_path / name), "--scale", "0.01"], check=True, capture_output=True)
    files_a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.yaml")}
    files_b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.yaml")}
    assert files_a == files_b and files_a
    catalogue = load_catalogue(tmp_path / "a")
    assert catalogue.diagnostics == []
    assert catalogue.counts()["claims"] == 500
    codes = Counter(d.code for d in evidence.check(tmp_path / "a", use_cache=False).diagnostics)
    assert codes["EV202"] > 0 and codes["EV301"] > 0
    assert not {"EV100", "EV101", "EV102", "EV103"} & set(codes)


def test_the_page_lint_benchmark_runs_and_reports_what_it_judges(tmp_path: Path) -> None:
    import json

    bench = GENERATE.parent / "bench_lint.py"
    done = subprocess.run([sys.executable, str(bench), "--pages", "12", "--repeat", "1", "--dir", str(tmp_path / "pages"),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=600)
    report = json.loads((tmp_path / "out" / "bench_lint.json").read_text(encoding="utf-8"))
    rows = report["results"]
    assert {"baseline", "lint", "lint+catalogue", "lint, all CPUs", "html.parser"} <= set(rows)
    assert rows["baseline"]["ratio"] == 1.0 and report["pages"] == 12
    for row in rows.values():
        low, high = row["ratio_range"]
        assert low <= row["ratio"] <= high
    assert report["findings"]["lint"] > 0 and report["findings"]["lint+catalogue"] >= report["findings"]["lint"]
    met = all(rows[name]["ratio"] <= report["target"] for name in ("lint", "lint+catalogue"))
    assert done.returncode == (0 if met else 1), done.stderr
    assert ("PASS" if met else "MISS") in done.stdout.splitlines()[-1]
    assert len(list((tmp_path / "pages").glob("page-*.html"))) == 12


def test_the_occupations_evaluation_reads_every_text_and_reports_what_the_lint_finds(tmp_path: Path) -> None:
    import json

    fixtures = Path(__file__).resolve().parent / "fixtures"
    onet, esco = tmp_path / "onet", tmp_path / "esco"
    onet.mkdir()
    esco.mkdir()
    # the excerpts, and real texts the lint once misread (O*NET 29.3, ESCO 1.2.0): service numbers and a
    # unit taken for counts, "on behalf of" for a share, "9-1-1" for a slug, English for a range with no numbers
    alternate = (fixtures / "onet-excerpt" / "Alternate Titles.tsv").read_text(encoding="utf-8")
    alternate += "43-5031.00\tPublic Safety Telecommunicators\t911 Dispatcher\t\t10\n"
    alternate += "43-2011.00\tSwitchboard Operators, Including Answering Service\t411 Directory Assistance Operator\t\t10\n"
    (onet / "Alternate Titles.tsv").write_text(alternate, encoding="utf-8")
    tasks = (fixtures / "onet-excerpt" / "Task Statements.txt").read_text(encoding="utf-8")
    tasks += ("13-1075.00\tLabor Relations Specialists\t1\tNegotiate collective agreements on behalf of employers or "
              "workers, and mediate labor disputes and grievances.\tCore\t\t\t\n")
    tasks += ("43-5031.00\tPublic Safety Telecommunicators\t2\tOperate telephone, radio, or other communication systems to "
              "receive and communicate requests for emergency assistance at 9-1-1 public safety answering points.\tCore\t\t\t\n")
    (onet / "Task Statements.txt").write_text(tasks, encoding="utf-8")
    for name in ("Sample of Reported Titles.txt", "Occupation Data.txt"):
        (onet / name).write_bytes((fixtures / "onet-excerpt" / name).read_bytes())
    with open(fixtures / "esco-excerpt" / "occupations_en.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.append({**rows[0], "preferredLabel": "excavator operator", "altLabels": "360 degree excavator operator",
                 "description": "Flight operations officers compile flight information to expedite movement of aircraft "
                                "between and through airports. Nannies transport children from and to school."})
    with open(esco / "occupations_en.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    subprocess.run([sys.executable, str(GENERATE.parent / "eval_occupations.py"), "--onet", str(onet), "--esco", str(esco),
                    "--out", str(tmp_path / "out")], check=True, capture_output=True, timeout=300)
    report = json.loads((tmp_path / "out" / "eval_occupations.json").read_text(encoding="utf-8"))
    assert report["O*NET 29.3 titles"]["texts"] > 150 and report["ESCO 1.2.0 titles"]["texts"] > 80
    assert report["O*NET 29.3 tasks and descriptions"]["texts"] > 100 and report["ESCO 1.2.0 descriptions"]["texts"] > 5
    for found in report.values():
        assert found["statistics"] == [] and found["holes"] == []
