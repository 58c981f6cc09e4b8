"""Fixtures for the app's tests: a main window with throwaway settings, and a thread check on teardown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QStandardPaths


@pytest.fixture(autouse=True, scope="session")
def _qt_test_paths():
    """Autosaves and logs go to Qt's test locations, not the developer's real profile."""
    QStandardPaths.setTestModeEnabled(True)
    yield


@pytest.fixture
def window(qtbot, tmp_path):
    from diffviz.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    yield win
    win.close()
    running = [name for name, handle in win.handles.items() if handle.thread.isRunning()]
    assert not running, f"threads still running after close: {running}"
