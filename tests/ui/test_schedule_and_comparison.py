"""The noise-schedule view and the comparison view, in the main window."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from diffviz.core import ddpm
from diffviz.core.comparison import comparison_frame, comparison_panels, save_comparison_gif
from diffviz.core.errors import ConfigError, ExportError


def test_the_course_schedule_is_a_straight_blend(window):
    view = window.schedule
    assert view.current_schedule() == "course"
    signal, noise = view.weights()
    assert signal[0] == 1 and signal[-1] == 0 and np.allclose(signal + noise, 1)
    from diffviz.core.data import fixed_batch

    images = fixed_batch(window.data, 8).numpy()
    assert np.allclose(view.noised(np.zeros(8, int)), images)  # t = 0: the digits themselves
    at_end = view.noised(np.full(8, 999))
    assert not np.allclose(at_end, images) and 0 <= at_end.min() and at_end.max() <= 1  # pure uniform noise


def test_a_ddpm_schedule_is_computed_off_the_gui_thread_and_drawn(window, qtbot):
    view = window.schedule
    view.schedule.setCurrentIndex(view.schedule.findData("ddpm-cosine"))
    qtbot.waitUntil(lambda: view.weights() is not None, timeout=60000)
    signal, noise = view.weights()
    expected = ddpm.alpha_bars("squaredcos_cap_v2").double().numpy()
    assert np.allclose(signal ** 2, expected) and np.allclose(signal ** 2 + noise ** 2, 1)
    x, y = view.signal_curve.getData()
    assert len(x) == 1000 and np.allclose(y, signal)
    view.slider.setValue(999)
    assert "ᾱ" in view.value_label.text()
    assert view.noisy_panel.image_data() is not None


def test_compare_step_counts_from_the_same_noise_and_export_one_gif(window, qtbot, tmp_path):
    view = window.comparison
    view.apply_preset("steps")
    assert [steps for _, _, steps, _ in view.runs()] == [1, 5, 10, 40]
    window.studies.start_comparison()
    qtbot.waitUntil(lambda: len(view.trajectories) == 4 and not window.busy(), timeout=60000)
    trajectories = view.trajectories
    assert [t.n_steps for t in trajectories] == [1, 5, 10, 40]
    for t in trajectories:
        assert np.array_equal(t.xs[0], trajectories[0].xs[0])  # the same starting noise in every column
    shown = [view.column_image(i).copy() for i in range(4)]
    assert all(np.array_equal(image, shown[0]) for image in shown)  # progress 0: every column shows it
    view.slider.setValue(view.slider.maximum())
    finals = [view.column_image(i) for i in range(4)]
    assert not np.array_equal(finals[0], finals[3])  # 1 step and 40 steps end differently
    assert "step 40/40" in view.titles[3].text()
    panels = comparison_panels(trajectories, view.labels, 1.0)  # the GIF's panels: the same captions on screen
    assert [view.titles[i].text() for i in range(4)] == ["\n".join(panel.lines) for panel in panels]

    path = tmp_path / "compare.gif"
    window.studies.start_comparison_export(str(path))
    qtbot.waitUntil(lambda: path.exists() and not window.busy(), timeout=60000)
    with Image.open(path) as gif:
        assert gif.n_frames == 41 and gif.info["loop"] == 0
        assert gif.size == comparison_frame(trajectories, view.labels, 0.0).size


def test_every_sampler_preset_follows_the_model(window, tmp_path):
    from diffviz.core.checkpoints import save_checkpoint
    from diffviz.core.recipes import get_recipe

    window.comparison.apply_preset("samplers")  # the bundled flow-class model: its samplers at 20 model calls each
    assert [(sampler, steps) for _, sampler, steps, _ in window.comparison.runs()] == [
        ("course", 20), ("heun", 10), ("ancestral", 20)]
    path = save_checkpoint(tmp_path / "d.safetensors", get_recipe("ddpm-unet2d").make_model(), recipe="ddpm-unet2d")
    assert window.load_checkpoint_file(path)
    window.comparison.apply_preset("samplers")
    assert [sampler for _, sampler, _, _ in window.comparison.runs()] == list(get_recipe("ddpm-unet2d").samplers)
    assert not window.comparison.rows[0].guidance.isEnabled()  # the course's diffusers DDPM is not told the class
    window.comparison.apply_preset("models")
    assert [model for model, _, _, _ in window.comparison.runs()] == [
        "bundled:course", "bundled:flow", "bundled:flow-class"]
    assert [guidance for *_, guidance in window.comparison.runs()] == [None, None, 2.0]
    window.comparison.apply_preset("unet2d")  # the course's own comparison: BasicUNet against UNet2DModel
    assert [(model, steps) for model, _, steps, _ in window.comparison.runs()] == [
        ("bundled:course", 40), ("bundled:course-unet2d", 40)]


def test_the_guidance_preset_compares_four_scales_from_the_same_noise(window, qtbot):
    """Guidance 0 ignores the label, so the bundled flow-class model at 0 draws other digits than at 4; the
    columns start from the same noise and ask for the same digits."""
    view = window.comparison
    window.use_course_model()  # not told the class: the preset falls back to the bundled flow-class model
    view.apply_preset("guidance")
    assert [(model, guidance) for model, _, _, guidance in view.runs()] == [
        ("bundled:flow-class", g) for g in (0.0, 1.0, 2.0, 4.0)]
    for row in view.rows:
        row.steps.setValue(10)
    window.studies.start_comparison()
    qtbot.waitUntil(lambda: len(view.trajectories) == 4 and not window.busy(), timeout=60000)
    trajectories = view.trajectories
    assert [t.guidance for t in trajectories] == [0.0, 1.0, 2.0, 4.0]
    assert all(np.array_equal(t.labels, np.arange(8)) for t in trajectories)
    assert all(np.array_equal(t.xs[0], trajectories[0].xs[0]) for t in trajectories)
    assert not np.allclose(trajectories[0].final, trajectories[3].final, atol=0.05)
    assert "guidance 4" in view.titles[3].text()


def test_one_run_is_not_a_comparison(window):
    for row in window.comparison.rows[1:]:
        row.enabled.setChecked(False)
    window.studies.start_comparison()
    assert "at least two" in window.last_error and not window.busy()


def test_comparison_export_refuses_other_formats(tmp_path, window):
    with pytest.raises(ExportError):
        save_comparison_gif([], [], tmp_path / "c.png")
    with pytest.raises(ConfigError):
        from diffviz.core.comparison import run_comparison
        run_comparison([], 8)


def test_a_checkpoint_file_row_offers_its_own_samplers(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from diffviz.core.checkpoints import save_checkpoint
    from diffviz.core.recipes import get_recipe

    path = save_checkpoint(tmp_path / "early.safetensors", get_recipe("ddpm-unet2d").make_model(), recipe="ddpm-unet2d")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    row = window.comparison.rows[1]
    row.model.setCurrentIndex(row.model.findData("file"))
    assert row.model.currentData() == f"file:{path}" and row.model.currentText() == "early.safetensors"
    assert [row.sampler.itemData(i) for i in range(row.sampler.count())] == list(get_recipe("ddpm-unet2d").samplers)
    assert "early.safetensors" in window.comparison.run_label(row.model.currentData(), "ddim", 10)
    assert not row.guidance.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    other = window.comparison.rows[2]
    other.model.setCurrentIndex(other.model.findData("file"))
    assert other.model.currentData() == "current"  # cancelled: back to the model on screen


def test_a_unet2d_model_samples_into_the_timeline_and_inspector(window, qtbot):
    from diffviz.core.paths import bundled_checkpoint_path

    assert window.load_checkpoint_file(bundled_checkpoint_path("course-unet2d"))
    window.controls.n.setValue(4)
    window.controls.steps.setValue(3)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=60000)
    assert window.trajectory.recipe == "course-unet2d" and window.trajectory.n_steps == 3
    names = [window.inspector.layer_list.item(r).text().split(" · ")[0] for r in range(window.inspector.layer_list.count())]
    blocks = [name for name in names if name not in window.trajectory.attention_layers]
    assert blocks == ["down0", "down1", "down2", "mid", "up0", "up1", "up2"]
    assert names[names.index("down1") + 1] == "down1.attention0"  # each block's attention follows it
    window.inspector.select_layer("mid")
    assert window.inspector.current_maps().shape == (64, 7, 7)
    window.inspector.select_layer("up1")
    assert window.inspector.current_maps().shape == (64, 28, 28)
    # the inspector describes UNet2DModel's own blocks, not BasicUNet's layers
    assert window.inspector.layer_note.text().startswith("AttnUpBlock2D")
    assert "UNet2DModel" in window.inspector.explanation.body.text()
    assert "5×5" not in window.inspector.explanation.body.text()
    window.use_course_model()  # a new model: its notes for training-batch maps, the trajectory keeps its own
    assert window.inspector.layer_note.text().startswith("AttnUpBlock2D")
    assert "5×5" in window.inspector.explanation.body.text()
