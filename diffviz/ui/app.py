"""Starting the app: QApplication, logging to the user's log folder, error hooks, the main window.

Errors reach people (like napari's notification manager): ``sys.excepthook`` and
``threading.excepthook`` log the traceback to a file and show a message on the GUI
thread; Qt's own warnings go to the same log.

The real window comes first (issue 12: on screen within 1.5 s): importing the window imports
neither torch nor pyqtgraph, so its menus, controls and tabs are up within a second; once it has
painted, the timeline is built and the opening run plays (``MainWindow.build_timeline``), and only
then does the engine (torch, the model, the digits) start loading in a thread, so none of it
competes with the first paint. There is no splash screen: the window itself says what is loading. With
``DIFFVIZ_STARTUP_REPORT=<file>`` the launch's moments go to that file as JSON lines, for
``diffviz bench startup``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import (QEvent, QObject, QStandardPaths, Qt, QTimer, Signal, Slot, qInstallMessageHandler,
                            QtMsgType)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from diffviz import __version__
from diffviz.core import i18n

if TYPE_CHECKING:
    from diffviz.ui.window.main_window import MainWindow
    from diffviz.ui.views.timeline_view import TimelineView

log = logging.getLogger("diffviz")

REPORT_VARIABLE = "DIFFVIZ_STARTUP_REPORT"  # a file: the launch's moments are appended as JSON lines
QUIT_VARIABLE = "DIFFVIZ_STARTUP_QUIT"      # "1": quit once the window, the engine and the opening run are up
VIEWS_LATEST_MS = 1000
LESSON_OFFER_MS = 1500  # the lesson is resumed, or offered at a first launch, once the window is up  # build the timeline and start the engine by then even if no paint was seen


def log_path() -> Path:
    """The log file in the platform's per-user app data folder (…/diffviz/logs/diffviz.log)."""
    base = QStandardPaths.writableLocation(QStandardPaths.AppLocalDataLocation)
    return Path(base or Path.home() / ".diffviz") / "logs" / "diffviz.log"


def setup_logging() -> Path:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=2, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if not any(isinstance(h, type(handler)) for h in root.handlers):
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def _qt_message(mode: QtMsgType, _context, message: str) -> None:
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    logging.getLogger("qt").log(level, message)


class _ErrorRelay(QObject):
    """Carries an unhandled exception's text to the GUI thread, where a dialog may be shown."""

    raised = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.raised.connect(self._show, Qt.QueuedConnection)
        self.last: str | None = None
        # The boxes on screen. They have no parent, so without a Python reference PySide would delete
        # each one as soon as _show returns and the user would never see it.
        self.boxes: list[QMessageBox] = []

    @Slot(str)
    def _show(self, text: str) -> None:
        self.last = text
        box = QMessageBox(QMessageBox.Critical, i18n.tr("diffviz: unexpected error"),
                          i18n.tr("{error}\n\nThe details are in {path}.").format(error=text, path=log_path()))
        box.setTextFormat(Qt.PlainText)  # an exception's text may quote a file name or a file's contents
        box.finished.connect(self._closed)
        self.boxes.append(box)
        box.open()

    @Slot()
    def _closed(self) -> None:
        box = self.sender()
        self.boxes = [b for b in self.boxes if b is not box]
        box.deleteLater()


def install_error_hooks() -> _ErrorRelay:
    relay = _ErrorRelay()

    def excepthook(exc_type, exc, tb) -> None:
        log.error("unhandled exception", exc_info=(exc_type, exc, tb))
        relay.raised.emit(f"{exc_type.__name__}: {exc}")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = excepthook
    threading.excepthook = thread_hook
    qInstallMessageHandler(_qt_message)
    return relay


class _FirstPaint(QObject):
    """Calls ``then`` once, on the next turn of the event loop after ``widget``'s first paint (so the
    painted frame is on its way to the screen first)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Paint and self._then is not None:
            then, self._then = self._then, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, then)
        return False


class StartupReport:
    """The moments of one launch, for ``diffviz bench startup``: ``window`` (the main window has painted),
    ``moving`` (the opening run's first frame change while playing), ``engine`` (the engine is ready), each
    as a JSON line ``{"event": ..., "time": <time.time()>}`` appended to ``path``. With ``quit_when_done`` the
    app quits itself once all three have happened."""

    EVENTS = ("window", "moving", "engine")

    def __init__(self, path: Path, quit_when_done: bool) -> None:
        self.path = path
        self.quit_when_done = quit_when_done
        self.seen: set[str] = set()

    @classmethod
    def from_environment(cls) -> StartupReport | None:
        path = os.environ.get(REPORT_VARIABLE)
        return cls(Path(path), os.environ.get(QUIT_VARIABLE) == "1") if path else None

    def watch(self, window: MainWindow) -> None:
        window.engine.ready.connect(lambda _loaded: self.moment("engine"))
        window.engine.failed.connect(lambda message: self.moment("engine", error=message))

    def watch_timeline(self, timeline: TimelineView) -> None:
        timeline.frameChanged.connect(lambda _frame: self.moment("moving") if timeline.is_playing() else None)

    def moment(self, event: str, **detail: object) -> None:
        if event in self.seen:
            return
        self.seen.add(event)
        with self.path.open("a", encoding="utf-8") as file:
            file.write(json.dumps({"event": event, "time": time.time(), **detail}) + "\n")
        if self.quit_when_done and self.seen >= set(self.EVENTS):
            QTimer.singleShot(100, QApplication.instance().quit)


def run_app(checkpoint: Path | None = None, argv: list[str] | None = None, language: str | None = None) -> int:
    """``language``: a code of ``ui.language.LANGUAGES`` (``--lang``), else the remembered or the system's."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName("diffviz")
    app.setApplicationName("diffviz")
    app.setApplicationVersion(__version__)
    from PySide6.QtCore import QSettings

    from diffviz.ui.language import chosen_language, load_language

    load_language(chosen_language(language, QSettings()))  # before any widget makes its texts
    path = setup_logging()
    relay = install_error_hooks()
    log.info("diffviz %s starting; log at %s", __version__, path)
    report = StartupReport.from_environment()
    from diffviz.ui.window.main_window import MainWindow  # torch-free: the engine is imported by its own thread

    window = MainWindow(checkpoint=checkpoint, background=True, opening=True)
    window.error_relay = relay
    if report is not None:
        report.watch(window)

    def open_views() -> None:  # once: later calls find everything built and started
        first = window.timeline is None
        window.build_timeline()
        if first and report is not None:
            report.watch_timeline(window.timeline)
        window.engine.start()

    def painted() -> None:
        if report is not None:
            report.moment("window")
        open_views()

    _FirstPaint(window, painted)
    QTimer.singleShot(LESSON_OFFER_MS, lambda: window.lesson.resume() or window.lesson.offer_once())
    QTimer.singleShot(VIEWS_LATEST_MS, open_views)  # a platform that never paints still gets its views
    window.show()
    code = app.exec()
    window.shutdown()
    log.info("diffviz exiting with code %s", code)
    return code
