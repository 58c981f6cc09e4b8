"""The main window's menus and keyboard shortcuts, in one table-like place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QWidget

from diffviz import __version__

if TYPE_CHECKING:
    from diffviz.ui.main_window import MainWindow


def build_menus(window: "MainWindow") -> None:
    """File / Run / View / Help menus, plus the timeline's Space, ←, →, Home and End."""

    def action(menu, text, slot, shortcut=None):
        act = QAction(text, window)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    action(file_menu, "&Open checkpoint…", window.open_checkpoint, "Ctrl+O")
    action(file_menu, "&Save checkpoint…", window.save_checkpoint_dialog, "Ctrl+S")
    action(file_menu, "Use the &bundled model (flow recipe)", window.use_bundled_model)
    action(file_menu, "Use the &course's bundled model", window.use_course_model)
    action(file_menu, "Open the last &autosave", window.open_autosave)
    file_menu.addSeparator()
    action(file_menu, "&Export animation…", window.export_dialog, "Ctrl+E")
    file_menu.addSeparator()
    action(file_menu, "&Quit", window.close, "Ctrl+Q")
    run_menu = bar.addMenu("&Run")
    action(run_menu, "&Train", window.start_training, "Ctrl+T")
    action(run_menu, "&Pause / resume", window.toggle_pause, "Ctrl+P")
    action(run_menu, "S&top", window.stop_jobs, "Esc")
    action(run_menu, "&Sample", window.start_sampling, "Ctrl+R")
    view_menu = bar.addMenu("&View")
    tabs = window.tabs
    for i in range(tabs.count()):
        action(view_menu, tabs.tabText(i), lambda _=False, i=i: tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
    help_menu = bar.addMenu("&Help")
    action(help_menu, "&About diffviz", lambda: show_about(window))
    timeline = window.timeline
    for key, slot in (("Space", timeline.play_pause), ("Left", lambda: timeline.step_by(-1)),
                      ("Right", lambda: timeline.step_by(1)), ("Home", timeline.go_home), ("End", timeline.go_end)):
        shortcut = QShortcut(QKeySequence(key), window)
        shortcut.activated.connect(lambda slot=slot: window.timeline_key(slot))


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About diffviz", f"<b>diffviz {__version__}</b><br>Watch a diffusion model "
                      "learn and create: the Hugging Face course's unit 1, live.")
