"""Writing diffusers pipeline folders from the window: File → Export as pipeline folder (the model on screen) and
``ModelFiles.write_bundled_pipeline`` (the bundled ddpm-unet2d model, for the lesson), both run as a job."""

from __future__ import annotations

import torch
from PySide6.QtWidgets import QFileDialog

from diffviz.core.paths import bundled_checkpoint_path
from diffviz.ui.window.actions import shortcut_text
from diffviz.ui.window.model_files import PIPELINE_JOB


def _answer(monkeypatch, path):
    """The save dialog answers ``path`` ("" or None: cancelled); returns the (title, default, filter) it was asked."""
    asked = []

    def ask(parent, title, default, filters, *args, **kwargs):
        asked.append((title, default, filters))
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return asked


def _wait(window, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.busy(PIPELINE_JOB), timeout=60_000)


def _same_outputs(a, b) -> bool:
    """The two models' outputs on one fixed input, at an early and a late timestep."""
    x = torch.randn(2, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    t = torch.tensor([10, 700])
    with torch.no_grad():
        return torch.allclose(a(x, t), b(x, t), atol=1e-5)


def _written(folder) -> str:
    return (f"Wrote the pipeline folder {folder}: open it with File → Open pipeline folder… "
            f"({shortcut_text('file.open_folder')})")


def test_the_bundled_model_is_written_as_a_pipeline_folder_that_opens_as_the_same_model(window, qtbot, monkeypatch,
                                                                                        tmp_path):
    from diffviz.core.checkpoints import load_checkpoint
    from diffviz.core.opening import open_model

    (tmp_path / "mine").mkdir()
    folder = tmp_path / "mine" / "digits-pipeline"
    window.settings.setValue("paths/last_dir", str(tmp_path))
    asked = _answer(monkeypatch, folder)
    shown, recipe, source = window.model, window.recipe.name, window.state.source
    window.last_error = None
    assert window.files.write_bundled_pipeline()
    assert not window.files.write_bundled_pipeline()  # while one runs, a second is refused before any dialog
    assert window.status.text() == f"Writing the pipeline folder {folder}…"
    _wait(window, qtbot)
    assert window.last_error is None
    assert asked == [("Export as a diffusers pipeline folder", str(tmp_path / "ddpm-unet2d-pipeline"),
                      "All files (*)")]
    assert window.status.text() == _written(folder)
    assert window.settings.value("paths/last_dir") == str(folder.parent) and window.files.last_dir() == folder.parent
    assert window.model is shown and window.recipe.name == recipe and window.state.source == source  # unchanged
    opened, info = open_model(folder)
    assert info.architecture == "PipelineUNet"
    bundled, _ = load_checkpoint(bundled_checkpoint_path("ddpm-unet2d"))
    assert _same_outputs(opened, bundled)

    chosen = []  # File → Open pipeline folder now starts beside it, and opens it
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda parent, title, start: chosen.append(start)
                        or str(folder))
    window.menu_actions["file.open_folder"].trigger()
    assert chosen == [str(folder.parent)]
    assert window.recipe.name == "diffusers:digits-pipeline" and _same_outputs(window.model, bundled)


def test_a_model_that_cannot_export_is_refused_before_any_folder_is_asked_for(window, monkeypatch, tmp_path):
    from diffviz.core.pipelines import export_refusal

    asked = _answer(monkeypatch, tmp_path / "never")
    assert window.recipe.name == "flow-class"  # the model the app opens with
    action = window.menu_actions["file.export_pipeline"]
    assert action.isEnabled() and action.text() == "E&xport as pipeline folder…"
    window.last_error = None
    action.trigger()
    assert asked == [] and not window.busy(PIPELINE_JOB)
    assert window.last_error == export_refusal(window.model, window.recipe)
    assert "flow-class" in window.last_error and "is not a UNet2DModel trained on a DDPM schedule" in window.last_error
    assert not (tmp_path / "never").exists()


def test_the_model_on_screen_exports_when_it_is_a_ddpm_unet2d(window, qtbot, monkeypatch, tmp_path):
    from diffviz.core.opening import open_model

    assert window.load_checkpoint_file(bundled_checkpoint_path("ddpm-unet2d"))  # last_dir: the bundled folder
    asked = _answer(monkeypatch, "")  # cancelled: nothing starts
    window.menu_actions["file.export_pipeline"].trigger()
    assert len(asked) == 1 and not window.busy(PIPELINE_JOB)
    assert asked[0][1] == str(bundled_checkpoint_path("ddpm-unet2d").parent / "ddpm-unet2d-pipeline")
    folder = tmp_path / "ddpm-unet2d-pipeline"
    _answer(monkeypatch, folder)
    window.last_error = None
    window.menu_actions["file.export_pipeline"].trigger()
    _wait(window, qtbot)
    assert window.last_error is None and window.status.text() == _written(folder)
    opened, _ = open_model(folder)
    assert _same_outputs(opened, window.model)


def test_an_existing_folder_is_refused_and_left_untouched(window, qtbot, monkeypatch, tmp_path):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine")
    window.settings.setValue("paths/last_dir", str(tmp_path / "taken"))
    _answer(monkeypatch, taken)
    window.last_error = None
    assert window.files.write_bundled_pipeline()
    _wait(window, qtbot)
    assert window.last_error == f"{taken} already exists: choose a new folder for the pipeline"  # the job's error
    assert [path.name for path in taken.iterdir()] == ["notes.txt"] and (taken / "notes.txt").read_text() == "mine"
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".taken")]  # no half-written folder
    assert window.settings.value("paths/last_dir") == str(taken)
    assert not window.status.text().startswith("Wrote")
