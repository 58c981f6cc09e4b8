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


def test_a_colour_pipeline_is_refused_in_the_app_with_the_command_that_draws_it(window, tmp_path):
    before = window.model
    folder = save_pipeline(tmp_path / "butterflies", channels=3, size=32)
    window.last_error = None
    assert not window.load_checkpoint_file(folder)
    assert "colour 32x32" in window.last_error and "diffviz sample --checkpoint" in window.last_error
    assert window.model is before
