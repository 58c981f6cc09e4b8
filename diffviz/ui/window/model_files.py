"""Checkpoints in and out of the app: open, the shipped models, save, and the autosave of a trained model.

Why apart from the window: every path here ends in the app state (``AppState.set_model`` /
``mark_saved``) or in an error shown to the user, and none needs a view. The rules live in
one place: a file that fails to load leaves the model on screen untouched, the folder last
used is remembered, and a model trained in this session is autosaved at once, so closing the
window loses nothing. The model the app opens with comes from the engine's loading
(``ui.engine``), off the GUI thread; torch is imported only by the methods, which run once the
engine is ready, so the window can show before it.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from diffviz.core import i18n
from diffviz.core.errors import DiffvizError
from diffviz.core.paths import bundled_checkpoint_path
from diffviz.ui.window.actions import shortcut_text
from diffviz.ui.window.app_state import ENGINE_READY, AppState
from diffviz.ui.window.job_callbacks import StartJob
from diffviz.ui.window.status import Reporter
from diffviz.workers.messages import ModelSnapshot

if TYPE_CHECKING:
    from diffviz.ui.window.engine import LoadedEngine

log = logging.getLogger(__name__)

# File dialog filters, shown translated (``i18n.tr``): Qt reads the patterns in the brackets
FILTER = i18n.QT_TR_NOOP("diffviz checkpoints (*.safetensors)")
PIPELINE_FILTER = i18n.QT_TR_NOOP("diffusers pipeline folders (model_index.json)")
PIPELINE_JOB = "pipeline-export"  # the job writing a pipeline folder: one at a time
BUNDLED_PIPELINE = "ddpm-unet2d"  # the bundled model that exports as a pipeline folder


def autosave_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.AppLocalDataLocation)
    return Path(base or Path.home() / ".diffviz") / "autosave.safetensors"


class ModelFiles:
    """Puts checkpoints into ``state`` and writes its model out; dialogs open over ``parent``. ``start`` and ``busy``
    run the jobs that write pipeline folders (``MainWindow.start_job``, ``MainWindow.busy``)."""

    def __init__(self, state: AppState, settings: QSettings, report: Reporter, parent: QWidget, start: StartJob,
                 busy: Callable[[str], bool]) -> None:
        self.state = state
        self.settings = settings
        self._report = report
        self._parent = parent
        self._start = start
        self._busy = busy

    def last_dir(self) -> Path:
        value = self.settings.value("paths/last_dir")
        return Path(value) if isinstance(value, str) and Path(value).is_dir() else Path.home()

    def adopt_initial(self, loaded: LoadedEngine) -> None:
        """The model the engine opened (the checkpoint asked for, the bundled one, or an untrained one
        when that failed: then say why)."""
        self.state.set_model(loaded.model, loaded.info, source=loaded.source)
        if loaded.model_error:
            self._report.show_error(loaded.model_error)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._parent, i18n.tr("Open checkpoint"), str(self.last_dir()),
                                              ";;".join((i18n.tr(FILTER), i18n.tr(PIPELINE_FILTER),
                                                         i18n.tr("All files (*)"))))
        if path:
            self.load(Path(path))

    def open_folder_dialog(self) -> None:
        """Choose a diffusers pipeline folder itself (what ``save_pretrained`` writes), not a file inside it:
        a learner holds the folder, and a file dialog cannot pick one. It opens through the same door."""
        folder = QFileDialog.getExistingDirectory(self._parent, i18n.tr("Open a diffusers pipeline folder"),
                                                  str(self.last_dir()))
        if folder:
            self.load(Path(folder))

    def load(self, path: Path) -> bool:
        """Open a checkpoint; on any problem show why and keep the current model untouched."""
        from diffviz.core.opening import model_name, open_model

        try:
            model, info = open_model(path)
        except DiffvizError as exc:
            self._report.show_error(str(exc))
            return False
        self.state.set_model(model, info, source=model_name(path))
        self.settings.setValue("paths/last_dir", str(path.parent))
        return True

    def use_bundled(self) -> None:
        self.load(bundled_checkpoint_path())

    def use_course(self) -> None:
        """The course recipe's shipped model: BasicUNet as the course trains it, for comparison."""
        self.load(bundled_checkpoint_path("course"))

    def use_perfect(self) -> None:
        """The perfect denoiser of the bundled digits, speaking as the default recipe's network: not a file but a
        formula over the 10,000 digits (``core.models.perfect``), so its samples can be set beside a trained
        model's and their nearest training digits compared."""
        from diffviz.core.checkpoints import CheckpointInfo
        from diffviz.core.models.perfect import perfect_denoiser
        from diffviz.core.names import DEFAULT_RECIPE

        try:
            model = perfect_denoiser(DEFAULT_RECIPE)
        except DiffvizError as exc:
            self._report.show_error(str(exc))
            return
        info = CheckpointInfo(architecture=type(model).__name__, model_config={}, recipe=DEFAULT_RECIPE)
        self.state.set_model(model, info, source=i18n.tr("the perfect denoiser of {count:,} bundled digits")
                             .format(count=model.size))

    def open_autosave(self) -> None:
        if autosave_path().is_file():
            self.load(autosave_path())
        else:
            self._report.show_error(i18n.tr("There is no autosaved model yet: one is written whenever training "
                                            "ends."))

    def save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._parent, i18n.tr("Save checkpoint"),
                                              str(self.last_dir() / "model.safetensors"), i18n.tr(FILTER))
        if path:
            if not path.endswith(".safetensors"):
                path += ".safetensors"
            self.save(Path(path))

    def save(self, path: Path) -> bool:
        from diffviz.core.checkpoints import save_checkpoint

        info = self.state.info
        if not any(True for _ in self.state.model.parameters()):
            self._report.show_error(i18n.tr("The perfect denoiser has no weights to save: it is the bundled digits "
                                            "themselves, made again with File → Use the perfect denoiser."))
            return False
        try:
            save_checkpoint(path, self.state.model, recipe=info.recipe if info else "course",
                            hyperparameters=info.hyperparameters if info else {},
                            training=info.training if info else {})
        except DiffvizError as exc:
            self._report.show_error(str(exc))
            return False
        self.settings.setValue("paths/last_dir", str(path.parent))
        self.state.mark_saved(path.name)
        self._report.set_status(i18n.tr("Model: {model} — {summary}").format(model=self.state.title,
                                                                             summary=self.state.summary))
        return True

    # ----- pipeline folders written (``core.pipelines.export_pipeline``), in a worker: diffusers loads slowly -----
    def export_pipeline_dialog(self) -> bool:
        """File → Export as pipeline folder: the model on screen as a folder diffusers' ``DDPMPipeline`` loads. A model
        that cannot be exported is refused before a folder is asked for. True when the export started."""
        from diffviz.core.pipelines import can_export, export_refusal

        model, recipe = self.state.model, self.state.recipe
        if model is None or not self._may_export():
            return False
        if not can_export(model, recipe):
            self._report.show_error(export_refusal(model, recipe))
            return False
        folder = self._ask_pipeline_folder(recipe.name.replace(":", "-"))  # an opened folder's recipe: diffusers:NAME
        return folder is not None and self._start_pipeline_export(folder, current=(copy.deepcopy(model), recipe))

    def write_bundled_pipeline(self) -> bool:
        """Write the bundled ddpm-unet2d model as a pipeline folder the learner names, to open with File → Open
        pipeline folder; the model on screen stays. True when the export started (False: cancelled, an export
        already running, or the engine not ready)."""
        if not self._may_export():
            return False
        folder = self._ask_pipeline_folder(BUNDLED_PIPELINE)
        return folder is not None and self._start_pipeline_export(
            folder, checkpoint=bundled_checkpoint_path(BUNDLED_PIPELINE))

    def _may_export(self) -> bool:
        """Not while a pipeline export runs, nor before the engine is ready (the job's module imports torch)."""
        return self.state.engine == ENGINE_READY and not self._busy(PIPELINE_JOB)

    def _ask_pipeline_folder(self, name: str) -> Path | None:
        """The new folder's path (a save dialog: a folder dialog cannot name a folder that does not exist yet)."""
        path, _ = QFileDialog.getSaveFileName(self._parent, i18n.tr("Export as a diffusers pipeline folder"),
                                              str(self.last_dir() / f"{name}-pipeline"), i18n.tr("All files (*)"))
        return Path(path) if path else None

    def _start_pipeline_export(self, folder: Path, **source) -> bool:
        from diffviz.workers.jobs import pipeline_export_job

        if not self._start(PIPELINE_JOB, pipeline_export_job(folder, **source), on_done=self._pipeline_written):
            return False
        self._report.set_status(i18n.tr("Writing the pipeline folder {folder}…").format(folder=folder))
        return True

    def _pipeline_written(self, folder: Path | None) -> None:
        """The job's end; a failure (the folder exists, the model cannot export) is shown by the job runner."""
        if folder is None:
            self._report.set_status(i18n.tr("Export stopped"))
            return
        self.settings.setValue("paths/last_dir", str(folder.parent))  # File → Open pipeline folder starts beside it
        self._report.set_status(i18n.tr("Wrote the pipeline folder {folder}: open it with File → Open pipeline "
                                        "folder… ({shortcut})").format(folder=folder,
                                                                      shortcut=shortcut_text("file.open_folder")))

    def adopt_snapshot(self, snapshot: ModelSnapshot) -> None:
        """A training run's weights become the model on screen (unsaved) and are autosaved."""
        import torch

        from diffviz.core.checkpoints import CheckpointInfo, save_checkpoint, training_metadata
        from diffviz.core.recipes import get_recipe

        recipe = get_recipe(snapshot.recipe)
        if snapshot.model_config:
            from diffviz.core.models import build_model

            model = build_model(recipe.architecture, **snapshot.model_config)
        else:
            model = recipe.make_model()
        model.load_state_dict({k: torch.from_numpy(v) for k, v in snapshot.state.items()})
        training = training_metadata(snapshot.steps, snapshot.images, snapshot.seconds, snapshot.epoch_losses,
                                     snapshot.data_name, snapshot.data_digits)
        info = CheckpointInfo(architecture=type(model).__name__, model_config=model.config(),
                              recipe=snapshot.recipe, hyperparameters=snapshot.hyperparameters, training=training)
        self.state.set_model(model, info, source=i18n.tr("trained in this session"), unsaved=True)
        try:
            autosave_path().parent.mkdir(parents=True, exist_ok=True)
            save_checkpoint(autosave_path(), model, recipe=snapshot.recipe, hyperparameters=snapshot.hyperparameters,
                            training=training)
        except (DiffvizError, OSError) as exc:
            log.warning("autosave failed: %s", exc)
