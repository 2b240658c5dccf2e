"""Same catalogue, same bytes: whatever the order files were written in, whatever the hash seed."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from graph import build_graph
from schemas import load_catalogue

FAULTS = {
    "claims/faulty.yaml": (
        "claims:\n"
        "  - id: unsourced\n    text: Postings surged 163% to 49,200.\n"
        "  - id: vendor-only\n    text: Vendors say 70%.\n    cites: [vendor-report]\n"
        "  - id: dangling\n    text: x\n    cites: [nowhere]\n    occupations: [nobody]\n"
    ),
    "sources-extra.yaml": (
        "sources:\n"
        "  - id: vendor-report\n    title: A vendor's own numbers\n    url: https://vendor.example.com/report\n    design: vendor\n"
        "  - id: private\n    title: Internal\n    url: http://10.0.0.1/x\n    design: survey\n"
    ),
    "pages-extra.yaml": "pages:\n  - id: mixed\n    title: Mixed\n    claims: [vendor-only, writing-time, unsourced]\n",
}


def _write_catalogue(target: Path, source: Path, seed: int) -> None:
    files = {p.relative_to(source).as_posix(): p.read_bytes() for p in source.rglob("*") if p.is_file()}
    files.update({name: text.encode() for name, text in FAULTS.items()})
    names = sorted(files)
    random.Random(seed).shuffle(names)
    for name in names:  # creation order differs, so directory listing order may too
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])


def _check(cwd: Path, seed: str, fmt: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "cli", "check", "catalogue", "--format", fmt, "--no-cache"],
        cwd=cwd, env=env, capture_output=True, check=False,
    )
    assert result.returncode == 1, result.stderr.decode()
    return result.stdout


def test_output_is_byte_identical_across_file_order_and_hash_seed(tmp_path: Path, clean_catalogue: Path) -> None:
    for name, seed in (("a", 1), ("b", 2)):
        _write_catalogue(tmp_path / name / "catalogue", clean_catalogue, seed)
    for fmt in ("text", "json", "github"):
        first = _check(tmp_path / "a", "1", fmt)
        second = _check(tmp_path / "b", "2", fmt)
        assert first == second
        assert b"EV202" in first and b"EV203" in first and b"EV301" in first
    # and the graph is built in the same order
    nodes_a = list(build_graph(load_catalogue(tmp_path / "a" / "catalogue")).edges(keys=True))
    nodes_b = list(build_graph(load_catalogue(tmp_path / "b" / "catalogue")).edges(keys=True))
    assert nodes_a == nodes_b


def test_cli_module_entry_point(tmp_path: Path, clean_catalogue: Path) -> None:
    shutil.copytree(clean_catalogue, tmp_path / "catalogue")
    result = subprocess.run([sys.executable, "-m", "cli", "check", "catalogue", "--no-cache"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("Checked 14 records")
