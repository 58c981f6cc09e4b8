"""Menus and keyboard shortcuts built from declared actions (``actions.Action``).

Why apart from the table: this module knows Qt's side (QAction, QShortcut, menu order,
separators) and nothing about the window's widgets; ``actions.main_actions`` says what the
commands are. Any list of actions can be built here, on any main window.
"""

from __future__ import annotations

from functools import partial
from typing import Mapping, Sequence

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from diffviz import __version__
from diffviz.core import i18n
from diffviz.ui.window.actions import Action


def build_menus(window: QMainWindow, actions: Sequence[Action], submenus: Mapping[str, QMenu] | None = None
                ) -> dict[str, QAction | QShortcut]:
    """A menu per distinct ``Action.menu`` (in the order they first appear, titled ``i18n.tr(menu)``) holding its
    actions, then any of ``submenus`` given for that menu's key (View → Language); a window-wide QShortcut for
    each action with no menu. Returns them by action id.

    Each signal is connected to ``partial(Action.trigger, action)``, which holds the action: Qt for
    Python keeps only a weak reference to the object of a bound method, and the table is a temporary."""
    built: dict[str, QAction | QShortcut] = {}
    menus: dict[str, QMenu] = {}
    for action in actions:
        if action.menu is None:
            shortcut = QShortcut(QKeySequence(action.shortcut), window)
            shortcut.activated.connect(partial(Action.trigger, action))
            built[action.id] = shortcut
            continue
        if action.menu not in menus:
            menus[action.menu] = window.menuBar().addMenu(i18n.tr(action.menu))
        menu = menus[action.menu]
        if action.separator_before:
            menu.addSeparator()
        qaction = QAction(action.text, window)
        if action.shortcut:
            qaction.setShortcut(QKeySequence(action.shortcut))
        qaction.triggered.connect(partial(Action.trigger, action))
        menu.addAction(qaction)
        built[action.id] = qaction
    for key, submenu in (submenus or {}).items():
        menus[key].addSeparator()
        menus[key].addMenu(submenu)
    return built


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, i18n.tr("About diffviz"),
                      i18n.tr("<b>diffviz {version}</b><br>Watch a diffusion model learn and create: the Hugging "
                              "Face course's unit 1, live.").format(version=__version__))
