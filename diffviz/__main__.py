"""``python -m diffviz`` runs the same front door as the ``diffviz`` command."""

from diffviz.cli import main

raise SystemExit(main())
