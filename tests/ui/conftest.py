"""Fixtures for the app's tests: a main window with throwaway settings (its engine loaded at once, or a
factory for one that loads in the background as the app does), and a thread check on teardown."""

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
    from diffviz.ui.window.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    yield win
    win.close()
    running = [name for name, handle in win.handles.items() if handle.thread.isRunning()]
    assert not running, f"threads still running after close: {running}"


@pytest.fixture
def make_window(qtbot, tmp_path):
    """``make_window(checkpoint=None, opening=False, tab=None)``: a window as ``run_app`` makes it, shown and
    with its timeline built, whose engine has not started: the test calls ``window.engine.start()`` (or
    never does). ``tab``: the key of the tab a previous session left in front."""
    from diffviz.ui.window.main_window import MainWindow
    from diffviz.ui.window.tabs import TAB_KEYS

    made = []

    def make(checkpoint=None, opening=False, tab=None):
        settings = QSettings(str(tmp_path / f"settings{len(made)}.ini"), QSettings.IniFormat)
        if tab is not None:
            settings.setValue("window/tab", TAB_KEYS.index(tab))
        win = MainWindow(checkpoint=checkpoint, settings=settings, background=True, opening=opening)
        qtbot.addWidget(win)
        win.resize(1300, 850)
        win.show()
        win.build_timeline()
        made.append(win)
        return win

    yield make
    for win in made:
        win.close()  # joins the engine's thread too
        running = [name for name, handle in win.handles.items() if handle.thread.isRunning()]
        assert not running, f"threads still running after close: {running}"
