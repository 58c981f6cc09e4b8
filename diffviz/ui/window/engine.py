"""The engine: PyTorch, the model the app opens with and the bundled digits, loaded off the GUI thread.

Why: importing torch costs seconds of CPU (about 3 s on the project's 2-core machine, ``python -X
importtime -c "import torch"``) and the window needs none of it to appear. So ``run_app`` shows the
real window first, then ``Engine.start`` imports the torch side, opens the checkpoint and reads the
bundled digits on a plain Python thread, and hands what it loaded to the GUI thread through a queued
signal (the thread never touches a widget). Meanwhile the window keeps what needs the engine in a
visible "loading the engine…" state and queues Train and Sample (``AppState.engine`` and
``AppState.waiting``). Tests, benchmarks and scripts call ``load_now`` instead: the same work in the
calling thread, so a window is complete when its constructor returns.

The GUI thread must not import what the loading thread is importing (Python's import lock would make
it wait), so everything the window builds before ``ready`` is torch-free (tests/ui/test_startup.py
checks it in a fresh interpreter), and the views that need torch are imported here, in the thread,
and built by the window on ``ready``.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot

from diffviz.core import i18n
from diffviz.core.paths import bundled_checkpoint_path

if TYPE_CHECKING:
    from torch import nn

    from diffviz.core.checkpoints import CheckpointInfo
    from diffviz.core.data import DigitData

log = logging.getLogger(__name__)

# Imported by the loading thread, so that nothing the window does once the engine is ready imports torch
# on the GUI thread: the engine's modules, the workers' jobs, and the views the window builds on ``ready``.
PRELOADED = ("torch", "diffviz.core.recipes", "diffviz.core.checkpoints", "diffviz.core.models",
             "diffviz.core.data", "diffviz.core.features", "diffviz.core.quality", "diffviz.core.samplers",
             "diffviz.workers.jobs", "diffviz.ui.views.training_view", "diffviz.ui.views.inspector_view",
             "diffviz.ui.views.architecture_view", "diffviz.ui.views.corruption_view", "diffviz.ui.views.schedule_view",
             "diffviz.ui.views.comparison_view", "diffviz.ui.edit.edit_view", "diffviz.ui.window.studies",
             "diffviz.ui.window.engine_views")


@dataclass(frozen=True)
class LoadedEngine:
    """What the engine loaded: the model to open (an untrained one when the checkpoint would not open,
    and ``model_error`` says why), the bundled digits (None, with ``data_error``, when they would not
    load) and how long it took."""

    model: nn.Module
    info: CheckpointInfo | None
    source: str                      # the checkpoint's file name, or "untrained" (in the language shown)
    data: DigitData | None
    model_error: str | None = None
    data_error: str | None = None
    seconds: float = 0.0


def load_engine(checkpoint: Path | None = None) -> LoadedEngine:
    """Import the torch side, open ``checkpoint`` (None: the bundled model) and read the bundled digits.
    Runs in any thread; raises only for what no fallback covers (torch itself failing to import)."""
    start = time.perf_counter()
    for name in PRELOADED:
        importlib.import_module(name)
    from diffviz.core.opening import open_model
    from diffviz.core.data import load_bundled
    from diffviz.core.errors import DiffvizError
    from diffviz.core.models import BasicUNet

    path = checkpoint or bundled_checkpoint_path()
    model_error = data_error = None
    try:
        model, info = open_model(path)
        source = path.name
    except DiffvizError as exc:
        model, info, source = BasicUNet(), None, i18n.tr("untrained")
        model_error = i18n.tr("Could not open {file}: {error}. Starting with an untrained model.").format(
            file=path.name, error=exc)
    try:
        data = load_bundled()
    except DiffvizError as exc:
        data, data_error = None, str(exc)
    return LoadedEngine(model.eval(), info, source, data, model_error, data_error, time.perf_counter() - start)


class Engine(QObject):
    """Loads the engine once, in a thread (``start``) or here (``load_now``); emits ``ready(LoadedEngine)``
    or ``failed(message)`` on the GUI thread."""

    ready = Signal(object)
    failed = Signal(str)
    _finished = Signal(object, object)  # (LoadedEngine | None, error text | None), from the loading thread

    def __init__(self, checkpoint: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checkpoint = checkpoint
        self.loaded: LoadedEngine | None = None
        self.error: str | None = None
        self._thread: threading.Thread | None = None
        self._finished.connect(self._hand_over, Qt.QueuedConnection)

    @property
    def path(self) -> Path:
        """The checkpoint it opens: the one asked for, or the bundled model."""
        return self.checkpoint or bundled_checkpoint_path()

    @property
    def started(self) -> bool:
        return self._thread is not None or self.done

    @property
    def done(self) -> bool:
        """It has handed over (``ready`` or ``failed`` was emitted)."""
        return self.loaded is not None or self.error is not None

    def start(self) -> None:
        """Load in a thread of its own; a second call does nothing."""
        if self.started:
            return
        self._thread = threading.Thread(target=self._run, name="diffviz-engine")
        self._thread.start()

    def load_now(self) -> None:
        """Load in this thread and hand over before returning (tests, benchmarks, scripts)."""
        if not self.started:
            self._hand_over(*self._load())

    def wait(self, timeout: float | None = None) -> bool:
        """Join the loading thread (it cannot be interrupted mid-import); True when it has ended."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def _load(self) -> tuple[LoadedEngine | None, str | None]:
        try:
            return load_engine(self.path), None
        except Exception as exc:  # noqa: BLE001 - any failure must reach the user, not end a thread silently
            log.exception("the engine failed to load")
            return None, f"{type(exc).__name__}: {exc}"

    def _run(self) -> None:
        loaded, error = self._load()
        try:
            self._finished.emit(loaded, error)
        except RuntimeError:  # the window (and this object) closed while loading: nobody is waiting
            log.info("the engine loaded after its window had gone")

    @Slot(object, object)
    def _hand_over(self, loaded: LoadedEngine | None, error: str | None) -> None:
        self.loaded, self.error = loaded, error
        if loaded is not None:
            log.info("engine ready in %.2f s (%s)", loaded.seconds, loaded.source)
            self.ready.emit(loaded)
        else:
            self.failed.emit(error or i18n.tr("unknown error"))
