"""Issue 6, the app's side: shutdown mid-job, a soak, the log file, markup from files, input ranges,
and a missing dataset.

Each test is written so it fails when its point is broken: e.g. a close that does not stop the
sampler takes longer than 3 s, a label that renders markup shows no literal ``<``, a spin box with
a zero minimum lets the trainer raise.
"""

from __future__ import annotations

import html
import itertools
import logging
import os
import subprocess
import sys
import textwrap
import threading
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QStandardPaths, Qt, QTimer, qInstallMessageHandler, qWarning
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from .test_main_window import ROOT

# ----- point 14: closing the window mid-job ---------------------------------------------------------

# Starts a long job, waits (on the GUI thread) for its first progress report, then closes the window
# and prints what it saw at that moment. Argument 1: "sample" or "export"; argument 2: a folder.
CLOSE_MID_JOB = textwrap.dedent("""
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import numpy as np
    from PySide6.QtCore import QSettings, QStandardPaths, QTimer
    from PySide6.QtWidgets import QApplication
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication([])
    from diffviz.core.export import GifOptions
    from diffviz.core.trajectory import Trajectory
    from diffviz.ui.window.main_window import MainWindow

    kind, folder = sys.argv[1], sys.argv[2]
    win = MainWindow(settings=QSettings(os.path.join(folder, "s.ini"), QSettings.IniFormat))
    win.show()
    if kind == "sample":  # 128 images x 200 steps with features: ~15 s of work on a 2-core laptop
        win.controls.n.setValue(128)
        win.controls.steps.setValue(200)
        win.start_sampling()
    else:  # 401 frames of two 8x8 grids at scale 4: seconds of rendering, then the encoding
        xs = np.random.default_rng(0).random((401, 64, 1, 28, 28), dtype=np.float32)
        win.show_trajectory(Trajectory(xs=xs, preds=xs[::-1].copy(), mix=np.full(400, 0.5)))
        win.start_export(os.path.join(folder, "out.gif"), GifOptions(panels=("x", "pred"), scale=4))

    def close_mid_job():
        if win.progress.value() < 1:  # the job's first progress report has not arrived yet
            return
        poll.stop()
        handle = win.handles[kind]
        print(f"closing running={handle.is_running()} done={win.progress.value()} of={win.progress.maximum()} "
              f"at={time.time()!r}", flush=True)
        win.close()

    poll = QTimer(interval=10)
    poll.timeout.connect(close_mid_job)
    poll.start()
    code = app.exec()
    print("closed-with", code, flush=True)
    sys.exit(code)
""")


