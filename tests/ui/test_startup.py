"""Issue 12's start-up: the window before torch, the engine in the background, requests queued while it
loads, a failed engine said plainly, and the opening run that makes the app move at once."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from diffviz.core.captions import request_text, step_label
from PySide6.QtCore import Qt

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


# ----- the window before torch ---------------------------------------------------------------------

def test_the_window_module_imports_neither_torch_nor_pyqtgraph():
    proc = _run("""
        import sys, diffviz.ui.window.main_window
        print(sorted(m for m in ("torch", "pyqtgraph") if m in sys.modules))
    """)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "[]"


def test_the_window_opens_and_plays_the_opening_run_without_importing_torch(tmp_path):
    """What ``run_app`` does before starting the engine: build the window, show it, build the timeline and
    play the recorded opening run, all with torch still unimported."""
    proc = _run("""
        import sys, time
        from PySide6.QtCore import QSettings, QStandardPaths
        from PySide6.QtWidgets import QApplication
        QStandardPaths.setTestModeEnabled(True)
        app = QApplication([])
        from diffviz.ui.window.main_window import MainWindow
        win = MainWindow(settings=QSettings(sys.argv[1], QSettings.IniFormat), background=True, opening=True)
        win.show()
        win.build_timeline()
        end = time.monotonic() + 3
        while win.timeline.frame() < 2 and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        print(win.timeline.frame() >= 2, win.state.engine, "torch" in sys.modules)
        win.close()
    """, str(tmp_path / "settings.ini"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["True", "loading", "False"]


def test_the_controls_torch_free_facts_agree_with_the_recipes():
    from diffviz.core.names import RECIPE_NAMES
    from diffviz.core.recipe_facts import RECIPE_FACTS, UNTRAINED_RECIPE, RecipeFacts
    from diffviz.core.recipes import RECIPES

    assert tuple(RECIPE_FACTS) == tuple(RECIPES) == RECIPE_NAMES
    for name, facts in RECIPE_FACTS.items():
        for field in dataclasses.fields(RecipeFacts):
            assert getattr(facts, field.name) == getattr(RECIPES[name], field.name), (name, field.name)
    assert RECIPES[UNTRAINED_RECIPE].make_model().__class__.__name__ == "BasicUNet"


# ----- the engine in the background ----------------------------------------------------------------

def test_while_the_engine_loads_the_window_says_so_and_comes_alive_on_ready(make_window, qtbot):
    from diffviz.ui.window.app_state import ENGINE_LOADING, ENGINE_READY
    from diffviz.ui.window.tabs import TABS
    from diffviz.ui.widgets.loading_page import LoadingPage

    window = make_window()
    controls = window.controls
    assert window.state.engine == ENGINE_LOADING and window.model is None
    assert controls.engine_note.isVisibleTo(controls) and "Loading the engine" in controls.engine_note.text()
    assert "loading the engine" in controls.model_label.text()
    assert controls.train_button.isEnabled() and controls.sample_button.isEnabled()  # a click is queued
    assert not controls.open_button.isEnabled() and not window.menu_actions["file.export"].isEnabled()
    pages = [window.tabs.widget(i) for i in range(window.tabs.count())]
    assert sum(isinstance(page, LoadingPage) for page in pages) == len(TABS) - 1  # every tab but the timeline's
    assert "Loading the engine" in window.tabs.widget(2).note.text()

    window.tabs.setCurrentIndex(3)  # the Architecture tab, still loading
    with qtbot.waitSignal(window.engine.ready, timeout=60000):
        window.engine.start()
    assert window.state.engine == ENGINE_READY and window.model_info.recipe == "flow-class"
    assert window.tabs.currentWidget() is window.architecture  # the tab on screen stays in front
    assert not any(isinstance(window.tabs.widget(i), LoadingPage) for i in range(window.tabs.count()))
    assert not controls.engine_note.isVisibleTo(controls) and controls.open_button.isEnabled()
    assert window.menu_actions["file.export"].isEnabled()
    assert window.data is not None and window.corruption.clean_panel.image_data() is not None
    assert window.engine.wait(5)


def test_a_click_on_sample_while_loading_is_queued_and_runs_once_ready(make_window, qtbot):
    window = make_window()
    controls = window.controls
    controls.n.setValue(3)
    controls.steps.setValue(2)
    qtbot.mouseClick(controls.sample_button, Qt.LeftButton)
    assert window.state.waiting == ("sample",) and not window.busy()
    assert "queued" in controls.sample_button.text() and not controls.sample_button.isEnabled()
    assert "as soon as the engine has loaded" in window.status.text()
    qtbot.mouseClick(controls.sample_button, Qt.LeftButton)  # a second click queues nothing more
    assert window.state.waiting == ("sample",)

    started = []
    window.engine.ready.connect(lambda _loaded: started.append(window.busy("sample")))
    window.engine.start()
    qtbot.waitUntil(lambda: bool(started), timeout=60000)
    assert started == [True] and window.state.waiting == ()  # sampling started as the engine handed over
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=60000)
    assert (window.trajectory.n_samples, window.trajectory.n_steps) == (3, 2)  # the controls' settings
    assert controls.sample_button.text() == "Sample"


def test_train_asked_for_while_loading_starts_once_ready(make_window, qtbot):
    window = make_window()
    window.start_training()  # Ctrl+T, the menu or the button: the same request
    assert window.state.waiting == ("train",) and window.controls.train_button.text() == "Train (queued)"
    with qtbot.waitSignal(window.engine.ready, timeout=60000):
        window.engine.start()
    assert window.busy("train") and window.tabs.currentWidget() is window.training_view
    window.stop_jobs()
    qtbot.waitUntil(lambda: not window.busy(), timeout=30000)


def test_a_damaged_bundled_checkpoint_falls_back_to_an_untrained_model(make_window, qtbot, tmp_path, monkeypatch):
    from diffviz.ui.window import engine

    damaged = tmp_path / "flow-class.safetensors"
    damaged.write_bytes(b"not a checkpoint")
    monkeypatch.setattr(engine, "bundled_checkpoint_path", lambda *_: damaged)
    window = make_window(opening=True)
    assert window.trajectory is None  # its recording belongs to another file: nothing plays
    with qtbot.waitSignal(window.engine.ready, timeout=60000):
        window.engine.start()
    assert window.model_info is None and type(window.model).__name__ == "BasicUNet"
    assert "Could not open flow-class.safetensors" in window.last_error
    assert "untrained model" in window.last_error
    assert window.controls.sample_button.isEnabled() and not window.busy()  # no opening run for noise


def test_an_engine_that_cannot_load_is_said_plainly_and_nothing_waits_for_it(make_window, qtbot, monkeypatch):
    from diffviz.ui.window import engine
    from diffviz.ui.window.app_state import ENGINE_FAILED

    def broken(_checkpoint=None):
        raise ImportError("libtorch_cpu.so: cannot open shared object file")

    monkeypatch.setattr(engine, "load_engine", broken)
    window = make_window()
    window.start_sampling()
    with qtbot.waitSignal(window.engine.failed, timeout=30000):
        window.engine.start()
    assert window.state.engine == ENGINE_FAILED and window.state.waiting == ()
    assert "libtorch_cpu.so" in window.last_error and "could not load" in window.last_error
    controls = window.controls
    assert not controls.sample_button.isEnabled() and not controls.train_button.isEnabled()
    assert "did not load" in controls.engine_note.text() and controls.engine_note.isVisibleTo(controls)
    assert "did not load" in window.tabs.widget(2).note.text()
    window.start_sampling()
    assert not window.busy() and window.state.waiting == ()


# ----- the opening run -----------------------------------------------------------------------------

def test_the_bundled_model_opens_playing_its_recorded_run_in_the_timeline(make_window, qtbot):
    window = make_window(opening=True)  # a first launch: the Training tab would be in front
    assert window.opening.recorded and window.tabs.currentWidget() is window.timeline
    assert window.timeline.is_playing()
    trajectory = window.trajectory
    assert (trajectory.n_samples, trajectory.n_steps, trajectory.recipe) == (16, 20, "flow-class")
    assert "bundled model drawing 16 digits from noise in 20 steps" in window.status.text()
    qtbot.waitUntil(lambda: window.timeline.frame() >= 2, timeout=5000)
    assert window.timeline.step_label.text().startswith("frame")
    assert window.controls.n.value() == 64 and window.controls.steps.value() == 40  # the controls are the user's
    with qtbot.waitSignal(window.engine.ready, timeout=60000):
        window.engine.start()
    assert window.trajectory is trajectory and not window.busy()  # the recording is the opening: no second run
    assert window.inspector._traj is trajectory  # built on ready, the inspector is handed the run on screen
    assert window.status.text().startswith("Ready. The timeline shows the bundled model")


def test_the_opening_run_leaves_a_restored_tab_with_content_of_its_own_in_front(make_window):
    window = make_window(opening=True, tab="schedule")
    assert window.opening.recorded and window.tabs.currentIndex() == 5 and window.timeline.is_playing()
    empty = make_window(opening=True, tab="compare")  # nothing to compare yet: the timeline comes first
    assert empty.tabs.currentWidget() is empty.timeline


def test_a_model_without_a_recording_draws_its_opening_run_once_ready(make_window, qtbot, tmp_path):
    from diffviz.core.checkpoints import save_checkpoint
    from diffviz.core.recipes import get_recipe

    path = save_checkpoint(tmp_path / "mine.safetensors", get_recipe("course").make_model(), recipe="course")
    window = make_window(checkpoint=path, opening=True)
    assert window.trajectory is None
    with qtbot.waitSignal(window.engine.ready, timeout=60000):
        window.engine.start()
    assert window.busy("sample") and "Drawing 16 digits" in window.status.text()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=120000)
    trajectory = window.trajectory
    assert (trajectory.n_samples, trajectory.n_steps, trajectory.recipe) == (16, 20, "course")
    assert not window.opening.recorded and trajectory.features  # drawn live: the inspector can open its layers
    assert window.tabs.currentWidget() is window.timeline and window.timeline.is_playing()
    assert "mine.safetensors drawing 16 digits" in window.status.text() and "Space plays" in window.status.text()
    assert window.controls.n.value() == 64  # drawn with the opening's settings, not by changing the controls


def test_a_window_made_by_a_script_opens_quiet(window):
    assert window.trajectory is None and not window.busy() and window.model_info is not None


def test_the_shipped_recording_is_what_the_bundled_model_draws_today():
    """The recording cannot go stale unnoticed: it names the checkpoint's hash, and drawing the run again
    gives the same greys (within a grey level or two: CPUs round differently)."""
    from diffviz.core.checkpoints import load_checkpoint
    from diffviz.core.export import to_uint8
    from diffviz.core.paths import bundled_checkpoint_path
    from diffviz.core.recipes import get_recipe
    from diffviz.ui.window.opening_run import OPENING, draw, load_recording

    recording = load_recording(bundled_checkpoint_path())
    assert recording is not None, "resources/opening/flow-class.npz is missing or was drawn by another checkpoint"
    model, info = load_checkpoint(bundled_checkpoint_path())
    drawn = draw(model, get_recipe(info.recipe))
    assert (recording.n_samples, recording.n_steps, recording.seed) == (OPENING.n, OPENING.steps, OPENING.seed)
    for shown, now in ((recording.xs, drawn.xs), (recording.preds, drawn.preds)):
        difference = np.abs(to_uint8(shown).astype(int) - to_uint8(now).astype(int))
        assert difference.mean() < 0.5 and difference.max() <= 8
    assert recording.captions == tuple(step_label(drawn, i) for i in range(drawn.n_frames))
    np.testing.assert_allclose(recording.change_per_step(), drawn.change_per_step(), rtol=1e-3, atol=1e-5)
    np.testing.assert_allclose(recording.change_per_step(3, 8), drawn.change_per_step(3, 8), rtol=1e-3, atol=1e-5)
    assert request_text(recording) == request_text(drawn)


def test_a_recording_of_another_file_is_ignored(tmp_path):
    from diffviz.core.paths import bundled_checkpoint_path
    from diffviz.ui.window.opening_run import load_recording

    same_name = tmp_path / "flow-class.safetensors"
    same_name.write_bytes(bundled_checkpoint_path().read_bytes() + b" ")
    assert load_recording(same_name) is None
    assert load_recording(tmp_path / "nothing.safetensors") is None


# ----- the startup report and its benchmark ---------------------------------------------------------

def test_the_startup_report_writes_each_moment_once_as_a_json_line(tmp_path):
    from diffviz.ui.app import StartupReport

    report = StartupReport(tmp_path / "r.jsonl", quit_when_done=False)
    for event in ("window", "moving", "moving", "engine"):
        report.moment(event)
    lines = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert [line["event"] for line in lines] == ["window", "moving", "engine"]
    assert lines[0]["time"] <= lines[1]["time"] <= lines[2]["time"]


def test_bench_startup_without_a_display_says_so_and_exits_2(monkeypatch, capsys):
    from diffviz.bench import startup

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(startup.shutil, "which", lambda _name: None)
    assert startup.run() == 2
    assert "needs a display" in capsys.readouterr().err


def test_bench_startup_tables_the_median_of_what_the_launches_reported(capsys):
    from diffviz.bench.startup import print_table

    print_table([{"window": 1.0, "moving": 1.5, "engine": 5.0}, {"window": 3.0, "engine": 7.0},
                 {"window": 2.0, "moving": 2.5, "engine": 6.0}])
    rows = {line[:24].strip(): line[24:].split() for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows["main window shown"][:3] == ["2.00", "1.00", "3.00"]
    assert rows["first frame playing"][:3] == ["2.00", "1.50", "2.50"] and "never got there" in " ".join(
        rows["first frame playing"])
    assert rows["engine ready"][:3] == ["6.00", "5.00", "7.00"]
