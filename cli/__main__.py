"""``python -m cli`` runs the ``evidence`` command."""

from cli.main import main

main()