def _run_close_script(tmp_path: Path, kind: str) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run CLOSE_MID_JOB; return the process, the seconds from close() to the process's end, and the
    share of the job done when close() was called (asserting it was running then)."""
    script = tmp_path / "close_mid_job.py"
    script.write_text(CLOSE_MID_JOB)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, str(script), kind, str(tmp_path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180, check=False)
    ended = time.time()
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "closed-with 0" in proc.stdout
    assert "QThread: Destroyed" not in proc.stderr
    line = next((s for s in proc.stdout.splitlines() if s.startswith("closing ")), None)
    assert line is not None, f"the job never reported progress:\n{proc.stdout}\n{proc.stderr[-3000:]}"
    fields = dict(part.split("=", 1) for part in line.split()[1:])
    assert fields["running"] == "True", line  # the close really landed mid-job
    done, total = int(fields["done"]), int(fields["of"])
    assert done < total, line
    return proc, ended - float(fields["at"]), done / total


def test_closing_mid_sampling_exits_cleanly_within_3_s(tmp_path):
    """Point 14: closing while the sampler runs stops it between two steps; the process exits with 0
    within 3 s and Qt never destroys a running thread."""
    _, seconds, share = _run_close_script(tmp_path, "sample")
    assert seconds < 3.0, f"exit took {seconds:.2f} s after close() ({share:.0%} of the sampling done)"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_closing_mid_export_exits_cleanly_and_leaves_no_partial_gif(tmp_path):
    """Point 14: closing during a GIF export exits with 0 within 3 s and leaves no half-written file:
    the target is absent or a complete GIF, and no temporary file is left in the folder."""
    _, seconds, share = _run_close_script(tmp_path, "export")
    assert seconds < 3.0, f"exit took {seconds:.2f} s after close() ({share:.0%} of the frames rendered)"
    target = tmp_path / "out.gif"
    if target.exists():
        with Image.open(target) as gif:
            assert gif.format == "GIF"
            assert gif.n_frames == 401
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ----- point 15: the soak ---------------------------------------------------------------------------

@pytest.mark.slow
def test_soak_start_stop_training_50_times_and_sample_50_times(window):
    """Point 15: 50 start/stop training cycles and 50 sampling runs in one window: nothing is shown as
    an error, no thread is left (Python, QThread or native), and RSS grows by less than 100 MB.
    The full counts take ~30 s on the project's 2-core machine when it is otherwise idle (~65 s while
    other work shares the cores), so the test runs them as the issue asks; `diffviz bench soak` prints
    the same figures."""
    from diffviz.bench.soak import GROWTH_LIMIT_MB, soak

    result = soak(window, train_cycles=50, sample_runs=50, n=4, steps=5)
    report = "\n".join(result.lines())
    print(report)  # the figures, for `pytest -s`
    assert not result.errors, report
    assert result.qthreads_running_end == 0, report
    assert result.python_threads_end <= result.python_threads_start, report
    if result.native_threads_start is not None:
        assert result.native_threads_end <= result.native_threads_start, report
    assert result.growth_mb < GROWTH_LIMIT_MB, report
    assert result.passed, report


# ----- point 17: unhandled exceptions and Qt warnings reach the log file --------------------------

@pytest.fixture
def app_log(qapp, tmp_path, monkeypatch):
    """The app's log set up as ``run_app`` does, in a home folder under tmp_path; every hook the app
    installs (sys/threading excepthook, Qt message handler, root logger) is put back afterwards."""
    from diffviz.ui import app as app_module

    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # QStandardPaths (test mode) builds on $HOME
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    root = logging.getLogger()
    level = root.level
    earlier = [h for h in root.handlers if isinstance(h, RotatingFileHandler)]
    for handler in earlier:  # setup_logging adds no second file handler: let it add ours
        root.removeHandler(handler)
    before = list(root.handlers)
    previous_qt_handler = qInstallMessageHandler(None)
    path = app_module.setup_logging()
    relay = app_module.install_error_hooks()
    yield path, relay
    qInstallMessageHandler(previous_qt_handler)
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    for handler in earlier:
        root.addHandler(handler)
    root.setLevel(level)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.close()


@pytest.mark.qt_no_exception_capture
@pytest.mark.no_qt_log
def test_unhandled_exceptions_and_qt_warnings_go_to_the_log_file(app_log, tmp_path, qtbot):
    """Point 17: an exception escaping a Qt slot (sys.excepthook), one escaping a worker thread
    (threading.excepthook) and a Qt warning all land, with tracebacks, in log_path(), which is in
    the user's standard app data folder; the user is told about the exceptions in a plain-text box."""
    from diffviz.ui.app import log_path

    path, relay = app_log
    assert path == log_path()
    assert path.is_relative_to(tmp_path / "home")
    assert str(path).startswith(QStandardPaths.writableLocation(QStandardPaths.AppLocalDataLocation))

    def slot_that_raises() -> None:
        raise ValueError("marker-from-a-slot")

    QTimer.singleShot(0, slot_that_raises)
    qtbot.waitUntil(lambda: relay.last is not None and "marker-from-a-slot" in relay.last, timeout=3000)

    def thread_that_raises() -> None:
        raise RuntimeError("marker-from-a-thread <b>x</b>")

    thread = threading.Thread(target=thread_that_raises, name="raiser")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: "marker-from-a-thread" in (relay.last or ""), timeout=3000)
    qWarning("marker-qt-warning")

    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "Traceback" in text
    assert "in slot_that_raises" in text and "ValueError: marker-from-a-slot" in text
    assert "in thread_that_raises" in text and "RuntimeError: marker-from-a-thread" in text
    assert "WARNING qt: marker-qt-warning" in text
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and "marker-from" in w.text()]
    assert boxes and all(box.textFormat() == Qt.PlainText and box.isVisible() for box in boxes)
    for box in boxes:
        box.close()
    qtbot.waitUntil(lambda: not relay.boxes, timeout=3000)  # a closed box is let go


# ----- point 6: file names and metadata are plain text, never paths ---------------------------------

