"""View → Language: every language the app speaks, listed in its own name, the one in use ticked.

Why a restart: every text is made once, when its widget is built, so a new language is remembered
(``ui.language.SETTING``) and shown from the next launch; the app offers that launch at once. The
restart runs the same Python with ``-m diffviz`` and the same command line less any ``--lang``, so the
remembered choice wins.
"""

from __future__ import annotations

import sys
from typing import Callable

from PySide6.QtCore import QProcess, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from diffviz.core import i18n
from diffviz.ui.language import LANGUAGES, SETTING, Language, current_language


def restart_arguments(argv: list[str]) -> list[str]:
    """``-m diffviz`` and the launch's arguments without ``--lang CODE`` / ``--lang=CODE``."""
    kept, skip = [], False
    for argument in argv[1:]:
        if skip:
            skip = False
        elif argument == "--lang":
            skip = True
        elif not argument.startswith("--lang="):
            kept.append(argument)
    return ["-m", "diffviz", *kept]


def ask_to_restart(parent: QWidget, language: Language) -> bool:
    box = QMessageBox(QMessageBox.Question, i18n.tr("Language"),
                      i18n.tr("diffviz will speak {language} from its next launch. Restart now?")
                      .format(language=language.native_name), QMessageBox.NoButton, parent)
    restart = box.addButton(i18n.tr("Restart now"), QMessageBox.AcceptRole)
    box.addButton(i18n.tr("Later"), QMessageBox.RejectRole)
    box.exec()
    return box.clickedButton() is restart


def restart(window: QWidget) -> None:
    """Start a fresh diffviz and close this window (which saves what it remembers)."""
    if QProcess.startDetached(sys.executable, restart_arguments(sys.argv)):
        window.close()


def language_menu(parent: QWidget, settings: QSettings, current: Language | None = None,
                  ask: Callable[[QWidget, Language], bool] = ask_to_restart,
                  then: Callable[[QWidget], None] = restart) -> QMenu:
    """The Language submenu. Choosing another language remembers it in ``settings`` and, if ``ask`` says
    yes, calls ``then(parent)``. ``current``: the language in use (default: the one loaded)."""
    current = current or current_language()
    menu = QMenu(i18n.tr("&Language"), parent)
    group = QActionGroup(menu)
    for language in LANGUAGES.values():
        action = QAction(language.native_name, menu, checkable=True, checked=language == current)
        action.setData(language.code)
        group.addAction(action)
        menu.addAction(action)

        def chosen(_checked: bool = False, language: Language = language) -> None:
            settings.setValue(SETTING, language.code)
            settings.sync()
            if language != current and ask(parent, language):
                then(parent)

        action.triggered.connect(chosen)
    return menu
