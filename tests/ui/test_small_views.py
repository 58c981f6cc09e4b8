"""The architecture figure, the corruption explorer and the export dialog, driven like a user would."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from diffviz.core.export import FPS_RANGE, HOLD_RANGE, SCALE_RANGE, GifOptions
from diffviz.core.features import describe_layers
from diffviz.core.models.basic_unet import BasicUNet

BASIC_LAYERS = ["down0", "down1", "down2", "up0", "up1", "up2"]


# -- architecture -------------------------------------------------------------------------------------
@pytest.fixture
def architecture(qtbot):
    from diffviz.ui.views.architecture_view import ArchitectureView

    model = BasicUNet()
    view = ArchitectureView()
    qtbot.addWidget(view)
    view.set_layers(describe_layers(model), "BasicUNet", sum(p.numel() for p in model.parameters()),
                    facts=model.facts())
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_architecture_lists_the_six_layers_and_the_parameter_count(architecture):
    assert architecture.box_names() == BASIC_LAYERS
    assert "309,057" in architecture.title.text()
    assert "309,057" in architecture.explanation.body.text()
    assert not architecture.explanation.is_expanded()
    assert architecture._skips == [("down0", "up2"), ("down1", "up1")]


def test_an_end_box_grows_to_hold_a_long_output_name(architecture):
    """What the model predicts is worded by its process ("velocity (noise − clean)", longer in Chinese): the
    prediction box grows to hold the words instead of letting them run over its border."""
    from diffviz.ui.views.architecture_view import IO_SIZE, _Box

    model = BasicUNet()
    architecture.set_layers(describe_layers(model), "BasicUNet", facts=model.facts(),
                            output="velocity (noise − clean), as a process with a much longer name might put it")
    ends = [item for item in architecture.scene.items() if isinstance(item, _Box) and item.part == "io"]
    sink = max(ends, key=lambda box: box.rect.height())
    assert sink.rect.height() > IO_SIZE[1]
    assert sink.rect.contains(sink.label.mapRectToParent(sink.label.boundingRect()).adjusted(0, 1, 0, -1))
    assert min(box.rect.height() for box in ends) == IO_SIZE[1]  # the input's words fit: it keeps its size


def test_each_architecture_is_drawn_and_explained_in_its_own_words(qtbot):
    """UNet2DModel's blocks are not BasicUNet's layers: no 5×5 convolutions or max-pooling in its words."""
    from diffviz.core.models import build_model
    from diffviz.ui.views.architecture_view import ArchitectureView

    view = ArchitectureView()
    qtbot.addWidget(view)
    for name in ("BasicUNet", "TimeUNet", "CourseUNet2D", "DDPMUNet"):
        model = build_model(name)
        facts = model.facts()
        view.set_layers(describe_layers(model), name, facts=facts)
        text = view.explanation.body.text()
        assert facts.layout_html in text and facts.skip_html in text
        assert view._skips == [pair for pair in facts.skips if pair[0] in view.box_names()] and view._skips
        assert set(facts.notes) - set(facts.attention_layers) == set(view.box_names())  # every box has its note
        labels = [item.toPlainText() for item in view.scene.items() if hasattr(item, "toPlainText")]
        if name.endswith("UNet2D") or name == "DDPMUNet":
            assert "UNet2DModel" in text and "5×5" not in text and "max-pooling" not in text
            assert "MaxPool ½" not in labels and "stride-2 conv ½" in labels
            assert any("self-attention" in label for label in labels)  # the blocks that hold attention say so
        else:
            assert "5×5" in text and "MaxPool ½" in labels


@pytest.mark.parametrize("name", ["down1", "up2"])
def test_clicking_a_box_emits_its_name_and_highlights_it(qtbot, architecture, name):
    graphics = architecture.graphics
    centre = graphics.mapFromScene(architecture.box_scene_rect(name).center())
    assert graphics.viewport().rect().contains(centre)  # the whole figure is in view
    with qtbot.waitSignal(architecture.layerClicked, timeout=1000) as blocker:
        QTest.mouseClick(graphics.viewport(), Qt.LeftButton, Qt.NoModifier, centre)
    assert blocker.args == [name]
    assert architecture.selected() == name


def test_clicking_outside_the_boxes_emits_nothing(qtbot, architecture):
    graphics = architecture.graphics
    with qtbot.assertNotEmitted(architecture.layerClicked):
        QTest.mouseClick(graphics.viewport(), Qt.LeftButton, Qt.NoModifier, graphics.viewport().rect().topLeft())
    assert architecture.selected() is None


def test_select_highlights_without_emitting_and_survives_a_redraw(qtbot, architecture):
    with qtbot.assertNotEmitted(architecture.layerClicked):
        architecture.select("up0")
    assert architecture.selected() == "up0"
    architecture.set_layers(describe_layers(BasicUNet()), "BasicUNet")
    assert architecture.selected() == "up0"
    architecture.select("nonsense")
    assert architecture.selected() is None


# -- corruption -----------------------------------------------------------------------------------------
@pytest.fixture
def corruption(qtbot, bundled_data):
    from diffviz.core.data import fixed_batch
    from diffviz.ui.views.corruption_view import CorruptionView

    view = CorruptionView()
    qtbot.addWidget(view)
    view.set_images(fixed_batch(bundled_data, 8).numpy())
    return view


def test_amount_zero_shows_the_clean_digits_and_one_the_noise(corruption):
    clean = corruption._images
    corruption.set_amount(0.0)
    np.testing.assert_array_equal(corruption.noisy_images(), clean)
    corruption.set_amount(1.0)
    np.testing.assert_array_equal(corruption.noisy_images(), corruption.noise())
    corruption.set_amount(0.5)
    np.testing.assert_allclose(corruption.noisy_images(), (clean + corruption.noise()) / 2, atol=1e-7)
    assert corruption.slider.value() == 50


def test_slider_drives_the_amount_and_the_corrupted_grid(corruption):
    corruption.slider.setValue(25)
    assert corruption.amount() == pytest.approx(0.25)
    assert "0.25" in corruption.value_label.text()
    shown = corruption.noisy_panel.image_data()
    from diffviz.ui.widgets.images import grid_uint8
    from diffviz.ui.views.corruption_view import _columns

    np.testing.assert_array_equal(shown, grid_uint8(corruption.noisy_images(), _columns(8)))


def test_other_digits_draws_eight_more_of_the_training_set_with_their_labels(corruption, bundled_data):
    from diffviz.ui.views.corruption_view import _columns
    from diffviz.ui.widgets.images import grid_uint8

    assert not corruption.other_digits_button.isEnabled()  # nothing to draw from yet
    images, labels = bundled_data.images.numpy(), bundled_data.labels.numpy()
    corruption.set_pool(images, labels)
    first = corruption._images.copy()
    corruption.other_digits_button.click()
    corruption.other_digits_button.click()
    assert corruption.draws() == 2
    shown = corruption._images
    assert shown.shape == first.shape and not np.array_equal(shown, first)
    picks = [int(np.flatnonzero((images == image).all(axis=(1, 2, 3)))[0]) for image in shown]
    assert len(set(picks)) == 8  # eight different training digits, shown with their own labels
    assert corruption.labels_label.text().split()[-8:] == [str(labels[i]) for i in picks]
    np.testing.assert_array_equal(corruption.clean_panel.image_data(), grid_uint8(shown, _columns(8)))


def test_new_noise_redraws_with_a_new_seed_repeatably(corruption):
    first = corruption.noise().copy()
    assert first.shape == (8, 1, 28, 28) and 0.0 <= first.min() and first.max() < 1.0
    corruption.new_noise_button.click()
    assert corruption.seed() == 1
    assert not np.array_equal(first, corruption.noise())
    np.testing.assert_array_equal(corruption.noise(),
                                  np.random.default_rng(1).random((8, 1, 28, 28), dtype=np.float32))


def test_figure_row_is_the_course_figure(corruption):
    np.testing.assert_allclose(corruption.figure_amounts, np.linspace(0, 1, 8))
    first = corruption.figure_panels[0].image_data()
    last = corruption.figure_panels[-1].image_data()
    from diffviz.core.export import to_uint8

    np.testing.assert_array_equal(first, to_uint8(corruption._images[0, 0]))
    np.testing.assert_array_equal(last, to_uint8(corruption.noise()[7, 0]))
    assert corruption.explanation.is_expanded()
    assert "(B, 1, 1, 1)" in corruption.explanation.body.text()


# -- export dialog ------------------------------------------------------------------------------------
@pytest.fixture
def make_dialog(qtbot):
    from diffviz.ui.widgets.export_dialog import ExportDialog

    def make(layers, path):
        dialog = ExportDialog(layers, str(path))
        qtbot.addWidget(dialog)
        return dialog
    return make


def test_dialog_defaults_and_options_reflect_the_widgets(make_dialog, tmp_path):
    dialog = make_dialog(BASIC_LAYERS, tmp_path / "run.gif")
    assert dialog.ok_button.isEnabled()
    options = dialog.options()
    assert isinstance(options, GifOptions)
    assert tuple(options.panels) == ("x", "pred")
    assert (options.fps, options.scale, options.labels, options.hold_last) == (10.0, 3, True, 1.0)
    assert not dialog.as_frames() and dialog.path() == str(tmp_path / "run.gif")

    dialog.x_check.setChecked(False)
    dialog.feature_check.setChecked(True)
    dialog.layer_combo.setCurrentText("up1")
    dialog.sample_spin.setValue(3)
    dialog.fps_spin.setValue(24)
    dialog.scale_spin.setValue(5)
    dialog.hold_spin.setValue(2.5)
    dialog.labels_check.setChecked(False)
    options = dialog.options()
    assert tuple(options.panels) == ("pred", "feature:up1")
    assert (options.fps, options.scale, options.labels, options.hold_last, options.sample) == (24.0, 5, False, 2.5, 3)
    # the boxes allow what the engine allows, no more and no less
    assert (dialog.fps_spin.minimum(), dialog.fps_spin.maximum()) == FPS_RANGE
    assert (dialog.scale_spin.minimum(), dialog.scale_spin.maximum()) == SCALE_RANGE
    assert (dialog.hold_spin.minimum(), dialog.hold_spin.maximum()) == HOLD_RANGE
    dialog.fps_spin.setValue(2.5)  # a fractional rate, as GifOptions takes
    assert dialog.options().fps == 2.5


def test_invalid_choices_disable_ok_with_a_message(make_dialog, tmp_path):
    dialog = make_dialog(BASIC_LAYERS, tmp_path / "run.gif")
    dialog.x_check.setChecked(False)
    dialog.pred_check.setChecked(False)
    assert not dialog.ok_button.isEnabled() and "panel" in dialog.error_label.text()
    dialog.pred_check.setChecked(True)
    assert dialog.ok_button.isEnabled() and not dialog.error_label.text()
    for bad, words in [("", "where"), (str(tmp_path / "run.png"), ".gif"),
                       (str(tmp_path / "missing" / "run.gif"), "does not exist")]:
        dialog.path_edit.setText(bad)
        assert not dialog.ok_button.isEnabled(), bad
        assert words in dialog.error_label.text()
    dialog.path_edit.setText(str(tmp_path / "run.gif"))
    assert dialog.ok_button.isEnabled()


def test_png_frames_want_a_folder(make_dialog, tmp_path):
    dialog = make_dialog(BASIC_LAYERS, tmp_path / "run.gif")
    dialog.frames_radio.setChecked(True)
    assert dialog.as_frames()
    assert dialog.path() == str(tmp_path / "run_frames")  # a new folder inside an existing one is fine
    assert dialog.ok_button.isEnabled()
    (tmp_path / "a_file.txt").write_text("x")
    dialog.path_edit.setText(str(tmp_path / "a_file.txt"))
    assert not dialog.ok_button.isEnabled()
    dialog.gif_radio.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "run_frames"))
    assert not dialog.ok_button.isEnabled()


def test_animated_webp_wants_a_webp_name(qtbot, tmp_path):
    from diffviz.ui.widgets.export_dialog import ExportDialog

    dialog = ExportDialog(BASIC_LAYERS, str(tmp_path / "run.gif"), n_frames=41)
    qtbot.addWidget(dialog)
    assert [b.text() for b in (dialog.gif_radio, dialog.webp_radio, dialog.frames_radio)] == [
        "Animated GIF", "Animated WebP", "PNG frames into a folder"]
    dialog.webp_radio.setChecked(True)
    assert not dialog.as_frames() and dialog.animation_suffix() == ".webp"
    assert dialog.path() == str(tmp_path / "run.webp")  # the suffix follows the format
    assert dialog.ok_button.isEnabled() and "41 WebP frames" in dialog.summary_label.text()
    for bad, words in [(str(tmp_path / "run.gif"), ".webp"), (str(tmp_path / "run"), ".webp"),
                       (str(tmp_path / "missing" / "run.webp"), "does not exist")]:
        dialog.path_edit.setText(bad)
        assert not dialog.ok_button.isEnabled(), bad
        assert words in dialog.error_label.text()
    (tmp_path / "a.webp").mkdir()
    dialog.path_edit.setText(str(tmp_path / "a.webp"))
    assert not dialog.ok_button.isEnabled() and "folder" in dialog.error_label.text()
    dialog.path_edit.setText(str(tmp_path / "run.WEBP"))
    assert dialog.ok_button.isEnabled()


def test_switching_formats_keeps_the_name_and_changes_the_suffix(qtbot, tmp_path):
    from diffviz.ui.widgets.export_dialog import ExportDialog

    dialog = ExportDialog(BASIC_LAYERS, str(tmp_path / "run.gif"), n_frames=41)
    qtbot.addWidget(dialog)
    for radio, expected in [(dialog.webp_radio, "run.webp"), (dialog.frames_radio, "run_frames"),
                            (dialog.webp_radio, "run.webp"), (dialog.gif_radio, "run.gif"),
                            (dialog.frames_radio, "run_frames"), (dialog.gif_radio, "run.gif")]:
        radio.setChecked(True)
        assert dialog.path() == str(tmp_path / expected)
        assert dialog.ok_button.isEnabled(), expected
    assert dialog.animation_suffix() == ".gif" and "41 GIF frames" in dialog.summary_label.text()


def test_feature_panel_only_when_layers_exist(make_dialog, tmp_path):
    with_layers = make_dialog(BASIC_LAYERS, tmp_path / "a.gif")
    assert [with_layers.layer_combo.itemText(i) for i in range(with_layers.layer_combo.count())] == BASIC_LAYERS
    assert with_layers.feature_check.isEnabled()
    without = make_dialog([], tmp_path / "b.gif")
    assert without.layer_combo.count() == 0
    assert not without.feature_check.isEnabled() and not without.layer_combo.isEnabled()
    without.feature_check.setChecked(True)  # even if forced, no feature panel can be chosen
    assert not any(p.startswith("feature:") for p in without.options().panels)
