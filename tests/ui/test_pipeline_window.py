"""A diffusers pipeline folder opened in the window: a grey 28x28 one is shown like the app's own models; a
colour one is shown at its own size in every view, the Edit lab included."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_pipelines import save_pipeline  # noqa: E402  (the tests' own pipeline maker)


def test_a_grey_28px_pipeline_opens_and_samples_in_the_window(window, qtbot, tmp_path):
    folder = save_pipeline(tmp_path / "my_digits", channels=1, size=28, scheduler="DDIMScheduler", attention=False)
    assert window.load_checkpoint_file(folder / "model_index.json")
    assert window.state.source == "my_digits"  # named after its folder, not "model_index.json"
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
    blocks = [name for name in window.trajectory.features if name not in window.trajectory.attention_layers]
    assert blocks == ["down0", "down1", "mid", "up0", "up1"]  # the inspector's maps
    view = window.edit_view  # the Edit lab: the canvas is the model's own 32 px colour
    assert view.canvas.shape() == (3, 32, 32) and not view.digit_index_spin.isEnabled()
    sampled = window.trajectory
    assert view.take_result(2)  # one of its own results, handed back to it
    source = sampled.final[2].copy()
    mask = np.zeros((32, 32), np.float32)
    mask[16:, :] = 1.0
    view.canvas.set_mask(mask)
    view.set_mode("inpaint")
    view.steps_spin.setValue(3)
    view.run()
    qtbot.waitUntil(lambda: not window.busy("edit") and window.trajectory.edit is not None, timeout=60_000)
    repaired = window.trajectory
    assert repaired.xs.shape == (4, 1, 3, 32, 32) and repaired.edit.mask.shape == (1, 1, 32, 32)
    kept = mask == 0
    assert np.array_equal(repaired.final[0][:, kept], source[:, kept])  # the unmasked pixels, exactly
    assert not np.array_equal(repaired.final[0][:, ~kept], source[:, ~kept])
    view.set_mode("interpolate")
    view.steps_spin.setValue(3)
    view.count_spin.setValue(3)
    view.run()
    qtbot.waitUntil(lambda: not window.busy("edit") and window.trajectory.edit is not None, timeout=60_000)
    assert window.trajectory.xs.shape == (4, 3, 3, 32, 32)
    assert window.last_error is None


def test_the_inspector_shows_where_each_position_of_an_attention_layer_looks(window, qtbot, tmp_path):
    folder = save_pipeline(tmp_path / "butterflies", channels=3, size=32)
    assert window.load_checkpoint_file(folder)
    window.controls.n.setValue(2)
    window.controls.steps.setValue(3)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=60_000)
    inspector = window.inspector
    attention = window.trajectory.attention_layers[0]
    labels = [inspector.layer_list.item(row).text() for row in range(inspector.layer_list.count())]
    assert any(text.startswith(attention) and "attention" in text.split(" · ")[1] for text in labels)
    inspector.select_layer(attention)
    inspector.set_frame(2)
    weights = window.trajectory.features[attention][2, 0].astype(np.float32)  # (queries, h, w)
    queries, h, w = weights.shape
    side = int(round(queries ** 0.5))
    assert side * side == queries
    mosaic = inspector.mosaic_panel.image_data()
    assert mosaic.shape[:2] == (side * (h + 1) + 1, side * (w + 1) + 1)  # one tile per position, the image's grid
    inspector.select_channel(side + 2)  # the position at row 1, column 2
    assert "row 1, column 2" in inspector.channel_label.text() and inspector.query_marker.isVisible()
    np.testing.assert_array_equal(inspector.current_maps(), weights)
    assert "attention" in inspector.title.text() and "where it looks" in inspector.layer_note.text()
    inspector.select_layer("down1")
    assert not inspector.query_marker.isVisible() and "channel" in inspector.channel_label.text()


def test_a_damaged_pipeline_is_refused_in_one_line_and_the_window_keeps_its_model(window, tmp_path):
    """The fuzzing's three finds, opened in the app: the message is shown, the model on screen stays."""
    import json

    before_model, before_recipe = window.model, window.recipe.name
    cases = {"sample_size": [16], "layers_per_block": 9223372036854775808}
    for key, value in cases.items():
        folder = save_pipeline(tmp_path / f"bad_{key}", channels=1, size=28, attention=False)
        config = json.loads((folder / "unet" / "config.json").read_text())
        (folder / "unet" / "config.json").write_text(json.dumps({**config, key: value}))
        window.last_error = None
        assert not window.load_checkpoint_file(folder)
        assert "\n" not in window.last_error and key in window.last_error and f"bad_{key}" in window.last_error
        assert window.model is before_model and window.recipe.name == before_recipe
    folder = save_pipeline(tmp_path / "bad_weights", channels=1, size=28, attention=False)
    weights = folder / "unet" / "diffusion_pytorch_model.safetensors"
    weights.write_bytes(weights.read_bytes().replace(b"conv_in.bias", b"conv_in.bia$", 1))
    window.last_error = None
    assert not window.load_checkpoint_file(folder)
    assert "missing conv_in.bias" in window.last_error and "bad_weights" in window.last_error
    assert window.model is before_model and window.recipe.name == before_recipe
