"""What the app is showing and doing, in one observable object the window and views subscribe to.

Why an object of its own: the window used to keep the model, the trajectory and the paused flag
in its own attributes and find out whether training was paused by reading the Pause button's
label. Here, as in napari's ``components/dims.py`` (the model) and ``_qt/widgets/qt_dims.py``
(the view), the state lives in a QObject with no widgets; it fires a signal once per real change,
and every widget that shows part of it (the control panel's buttons and model label, the
timeline, the inspector, the architecture drawing) subscribes. Nothing reads state back from a
widget.

The state also says whether the engine (PyTorch and the model, ``ui.engine``) has loaded, and
which requests (Train, Sample) wait for it: the window is on screen seconds before torch is, so
this module imports no torch (the types are for type checkers only) and there is no model until
the engine hands one over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from PySide6.QtCore import QObject, Signal

from diffviz.core import i18n
from diffviz.core.recipe_facts import RECIPE_FACTS, UNTRAINED_RECIPE, RecipeFacts

if TYPE_CHECKING:
    from torch import nn

    from diffviz.core.checkpoints import CheckpointInfo
    from diffviz.core.recipes import Recipe
    from diffviz.core.trajectory import Trajectory

IDLE, TRAINING, SAMPLING, EXPORTING = "idle", "training", "sampling", "exporting"
# Which running job decides what the controls allow, first match wins: a training run keeps Pause
# and Sample available whatever else runs; studies (schedule, compare) leave the controls alone.
ACTIVITY_OF_JOB = (("train", TRAINING), ("sample", SAMPLING), ("export", EXPORTING))
ENGINE_LOADING, ENGINE_READY, ENGINE_FAILED = "loading", "ready", "failed"  # the engine (``ui.engine``)


class AppState(QObject):
    """The model on screen (with its metadata, derived recipe and unsaved flag), the trajectory on the
    timeline, the running jobs, whether training is paused, and the engine's loading (with the requests
    that wait for it)."""

    modelChanged = Signal()          # another model is on screen: read model, info, recipe, title, summary
    savedChanged = Signal()          # the same model was saved (or marked unsaved): its title changed
    trajectoryChanged = Signal(object)  # the new Trajectory
    pausedChanged = Signal(bool)
    jobsChanged = Signal(object)     # frozenset of the running jobs' names
    activityChanged = Signal(str)    # IDLE | TRAINING | SAMPLING | EXPORTING (see ACTIVITY_OF_JOB)
    engineChanged = Signal(str)      # ENGINE_LOADING | ENGINE_READY | ENGINE_FAILED
    waitingChanged = Signal(object)  # tuple of the requests' names ("train", "sample") waiting for the engine

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model: nn.Module | None = None  # none until the engine has loaded one
        self._info: CheckpointInfo | None = None
        self._source = i18n.tr("untrained")
        self._unsaved = False
        self._trajectory: Trajectory | None = None
        self._paused = False
        self._jobs: frozenset[str] = frozenset()
        self._engine = ENGINE_LOADING
        self._engine_error: str | None = None
        self._waiting: tuple[str, ...] = ()

    # ----- the model -------------------------------------------------------------------------------
    @property
    def model(self) -> nn.Module | None:
        """The model on screen; None while the engine loads (and if it never does)."""
        return self._model

    @property
    def info(self) -> CheckpointInfo | None:
        """The model's checkpoint metadata; None for an untrained model."""
        return self._info

    @property
    def recipe_name(self) -> str:
        """The recipe of the model on screen (the course's for an untrained one)."""
        return self._info.recipe if self._info else UNTRAINED_RECIPE

    @property
    def training_images(self) -> int | None:
        """How many training images made the model on screen (None: untrained, or not known)."""
        return self._info.images if self._info else None

    @property
    def recipe_facts(self) -> RecipeFacts:
        """What the controls show about the model's recipe; needs no torch, so it answers while loading. A recipe
        read from an opened pipeline folder has no torch-free copy: the engine that opened it is loaded, and the
        recipe itself answers (its attributes carry the same names)."""
        facts = RECIPE_FACTS.get(self.recipe_name)
        return facts if facts is not None else self.recipe

    @property
    def recipe(self) -> Recipe:
        """The recipe of the model on screen, the engine's object (imports torch: read it once the engine
        is ready)."""
        from diffviz.core.recipes import get_recipe

        return get_recipe(self.recipe_name)

    @property
    def unsaved(self) -> bool:
        return self._unsaved

    @property
    def source(self) -> str:
        """Where the model came from, for people (in the language shown): a file name, "trained in this session",
        "untrained"."""
        return self._source

    @property
    def title(self) -> str:
        return i18n.tr("{model} (unsaved)").format(model=self._source) if self._unsaved else self._source

    @property
    def summary(self) -> str:
        if self._info:
            return self._info.summary()
        if self._model is None:
            return i18n.tr("no model yet")
        return i18n.tr("untrained {network}").format(network=type(self._model).__name__)

    def set_model(self, model: nn.Module, info: CheckpointInfo | None, source: str,
                  unsaved: bool = False) -> None:
        """Put another model on screen (in eval mode); fires ``modelChanged`` once."""
        self._model = model.eval()
        self._info = info
        self._source = source
        self._unsaved = unsaved
        self.modelChanged.emit()

    def mark_saved(self, source: str) -> None:
        """The model on screen now lives in ``source`` (a file name); fires ``savedChanged`` if that changed."""
        if (source, False) == (self._source, self._unsaved):
            return
        self._source, self._unsaved = source, False
        self.savedChanged.emit()

    # ----- the trajectory --------------------------------------------------------------------------
    @property
    def trajectory(self) -> Trajectory | None:
        return self._trajectory

    def set_trajectory(self, trajectory: Trajectory) -> None:
        if trajectory is self._trajectory:
            return
        self._trajectory = trajectory
        self.trajectoryChanged.emit(trajectory)

    # ----- jobs and pause --------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self._paused

    def set_paused(self, paused: bool) -> None:
        if paused != self._paused:
            self._paused = paused
            self.pausedChanged.emit(paused)

    @property
    def jobs(self) -> frozenset[str]:
        return self._jobs

    @property
    def activity(self) -> str:
        return next((activity for job, activity in ACTIVITY_OF_JOB if job in self._jobs), IDLE)

    def set_jobs(self, names: Iterable[str]) -> None:
        """The running jobs' names; a training run that is no longer running is no longer paused."""
        names = frozenset(names)
        if names == self._jobs:
            return
        before = self.activity
        self._jobs = names
        if "train" not in names:
            self.set_paused(False)
        self.jobsChanged.emit(names)
        if self.activity != before:
            self.activityChanged.emit(self.activity)

    # ----- the engine and the requests waiting for it ----------------------------------------------
    @property
    def engine(self) -> str:
        """ENGINE_LOADING until the engine hands over (ENGINE_READY), or ENGINE_FAILED if it cannot load."""
        return self._engine

    @property
    def engine_error(self) -> str | None:
        """Why the engine failed to load (ENGINE_FAILED only)."""
        return self._engine_error

    def set_engine(self, status: str, error: str | None = None) -> None:
        if (status, error) == (self._engine, self._engine_error):
            return
        self._engine, self._engine_error = status, error
        self.engineChanged.emit(status)

    @property
    def waiting(self) -> tuple[str, ...]:
        """The requests made while the engine loads, in the order they were made."""
        return self._waiting

    def wait_for_engine(self, request: str) -> bool:
        """Queue ``request`` (e.g. "sample") to run once the engine is ready; False if it already waits."""
        if request in self._waiting:
            return False
        self._waiting += (request,)
        self.waitingChanged.emit(self._waiting)
        return True

    def take_waiting(self) -> tuple[str, ...]:
        """The waiting requests, in order, and none waits any more."""
        waiting, self._waiting = self._waiting, ()
        if waiting:
            self.waitingChanged.emit(())
        return waiting
