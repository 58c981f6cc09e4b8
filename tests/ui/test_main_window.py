"""The app end to end (offscreen): training, stopping, sampling, scrubbing, exporting, errors, closing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from PySide6.QtCore import QSettings

from diffviz.core.captions import request_text
from diffviz.core.export import GifOptions, image_grid, to_uint8

ROOT = Path(__file__).resolve().parents[2]


def _params(model) -> list[torch.Tensor]:
    return [p.detach().clone() for p in model.parameters()]


def test_starts_with_the_bundled_model(window):
    assert window.model_info is not None, window.last_error
    assert window.model_info.recipe == "flow-class"  # the default recipe's model
    assert "bundled" not in (window.last_error or "")
    assert window.controls.recipe_name() == "flow-class" and window.controls.batch.value() == 32
    assert window.controls.digit.isEnabled() and window.controls.guidance.value() == 2.0


def test_the_guidance_box_follows_the_recipe_unless_the_learner_set_one(window):
    from diffviz.core.paths import bundled_checkpoint_path
    from diffviz.core.recipes import get_recipe

    guidance = window.controls.guidance
    assert window.load_checkpoint_file(bundled_checkpoint_path("ddpm"))
    assert guidance.isEnabled() and guidance.value() == get_recipe("ddpm").guidance == 1.5
    window.use_bundled_model()
    assert guidance.value() == get_recipe("flow-class").guidance == 2.0
    guidance.setValue(3.0)  # the learner's own: kept whatever model comes next
    assert window.load_checkpoint_file(bundled_checkpoint_path("ddpm"))
    assert guidance.value() == 3.0


def test_the_guidance_box_follows_the_models_age(window, tmp_path):
    """A flow-class model trained on few images is pushed harder by default (``Recipe.early_guidance``): the box
    shows 2.5 for it and 2 again for the bundled model, which has seen 400,000."""
    from diffviz.core.checkpoints import save_checkpoint, training_metadata
    from diffviz.core.recipes import get_recipe

    recipe = get_recipe("flow-class")
    young = save_checkpoint(tmp_path / "young.safetensors", recipe.make_model(), recipe="flow-class",
                            training=training_metadata(100, 3_200, 5.0, [], "bundled"))
    guidance = window.controls.guidance
    assert guidance.value() == recipe.guidance == 2.0 and window.model_info.images >= recipe.early_guidance[1]
    assert window.load_checkpoint_file(young)
    assert guidance.value() == recipe.early_guidance[0] == 2.5
    assert window.controls.class_choice()["guidance"] == 2.5  # what Sample will use
    window.use_bundled_model()
    assert guidance.value() == 2.0


def test_the_course_model_and_a_ddpm_model_bring_their_samplers(window, tmp_path):
    window.use_course_model()
    assert window.model_info.recipe == "course"
    # the course's sampler by default, and Heun's second-order step on the same path (issue 11 adds it)
    assert [window.controls.sampler.itemData(i) for i in range(window.controls.sampler.count())] == ["course", "heun"]
    assert window.controls.sampler.isEnabled() and window.controls.sampler_name() == "course"
    from diffviz.core.checkpoints import save_checkpoint
    from diffviz.core.recipes import get_recipe

    path = save_checkpoint(tmp_path / "d.safetensors", get_recipe("ddpm-unet2d").make_model(), recipe="ddpm-unet2d")
    assert window.load_checkpoint_file(path)
    names = [window.controls.sampler.itemData(i) for i in range(window.controls.sampler.count())]
    assert names == ["ddpm", "ddim", "dpm-solver++", "euler"] and window.controls.sampler_name() == "ddim"
    window.controls.sampler.setCurrentIndex(names.index("euler"))
    assert window.controls.sampler_name() == "euler"
    assert not window.controls.digit.isEnabled() and not window.controls.guidance.isEnabled()
    assert window.controls.class_choice() == {}


def test_the_digit_and_guidance_chosen_reach_the_sampler(window, qtbot):
    """The bundled flow-class model, asked for fives at guidance 3: the trajectory records it and the meter
    sees mostly fives."""
    controls = window.controls
    controls.digit.setCurrentIndex(controls.digit.findData(5))
    controls.guidance.setValue(3.0)
    controls.n.setValue(16)
    controls.steps.setValue(10)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=60000)
    assert window.trajectory.labels.tolist() == [5] * 16 and window.trajectory.guidance == 3.0
    qtbot.waitUntil(lambda: window.last_quality is not None, timeout=5000)
    assert window.last_quality.histogram[5] >= 12, window.last_quality.histogram


def test_training_emits_losses_and_the_plot_gets_points(window, qtbot):
    window.controls.epochs.setValue(0.2)
    window.controls.batch.setValue(64)
    window.start_training()
    qtbot.waitUntil(lambda: window.training_view.loss_point_count() > 5, timeout=20000)
    qtbot.waitUntil(lambda: not window.busy(), timeout=30000)
    steps = round(0.2 * 10_000 / 64)
    assert window.training_view.loss_point_count() == steps
    assert window.training_view.quality_point_count() >= 1  # the finished model's, and any by the clock before
    assert window.model_unsaved
    assert window.model_info.training["steps"] == steps
    assert window.controls.train_button.isEnabled()


def test_stop_ends_a_run_within_two_seconds(window, qtbot):
    window.controls.epochs.setValue(100)
    window.start_training()
    qtbot.waitUntil(lambda: window.training_view.loss_point_count() > 2, timeout=20000)
    start = time.perf_counter()
    window.stop_jobs()
    qtbot.waitUntil(lambda: not window.busy(), timeout=2000)
    assert time.perf_counter() - start < 2.0
    assert window.model_unsaved  # what was trained is kept


def test_pause_holds_training(window, qtbot):
    window.controls.epochs.setValue(100)
    window.start_training()
    qtbot.waitUntil(lambda: window.training_view.loss_point_count() > 2, timeout=20000)
    window.toggle_pause()
    qtbot.wait(1000)  # let the step in flight and its update land
    held = window.training_view.loss_point_count()
    qtbot.wait(800)
    assert window.training_view.loss_point_count() == held
    assert window.state.paused and window.controls.pause_button.text() == "Resume"
    window.toggle_pause()
    assert not window.state.paused
    qtbot.waitUntil(lambda: window.training_view.loss_point_count() > held, timeout=5000)
    window.stop_jobs()
    qtbot.waitUntil(lambda: not window.busy(), timeout=3000)


def _sample(window, qtbot, n=6, steps=7):
    window.controls.n.setValue(n)
    window.controls.steps.setValue(steps)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=20000)
    return window.trajectory


def test_sampling_sets_the_slider_range_and_scrubbing_follows(window, qtbot):
    trajectory = _sample(window, qtbot)
    qtbot.waitUntil(lambda: window.last_quality is not None, timeout=5000)
    assert window.last_quality.n == trajectory.n_samples
    assert "recognised" in window.quality_label.text()
    slider = window.timeline.slider
    assert (slider.minimum(), slider.maximum()) == (0, 7)
    layer = trajectory.layer_names[2]
    window.inspector.select_layer(layer)
    for frame in (3, 7, 0):
        slider.setValue(frame)
        qtbot.waitUntil(lambda: window.timeline.frame() == frame, timeout=1000)
        assert np.array_equal(window.timeline.x_panel.image_data(), image_grid(to_uint8(trajectory.xs[frame])))
        assert np.array_equal(window.timeline.pred_panel.image_data(),
                              image_grid(to_uint8(trajectory.preds[frame])))
        expected = trajectory.features[layer][frame][0].astype(np.float32)
        assert np.array_equal(window.inspector.current_maps(), expected)


def test_gif_export_from_the_app_writes_a_valid_file(window, qtbot, tmp_path):
    trajectory = _sample(window, qtbot, n=4, steps=5)
    target = tmp_path / "out.gif"
    window.start_export(str(target), GifOptions(panels=("x", "pred"), fps=10, scale=2))
    qtbot.waitUntil(lambda: target.exists() and not window.busy(), timeout=20000)
    with Image.open(target) as gif:
        assert gif.n_frames == trajectory.n_frames
        assert gif.info.get("loop") == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_bad_checkpoint_is_refused_and_the_model_kept(window, tmp_path):
    before = _params(window.model)
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(os.urandom(4096))
    assert not window.load_checkpoint_file(bad)
    assert "bad.safetensors" in window.last_error
    assert all(torch.equal(a, b) for a, b in zip(before, _params(window.model)))


def test_a_failing_job_reaches_the_user_and_train_works_again(window, qtbot, tmp_path, caplog):
    window.controls.source.setCurrentIndex(window.controls.source.findData("mnist"))
    window.controls.folder.setText(str(tmp_path / "nowhere"))
    with caplog.at_level("ERROR", logger="diffviz"):
        window.start_training()
        qtbot.waitUntil(lambda: window.last_error is not None and not window.busy(), timeout=20000)
    assert "train-images-idx3-ubyte" in window.last_error
    assert window.controls.train_button.isEnabled()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "job failed" in logged and "Traceback" in logged  # the traceback is in the log, not only a message


def test_settings_are_written_atomically(window, tmp_path):
    """QSettings writes through QSaveFile (a temporary file renamed over the old one) while this holds."""
    assert window.settings.isAtomicSyncRequired()
    window.close()
    folder = tmp_path
    assert (folder / "settings.ini").is_file()
    assert not [p.name for p in folder.iterdir() if p.name.startswith("settings.ini.") or p.suffix == ".tmp"]


def test_junk_settings_fall_back_to_defaults(qtbot, tmp_path):
    from diffviz.ui.window.main_window import MainWindow

    path = tmp_path / "junk.ini"
    path.write_text("[controls]\nbatch=banana\nlr=-5\nsteps=1e9\nsource=@Invalid()\n"
                    "[window]\ngeometry=zzz\ntab=nine\n")
    win = MainWindow(settings=QSettings(str(path), QSettings.IniFormat))
    qtbot.addWidget(win)
    assert win.controls.batch.value() == 32  # the default recipe's (flow-class)
    assert win.controls.lr.value() == pytest.approx(0.002)
    assert win.controls.steps.value() == 40
    win.close()


CLOSE_MID_TRAINING = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings, QStandardPaths, QTimer
    from PySide6.QtWidgets import QApplication
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication([])
    from diffviz.ui.window.main_window import MainWindow
    win = MainWindow(settings=QSettings(sys.argv[1], QSettings.IniFormat))
    win.show()
    win.controls.epochs.setValue(100)
    win.start_training()
    QTimer.singleShot(2500, win.close)
    code = app.exec()
    print("closed-with", code, flush=True)
    sys.exit(code)
""")


