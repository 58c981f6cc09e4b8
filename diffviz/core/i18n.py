"""The one translation path for every text a person reads, usable from Qt-free code.

Why a hook and not Qt: the core must not import Qt (the import-linter contract), yet it makes much of
what the window shows (recipe and sampler summaries, model facts, captions, error messages). So the
core asks *this* module for every such text, and the app, once it has loaded a language, installs
Qt's own lookup here (``install``); until then, and in the CLI, the English source text is used.

How the texts are found: Qt's ``pyside6-lupdate`` reads Python and extracts the calls it knows. It
takes the name before ``.tr`` as the translation context, so writing ``i18n.tr("...")`` (with
``from diffviz.core import i18n``) files every text of the project under one context, ``i18n``,
wherever the call stands: the same English always gets the same translation, and a disambiguation
(the second argument) separates the rare word that needs two. ``i18n.tr(text, None, n)`` marks a
plural: ``%n`` stands for the count, and the source says ``%n image(s)`` while each language gives its
real forms (English ones come from ``resources/i18n/diffviz_en.ts``, Qt's ``-pluralonly`` file, so the
CLI says "1 image" and "2 images" too). Texts that are constants, made before any language is
loaded, are marked where they are written with ``i18n.QT_TR_NOOP("...")`` and translated where they
are shown with ``i18n.tr(value)``.

The rules lupdate imposes (and ``tests/test_i18n.py`` holds): the text is a literal (an f-string or
a variable is never extracted), placeholders are named and filled after translation
(``i18n.tr("{count} steps").format(count=n)``), and a sentence is translated whole.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Callable

from diffviz.core.paths import resources_dir

CONTEXT = "i18n"  # lupdate's context for ``i18n.tr`` calls: the name before ``.tr``

# (context, text, disambiguation, n) -> the text in the language shown
Lookup = Callable[[str, str, "str | None", int], str]



def translations_dir() -> Path:
    """``resources/i18n``: the ``.ts`` sources, the ``.qm`` files Qt loads, and the glossary."""
    return resources_dir() / "i18n"


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks a constant for extraction and returns it unchanged; ``i18n.tr(value)`` translates it where shown."""
    return text


@functools.lru_cache(maxsize=1)
def _english_plurals() -> dict[str, tuple[str, ...]]:
    """``{source: (singular, plural)}`` from the English plural file, or nothing when it is missing."""
    try:
        root = ElementTree.parse(translations_dir() / "diffviz_en.ts").getroot()
    except (OSError, ElementTree.ParseError):
        return {}
    forms = {}
    for message in root.iter("message"):
        source = message.findtext("source")
        found = tuple(form.text or "" for form in message.iter("numerusform"))
        if source and all(found):
            forms[source] = found
    return forms


def english(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The source text, with a plural's English form chosen and ``%n`` filled: what Qt shows with no
    translation loaded, except that English plurals are real ones here too."""
    if n < 0:
        return text
    forms = _english_plurals().get(text)
    if forms:
        text = forms[0] if n == 1 else forms[-1]
    return text.replace("%n", str(n))


_lookup: Lookup = english
_needs_cjk = False
_here = threading.local()  # .source: this thread reads the English source texts for now (``source_texts``)


def install(lookup: Lookup | None, needs_cjk_font: bool = False) -> None:
    """Route every ``tr`` through ``lookup`` (the app installs Qt's ``QCoreApplication.translate``);
    ``None`` restores the English source texts. ``needs_cjk_font``: the language's script has Chinese,
    Japanese or Korean glyphs, which a picture's captions can only be drawn in with a font that has them."""
    global _lookup, _needs_cjk
    _lookup = lookup or english
    _needs_cjk = bool(lookup) and needs_cjk_font


def needs_cjk_font() -> bool:
    return _needs_cjk


@contextlib.contextmanager
def source_texts(active: bool = True):
    """Within it, ``tr`` in *this thread* gives the English source texts (an export drawing captions with no
    font for the language shown); the window, on its own thread, keeps its language."""
    before = getattr(_here, "source", False)
    _here.source = active or before
    try:
        yield
    finally:
        _here.source = before


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the language shown. ``n`` ≥ 0 makes it a plural whose ``%n`` is the count."""
    if getattr(_here, "source", False):
        return english(CONTEXT, text, disambiguation, n)
    return _lookup(CONTEXT, text, disambiguation, n)


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    """The named placeholders of a text (``{count}``), which a translation must keep exactly."""
    return set(PLACEHOLDER.findall(text))
