"""Launch diffviz from a source checkout: ``python main.py`` (same as ``diffviz``)."""

from diffviz.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
