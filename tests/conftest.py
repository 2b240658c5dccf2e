"""Shared fixtures: the clean fixture catalogue, an isolated result cache, a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own result cache, so no test sees another's cached reports."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("EVIDENCE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def clean_catalogue(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/clean, a catalogue that passes every rule."""
    target = tmp_path / "clean"
    shutil.copytree(FIXTURES / "clean", target)
    return target


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