MARKUP = "<img src='x.png'><a href='file:///etc'>click</a>"


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def _rendered(rich_text: str) -> str:
    """What a QLabel in rich-text mode shows: the text with markup applied."""
    document = QTextDocument()
    document.setHtml(rich_text)
    return document.toPlainText()


def test_markup_in_checkpoint_names_and_metadata_is_shown_as_text(window, tmp_path):
    """Point 6: a checkpoint named ``a<b>.safetensors`` whose metadata holds HTML shows its name
    literally (escaped in the rich-text model label, plain text in the status bar), never renders
    images or links, and loading it writes no file: metadata is not used as a path."""
    from diffviz.core.checkpoints import save_checkpoint
    from diffviz.core.models import BasicUNet

    folder = tmp_path / "downloads"
    folder.mkdir()
    path = folder / "a<b>.safetensors"
    save_checkpoint(path, BasicUNet(), recipe="course",
                    hyperparameters={"out": str(tmp_path / "pwned.txt"), "data": f"folder:{tmp_path / 'evil'}"},
                    training={"data": MARKUP, "steps": 12, "seconds": 60.0, "log": str(tmp_path / "log.txt")})
    window.settings.sync()
    QApplication.processEvents()
    existing = _files(tmp_path)

    assert window.load_checkpoint_file(path), window.last_error
    QApplication.processEvents()
    window.settings.sync()

    label = window.controls.model_label.text()
    assert html.escape("a<b>.safetensors") in label
    assert "a<b>" not in label and "<img" not in label and "<a " not in label
    shown = _rendered(label)
    assert "a<b>.safetensors" in shown and "click" not in shown
    assert window.status.textFormat() == Qt.PlainText
    assert "a<b>.safetensors" in window.status.text()
    assert _files(tmp_path) - existing <= {tmp_path / "settings.ini"}  # only the window's own settings


def test_an_error_about_a_foreign_file_is_shown_as_plain_text(window, tmp_path):
    """Point 6: the error box quoting a foreign file's name (which holds markup and an entity) uses
    plain text, so the name reads exactly as it is on disk."""
    bad = tmp_path / "<b>bad<i>&lt;.safetensors"
    bad.write_bytes(b"\x00" * 8 + b"{" + os.urandom(200))
    assert not window.load_checkpoint_file(bad)
    assert bad.name in window.last_error
    boxes = [b for b in window.findChildren(QMessageBox) if bad.name in b.text()]
    assert boxes, [b.text() for b in window.findChildren(QMessageBox)]
    assert boxes[-1].textFormat() == Qt.PlainText
    assert window.status.textFormat() == Qt.PlainText and bad.name in window.status.text()


# ----- point 10: the app's inputs cannot express absurd hyperparameters -----------------------------

def _extremes(spin) -> tuple:
    return spin.minimum(), spin.maximum()


def test_control_ranges_only_allow_sane_hyperparameters(qtbot):
    """Batch, learning rate, epochs, time, seed, n and steps are range-limited by the
    widgets: a typed 0, a negative or a huge value is clamped into a range the engine accepts."""
    from diffviz.core.sampling import MAX_SAMPLES, MAX_STEPS
    from diffviz.ui.widgets.controls import ControlPanel

    controls = ControlPanel()
    qtbot.addWidget(controls)
    assert controls.batch.minimum() >= 1 and controls.batch.maximum() <= 10_000  # the bundled digits
    assert controls.lr.minimum() > 0 and controls.lr.maximum() <= 1.0
    assert controls.epochs.minimum() > 0
    assert controls.minutes.minimum() >= 0 and controls.minutes.maximum() * 60 <= 7 * 24 * 3600
    assert controls.train_seed.minimum() >= 0
    assert 1 <= controls.n.minimum() and controls.n.maximum() <= MAX_SAMPLES
    assert 1 <= controls.steps.minimum() and controls.steps.maximum() <= MAX_STEPS
    for spin, absurd in ((controls.batch, 0), (controls.lr, 0.0), (controls.lr, -1.0), (controls.epochs, -3.0),
                         (controls.n, 0), (controls.n, 10**9), (controls.steps, 0), (controls.batch, 10**9)):
        spin.setValue(absurd)
        assert spin.minimum() <= spin.value() <= spin.maximum()
        assert spin.value() != absurd


