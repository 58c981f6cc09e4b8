"""The app state and what follows it: one signal per change, controls and views that subscribe,
menus built from the declared table, per-job callbacks, and the studies wired without a window."""

from __future__ import annotations

import numpy as np
import pytest

from diffviz.core.checkpoints import CheckpointInfo
from diffviz.core.recipes import DEFAULT_RECIPE, get_recipe
from diffviz.core.trajectory import Trajectory
from diffviz.ui.window.app_state import EXPORTING, IDLE, SAMPLING, TRAINING, AppState


class Recorder:
    """Counts a signal's emissions and keeps their arguments."""

    def __init__(self, signal) -> None:
        self.calls: list[tuple] = []
        signal.connect(lambda *args: self.calls.append(args))

    def __len__(self) -> int:
        return len(self.calls)


def _info(recipe: str) -> CheckpointInfo:
    model = get_recipe(recipe).make_model()
    return CheckpointInfo(architecture=type(model).__name__, model_config=model.config(), recipe=recipe,
                          hyperparameters={}, training={"steps": 12})


def _trajectory(steps: int = 4, n: int = 2) -> Trajectory:
    xs = np.random.default_rng(0).random((steps + 1, n, 1, 28, 28), dtype=np.float32)
    return Trajectory(xs=xs, preds=xs[::-1].copy(), mix=np.full(steps, 0.5))


@pytest.fixture
def state(qtbot):
    return AppState()


def test_setting_a_model_fires_model_changed_once_and_the_recipe_follows(state):
    changed, saved = Recorder(state.modelChanged), Recorder(state.savedChanged)
    assert state.recipe.name == "course" and state.title == "untrained"  # an untrained model: the course's
    model = get_recipe("ddpm").make_model()
    state.set_model(model, _info("ddpm"), source="d.safetensors", unsaved=True)
    assert len(changed) == 1 and len(saved) == 0
    assert state.model is model and not model.training and state.recipe.name == "ddpm"
    assert state.title == "d.safetensors (unsaved)" and "ddpm recipe" in state.summary


def test_marking_saved_fires_once_per_real_change(state):
    state.set_model(get_recipe("course").make_model(), _info("course"), source="trained", unsaved=True)
    changed, saved = Recorder(state.modelChanged), Recorder(state.savedChanged)
    state.mark_saved("m.safetensors")
    state.mark_saved("m.safetensors")  # saved again under the same name: nothing changed
    assert len(saved) == 1 and len(changed) == 0
    assert not state.unsaved and state.title == "m.safetensors"
    state.mark_saved("n.safetensors")
    assert len(saved) == 2


def test_trajectory_and_pause_fire_once_per_change(state):
    trajectories, paused = Recorder(state.trajectoryChanged), Recorder(state.pausedChanged)
    first, second = _trajectory(), _trajectory()
    for t in (first, first, second):
        state.set_trajectory(t)
    assert [call[0] for call in trajectories.calls] == [first, second] and state.trajectory is second
    for value in (True, True, False, False, True):
        state.set_paused(value)
    assert [call[0] for call in paused.calls] == [True, False, True]


def test_activity_follows_the_running_jobs_and_an_ended_run_is_not_paused(state):
    activity, jobs = Recorder(state.activityChanged), Recorder(state.jobsChanged)
    assert state.activity == IDLE
    state.set_jobs({"schedule:linear"})  # studies leave the controls alone
    state.set_jobs({"sample", "schedule:linear"})
    state.set_jobs({"sample", "train"})  # training decides while it runs
    state.set_paused(True)
    state.set_jobs({"sample", "train"})  # the same jobs: no signal
    state.set_jobs({"export"})
    assert not state.paused  # the run ended
    state.set_jobs(set())
    assert [call[0] for call in activity.calls] == [SAMPLING, TRAINING, EXPORTING, IDLE]
    assert len(jobs) == 5 and state.jobs == frozenset()


