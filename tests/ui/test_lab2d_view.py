"""The 2-D lab's tab in the window: its first run, training live, following a particle, drawing one's own data,
bad files refused, playback, export, and stopping cleanly."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt



@pytest.fixture
def lab(window, qtbot):
    """The window on its 2-D lab tab, with the first run (the perfect denoiser of 2,000 moons) shown; a short
    run keeps the test quick."""
    lab = window.views.lab2d
    lab.view.steps.setValue(20)
    lab.view.particles.setValue(300)
    window.tabs.show_key("lab2d")
    qtbot.waitUntil(lambda: lab.view.run is not None, timeout=60_000)
    return lab


def test_the_tab_opens_on_a_run_of_the_perfect_denoiser_and_hides_the_image_controls(window, lab):
    view = lab.view
    run = view.run
    assert run.model == "perfect" and len(run.walks) == 2 and lab.points.shape == (2000, 2)
    assert np.array_equal(run.walks[0].xs[0], run.walks[1].xs[0])
    assert (run.walks[0].sampler, run.walks[1].sampler) == tuple(box.currentData() for box in view.samplers)
    assert not window.controls.isVisible()  # the lab has controls of its own
    window.tabs.show_key("timeline")
    assert window.controls.isVisible()


def test_the_slider_and_keys_walk_the_frames_and_the_particles_drawn_are_the_frames(lab, window, qtbot):
    view = lab.view
    last = view.run.n_frames - 1
    assert last == 20  # the steps asked for
    window.activateWindow()
    qtbot.keyClick(view.planes[0], Qt.Key_End)  # the window's playback keys drive the tab in front
    assert view.frame() == last and view.slider.value() == last
    qtbot.keyClick(view.planes[0], Qt.Key_Left)
    assert view.frame() == last - 1
    drawn_x = view.planes[0].particles.xData[::2]
    assert np.allclose(drawn_x, view.run.walks[0].xs[last - 1][:, 0], atol=1e-3)
    assert "step" in view.caption.text() and "noise level" in view.caption.text()
    qtbot.keyClick(view.planes[0], Qt.Key_Home)
    view.play.click()  # plays from the start to the result, then stops
    qtbot.waitUntil(lambda: not view.play.isChecked(), timeout=20_000)
    assert view.frame() == last


def test_clicking_a_particle_follows_its_path(lab, qtbot):
    view = lab.view
    view.set_frame(10)
    plane = view.planes[0]
    target = view.run.walks[0].xs[10][7]
    scene = plane.getPlotItem().vb.mapViewToScene(pg_point(target))
    qtbot.mouseClick(plane.viewport(), Qt.LeftButton, pos=plane.mapFromScene(scene))
    assert view.followed >= 0
    assert np.allclose(view.run.walks[0].xs[10][view.followed], target, atol=0.2)
    assert plane.followed.isVisible() and len(plane.followed.xData) == 11


def pg_point(xy):
    from PySide6.QtCore import QPointF

    return QPointF(float(xy[0]), float(xy[1]))


def test_training_streams_the_loss_and_then_runs_the_trained_model(lab, qtbot):
    view = lab.view
    view.seconds.setValue(2)
    view.train.click()
    qtbot.waitUntil(lambda: lab.trained is not None and view.run.model == "trained", timeout=90_000)
    losses = lab.losses
    assert len(losses) > 20 and np.mean(losses[-10:]) < np.mean(losses[:10])
    assert len(view.loss_curve.xData) == len(losses)
    assert view.model_key() == "trained" and view.train.isEnabled()


def test_a_new_recipe_offers_its_own_samplers_stochastic_beside_deterministic(lab, qtbot):
    view = lab.view
    view.recipe.setCurrentIndex(view.recipe.findData("ddpm-eps"))
    assert (view.samplers[0].currentData(), view.samplers[1].currentData()) == ("ddpm", "ddim")
    qtbot.waitUntil(lambda: view.run is not None and view.run.walks[0].sampler == "ddpm", timeout=60_000)
    assert lab.trained is None  # a model trained for another recipe is forgotten


def test_a_drawing_becomes_the_data(lab, qtbot):
    view = lab.view
    view.dataset.setCurrentIndex(view.dataset.findData("drawing"))
    view._data_chosen()
    assert view.draw_row.isVisibleTo(view) and view.run is None
    plane = view.planes[0]
    vb = plane.getPlotItem().vb
    start, end = (plane.mapFromScene(vb.mapViewToScene(pg_point(p))) for p in ((-2, -1), (2, 1)))
    qtbot.mousePress(plane.viewport(), Qt.LeftButton, pos=start)
    for k in range(1, 11):
        qtbot.mouseMove(plane.viewport(), start + (end - start) * k / 10)
    qtbot.mouseRelease(plane.viewport(), Qt.LeftButton, pos=end)
    assert len(view.strokes) == 1 and len(view.strokes[0]) >= 2
    view.use_drawing.click()
    qtbot.waitUntil(lambda: view.run is not None, timeout=60_000)
    assert lab.source == "your drawing" and len(lab.points) == view.count.value()
    # the points lie along the stroke from (-2, -1) to (2, 1): y ~ x / 2
    assert np.abs(lab.points[:, 1] - lab.points[:, 0] / 2).mean() < 0.3


def test_an_empty_drawing_and_a_bad_csv_are_refused_and_change_nothing(lab, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(window.reporter, "show_error", lambda text: shown.append(text))
    before = lab.points
    lab.use_drawing([])
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3\n")
    lab.load_csv(str(bad))
    assert "the drawing has no points" in shown[0] and "bad.csv" in shown[1] and len(shown) == 2
    assert lab.points is before


def test_a_csv_with_classes_colours_the_data(lab, tmp_path, qtbot):
    path = tmp_path / "mine.csv"
    rng = np.random.default_rng(0)
    rows = [f"{x:.3f},{y:.3f},{'ab'[i % 2]}" for i, (x, y) in enumerate(rng.normal(size=(200, 2)))]
    path.write_text("x,y,class\n" + "\n".join(rows))
    lab.load_csv(str(path))
    qtbot.waitUntil(lambda: lab.view.run is not None and len(lab.view.run.data) == 200, timeout=60_000)
    assert set(np.unique(lab.classes)) == {0, 1} and lab.view.run.classes is lab.classes


def test_export_writes_both_samplers_as_a_gif(lab, qtbot, tmp_path):
    path = tmp_path / "lab.gif"
    lab.export(str(path))
    qtbot.waitUntil(lambda: not lab._busy("lab-export") and path.exists(), timeout=60_000)
    with Image.open(path) as gif:
        assert gif.n_frames == lab.view.run.n_frames or gif.n_frames == lab.view.run.n_frames + 1
        assert gif.width > 1.8 * gif.height  # two panels side by side


def test_stop_ends_training_early_and_keeps_what_was_learnt(lab, qtbot):
    view = lab.view
    view.seconds.setValue(60)
    view.train.click()
    qtbot.waitUntil(lambda: len(lab.losses) > 5, timeout=30_000)
    view.stop_button.click()
    qtbot.waitUntil(lambda: lab.trained is not None, timeout=30_000)
    assert lab.trained.seconds < 30


def _sample(window, qtbot, n=8, steps=40):
    window.controls.n.setValue(n)
    window.controls.steps.setValue(steps)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and window.trajectory.n_samples == n
                    and not window.busy(), timeout=90_000)


def test_the_perfect_denoiser_of_the_digits_copies_them_and_the_timeline_shows_each_copy(window, qtbot, monkeypatch,
                                                                                        tmp_path):
    """File → Use the perfect denoiser: its samples are training digits (distance 0 to the nearest); the bundled
    trained model's are new digits, as far from any training digit as unseen ones are."""
    timeline = window.timeline
    window.files.use_perfect()
    assert window.model_info.architecture == "PerfectDenoiser" and "perfect denoiser" in window.state.title
    _sample(window, qtbot)
    qtbot.waitUntil(lambda: timeline.nearest_panel.isVisibleTo(timeline), timeout=30_000)
    assert "8 of 8 are copies" in timeline.nearest_caption.text()
    shown = timeline.nearest_panel.image_data()
    assert shown is not None and shown.shape == timeline.x_panel.image_data().shape
    errors = []
    monkeypatch.setattr(window.reporter, "show_error", lambda text: errors.append(text))
    target = tmp_path / "perfect.safetensors"
    assert not window.files.save(target) and not target.exists()
    assert "no weights to save" in errors[0]

    window.files.use_bundled()
    _sample(window, qtbot)
    qtbot.waitUntil(lambda: timeline.nearest_panel.isVisibleTo(timeline) and "0 of 8" in
                    timeline.nearest_caption.text(), timeout=30_000)


def test_the_timelines_digits_are_drawn_in_the_plane(window, qtbot):
    _sample(window, qtbot, n=8, steps=10)
    lab = window.views.lab2d
    view = lab.view
    window.tabs.show_key("lab2d")
    view.dataset.setCurrentIndex(view.dataset.findData("digits"))
    view._data_chosen()
    qtbot.waitUntil(lambda: view.run is not None and view.run.model == "digits", timeout=60_000)
    run = view.run
    assert run.walks[0].xs.shape == (11, 8, 2) and run.fields == ()
    assert np.sqrt((run.data ** 2).mean()) < 1.5  # the training digits' dots, standardised
    view.go_end()
    assert view.planes[0].particles.isVisible() and not view.planes[0].arrows.isVisible()


def test_the_controls_fit_their_column_at_the_smallest_window(qtbot):
    from PySide6.QtWidgets import QScrollArea

    from diffviz.ui.lab2d.lab_view import Lab2DView

    view = Lab2DView()
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    scroll = view.findChild(QScrollArea)
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
