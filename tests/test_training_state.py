"""A long run saved between epochs and resumed goes on exactly as an unbroken run (``core.training_state``)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from diffviz.cli import main
from diffviz.core.checkpoints import load_checkpoint
from diffviz.core.data import DigitData
from diffviz.core.errors import CheckpointError, ConfigError
from diffviz.core.recipes import get_recipe
from diffviz.core.training import TrainConfig, Trainer
from diffviz.core.training_state import resume_training, save_training_state, state_path


@pytest.fixture
def folder(tmp_path, bundled_data):
    """40 digits as PNG files: five steps of 8 per epoch."""
    path = tmp_path / "digits"
    path.mkdir()
    for i in range(40):
        Image.fromarray((bundled_data.images[i * 250, 0].numpy() * 255).astype(np.uint8), "L").save(
            path / f"{i:02d}.png")
    return path


def _run(capsys, *args) -> tuple[int, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    return code, capsys.readouterr().err


def test_an_interrupted_run_resumes_to_the_unbroken_runs_weights(folder, tmp_path, capsys, monkeypatch):
    """Ctrl-C after 12 steps of a 20-step run that saves at every epoch's end; the same command with --resume goes
    on from the save at step 10 and ends with the very weights of a run never interrupted."""
    common = ["train", "--recipe", "flow", "--epochs", "4", "--batch-size", "8", "--precision", "fp32",
              "--threads", "1", "--data", f"folder:{folder}"]
    whole = tmp_path / "whole.safetensors"
    assert _run(capsys, *common, "--out", whole)[0] == 0

    out = tmp_path / "run.safetensors"
    original = Trainer.steps

    def interrupted(self):
        for count, report in enumerate(original(self), start=1):
            if count > 12:
                raise KeyboardInterrupt
            yield report

    monkeypatch.setattr(Trainer, "steps", interrupted)
    code, err = _run(capsys, *common, "--save-every", "1e-9", "--out", out)
    assert code == 130 and state_path(out).exists() and "--resume" in err
    assert load_checkpoint(out)[1].training["steps"] == 13  # the step under way when Ctrl-C came, saved all the same
    monkeypatch.setattr(Trainer, "steps", original)

    code, err = _run(capsys, *common, "--save-every", "1e-9", "--resume", "--out", out)
    assert code == 0, err
    assert "resuming from" in err and "at step 10" in err
    assert not state_path(out).exists()  # the budget is spent: nothing left to resume
    resumed, info = load_checkpoint(out)
    reference, reference_info = load_checkpoint(whole)
    assert info.training["steps"] == reference_info.training["steps"] == 20
    assert len(info.training["epoch_losses"]) == 4
    for (name, a), (_, b) in zip(resumed.state_dict().items(), reference.state_dict().items()):
        assert torch.equal(a, b), name


def test_resume_with_no_state_starts_afresh(folder, tmp_path, capsys):
    out = tmp_path / "fresh.safetensors"
    code, err = _run(capsys, "train", "--recipe", "flow", "--epochs", "1", "--batch-size", "8", "--precision",
                     "fp32", "--data", f"folder:{folder}", "--resume", "--out", out)
    assert code == 0 and "starting afresh" in err and out.exists()


def _trainer(bundled_data, lr: float = 2e-3) -> Trainer:
    recipe = get_recipe("flow")
    data = DigitData(bundled_data.images[:32].clone(), bundled_data.labels[:32].clone(), "few")
    torch.manual_seed(0)
    return Trainer(recipe.make_model(), data, TrainConfig(epochs=2, batch_size=16, lr=lr), recipe=recipe)


def test_a_state_of_another_run_is_refused_by_name(bundled_data, tmp_path):
    trainer = _trainer(bundled_data)
    for report in trainer.steps():
        if report.epoch_end:
            break
    path = save_training_state(tmp_path / "a.resume.safetensors", trainer, "few")
    other = _trainer(bundled_data, lr=1e-3)
    with pytest.raises(ConfigError, match=r"a\.resume\.safetensors saved another run: lr 0\.002 \(now 0\.001\)"):
        resume_training(path, other, "few")
    assert other.total_steps == 0  # nothing was changed


def test_a_state_of_a_recipes_earlier_revision_is_refused(bundled_data, tmp_path):
    """A state written before its recipe was revised (one that recorded no revision) trained another target: going
    on from it with today's recipe would mix the two, so it is refused like any other run."""
    import dataclasses
    import json

    from safetensors import safe_open
    from safetensors.torch import save_file

    trainer = _trainer(bundled_data)
    for report in trainer.steps():
        if report.epoch_end:
            break
    path = save_training_state(tmp_path / "a.resume.safetensors", trainer, "few")
    with safe_open(str(path), framework="pt") as reader:
        metadata, tensors = dict(reader.metadata()), {k: reader.get_tensor(k) for k in reader.keys()}
    header = json.loads(metadata["diffviz"])
    del header["run"]["recipe_revision"]  # as an earlier diffviz wrote it
    save_file(tensors, str(path), metadata={**metadata, "diffviz": json.dumps(header)})
    same = _trainer(bundled_data)
    resume_training(path, same, "few")  # revision 1, what it held, goes on
    revised = _trainer(bundled_data)
    revised.recipe = dataclasses.replace(revised.recipe, revision=2)
    with pytest.raises(ConfigError, match=r"saved another run: recipe_revision 1 \(now 2\)"):
        resume_training(path, revised, "few")
    assert revised.total_steps == 0


@pytest.mark.parametrize("content", [b"", b"\x80\x04junk", b"not a state at all, just text"])
def test_a_broken_state_file_is_one_clear_error(bundled_data, tmp_path, content):
    path = tmp_path / "bad.resume.safetensors"
    path.write_bytes(content)
    with pytest.raises(CheckpointError, match="bad.resume.safetensors"):
        resume_training(path, _trainer(bundled_data), "few")


def test_a_checkpoint_is_not_taken_for_a_state(bundled_data, tmp_path):
    from diffviz.core.checkpoints import save_checkpoint

    trainer = _trainer(bundled_data)
    path = save_checkpoint(tmp_path / "weights.safetensors", trainer.model, recipe="flow")
    with pytest.raises(CheckpointError, match="not a diffviz training state"):
        resume_training(path, trainer, "few")
