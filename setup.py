"""Build the compiled page scanner (evidence/lint/_scan.pyx); everything else is in pyproject.toml.

The extension is optional: where it cannot be built (no C compiler), ``evidence lint``
uses the regular-expression scanner it is tested against, with the same results, slower.
"""

import hashlib
from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup

SOURCE = "evidence/lint/_scan.pyx"
BUILT_FROM = hashlib.sha256((Path(__file__).resolve().parent / SOURCE).read_bytes()).hexdigest()[:16]
"""Compiled into the extension (``_scan.built_from()``), so a test can tell a stale build from the source."""

extensions = cythonize(
    [Extension("evidence.lint._scan", [SOURCE], define_macros=[("EVIDENCE_SCAN_SOURCE", f'"{BUILT_FROM}"')])],
    compiler_directives={"language_level": "3", "boundscheck": False, "wraparound": False},
)
for extension in extensions:
    extension.optional = True  # a failed compile is a warning: the linter falls back (cythonize drops the flag)

setup(ext_modules=extensions)
