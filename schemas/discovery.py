"""Which files make up a catalogue: every data file below its root, in a fixed order.

No pydantic here: the SPARQL store cache needs the file list (for its content digest)
without loading the models.
"""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_NAME = "evidence.toml"
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".csv")


def discover(root: Path) -> list[Path]:
    """Every data file below ``root``, hidden folders skipped, sorted by relative path."""
    found: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or name == CONFIG_NAME:
                continue
            if name.lower().endswith(DATA_SUFFIXES):
                found.append(Path(folder) / name)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def catalogue_files(root: Path) -> list[Path]:
    """The data files and, if present, ``evidence.toml``: everything a result depends on."""
    files = discover(root)
    config = root / CONFIG_NAME
    if config.is_file():
        files.append(config)
    return files
