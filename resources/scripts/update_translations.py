"""Keep the translations in step with the code: Qt's own tools, run the way labelme runs them.

    python resources/scripts/update_translations.py          # regenerate the .ts files, then the .qm files
    python resources/scripts/update_translations.py --check  # change nothing; exit 1 and say why when the
                                                             # committed files are out of step with the code

``pyside6-lupdate -no-obsolete -locations none`` reads every ``i18n.tr`` / ``i18n.QT_TR_NOOP`` call in
``diffviz/`` into ``resources/i18n/diffviz_<code>.ts`` (the English file holds only plural forms:
``-pluralonly``), keeping the translations already there and dropping texts the code no longer has;
``pyside6-lrelease`` compiles each into the ``.qm`` the app loads. ``--check`` (``tests/test_i18n.py``) runs
the same on copies and fails on a text that is new (unfinished) or gone (the committed file still has it),
or on a ``.qm`` that is not what its ``.ts`` compiles to.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = {"zh_CN": [], "en": ["-pluralonly"]}  # code: extra lupdate options
QT_EXTRA = "qt_extra_*.ts"  # Qt's own texts its translations miss, kept by hand: only compiled, never lupdated


def sources() -> list[str]:
    return sorted(str(path) for path in (ROOT / "diffviz").rglob("*.py"))


def lupdate(ts: Path, extra: list[str]) -> None:
    subprocess.run(["pyside6-lupdate", *sources(), "-no-obsolete", "-locations", "none", *extra, "-ts", str(ts)],
                   check=True, capture_output=True, text=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(["pyside6-lrelease", "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True,
                   text=True)


def messages(ts: Path) -> dict[tuple[str, str | None], bool]:
    """``{(source, disambiguation): finished}`` of a .ts file."""
    found = {}
    for message in ElementTree.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        finished = translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete")
        found[(message.findtext("source"), message.findtext("comment"))] = finished
    return found


def check() -> list[str]:
    """What is out of step, as sentences (nothing: all in step)."""
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        for code, extra in LANGUAGES.items():
            committed = I18N / f"diffviz_{code}.ts"
            if not committed.exists():
                problems.append(f"{committed.name} is missing")
                continue
            fresh = Path(folder) / committed.name
            shutil.copy(committed, fresh)
            lupdate(fresh, extra)
            before, after = messages(committed), messages(fresh)
            for key in sorted(set(before) - set(after), key=str):
                problems.append(f"{committed.name}: the code no longer has {key[0]!r}")
            for key, finished in sorted(after.items(), key=str):
                if not finished:
                    problems.append(f"{committed.name}: no translation of {key[0]!r}"
                                    + (f" ({key[1]})" if key[1] else ""))
            qm, built = committed.with_suffix(".qm"), Path(folder) / committed.with_suffix(".qm").name
            lrelease(committed, built)
            if not qm.exists() or qm.read_bytes() != built.read_bytes():
                problems.append(f"{qm.name} is not compiled from {committed.name}: run this script")
        for extra in sorted(I18N.glob(QT_EXTRA)):
            built = Path(folder) / extra.with_suffix(".qm").name
            lrelease(extra, built)
            if not extra.with_suffix(".qm").exists() or extra.with_suffix(".qm").read_bytes() != built.read_bytes():
                problems.append(f"{extra.with_suffix('.qm').name} is not compiled from {extra.name}: run this script")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; report what is out of step")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    I18N.mkdir(parents=True, exist_ok=True)
    for code, extra in LANGUAGES.items():
        ts = I18N / f"diffviz_{code}.ts"
        lupdate(ts, extra)
        lrelease(ts, ts.with_suffix(".qm"))
        print(f"{ts.relative_to(ROOT)}: {sum(messages(ts).values())} of {len(messages(ts))} translated")
    for extra in sorted(I18N.glob(QT_EXTRA)):
        lrelease(extra, extra.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
