"""The translation path (``core.i18n``): texts lupdate can extract, none made before a language is loaded,
English plurals, the committed translations in step with the code, and held to the glossary."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from diffviz.core import i18n

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "diffviz"
I18N = ROOT / "resources" / "i18n"
# The CLI and the benchmarks print English for a terminal (the note on issue 24 says why); the language module
# is where Qt's lookup is installed.
UNTRANSLATED = ("cli.py", "commands.py", "bench/", "ui/language.py")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _calls(tree: ast.AST, name: str):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "i18n":
            yield node


def test_every_translated_text_is_one_literal_lupdate_can_read():
    """lupdate skips an f-string, a sum of strings or a text formatted before its lookup; tr(variable) is
    allowed only for constants marked with QT_TR_NOOP where they are written."""
    problems = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in [*_calls(tree, "tr"), *_calls(tree, "QT_TR_NOOP")]:
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            if not call.args:
                problems.append(f"{where}: no text")
                continue
            text = call.args[0]
            if isinstance(text, (ast.JoinedStr, ast.BinOp)) or \
                    (isinstance(text, ast.Call) and isinstance(text.func, ast.Attribute)
                     and text.func.attr in ("format", "join", "upper", "capitalize")):
                problems.append(f"{where}: the text is built before its lookup")
            if call.func.attr == "QT_TR_NOOP" and not isinstance(text, ast.Constant):
                problems.append(f"{where}: QT_TR_NOOP marks a literal")
            if len(call.args) > 1 and not (isinstance(call.args[1], ast.Constant)):
                problems.append(f"{where}: the disambiguation is not a literal")
    assert not problems, "\n".join(problems)


def test_one_translation_path():
    """No Qt tr() or QCoreApplication.translate beside core.i18n: their contexts are class names that differ
    at run time from what lupdate extracts (a subclass), and they would bypass the core's hook."""
    pattern = re.compile(r"\bself\.tr\(|QCoreApplication\.translate\(|QT_TRANSLATE_NOOP|(?<![.\w])tr\(")
    offenders = [f"{path.relative_to(ROOT)}:{number}" for path in _modules() if path.name not in ("language.py", "i18n.py")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line) and "def tr(" not in line]
    assert not offenders, offenders


def test_no_text_is_translated_before_a_language_is_loaded():
    """A text looked up while modules import would stay English for good: constants are marked, not looked up."""
    script = (
        "import importlib, pkgutil, diffviz\n"
        "from diffviz.core import i18n\n"
        "asked = []\n"
        "i18n.install(lambda c, t, d, n: asked.append(t) or t)\n"
        "for m in pkgutil.walk_packages(diffviz.__path__, 'diffviz.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "print(repr(asked))\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                         env={"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_english_plurals_come_from_the_english_file():
    forms = i18n._english_plurals()
    for source, (singular, plural) in forms.items():
        assert i18n.english(i18n.CONTEXT, source, None, 1) == singular.replace("%n", "1")
        assert i18n.english(i18n.CONTEXT, source, None, 3) == plural.replace("%n", "3")
    assert i18n.english(i18n.CONTEXT, "no such %n text(s)", None, 2) == "no such 2 text(s)"


def test_the_hook_is_used_and_restored():
    seen = []
    i18n.install(lambda context, text, disambiguation, n: seen.append((context, text, n)) or text.upper())
    try:
        assert i18n.tr("a text") == "A TEXT"
    finally:
        i18n.install(None)
    assert seen == [("i18n", "a text", -1)]
    assert i18n.tr("a text") == "a text"


@pytest.mark.slow
def test_translations_are_in_step_with_the_code():
    """labelme's check: regenerate the .ts with lupdate; no text untranslated, none left that the code lost,
    and every .qm compiled from its .ts."""
    run = subprocess.run([sys.executable, str(ROOT / "resources/scripts/update_translations.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def _zh_messages() -> list[tuple[str, list[str]]]:
    root = ElementTree.parse(I18N / "diffviz_zh_CN.ts").getroot()
    found = []
    for message in root.iter("message"):
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        found.append((message.findtext("source"), forms))
    return found


def _glossary() -> list[tuple[str, str]]:
    rows = []
    for line in (I18N / "glossary.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            english, chinese = line.split("\t")
            rows.append((english, chinese))
    return rows


def test_translations_keep_every_placeholder():
    broken = [source for source, forms in _zh_messages() for form in forms
              if form and (i18n.placeholders(form) != i18n.placeholders(source)
                           or ("%n" in source) != ("%n" in form))]
    assert not broken, broken


def test_translations_use_the_glossary_terms():
    misses = []
    for source, forms in _zh_messages():
        words = i18n.PLACEHOLDER.sub(" ", source)  # {architecture} is a value, not the word
        for english, chinese in _glossary():
            if re.search(rf"\b{re.escape(english)}\b", words, re.IGNORECASE) and \
                    any(form and chinese not in form for form in forms):
                misses.append(f"{source!r}: {english} is {chinese}")
    assert not misses, "\n".join(misses)


def test_chinese_and_latin_text_are_spaced_alike():
    """One space between Chinese and Latin letters or digits, everywhere (markup aside): the rule the glossary's
    sources follow, so a term reads the same in every view."""
    unspaced = [form for _source, forms in _zh_messages() for form in forms
                if re.search(r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]", re.sub(r"<[^>]+>", " ", form))]
    assert not unspaced, unspaced