def test_every_value_the_controls_accept_is_valid_for_the_engine(qtbot, bundled_data):
    """train_config() at every combination of the widgets' extremes validates against the
    bundled dataset, and the largest sampling run the widgets allow passes the engine's checks
    (sample count, step count, memory of the recorded trajectory) for every recipe."""
    from diffviz.core.recipes import RECIPES
    from diffviz.core.sampling import check_trajectory_fits, validate_sampling
    from diffviz.ui.widgets.controls import ControlPanel
    from diffviz.ui.window.sampling import FEATURE_LIMIT as SAMPLE_FEATURE_LIMIT

    controls = ControlPanel()
    qtbot.addWidget(controls)
    spins = (controls.epochs, controls.minutes, controls.batch, controls.lr, controls.train_seed)
    for values in itertools.product(*(_extremes(spin) for spin in spins)):
        for spin, value in zip(spins, values):
            spin.setValue(value)
        config = controls.train_config()
        config.validate(len(bundled_data))  # raises ConfigError on anything absurd
    models = [recipe.make_model() for recipe in {r.architecture: r for r in RECIPES.values()}.values()]
    for n, steps in itertools.product(_extremes(controls.n), _extremes(controls.steps)):
        controls.n.setValue(n)
        controls.steps.setValue(steps)
        n_value, steps_value, _ = controls.sample_settings()
        validate_sampling(n_value, steps_value)
        for model in models:
            check_trajectory_fits(model, n_value, steps_value, min(n_value, SAMPLE_FEATURE_LIMIT))


# ----- point 11: a missing or damaged dataset offers the bundled digits -----------------------------

def _mnist_folder(tmp_path: Path, damaged: bool) -> Path:
    """An empty folder, or one whose four MNIST files are there but are not IDX files."""
    root = tmp_path / "mnist"
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True)
    if damaged:
        for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                     "t10k-labels-idx1-ubyte"):
            (raw / name).write_bytes(b"<html>not found</html>" * 10)
    return root


@pytest.mark.parametrize("damaged", [False, True], ids=["missing", "damaged"])
def test_a_missing_dataset_names_the_files_and_offers_the_bundled_digits(window, qtbot, tmp_path, damaged):
    """Point 11: training from a missing or damaged MNIST folder ends in a non-blocking message naming
    the expected files, with a button that switches to the bundled digits and trains on them."""
    controls = window.controls
    controls.source.setCurrentIndex(controls.source.findData("mnist"))
    controls.folder.setText(str(_mnist_folder(tmp_path, damaged)))
    controls.epochs.setValue(100)
    window.start_training()
    qtbot.waitUntil(lambda: window.last_error is not None and not window.busy(), timeout=30000)
    assert "train-images-idx3-ubyte" in window.last_error
    assert "bundled" in window.last_error
    boxes = [b for b in window.findChildren(QMessageBox) if "train-images-idx3-ubyte" in b.text()]
    assert boxes
    box = boxes[-1]
    assert box.isVisible() and box.windowModality() != Qt.ApplicationModal
    offer = [b for b in box.buttons() if "bundled" in b.text().lower()]
    assert len(offer) == 1, [b.text() for b in box.buttons()]

    offer[0].click()
    assert controls.data_spec() == "bundled"
    qtbot.waitUntil(lambda: window.training_view.loss_point_count() > 0, timeout=30000)
    window.stop_jobs()
    qtbot.waitUntil(lambda: not window.busy(), timeout=5000)
    assert window.model_info.training["data"].startswith("bundled")


def test_a_bug_in_training_is_not_offered_as_a_data_problem(window, qtbot, monkeypatch):
    """Point 11's offer is for data problems only: a failure of another kind gets the plain message."""
    from diffviz.workers import jobs

    def broken_job(*_args, **_kwargs):
        def job(_worker):
            raise ValueError("not a data problem")
            yield  # pragma: no cover (makes this a generator)
        return job

    monkeypatch.setattr(jobs, "training_job", broken_job)  # the window imports it when training starts
    controls = window.controls
    controls.source.setCurrentIndex(controls.source.findData("mnist"))
    window.start_training()
    qtbot.waitUntil(lambda: window.last_error is not None and not window.busy(), timeout=10000)
    box = [b for b in window.findChildren(QMessageBox) if "not a data problem" in b.text()][-1]
    assert not [b for b in box.buttons() if "bundled" in b.text().lower()]
