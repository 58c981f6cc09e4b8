"""A diffusers pipeline folder opened in the window: a grey 28x28 one is shown like the app's own models; a
colour one is refused with a line saying how to draw it, the model on screen untouched."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_pipelines import save_pipeline  # noqa: E402  (the tests' own pipeline maker)


def test_a_grey_28px_pipeline_opens_and_samples_in_the_window(window, qtbot, tmp_path):
    folder = save_pipeline(tmp_path / "my_digits", channels=1, size=28, scheduler="DDIMScheduler", attention=False)
    assert window.load_checkpoint_file(folder / "model_index.json")
    assert window.recipe.name == "diffusers:my_digits" and window.model_info.architecture == "PipelineUNet"
    assert window.controls.sampler_name() == "ddim"
    window.controls.n.setValue(4)
    window.controls.steps.setValue(3)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=60_000)
    assert window.trajectory.xs.shape == (4, 4, 1, 28, 28)
    assert window.trajectory.recipe == "diffusers:my_digits"
    assert "down1" in window.trajectory.features
    assert window.quality_label.text() == "quality meter: does not apply"  # what it learnt is unknown
    assert window.last_quality is None


def test_a_colour_pipeline_opens_and_every_view_shows_its_colour_images(window, qtbot, tmp_path):
    folder = save_pipeline(tmp_path / "butterflies", channels=3, size=32)
    window.last_error = None
    assert window.load_checkpoint_file(folder)
    window.controls.n.setValue(4)
    window.controls.steps.setValue(3)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=60_000)
    assert window.trajectory.xs.shape == (4, 4, 3, 32, 32)
    grid = window.timeline.x_panel.image_data()
    assert grid.ndim == 3 and grid.shape[2] == 3 and not (grid[..., 0] == grid[..., 1]).all()  # colour on screen
    assert set(window.trajectory.features) == {"down0", "down1", "mid", "up0", "up1"}  # the inspector's maps
    view = window.edit_view
    view.take_digit(0)
    view.set_mode("sdedit")
    view.run()
    assert not window.busy("edit") and "28x28 grey" in view.message_label.text()  # the canvas is MNIST's
    view.set_mode("interpolate")
    view.steps_spin.setValue(3)
    view.count_spin.setValue(3)
    view.run()
    qtbot.waitUntil(lambda: not window.busy("edit") and window.trajectory.edit is not None, timeout=60_000)
    assert window.trajectory.xs.shape == (4, 3, 3, 32, 32)
    assert window.last_error is None
