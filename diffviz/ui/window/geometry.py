"""Where the window was left: its size and place, its docks, and the tab in front, kept between sessions.

Why apart from ``main_window``: reading them back must survive whatever the settings file holds (a file from
another version, or junk), and the window should only have to say "restore" and "remember".
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QTabWidget

DEFAULT_SIZE = (1400, 900)


def restore(window: QMainWindow, tabs: QTabWidget, settings: QSettings) -> None:
    """Size, place, docks and the tab in front as the last session left them; the defaults for anything
    missing or unreadable."""
    geometry = settings.value("window/geometry")
    state = settings.value("window/state")
    try:
        if geometry is None or not window.restoreGeometry(geometry):
            window.resize(*DEFAULT_SIZE)
        if state is not None:
            window.restoreState(state)
    except TypeError:  # junk in the settings file: keep the defaults
        window.resize(*DEFAULT_SIZE)
    try:
        tabs.setCurrentIndex(int(settings.value("window/tab", 0)))
    except (TypeError, ValueError):
        pass


def remember(window: QMainWindow, tabs: QTabWidget, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/tab", tabs.currentIndex())
