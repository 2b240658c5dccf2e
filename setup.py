"""Build the compiled page scanner (evidence/lint/_scan.pyx); everything else is in pyproject.toml.

The extension is optional: where it cannot be built (no C compiler), ``evidence lint``
uses the regular-expression scanner it is tested against, with the same results, slower.
"""

from Cython.Build import cythonize
from setuptools import Extension, setup

extensions = cythonize(
    [Extension("evidence.lint._scan", ["evidence/lint/_scan.pyx"])],
    compiler_directives={"language_level": "3", "boundscheck": False, "wraparound": False},
)
for extension in extensions:
    extension.optional = True  # a failed compile is a warning: the linter falls back (cythonize drops the flag)

setup(ext_modules=extensions)
