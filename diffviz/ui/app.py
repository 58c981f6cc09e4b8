"""Starting the app: QApplication, logging to the user's log folder, error hooks, the main window.

Errors reach people (like napari's notification manager): ``sys.excepthook`` and
``threading.excepthook`` log the traceback to a file and show a message on the GUI
thread; Qt's own warnings go to the same log.
"""

from __future__ import annotations

import logging
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, Slot, qInstallMessageHandler, QtMsgType
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox, QSplashScreen

from diffviz import __version__

log = logging.getLogger("diffviz")


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
        box = QMessageBox(QMessageBox.Critical, "diffviz: unexpected error",
                          f"{text}\n\nThe details are in {log_path()}.")
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


def _splash() -> QSplashScreen:
    """A small window saying what is happening while PyTorch and the views load."""
    pixmap = QPixmap(460, 140)
    pixmap.fill(QColor("#1e1f22"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#e6e6e6"))
    font = painter.font()
    font.setPointSize(20)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(pixmap.rect().adjusted(24, 24, -24, -60), Qt.AlignLeft | Qt.AlignTop, "diffviz")
    font.setPointSize(10)
    font.setBold(False)
    painter.setFont(font)
    painter.setPen(QColor("#a0a0a0"))
    painter.drawText(pixmap.rect().adjusted(24, 70, -24, -16), Qt.AlignLeft | Qt.AlignTop,
                     f"watch a diffusion model learn and create · {__version__}\nloading PyTorch and the bundled model…")
    painter.end()
    splash = QSplashScreen(pixmap)
    splash.show()
    QApplication.processEvents()
    return splash


def run_app(checkpoint: Path | None = None, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName("diffviz")
    app.setApplicationName("diffviz")
    app.setApplicationVersion(__version__)
    path = setup_logging()
    relay = install_error_hooks()
    log.info("diffviz %s starting; log at %s", __version__, path)
    splash = _splash()  # on screen within a second; importing torch takes a few more
    from diffviz.ui.main_window import MainWindow  # after the app exists: importing views is the slow part

    window = MainWindow(checkpoint=checkpoint)
    window.error_relay = relay
    window.show()
    splash.finish(window)
    code = app.exec()
    window.shutdown()
    log.info("diffviz exiting with code %s", code)
    return code
