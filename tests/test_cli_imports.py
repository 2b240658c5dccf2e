"""The command line stays light: commands import the library when they run, not before."""

from __future__ import annotations

import subprocess
import sys

from cli import export as cli_export
from cli import main as cli_main
from evidence.render import FORMATS
from graph.export import RDF_FORMATS


def test_format_choices_match_the_library() -> None:
    assert cli_main.FORMATS == FORMATS
    assert cli_export.RDF_FORMATS == RDF_FORMATS


def test_importing_the_command_line_does_not_load_pydantic_or_networkx() -> None:
    code = "import sys, cli.main; print(sorted(m for m in ('pydantic', 'networkx', 'rdflib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", "a cli/ module imports the library at module level: import it inside the command"
