"""Keys as the window names them: what fills a text's ``{shortcut}``, so no key is ever written inside a text."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def key_text(key) -> str:
    """A key or shortcut (``Qt.Key_Home``, ``QKeySequence.Undo``, ``"Ctrl+T"``, a ``QKeySequence``) as the platform
    writes it in the language shown (``Home``, ``Ctrl+Z``; ``⌘T`` on macOS)."""
    return QKeySequence(key).toString(QKeySequence.NativeText)