def test_the_controls_follow_the_state(qtbot, state):
    from diffviz.ui.widgets.controls import ControlPanel

    controls = ControlPanel()
    qtbot.addWidget(controls)
    controls.follow(state)
    enabled = lambda: (controls.train_button.isEnabled(), controls.pause_button.isEnabled(),  # noqa: E731
                       controls.stop_button.isEnabled(), controls.sample_button.isEnabled())
    assert enabled() == (True, False, False, True)
    state.set_jobs({"train"})
    assert enabled() == (False, True, True, True) and controls.pause_button.text() == "Pause"
    state.set_paused(True)
    assert controls.pause_button.text() == "Resume"
    state.set_jobs({"sample"})
    assert enabled() == (False, False, True, False) and controls.pause_button.text() == "Pause"
    state.set_jobs(set())
    assert enabled() == (True, False, False, True)

    state.set_model(get_recipe("ddpm-unet2d").make_model(), _info("ddpm-unet2d"), source="a<b>.safetensors", unsaved=True)
    assert controls.sampler_name() == "ddim" and controls.sampler.count() > 1
    assert not controls.digit.isEnabled()
    assert "a&lt;b&gt;.safetensors (unsaved)" in controls.model_label.text()
    state.mark_saved("kept.safetensors")
    assert "kept.safetensors" in controls.model_label.text() and "unsaved" not in controls.model_label.text()
    state.set_model(get_recipe(DEFAULT_RECIPE).make_model(), _info(DEFAULT_RECIPE), source="f.safetensors")
    assert controls.digit.isEnabled() == bool(get_recipe(DEFAULT_RECIPE).classes)


def test_the_window_reads_its_state_from_the_state_object(window, qtbot):
    """The timeline and the inspector follow ``trajectoryChanged``; the architecture view and the
    status line follow ``modelChanged``; a model loads with exactly one signal."""
    changed = Recorder(window.state.modelChanged)
    window.use_course_model()
    assert len(changed) == 1
    assert window.model is window.state.model and window.recipe.name == "course"
    assert "course" in window.status.text()
    trajectory = _trajectory(steps=6)
    window.state.set_trajectory(trajectory)
    assert window.timeline.slider.maximum() == 6 and window.trajectory is trajectory


def test_pause_lives_in_the_state_and_reaches_the_status_line(window, qtbot):
    from diffviz.workers.messages import TrainingUpdate

    update = TrainingUpdate(steps=np.array([3]), epochs=np.array([0.1]), losses=np.array([0.05]),
                            amounts=np.array([0.5]), image_losses=np.array([0.05]), images_per_sec=100.0,
                            elapsed=1.0, progress=0.1, eta=None)
    window.state.set_paused(True)
    window.training.on_update(update)
    assert window.status.text().startswith("Paused: step 3")
    window.controls.pause_button.setText("Resume")  # a label says nothing about the state
    window.state.set_paused(False)
    window.training.on_update(update)
    assert window.status.text().startswith("Training: step 3")


def test_menus_hold_every_key_readme_lists(window):
    keys = {action.shortcut().toString() if hasattr(action, "shortcut") else action.key().toString()
            for action in window.menu_actions.values()}
    expected = {"Ctrl+T", "Ctrl+P", "Esc", "Ctrl+R", "Ctrl+E", "Ctrl+O", "Ctrl+S", "Space", "Left", "Right",
                "Home", "End"} | {f"Ctrl+{i}" for i in range(1, 8)}
    assert expected <= keys
    assert f"({DEFAULT_RECIPE} recipe)" in window.menu_actions["file.bundled"].text()
    window.menu_actions["view.compare"].trigger()
    assert window.tabs.currentWidget() is window.comparison
    window.menu_actions["view.training"].trigger()
    assert window.tabs.currentWidget() is window.training_view