def test_closing_mid_training_exits_cleanly(tmp_path):
    script = tmp_path / "close.py"
    script.write_text(CLOSE_MID_TRAINING)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(script), str(tmp_path / "s.ini")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "closed-with 0" in proc.stdout
    assert "QThread: Destroyed" not in proc.stderr
    assert time.perf_counter() - start < 60


def test_the_precision_choice_reaches_the_job_and_the_status_bar_and_is_remembered(window, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    assert window.controls.precision_choice() == "auto"  # the default: measured on this machine
    window.controls.precision.setCurrentIndex(window.controls.precision.findData("fp32"))
    window.controls.n.setValue(2)
    window.controls.steps.setValue(2)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=60000)
    assert window.reporter.precision_label.text() == "sample: precision fp32 (as asked)"
    settings = QSettings(str(tmp_path / "other.ini"), QSettings.IniFormat)
    window.controls.save_settings(settings)
    from diffviz.ui.widgets.controls import ControlPanel

    again = ControlPanel()
    qtbot.addWidget(again)
    again.load_settings(settings)
    assert again.precision_choice() == "fp32"


def test_sampling_streams_into_the_timeline_and_a_stop_keeps_the_frames_made(window, qtbot):
    """The timeline opens on the first frames while the run is computed, its slider grows, and Stop leaves
    the frames made scrubbable with a status line that says the run stopped."""
    controls = window.controls
    controls.n.setValue(16)
    controls.steps.setValue(200)  # long enough to be caught half-way on any machine
    window.tabs.setCurrentIndex(0)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and window.timeline.slider.maximum() >= 3, timeout=60000)
    growing = window.trajectory
    assert window.busy("sample") and growing.growing
    assert window.tabs.currentWidget() is window.timeline
    assert window.timeline.slider.maximum() < growing.n_frames - 1
    window.stop_jobs()
    qtbot.waitUntil(lambda: not window.busy("sample"), timeout=10000)
    stopped = window.trajectory
    assert stopped.stopped and 4 <= stopped.n_frames < growing.n_frames
    assert window.timeline.slider.maximum() == stopped.n_frames - 1
    window.timeline.set_frame(stopped.n_frames - 1)
    assert "stopped after step" in window.status.text()


