"""The guided lesson, walked as a learner would: every step's check is false before its action and true
after it, the action done through the widgets; in English and in Chinese; resumed where it was left; never
offered again once declined."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from diffviz.ui.lesson.panel import DECLINED_SETTING, Lesson
from diffviz.ui.lesson.steps import STEP_KEYS, STEPS
from .text_walk import english_left, visible_texts


def _data(window, qtbot):
    shown = window.corruption.clean_panel.image_data().copy()
    qtbot.mouseClick(window.corruption.other_digits_button, Qt.LeftButton)
    assert (window.corruption.clean_panel.image_data() != shown).any()  # other digits, not the same ones again


def _corruption(window, qtbot):
    from diffviz.ui.views.corruption_view import SLIDER_STEPS

    window.corruption.slider.setValue(round(0.85 * SLIDER_STEPS))


def _architecture(window, qtbot):
    view = window.architecture
    name = next(n for n in view.box_names() if n != view.selected())
    centre = view.graphics.mapFromScene(view.box_scene_rect(name).center())
    QTest.mouseClick(view.graphics.viewport(), Qt.LeftButton, Qt.NoModifier, centre)


def _training(window, qtbot):
    window.controls.epochs.setValue(0.1)  # the lesson asks for 15 s; a test trains on 1,000 images
    qtbot.mouseClick(window.controls.train_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.busy(), timeout=5000)
    qtbot.waitUntil(lambda: not window.busy(), timeout=60000)


def _sampling(window, qtbot):
    panel, trained = window.lesson.panel, window.state.model
    qtbot.mouseClick(panel.helper_button, Qt.LeftButton)  # the bundled model, beside the 15-second one
    assert window.state.model is not trained and not panel.passed()  # another model is not yet a run
    window.controls.n.setValue(8)
    window.controls.steps.setValue(10)
    qtbot.mouseClick(window.controls.sample_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=60000)


def _scrub(window, qtbot):
    if window.timeline.is_playing():
        window.timeline.play_pause()
    window.timeline.slider.setValue(5)


def _inspector(window, qtbot):
    layers = window.inspector.layer_list
    row = next(r for r in range(layers.count()) if layers.item(r).text().split()[0] != window.inspector.layer())
    qtbot.mouseClick(layers.viewport(), Qt.LeftButton, pos=layers.visualItemRect(layers.item(row)).center())


def _schedule(window, qtbot):
    box = window.schedule.schedule
    box.setCurrentIndex((box.currentIndex() + 1) % box.count())


def _compare(window, qtbot):
    qtbot.mouseClick(window.comparison.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(window.comparison.trajectories) and not window.busy(), timeout=120000)


_unet2d = _compare


def _edit(window, qtbot):
    view = window.edit_view
    view.steps_spin.setValue(10)
    qtbot.mouseClick(view.random_button, Qt.LeftButton)  # a real digit as the input
    qtbot.mouseClick(view.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.busy("edit") and window.trajectory is not None
                    and window.trajectory.edit is not None, timeout=120000)


def _lab2d(window, qtbot):
    view = window.views.lab2d_view
    view.steps.setValue(20)
    view.particles.setValue(300)
    qtbot.mouseClick(view.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.run is not None and not window.busy(), timeout=120000)


def _pipeline(window, qtbot, folder):
    """A learner with no folder of their own: the step's button writes the bundled DDPM model as one, then
    File → Open pipeline folder… opens it."""
    from PySide6.QtWidgets import QFileDialog

    panel = window.lesson.panel
    assert panel.helper_button.isVisible()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(folder), ""))
        qtbot.mouseClick(panel.helper_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: folder.is_dir() and not window.busy(), timeout=60000)
        assert not panel.passed()  # written is not yet opened
        patch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
        window.menu_actions["file.open_folder"].trigger()


ACTIONS = {"data": _data, "corruption": _corruption, "architecture": _architecture, "training": _training,
           "sampling": _sampling, "scrub": _scrub, "inspector": _inspector, "unet2d": _unet2d, "schedule": _schedule,
           "compare": _compare, "edit": _edit, "lab2d": _lab2d}  # and "pipeline", given a folder by ``_walk``


def _walk(window, qtbot, folder) -> list[tuple[str, str]]:
    """Every step in turn; ``folder``: where the pipeline step's button writes the bundled DDPM model."""
    actions = dict(ACTIONS, pipeline=lambda window, qtbot: _pipeline(window, qtbot, folder))
    assert set(actions) == set(STEP_KEYS)
    panel = window.lesson.open()
    texts = []
    for index, step in enumerate(STEPS):
        assert panel.index == index and panel.step is step
        assert not panel.passed(), f"{step.key}: done before its action"
        actions[step.key](window, qtbot)
        qtbot.waitUntil(panel.passed, timeout=10000)
        panel.refresh()
        assert panel.learnt.isVisible() and step.key in panel.done
        code = panel.code.toPlainText()
        assert "{" not in code, f"{step.key}: the code's live values were not filled in: {code}"
        if step.key == "corruption":
            assert "torch.tensor([0.85])" in code  # the amount on the slider
        if step.question is not None:
            panel.choices.button(step.question.answer).click()
            panel.reveal()
            assert panel.answer.isVisible()
        texts += [(where, text) for where, text in visible_texts(panel)
                  if text != panel.code.toPlainText()]  # the code is Python in every language
        qtbot.mouseClick(panel.next_button, Qt.LeftButton)
    assert panel.done == set(STEP_KEYS)
    box = window.lesson.finish_box  # the last Next was Finish: the lesson closed and said what to try next
    assert box is not None and box.isVisible() and not window.lesson.dock.isVisible()
    texts.append(("QMessageBox", box.text()))
    box.close()
    assert not window.lesson.resume()  # finished: not reopened at the next launch
    return texts