def test_timeline_keys_act_only_on_the_timeline_and_inspector_tabs(window):
    window.show_trajectory(_trajectory(steps=5))
    window.timeline.set_frame(2)
    right = window.menu_actions["timeline.right"]
    window.tabs.setCurrentWidget(window.training_view)
    right.activated.emit()
    assert window.timeline.frame() == 2
    for tab in (window.timeline, window.inspector):
        window.tabs.setCurrentWidget(tab)
        right.activated.emit()
    assert window.timeline.frame() == 4
    window.menu_actions["timeline.home"].activated.emit()
    assert window.timeline.frame() == 0


def test_the_action_table_builds_on_any_window_with_the_callbacks_handed_in(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from diffviz.ui.window.actions import Commands, main_actions
    from diffviz.ui.window.menus import build_menus

    calls: list[str] = []
    commands = Commands(**{name: (lambda name=name: calls.append(name)) for name in Commands.__dataclass_fields__})
    active = [False]
    window = QMainWindow()
    qtbot.addWidget(window)
    built = build_menus(window, main_actions(commands, [("one", "One", lambda: calls.append("view one"))],
                                             [("End", "last step", lambda: calls.append("end"))], lambda: active[0]))
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Run", "&View", "&Help"]
    built["run.pause"].trigger()
    built["view.one"].trigger()
    built["timeline.end"].activated.emit()  # inactive: left alone
    active[0] = True
    built["timeline.end"].activated.emit()
    assert calls == ["pause_or_resume", "view one", "end"]
    assert built["view.one"].shortcut().toString() == "Ctrl+1"


def test_each_message_type_reaches_its_one_handler_and_nothing_is_lost(window, qtbot):
    """A job that yields at once: the gate holds it until its callbacks are connected."""
    got: dict[str, list] = {"int": [], "str": [], "done": []}

    def job(worker):
        yield 1
        yield "two"
        yield 3.0  # no handler: ignored
        yield 4
        return "result"

    assert window.start_job("probe", job, {int: got["int"].append, str: got["str"].append},
                            on_done=got["done"].append)
    assert not window.start_job("probe", job)  # one job of a name at a time
    qtbot.waitUntil(lambda: not window.busy(), timeout=5000)
    assert got == {"int": [1, 4], "str": ["two"], "done": ["result"]}
    assert window.state.jobs == frozenset()


def test_studies_are_wired_from_explicit_parts(qtbot):
    """No window: the state, a start function, the two views, a reporter, a folder and a way to show a view."""
    from pathlib import Path

    from diffviz.ui.views.comparison_view import ComparisonView
    from diffviz.ui.views.schedule_view import ScheduleView
    from diffviz.ui.window.studies import RowRecipes, Studies

    class Report:
        def __init__(self):
            self.status, self.errors = [], []

        def set_status(self, text):
            self.status.append(text)

        def show_error(self, text):
            self.errors.append(text)

    started = []
    state, report = AppState(), Report()
    recipes = RowRecipes(state)
    schedule, comparison = ScheduleView(), ComparisonView(recipes)
    for view in (schedule, comparison):
        qtbot.addWidget(view)

    def start(name, job, on=None, on_done=None, *, progress=None):
        started.append((name, on_done))
        return True

    studies = Studies(state, start, lambda name: False, schedule, comparison, recipes, report, Path.home,
                      lambda view: None)
    schedule.scheduleRequested.emit("ddpm-linear")
    assert [name for name, _ in started] == ["schedule:ddpm-linear"]
    started[0][1](None)  # a stopped job hands the view nothing
    schedule.scheduleRequested.emit("ddpm-linear")  # asked again: the start function decides (here: it starts)
    assert len(started) == 2

    for row in comparison.rows[1:]:
        row.enabled.setChecked(False)
    comparison.runRequested.emit()
    assert "at least two" in report.errors[-1] and len(started) == 2
    state.set_model(get_recipe("ddpm").make_model(), _info("ddpm"), source="d.safetensors")
    assert recipes("current").name == "ddpm" and studies.recipes is recipes