def test_while_training_the_quality_line_speaks_of_the_model_in_training(window, qtbot):
    window.start_sampling()  # the bundled model's figures first
    qtbot.waitUntil(lambda: window.last_quality is not None and not window.busy(), timeout=60000)
    assert window.quality_label.text().startswith("quality of the last")
    window.controls.epochs.setValue(0.1)
    window.start_training()
    assert window.quality_label.text() == "training previews' quality: after the first preview"
    qtbot.waitUntil(lambda: not window.busy(), timeout=60000)
    assert window.training_view.quality_point_count() >= 1
    assert window.quality_label.text().startswith("training previews (16 at ")


def test_guide_at_every_step_reaches_the_run(window, qtbot):
    """The Guide at box: the recipe's interval by default, every step when chosen; the trajectory says which."""
    controls = window.controls
    controls.n.setValue(4)
    controls.steps.setValue(3)
    assert controls.class_choice()["guidance_interval"] is None  # the recipe's own
    every_step = [i for i in range(controls.guide_at.count()) if controls.guide_at.itemData(i) == (0.0, 1.0)]
    controls.guide_at.setCurrentIndex(every_step[0])
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=60000)
    assert window.trajectory.guidance_interval == (0.0, 1.0)
    assert request_text(window.trajectory).endswith("guidance 2")
    controls.guide_at.setCurrentIndex(0)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory.guidance_interval != (0.0, 1.0) and not window.busy(), timeout=60000)
    assert request_text(window.trajectory).endswith("guidance 2 for noise 0.1–0.7")


def test_measure_again_forgets_the_remembered_precision(window, tmp_path, monkeypatch, measured_auto):
    from diffviz.core.precision import cache_path, choose_precision

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    choose_precision("auto", "cpu", timer=lambda precision: {"fp32": 0.1}.get(precision.name, 1.0), key="m")
    assert cache_path().exists()
    window.controls.measure_again.click()
    assert not cache_path().exists()
    assert "Forgot 1 remembered precision verdict" in window.status.text()


def test_the_controls_are_never_cut_at_the_side(window):
    """At the smallest size README promises (1280x800) the controls' column is as wide as they need."""
    from PySide6.QtWidgets import QScrollArea

    window.resize(1280, 800)
    scroll = window.controls.parentWidget()
    while not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    assert scroll.viewport().width() >= window.controls.minimumSizeHint().width()