def test_the_lesson_runs_start_to_finish(window, qtbot, tmp_path):
    _walk(window, qtbot, tmp_path / "my-pipeline")


@pytest.fixture
def chinese(qapp):
    from diffviz.ui.language import LANGUAGES, load_language

    loaded = load_language(LANGUAGES["zh_CN"])
    yield
    loaded.uninstall()


def test_the_lesson_runs_start_to_finish_in_chinese(chinese, window, qtbot, tmp_path):
    left = {(where, text) for where, text in _walk(window, qtbot, tmp_path / "my-pipeline") if english_left(text)}
    assert not left, left


def test_a_lesson_left_at_a_middle_step_resumes_there(qtbot, tmp_path):
    from diffviz.ui.window.main_window import MainWindow

    path = str(tmp_path / "settings.ini")
    first = MainWindow(settings=QSettings(path, QSettings.IniFormat))
    qtbot.addWidget(first)
    first.show()
    first.lesson.open().go(3)
    first.close()
    again = MainWindow(settings=QSettings(path, QSettings.IniFormat))
    qtbot.addWidget(again)
    again.show()
    assert again.lesson.resume() and again.lesson.panel.index == 3
    again.close()


def test_declined_at_the_first_launch_it_is_never_offered_again(qtbot, tmp_path):
    from PySide6.QtWidgets import QMainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    window = QMainWindow()
    qtbot.addWidget(window)
    asked = []
    lesson = Lesson(window, settings)
    assert not lesson.offer_once(ask=lambda: asked.append(1) or False)
    assert settings.value(DECLINED_SETTING) in (True, "true")
    assert not Lesson(window, settings).offer_once(ask=lambda: asked.append(2) or True)
    assert asked == [1] and not lesson.resume()


def test_the_spotlight_lights_the_step_and_lets_clicks_through(window, qtbot):
    from diffviz.ui.lesson.spotlight import widget_at

    panel = window.lesson.open()
    for index, step in enumerate(STEPS[:4]):
        panel.go(index)
        qtbot.wait(50)
        panel.refresh()
        spotlight = panel.spotlight
        assert spotlight.isVisible() and spotlight.testAttribute(Qt.WA_TransparentForMouseEvents)
        assert spotlight.geometry() == window.rect()
        for path in step.highlight:
            widget = widget_at(window, path)
            centre = widget.mapTo(window, widget.rect().center())
            assert any(hole.contains(centre) for hole in spotlight.holes), (step.key, path)
        lesson = window.lesson.dock
        assert any(hole.contains(lesson.mapTo(window, lesson.rect().center())) for hole in spotlight.holes)
    window.lesson.dock.close()
    assert not panel.spotlight.isVisible()


def test_back_and_next_stay_in_reach_when_the_page_scrolls(window, qtbot):
    """On a short screen the lesson's page scrolls; its Back / Next row does not scroll away with it."""
    from PySide6.QtWidgets import QScrollArea

    panel = window.lesson.open()
    dock = window.lesson.dock
    dock.setFloating(True)
    dock.resize(400, 300)  # far shorter than the page
    scroll = dock.findChild(QScrollArea)
    qtbot.waitUntil(lambda: dock.height() <= 300 and scroll.verticalScrollBar().maximum() > 0, timeout=3000)
    assert not scroll.isAncestorOf(panel.footer) and dock.isAncestorOf(panel.footer)
    bottom = panel.footer.mapTo(dock, panel.footer.rect().bottomLeft()).y()
    assert panel.next_button.isVisible() and 0 < bottom <= dock.height()
