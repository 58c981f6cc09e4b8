"""The Edit tab in the real window: what the learner drew reaches the edit job, and the run plays on the
timeline, inspector and exports like any other."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt

from diffviz.core.export import GifOptions


def test_edit_tab_is_built_with_the_engine_and_knows_the_model(window):
    view = window.edit_view
    assert window.tabs.indexOf(view) >= 0
    assert view.sampler_combo.count() == len(window.recipe.samplers)
    assert view.digit_index_spin.isEnabled()  # the bundled digits arrived


def run_inpaint(window, qtbot, steps: int = 6, jumps: int = 0):
    view = window.edit_view
    window.tabs.setCurrentWidget(view)
    view.take_digit(7)
    mask = np.zeros((28, 28), np.float32)
    mask[14:, :] = 1.0
    view.canvas.set_mask(mask)
    view.set_mode("inpaint")
    view.steps_spin.setValue(steps)
    view.jumps_spin.setValue(jumps)
    drawn, painted = view.canvas.image(), view.canvas.mask()
    view.run()
    qtbot.waitUntil(lambda: not window.busy("edit") and window.trajectory is not None
                    and window.trajectory.edit is not None, timeout=60_000)
    return window.trajectory, drawn, painted


def test_the_canvas_reaches_the_job_and_the_run_plays_in_the_timeline(window, qtbot, tmp_path):
    run, drawn, painted = run_inpaint(window, qtbot)
    assert np.array_equal(run.edit.source[0, 0], drawn)
    assert np.array_equal(run.edit.mask[0, 0], painted)
    kept = painted == 0
    assert np.array_equal(run.final[0, 0][kept], drawn[kept])
    assert run.n_steps == 6  # inpainting with a class model reads the digit first by default, and is told it
    assert run.edit.read is not None and np.array_equal(run.labels, run.edit.read)
    view = window.edit_view
    view.set_mode("interpolate")  # two noises, no image to read: told none by default; inpainting reads again
    assert view.digit_combo.currentData() is None
    view.set_mode("inpaint")
    assert view.digit_combo.currentData() == "read" and "reads the digit" in view.digit_combo.toolTip()
    assert window.tabs.currentWidget() is window.timeline
    assert window.timeline._traj is run and window.inspector._traj is run  # both views follow the state
    assert run.feature_samples == 1
    # the Edit view shows the result and its plot; the status bar says what ran
    assert window.edit_view.plotted_curves()
    assert "Inpaint" in window.status.text()
    # exports work on an edit's run as on any other
    window.start_export(str(tmp_path / "edit.gif"), GifOptions(panels=("x",), fps=10, scale=2))
    qtbot.waitUntil(lambda: not window.busy("export"), timeout=30_000)
    with Image.open(tmp_path / "edit.gif") as gif:
        assert gif.n_frames == 7


def test_an_unavailable_mode_is_refused_in_the_view_and_sampling_waits_for_an_edit(window, qtbot):
    view = window.edit_view
    view.take_digit(1)
    view.set_mode("invert")  # the bundled flow-class model cannot invert
    assert not view.run_button.isEnabled()
    assert "DDPM" in view.message_label.text()
    view.set_mode("sdedit")
    assert view.run_button.isEnabled()
    view.steps_spin.setValue(200)
    view.run()
    assert window.busy("edit") and view.is_running() and not view.run_button.isEnabled()
    window.start_sampling()  # one run on the timeline at a time
    assert not window.busy("sample") and "edit" in window.status.text()
    window.stop_jobs()
    qtbot.waitUntil(lambda: not window.busy(), timeout=30_000)
    assert not view.is_running() and view.run_button.isEnabled()
    assert window.trajectory is None or window.trajectory.stopped  # Stop keeps the frames made


@pytest.mark.parametrize("mode", ["sdedit", "interpolate"])
def test_other_modes_run_from_the_window(window, qtbot, mode):
    view = window.edit_view
    view.take_digit(3)
    view.set_mode(mode)
    view.steps_spin.setValue(4)
    if mode == "interpolate":
        view.count_spin.setValue(4)
    view.run()
    qtbot.waitUntil(lambda: not window.busy("edit") and window.trajectory is not None
                    and window.trajectory.edit is not None, timeout=60_000)
    run = window.trajectory
    assert run.edit.mode == mode and run.n_steps == 4
    assert run.n_samples == (4 if mode == "interpolate" else 1)



def test_a_colour_pipeline_is_edited_from_a_result_of_its_last_run_and_the_canvas_follows_the_model(
        window, qtbot, tmp_path):
    """A learner's own 3-channel 32 px pipeline folder: sample, take one of its images, noise and denoise it,
    invert it; the canvas goes back to grey 28 with the bundled digits when the bundled model returns."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from test_pipelines import save_pipeline  # the tests' own pipeline maker

    assert window.load_checkpoint_file(save_pipeline(tmp_path / "butterflies", channels=3, size=32))
    view = window.edit_view
    assert view.canvas.shape() == (3, 32, 32) and not view.digit_index_spin.isEnabled()
    assert not view.take_result_button.isEnabled()  # nothing of this model's shape has run yet
    window.controls.n.setValue(2)
    window.controls.steps.setValue(2)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=60_000)
    sampled = window.trajectory
    assert view.take_result_button.isEnabled() and view.result_index_spin.maximum() == 1  # told when it ended
    view.result_index_spin.setValue(1)
    qtbot.mouseClick(view.take_result_button, Qt.LeftButton)
    np.testing.assert_array_equal(view.canvas.image(), sampled.final[1])
    for mode, frames in (("sdedit", 3), ("invert", 5)):
        view.set_mode(mode)
        view.steps_spin.setValue(2)
        view.run()
        qtbot.waitUntil(lambda: not window.busy("edit") and window.trajectory.edit is not None
                        and window.trajectory.edit.mode == mode, timeout=60_000)
        run = window.trajectory
        assert run.xs.shape == (frames, 1, 3, 32, 32), mode
        np.testing.assert_array_equal(run.edit.source[0], sampled.final[1])
    window.tabs.setCurrentWidget(view)  # laid out while hidden behind the timeline: the canvas sits at the top
    qtbot.wait(20)
    assert view.canvas.y() == 0 and view.canvas.width() == view.canvas.height()
    window.use_bundled_model()
    assert view.canvas.shape() == (1, 28, 28) and view.digit_index_spin.isEnabled()
    assert not view.take_result_button.isEnabled()  # the colour run is not this model's shape
