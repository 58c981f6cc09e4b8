"""The Edit tab's view: what the learner draws is what the request carries, each mode shows and sends only
what it uses, refusals say why and send nothing, real digits and image files reach the canvas, and the
result's plot follows what the edit record carries. The view never runs a model: these tests need no torch
model, only its requests and fake results."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt

from diffviz.core import i18n
from diffviz.core.edit_modes import EDIT_MODES, EditRecord, EditRequest
from diffviz.core.trajectory import Trajectory
from diffviz.ui.edit.edit_view import (JUMPS_TIP, REFUSE_BLACK, TIMELINE_HINT, TIMELINE_HINT_NO_KEY, EditView,
                                       refuse_no_mask)
from diffviz.ui.widgets.images import grid_uint8


@pytest.fixture
def view(qtbot):
    widget = EditView()
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.set_recipe("flow-class", ("course", "heun"), "course", 10, False)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _draw(view: EditView) -> None:
    view.canvas.set_softness(0.5)
    view.canvas.stroke([(6, 14), (21, 14)], tool="brush")


def _mask(view: EditView) -> None:
    view.canvas.stroke([(10, 8), (10, 20)], tool="mask")


def _run(qtbot, view: EditView) -> EditRequest:
    with qtbot.waitSignal(view.runRequested, timeout=2000) as blocker:
        qtbot.mouseClick(view.run_button, Qt.LeftButton)
    request = blocker.args[0]
    assert isinstance(request, EditRequest)
    return request


def _refused(qtbot, view: EditView) -> None:
    with qtbot.assertNotEmitted(view.runRequested):
        qtbot.mouseClick(view.run_button, Qt.LeftButton)
        view.run()  # Ctrl+Return's way in, too


# -- what the request carries -------------------------------------------------------------------------
def test_the_canvas_pixels_reach_the_request_exactly(qtbot, view):
    _draw(view)
    drawn = view.canvas.image()
    assert drawn.max() == 1.0 and ((drawn > 0) & (drawn < 1)).any()  # a stroke with soft edges
    request = _run(qtbot, view)
    assert request.mode == "sdedit"
    assert request.images.shape == (1, 1, 28, 28) and request.images.dtype == np.float32
    assert np.array_equal(request.images[0, 0], drawn)
    assert request.steps == 40 and request.seed == 0 and request.sampler == "course"


def test_the_mask_is_sent_only_by_modes_that_use_one(qtbot, view):
    _draw(view)
    _mask(view)
    view.set_mode("inpaint")
    request = _run(qtbot, view)
    assert request.mask.shape == (1, 1, 28, 28) and request.mask.dtype == np.float32
    assert np.array_equal(request.mask[0, 0], view.canvas.mask())
    assert np.array_equal(request.images[0, 0], view.canvas.image())
    view.set_mode("sdedit")
    assert _run(qtbot, view).mask is None
    view.set_mode("interpolate")
    request = _run(qtbot, view)
    assert request.mask is None and request.images is None


def test_strength_is_none_without_it_and_the_modes_default_with_it(qtbot, view):
    _draw(view)
    _mask(view)
    view.set_mode("sdedit")
    assert _run(qtbot, view).strength == pytest.approx(0.5)
    view.strength_slider.setValue(73)
    assert view.strength_label.text() == "0.73"
    assert _run(qtbot, view).strength == pytest.approx(0.73)
    view.set_mode("inpaint")  # another mode: its own default, not the slider's last position
    assert _run(qtbot, view).strength == pytest.approx(EDIT_MODES["inpaint"].default_strength)
    for key, mode in EDIT_MODES.items():
        if not mode.uses_strength and not mode.unavailable_for(False):
            view.set_mode(key)
            assert _run(qtbot, view).strength is None, key


def test_jumps_and_interpolation_settings_reach_the_request(qtbot, view):
    _draw(view)
    _mask(view)
    view.set_mode("inpaint")
    view.jumps_spin.setValue(3)
    view.steps_spin.setValue(25)
    view.seed_spin.setValue(7)
    view.sampler_combo.setCurrentIndex(view.sampler_combo.findData("heun"))
    request = _run(qtbot, view)
    assert (request.jumps, request.steps, request.seed, request.sampler) == (3, 25, 7, "heun")
    view.set_mode("interpolate")
    view.seed_a_spin.setValue(4)
    view.seed_b_spin.setValue(9)
    view.count_spin.setValue(5)
    view.method_combo.setCurrentIndex(view.method_combo.findData("lerp"))
    request = _run(qtbot, view)
    assert (request.seeds, request.n, request.method, request.jumps) == ((4, 9), 5, "lerp", 0)


def test_digit_and_guidance_only_for_recipes_told_the_class(qtbot, view):
    _draw(view)
    assert not view.digit_combo.isHidden() and not view.guidance_spin.isHidden()
    request = _run(qtbot, view)  # SDEdit with a class model reads the digit by default (EditMode.reads_by_default)
    assert request.digit is None and request.read_digit and request.guidance is not None
    view.digit_combo.setCurrentIndex(0)
    request = _run(qtbot, view)
    assert request.digit is None and not request.read_digit and request.guidance is None
    assert not view.guidance_spin.isEnabled()  # no digit chosen: nothing to guide toward
    view.digit_combo.setCurrentIndex(view.digit_combo.findData(3))
    view.guidance_spin.setValue(4.5)
    request = _run(qtbot, view)
    assert (request.digit, request.guidance) == (3, 4.5)
    view.set_recipe("ddpm", ("ddpm", "ddim"), "ddim", 0, True)
    assert view.digit_combo.isHidden() and view.guidance_spin.isHidden()
    assert [view.sampler_combo.itemData(i) for i in range(view.sampler_combo.count())] == ["ddpm", "ddim"]
    assert view.sampler_combo.currentData() == "ddim"  # the recipe's own, "heun" is not one of its samplers
    request = _run(qtbot, view)
    assert request.digit is None and request.guidance is None and request.sampler == "ddim"


# -- refusals -----------------------------------------------------------------------------------------
def test_a_mode_the_model_cannot_do_stays_listed_but_cannot_run_and_says_why(qtbot, view):
    _draw(view)
    titles = [view.mode_combo.itemText(i) for i in range(view.mode_combo.count())]
    assert titles == [mode.title for mode in EDIT_MODES.values()]
    view.set_mode("invert")  # flow-class: not invertible (the fixture)
    why = EDIT_MODES["invert"].unavailable_for(False)
    assert why
    assert not view.run_button.isEnabled()
    assert view.message_label.text() == why and view.message_label.isVisibleTo(view)
    _refused(qtbot, view)
    view.set_mode("sdedit")
    assert view.run_button.isEnabled() and view.message_label.text() == ""
    view.set_recipe("ddpm", ("ddpm", "ddim"), "ddpm", 0, True)
    view.set_mode("invert")
    assert view.run_button.isEnabled() and view.message_label.text() == ""
    assert _run(qtbot, view).mode == "invert"


def test_an_empty_mask_and_a_black_canvas_are_refused_with_what_to_do(qtbot, view):
    view.set_mode("sdedit")
    _refused(qtbot, view)
    assert view.message_label.text() == REFUSE_BLACK
    _draw(view)  # drawing answers the refusal: the stale line goes
    assert view.message_label.text() == ""
    view.set_mode("inpaint")
    _refused(qtbot, view)
    assert view.message_label.text() == refuse_no_mask() and "Mask tool (M)" in refuse_no_mask()  # the tool's key
    _mask(view)
    assert _run(qtbot, view).mode == "inpaint"
    view.canvas.clear()  # a mask but no image: still refused
    _refused(qtbot, view)
    assert view.message_label.text() == REFUSE_BLACK
    view.set_mode("interpolate")  # no image needed
    assert _run(qtbot, view).images is None


def test_an_inversion_longer_than_the_core_allows_is_refused(qtbot, view):
    view.set_recipe("ddpm", ("ddpm", "ddim"), "ddpm", 0, True)
    _draw(view)
    view.set_mode("invert")
    view.steps_spin.setValue(501)
    _refused(qtbot, view)
    assert "500" in view.message_label.text()
    view.steps_spin.setValue(500)
    assert _run(qtbot, view).steps == 500


# -- the canvas's sources -----------------------------------------------------------------------------
def test_real_digits_are_off_until_set_then_the_index_puts_that_digit_on_the_canvas(qtbot, view):
    assert not view.digit_index_spin.isEnabled() and not view.random_button.isEnabled()
    assert view.digit_index_spin.toolTip() and view.random_button.toolTip()
    rng = np.random.default_rng(0)
    digits = rng.random((5, 1, 28, 28), dtype=np.float32)
    labels = np.array([4, 1, 7, 0, 9])
    view.set_digits(digits, labels)
    assert view.digit_index_spin.isEnabled() and view.digit_index_spin.maximum() == 4
    assert not view.canvas.image().any()  # setting them changes nothing on the canvas
    view.digit_index_spin.setValue(2)
    assert np.array_equal(view.canvas.image(), digits[2, 0])
    assert "7" in view.digit_info.text()
    view.take_random_digit()
    assert any(np.array_equal(view.canvas.image(), d[0]) for d in digits)
    view.canvas.undo()
    view.canvas.undo()
    assert not view.canvas.image().any()  # each take is one undo step
    with pytest.raises(ValueError):
        view.set_digits(np.zeros((2, 28, 29), np.float32))


def test_open_image_file_loads_a_png_and_refuses_garbage_without_changing_the_canvas(view, tmp_path):
    from PIL import Image

    from diffviz.core.data import read_image_file

    pixels = np.zeros((28, 28), np.uint8)
    pixels[4:24, 10:18] = 200
    pixels[4:8, 6:10] = 90
    path = tmp_path / "digit.png"
    Image.fromarray(pixels).save(path)
    assert view.open_image_file(path)
    expected = read_image_file(path).astype(np.float32) / 255.0
    assert np.array_equal(view.canvas.image(), expected)
    assert view.canvas.image()[10, 12] == pytest.approx(200 / 255)
    before = view.canvas.image()
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"this is not a picture at all")
    assert not view.open_image_file(garbage)
    assert "cannot read" in view.message_label.text() and "garbage.png" in view.message_label.text()
    assert view.message_label.isVisibleTo(view)
    assert np.array_equal(view.canvas.image(), before)


# -- controls per mode ---------------------------------------------------------------------------------
def test_each_mode_shows_only_the_controls_it_uses(view):
    interpolation = (view.seed_a_spin, view.seed_b_spin, view.count_spin, view.method_combo)
    view.set_mode("sdedit")
    assert view.strength_slider.isVisibleTo(view) and not view.jumps_spin.isVisibleTo(view)
    assert all(w.isHidden() for w in interpolation) and view.canvas_note.isHidden()
    view.set_mode("inpaint")
    assert view.strength_slider.isVisibleTo(view) and view.jumps_spin.isVisibleTo(view)
    assert view.jumps_spin.toolTip() == JUMPS_TIP and view.jumps_spin.value() == 0
    view.set_mode("interpolate")
    assert not view.strength_slider.isVisibleTo(view) and view.jumps_spin.isHidden()
    assert all(w.isVisibleTo(view) for w in interpolation)
    assert view.canvas.isVisibleTo(view) and view.canvas_note.isVisibleTo(view)  # there, said to be unused
    assert view.count_spin.value() == 8 and (view.count_spin.minimum(), view.count_spin.maximum()) == (2, 16)
    view.set_mode("invert")
    assert view.strength_slider.isHidden() and view.jumps_spin.isHidden()
    assert all(w.isHidden() for w in interpolation)
    for key, mode in EDIT_MODES.items():  # the texts follow the mode
        view.set_mode(key)
        assert view.summary_label.text() == mode.summary
        assert mode.formula in view.explanation.body.text()
    for widget in (view.steps_spin, view.seed_spin, view.sampler_combo, view.run_button, view.stop_button):
        assert widget.isVisibleTo(view)


def test_set_running_turns_the_inputs_off_and_stop_on(qtbot, view):
    _draw(view)
    view.digit_combo.setCurrentIndex(0)  # told no digit: guidance has nothing to guide toward
    assert not view.stop_button.isEnabled()
    view.set_running(True)
    assert not view.run_button.isEnabled() and view.stop_button.isEnabled()
    assert not view.canvas.isEnabled() and not view.mode_combo.isEnabled() and not view.steps_spin.isEnabled()
    _refused(qtbot, view)
    with qtbot.waitSignal(view.stopRequested, timeout=2000):
        qtbot.mouseClick(view.stop_button, Qt.LeftButton)
    view.set_running(False)
    assert view.run_button.isEnabled() and not view.stop_button.isEnabled()
    assert view.canvas.isEnabled() and view.mode_combo.isEnabled()
    assert not view.guidance_spin.isEnabled()  # its own state (no digit) survives the run


def test_keyboard_shortcuts_within_the_view(qtbot, view):
    view.activateWindow()
    view.canvas.viewport().setFocus()
    qtbot.waitUntil(lambda: view.canvas.viewport().hasFocus(), timeout=2000)
    qtbot.keyClick(view.canvas.viewport(), Qt.Key_M)
    assert view.canvas.tool() == "mask" and view.tool_buttons["mask"].isChecked()
    qtbot.keyClick(view.canvas.viewport(), Qt.Key_E)
    assert view.canvas.tool() == "eraser"
    qtbot.keyClick(view.canvas.viewport(), Qt.Key_B)
    assert view.canvas.tool() == "brush"
    _draw(view)
    qtbot.keyClick(view.canvas.viewport(), Qt.Key_Z, Qt.ControlModifier)
    assert not view.canvas.image().any()
    _draw(view)
    with qtbot.waitSignal(view.runRequested, timeout=2000):
        qtbot.keyClick(view.canvas.viewport(), Qt.Key_Return, Qt.ControlModifier)


# -- the result ----------------------------------------------------------------------------------------
def _frames(steps: int, n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((steps + 1, n, 1, 28, 28), dtype=np.float32)


def test_an_interpolation_result_plots_both_paths_norms_the_chosen_one_emphasised(view):
    n = 6
    weights = np.linspace(0.0, 1.0, n)
    norms = {"slerp": np.full(n, 28.0), "lerp": 28.0 * np.hypot(1 - weights, weights)}
    record = EditRecord(mode="interpolate", seeds=(0, 1), method="lerp", weights=weights, norms=norms)
    xs = _frames(3, n)
    view.show_result(Trajectory(xs=xs, preds=xs.copy(), mix=np.zeros(3), edit=record))
    curves = view.plotted_curves()
    assert len(curves) == 2
    by_name = {curve.name(): curve for curve in curves}
    lerp = next(c for name, c in by_name.items() if name.startswith("lerp"))
    slerp = next(c for name, c in by_name.items() if name.startswith("slerp"))
    assert np.allclose(lerp.yData, norms["lerp"]) and np.allclose(lerp.xData, weights)
    assert np.allclose(slerp.yData, norms["slerp"])
    assert lerp.opts["pen"].widthF() > slerp.opts["pen"].widthF()  # this run's path stands out
    assert view.plot.getPlotItem().getAxis("bottom").labelText == "position along the path"
    assert view.plot.getPlotItem().getAxis("left").labelText == "noise norm"
    assert "72%" in view.plot_caption.text() and view.plot.isVisibleTo(view)  # the sag in its data: 0.72 at w=0.4
    assert view.timeline_hint.text() == TIMELINE_HINT_NO_KEY and view.timeline_hint.isVisibleTo(view)
    view.set_timeline_shortcut("Ctrl+2")  # the window tells the key of its View action for the Timeline tab
    assert view.timeline_hint.text() == TIMELINE_HINT.format(shortcut="Ctrl+2")
    assert "(Ctrl+2)" in view.timeline_hint.text()
    shown = view.result_panel.image_data()
    assert shown.shape[1] > shown.shape[0]  # six images in rows, not one lone image
    assert shown.max() > 0


def test_an_inversion_result_plots_its_round_trip_error_against_the_noise_level(view):
    k = 3
    xs = _frames(2 * k, 2, seed=1)
    levels = np.array([0.0, 0.3, 0.7, 1.0, 0.7, 0.3, 0.0])
    record = EditRecord(mode="invert", source=xs[0].copy(), inversion_steps=k)
    trajectory = Trajectory(xs=xs, preds=xs.copy(), mix=np.zeros(2 * k), levels=levels, edit=record)
    view.show_result(trajectory)
    curves = view.plotted_curves()
    assert len(curves) == 1
    expected = record.round_trip_error(trajectory)
    assert len(expected) == k + 1
    assert np.allclose(curves[0].xData, levels[:k + 1]) and np.allclose(curves[0].yData, expected)
    assert view.plot.getPlotItem().getAxis("left").labelText == "mean |image − round trip|"
    assert f"{expected[0]:.3f}" in view.plot_caption.text()
    assert np.array_equal(view.result_panel.image_data(), grid_uint8(trajectory.final, 2))  # both, side by side
    assert "3 steps each way" in view.result_info.text()


def test_the_result_line_names_the_mode_once_in_any_language_and_counts_in_real_plurals(view):
    """The mode's own settings line is shown beside its title by what the record carries, not by comparing the
    two display texts: in another language (here a marked English) an inversion still names its mode once."""
    xs = _frames(2, 1, seed=1)
    record = EditRecord(mode="invert", source=xs[0].copy(), inversion_steps=1)
    i18n.install(lambda context, text, disambiguation, n: "«" + i18n.english(context, text, disambiguation, n) + "»")
    try:
        view.show_result(Trajectory(xs=xs, preds=xs.copy(), mix=np.zeros(2), edit=record))
    finally:
        i18n.install(None)
    info = view.result_info.text()
    assert info.count(EDIT_MODES["invert"].title) == 1 and "«1 image»" in info and "«1 step each way»" in info
    record = EditRecord(mode="sdedit", source=xs[0].copy(), strength=0.5)
    view.show_result(Trajectory(xs=xs, preds=xs.copy(), mix=np.zeros(2), edit=record))
    assert "1 image · 2 steps" in view.result_info.text() and "strength 0.5" in view.result_info.text()


def test_an_edit_of_an_image_plots_each_frames_change_from_it_and_a_plain_run_plots_nothing(view):
    xs = _frames(4, 1, seed=2)
    source = xs[-1].copy()
    record = EditRecord(mode="sdedit", source=source, strength=0.5)
    view.show_result(Trajectory(xs=xs, preds=xs.copy(), mix=np.zeros(4), edit=record))
    curves = view.plotted_curves()
    assert len(curves) == 1
    expected = np.abs(xs - source[None]).mean(axis=(1, 2, 3, 4))
    assert np.allclose(curves[0].yData, expected) and curves[0].yData[-1] == 0.0
    assert np.array_equal(view.result_panel.image_data(), (np.clip(xs[-1, 0, 0], 0, 1) * 255 + 0.5).astype(np.uint8))
    view.show_result(Trajectory(xs=xs, preds=xs.copy(), mix=np.zeros(4)))  # sampled from noise: no record
    assert view.plotted_curves() == [] and not view.plot.isVisibleTo(view) and view.plot_caption.text() == ""


# -- a model of another shape: colour 32 px (a learner's pipeline folder), 128 px ---------------------------
def _run_of(shape, n: int = 3, steps: int = 2, made: int | None = None) -> Trajectory:
    xs = np.random.default_rng(1).random((steps + 1, n, *shape), dtype=np.float32)
    return Trajectory(xs=xs, preds=xs.copy(), mix=np.zeros(steps), frames_made=made)


def test_a_colour_32px_model_gets_a_colour_canvas_and_its_request_carries_that_shape(qtbot, view):
    view.set_digits(np.zeros((3, 1, 28, 28), np.float32))
    assert view.digit_index_spin.isEnabled()
    view.set_image_shape((3, 32, 32))
    assert view.canvas.shape() == (3, 32, 32) and "32x32 colour" in view.canvas_title.text()
    assert not view.digit_index_spin.isEnabled() and not view.random_button.isEnabled()
    assert "28x28 grey" in view.digit_index_spin.toolTip() and "32x32 colour" in view.random_button.toolTip()
    view.take_digit(1)  # refused quietly: the digits are not this model's shape
    assert not view.canvas.image().any()
    assert view.colour_button.isVisibleTo(view)
    view.canvas.set_brush_colour((0.0, 1.0, 0.0))
    view.canvas.stroke([(16, 4), (16, 28)], tool="brush")
    view.canvas.stroke([(4, 4), (12, 12)], tool="mask")
    view.set_mode("inpaint")
    request = _run(qtbot, view)
    assert request.images.shape == (1, 3, 32, 32) and request.mask.shape == (1, 1, 32, 32)
    np.testing.assert_array_equal(request.images[0], view.canvas.image())
    assert request.images[0, 1, 16, 16] == 1.0 and request.images[0, 0, 16, 16] == 0.0  # painted green
    view.set_image_shape((1, 28, 28))  # back to MNIST's: the digits are offered again
    assert view.digit_index_spin.isEnabled() and view.canvas.image().shape == (28, 28)
    assert not view.colour_button.isVisibleTo(view)


def test_take_a_result_of_the_last_run_puts_that_image_on_the_canvas(qtbot, view):
    view.set_image_shape((3, 32, 32))
    assert not view.take_result_button.isEnabled() and "No run yet" in view.take_result_button.toolTip()
    assert not view.take_result()
    assert "No run yet" in view.message_label.text()
    growing = _run_of((3, 32, 32), made=2)
    view.set_last_run(growing)
    assert not view.take_result_button.isEnabled() and "still being computed" in view.take_result_button.toolTip()
    growing.frames_made = 3  # the run ended (the window tells again)
    view.set_last_run(growing)
    assert view.take_result_button.isEnabled() and view.result_index_spin.maximum() == 2
    view.result_index_spin.setValue(1)
    qtbot.mouseClick(view.take_result_button, Qt.LeftButton)
    np.testing.assert_array_equal(view.canvas.image(), growing.final[1])
    assert view.message_label.text() == ""
    view.canvas.undo()
    assert not view.canvas.image().any()  # one undo step
    grey = _run_of((1, 28, 28))
    view.set_last_run(grey)  # a run of another model's shape
    assert not view.take_result_button.isEnabled()
    assert "28x28 grey" in view.take_result_button.toolTip() and "32x32 colour" in view.take_result_button.toolTip()
    view.set_image_shape((1, 28, 28))
    assert view.take_result(2)
    np.testing.assert_array_equal(view.canvas.image(), grey.final[2, 0])


def test_an_image_file_is_read_at_the_models_shape(view, tmp_path):
    from PIL import Image

    picture = np.zeros((16, 16, 3), np.uint8)
    picture[:, :8] = (200, 30, 30)
    Image.fromarray(picture).save(tmp_path / "red.png")
    view.set_image_shape((3, 32, 32))
    assert "32x32 colour" in view.open_button.toolTip()
    assert view.open_image_file(tmp_path / "red.png")
    image = view.canvas.image()
    assert image.shape == (3, 32, 32)
    assert image[0, 16, 4] == pytest.approx(200 / 255) and image[2, 16, 4] == pytest.approx(30 / 255)
    view.set_image_shape((1, 64, 64))
    assert view.open_image_file(tmp_path / "red.png") and view.canvas.image().shape == (64, 64)


def test_a_large_model_gets_a_larger_brush_and_a_shape_it_cannot_draw_keeps_interpolation(qtbot, view, tmp_path):
    view.set_image_shape((3, 128, 128))
    assert view.brush_slider.maximum() / 4 == pytest.approx(6.0 * 128 / 28, abs=0.25)
    assert view.canvas.brush_size() == pytest.approx(1.5 * 128 / 28, abs=0.25)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    view.save_settings(settings)  # the brush is kept as its 28 px size: it does not grow at every start
    other = EditView()
    qtbot.addWidget(other)
    other.load_settings(settings)
    assert other.canvas.brush_size() == pytest.approx(1.5, abs=0.25)
    other.set_image_shape((3, 128, 128))
    assert other.canvas.brush_size() == pytest.approx(view.canvas.brush_size(), abs=0.25)
    view.set_image_shape((4, 32, 32))  # a latent model's four channels: no canvas for it
    view.set_mode("sdedit")
    assert not view.run_button.isEnabled() and "4-channel" in view.message_label.text()
    view.set_mode("interpolate")
    assert view.run_button.isEnabled()
    assert _run(qtbot, view).images is None


# -- settings, layout, imports ------------------------------------------------------------------------
def test_settings_round_trip(qtbot, view, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    view.set_mode("interpolate")
    view.steps_spin.setValue(12)
    view.count_spin.setValue(11)
    view.method_combo.setCurrentIndex(view.method_combo.findData("lerp"))
    view.show_mask_check.setChecked(False)
    view.save_settings(settings)
    settings.sync()
    other = EditView()
    qtbot.addWidget(other)
    other.load_settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    assert other.current_mode().key == "interpolate"
    assert (other.steps_spin.value(), other.count_spin.value(), other.method_combo.currentData()) == (12, 11, "lerp")
    assert not other.show_mask_check.isChecked() and not other.canvas.mask_visible()
    assert all(key.startswith("edit/") for key in settings.allKeys())


@pytest.mark.parametrize("size", [(1000, 760), (1280, 790)])
def test_everything_fits_without_clipping(qtbot, view, size):
    view.resize(*size)
    for key in EDIT_MODES:
        view.set_mode(key)
        qtbot.wait(10)
        column = view.settings_scroll.widget()
        assert column.minimumSizeHint().width() <= view.settings_scroll.viewport().width(), key
        for widget in (view.canvas, view.run_button, view.open_button, view.result_panel, view.show_mask_check):
            corner = widget.mapTo(view, widget.rect().bottomRight())
            assert 0 <= corner.x() <= view.width() and 0 <= corner.y() <= view.height(), (key, widget)
        assert view.canvas.width() >= 250 and abs(view.canvas.width() - view.canvas.height()) <= 1
        # no band above the canvas, and its tools right under it (a tall column's spare room goes below them)
        assert view.canvas.y() == 0
        below = view.tools.mapTo(view, view.tools.rect().topLeft()).y()
        assert 0 <= below - view.canvas.mapTo(view, view.canvas.rect().bottomLeft()).y() <= 12


def test_the_module_imports_without_torch():
    code = ("import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'; import diffviz.ui.edit.edit_view; "
            "sys.exit('torch' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
