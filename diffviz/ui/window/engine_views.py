"""The views that need the engine, and the controllers that run their jobs: built when the engine is ready.

Why apart from ``main_window``: the window is on screen before torch and pyqtgraph load, so the Training,
Inspector, Architecture, Corruption, Schedule, Compare, Edit and 2-D lab views (and the controllers of training,
sampling, edits, studies and the 2-D lab, which hold them) are built in one go on ``ready``, swapped into their tabs in
place of their loading pages, and wired to the app state here. ``EngineViews`` is handed what it uses, as each
controller is; the window keeps the ones scripts and tests reach for as read-only attributes.
"""

from __future__ import annotations

from typing import Callable, Mapping

import numpy as np
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDockWidget

from diffviz.core import i18n
from diffviz.ui.edit.edit_view import EditView
from diffviz.ui.lab2d.lab import Lab2D
from diffviz.ui.lab2d.lab_view import Lab2DView
from diffviz.ui.views.architecture_view import ArchitectureView
from diffviz.ui.views.comparison_view import ComparisonView
from diffviz.ui.views.corruption_view import CorruptionView
from diffviz.ui.views.inspector_view import InspectorView
from diffviz.ui.views.schedule_view import ScheduleView
from diffviz.ui.views.timeline_view import TimelineView
from diffviz.ui.views.training_view import TrainingView
from diffviz.ui.widgets.controls import ControlPanel
from diffviz.ui.widgets.keys import key_text
from diffviz.ui.window.actions import view_shortcut
from diffviz.ui.window.app_state import AppState
from diffviz.ui.window.edits import Edits
from diffviz.ui.window.job_callbacks import StartJob
from diffviz.ui.window.model_files import ModelFiles
from diffviz.ui.window.sampling import Sampling
from diffviz.ui.window.status import StatusReporter
from diffviz.ui.window.studies import RowRecipes, Studies
from diffviz.ui.window.tabs import TAB_KEYS, Tabs
from diffviz.ui.window.training import Training
from diffviz.workers.base import WorkerHandle


class EngineViews:
    """Builds the engine's views into ``tabs`` and the controllers of their jobs, and keeps them in step with the
    model on screen."""

    def __init__(self, state: AppState, settings: QSettings, controls: ControlPanel, files: ModelFiles,
                 report: StatusReporter, tabs: Tabs, timeline: TimelineView, start: StartJob,
                 busy: Callable[[str], bool], stop: Callable[[], None],
                 handles: Callable[[], Mapping[str, WorkerHandle]]) -> None:
        self.state = state
        self._report = report
        self._tabs = tabs
        self._controls = controls
        self.data = None  # the bundled digits (core.data.DigitData) once set_data hands them over
        self.training_view = TrainingView()
        self.inspector = InspectorView()
        self.architecture = ArchitectureView()
        self.corruption = CorruptionView()
        self.schedule = ScheduleView()
        row_recipes = RowRecipes(state)
        self.comparison = ComparisonView(row_recipes)
        self.edit_view = EditView()
        self.edit_view.load_settings(settings)
        self.edit_view.set_timeline_shortcut(key_text(view_shortcut(TAB_KEYS.index("timeline") + 1)))
        self.lab2d_view = Lab2DView()
        tabs.swap({"training": self.training_view, "inspector": self.inspector, "architecture": self.architecture,
                   "corruption": self.corruption, "schedule": self.schedule, "compare": self.comparison,
                   "edit": self.edit_view, "lab2d": self.lab2d_view})

        state.trajectoryChanged.connect(self.inspector.set_trajectory)
        state.modelChanged.connect(self.model_changed)
        timeline.frameChanged.connect(self.inspector.set_frame)
        self.architecture.layerClicked.connect(self.show_layer)
        self.inspector.set_training_provider(self.training_maps)
        if state.trajectory is not None:  # the opening run, playing since the window opened
            self.inspector.set_trajectory(state.trajectory)
            self.inspector.set_frame(timeline.frame())
        show = tabs.setCurrentWidget
        streamed = (timeline, self.inspector)
        self.studies = Studies(state, start, busy, self.schedule, self.comparison, row_recipes, report,
                               files.last_dir, show)
        self.edits = Edits(state, self.edit_view, start, busy, stop, streamed, timeline, report, show,
                           controls.precision_choice)
        self.training = Training(state, controls, self.training_view, files, start, handles, report, show)
        self.sampling = Sampling(state, controls, streamed, timeline, start, busy, report, show,
                                 training_digits=lambda: self.data)
        self.lab2d = Lab2D(self.lab2d_view, start, busy, report, files.last_dir,
                           lambda name: handles()[name].worker.stop(),
                           lambda: (state.trajectory, self.data, state.recipe))
        state.jobsChanged.connect(self.lab2d.jobs_changed)
        tabs.currentChanged.connect(self._tab_shown)
        self._tab_shown()

    def _tab_shown(self) -> None:
        """A tab with controls of its own hides the image models' panel while it is in front. The 2-D lab draws
        its first data set when first shown, not at launch (its run would compete with the opening run for the
        processor)."""
        tab = self._tabs.current_tab()
        dock = self._controls.parentWidget()
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        if dock is not None:
            dock.setVisible(not tab.own_controls)
        if tab.key == "lab2d" and self.lab2d.points is None:
            self.lab2d.load_data(self.lab2d_view.dataset_key(), self.lab2d_view.count.value())

    def set_data(self, data) -> None:
        """The bundled digits (``core.data.DigitData``): the corruption, schedule and Edit views show them."""
        self.data = data
        if data is None:
            return
        from diffviz.core.data import fixed_picks

        picks = fixed_picks(data, 8).numpy()
        pool = data.images.numpy()
        labels = None if data.labels is None else data.labels.numpy()
        images = pool[picks].copy()
        self.corruption.set_pool(pool, labels)
        self.corruption.set_images(images, None if labels is None else labels[picks])
        self.schedule.set_images(images)
        self.edit_view.set_digits(pool, labels)

    def model_changed(self) -> None:
        """A new model on screen: the architecture view draws it and the inspector learns its facts."""
        from diffviz.core.features import describe_layers, model_facts
        from diffviz.core.models import count_parameters
        from diffviz.core.sampling import image_shape_of

        model = self.state.model
        facts = model_facts(model)
        shape = image_shape_of(model)
        self.architecture.set_layers(describe_layers(model, shape), title=type(model).__name__, input_shape=shape,
                                     parameters=count_parameters(model), facts=facts,
                                     output=self.state.recipe.process.target_name)
        self.inspector.set_model_facts(facts)
        self._report.set_status(i18n.tr("Model: {model} — {summary}").format(model=self.state.title,
                                                                             summary=self.state.summary))

    def training_maps(self, amount: float, index: int) -> dict[str, np.ndarray]:
        """Feature maps of training image ``index`` corrupted by ``amount`` (one tiny forward pass)."""
        from diffviz.core.sampling import image_shape_of

        if self.data is None or image_shape_of(self.state.model) != tuple(self.data.images.shape[1:]):
            return {}  # a colour or larger model (a pipeline folder's) cannot look at the bundled digits
        from diffviz.core.features import maps_for_image

        return maps_for_image(self.state.model, self.state.recipe, self.data.images[index % len(self.data)],
                              amount, index)

    def show_layer(self, name: str) -> None:
        self.inspector.select_layer(name)
        self._tabs.setCurrentWidget(self.inspector)
