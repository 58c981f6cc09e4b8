"""The command line: train, sample to .npy/.png/.gif, and one-line refusals with exit code 2.

Every CLI start in a subprocess imports torch (seconds), so the subprocess runs are few and
small; refusals that only need the parser or a check before any work run in-process too.
"""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision.utils import make_grid

import diffviz
from diffviz.cli import main
from diffviz.core.checkpoints import load_checkpoint
from diffviz.core.precision import PRECISIONS, Precision
from diffviz.core.sampling import sample_final

REPO = Path(__file__).resolve().parent.parent


def run_cli(*args: str, timeout: float = 180, no_display: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    if no_display:  # as on a server: no X, no Wayland, no Qt platform chosen
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "diffviz", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def run_inprocess(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse exits by itself
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip("\n").splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("diffviz"), lines[0]
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A checkpoint from a real `diffviz train` run (a few steps), made once for the module."""
    out = tmp_path_factory.mktemp("cli") / "x.safetensors"
    result = run_cli("train", "--recipe", "course", "--epochs", "0.05", "--seed", "3", "--out", out)
    return out, result


def test_version():
    result = run_cli("--version", no_display=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"diffviz {diffviz.__version__}"
    assert diffviz.__version__.count(".") == 2


def test_help():
    result = run_cli("--help", no_display=True)
    assert result.returncode == 0, result.stderr
    for word in ("train", "sample", "--version"):
        assert word in result.stdout
    sub = run_cli("sample", "--help", no_display=True)
    assert sub.returncode == 0 and "--checkpoint" in sub.stdout and "--steps" in sub.stdout


def test_train_writes_a_loadable_checkpoint(trained):
    path, result = trained
    assert result.returncode == 0, result.stderr
    assert f"saved {path}" in result.stdout
    model, info = load_checkpoint(path)
    assert info.architecture == "BasicUNet" and info.recipe == "course"
    assert info.hyperparameters["epochs"] == 0.05 and info.hyperparameters["seed"] == 3
    assert info.hyperparameters["batch_size"] == 128
    assert info.training["steps"] == round(0.05 * math.ceil(10_000 / 128))
    assert info.training["images"] == info.training["steps"] * 128
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


def test_train_uses_the_flow_class_recipe_and_its_batch_by_default(tmp_path, capsys):
    out = tmp_path / "f.safetensors"
    code, _, err = run_inprocess(capsys, "train", "--epochs", "0.02", "--out", out)
    assert code == 0, err
    model, info = load_checkpoint(out)
    assert (info.recipe, info.architecture, info.hyperparameters["batch_size"]) == ("flow-class", "TimeUNet", 32)
    assert info.recipe_revision == 2  # it predicts the velocity (an earlier flow-class checkpoint is read otherwise)
    assert info.model_config["classes"] == 10 and model.classes == 10
    assert info.hyperparameters["lr"] == 2e-3


def test_train_prints_an_epoch_line(tmp_path, bundled_data, capsys):
    """Two (tiny) epochs on a folder of digits: each epoch's mean loss is printed (in-process: cheap)."""
    folder = tmp_path / "digits"
    folder.mkdir()
    for i in range(12):
        Image.fromarray((bundled_data.images[i * 800, 0].numpy() * 255).astype(np.uint8), "L").save(
            folder / f"{i:02d}.png")
    out = tmp_path / "e.safetensors"
    code, stdout, stderr = run_inprocess(capsys, "train", "--epochs", "2", "--batch-size", "6",
                                         "--data", f"folder:{folder}", "--out", out)
    assert code == 0, stderr
    assert "epoch 1: mean loss" in stdout and "epoch 2: mean loss" in stdout
    assert f"saved {out}" in stdout
    _model, info = load_checkpoint(out)
    assert info.training["steps"] == 4 and len(info.training["epoch_losses"]) == 2


def reported_precision(stderr: str) -> Precision:
    """The precision a CLI run says, on its first line, that it chose (``... precision <title> (<why>)``)."""
    first = stderr.splitlines()[0]
    assert "precision " in first, first
    title = first.rsplit("precision ", 1)[1].split(" (", 1)[0]
    chosen = [p for p in PRECISIONS.values() if p.title == title]
    assert chosen, f"no precision is called {title!r}"
    return chosen[0]


def test_sample_npy(trained, tmp_path, auto_verdict):
    """Sampled through auto (the default), the images are the engine's at the precision the run reports: on a
    machine where auto picks bf16 they are bf16's, not fp32's (auto_verdict runs this both ways)."""
    checkpoint, _ = trained
    out = tmp_path / "s.npy"
    result = run_cli("sample", "--checkpoint", checkpoint, "--n", "5", "--steps", "3", "--out", out)
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    chosen = reported_precision(result.stderr)
    assert chosen is auto_verdict
    images = np.load(out, allow_pickle=False)
    assert images.dtype == np.float32 and images.shape == (5, 1, 28, 28)
    assert images.min() >= 0.0 and images.max() <= 1.0
    # the same images the engine makes from that checkpoint with seed 0, at the same precision
    model, _info = load_checkpoint(checkpoint)
    assert np.allclose(images, sample_final(model, 5, 3, seed=0, precision=chosen), atol=1e-5)


def test_sample_png_and_gif(trained, tmp_path):
    checkpoint, _ = trained
    png = tmp_path / "s.png"
    result = run_cli("sample", "--checkpoint", checkpoint, "--n", "5", "--steps", "3", "--scale", "2", "--out", png)
    assert result.returncode == 0, result.stderr
    grid = make_grid(torch.zeros(5, 1, 28, 28), nrow=3, padding=2)
    with Image.open(png) as image:
        assert image.format == "PNG"
        assert image.size == (grid.shape[2] * 2, grid.shape[1] * 2)

    gif = tmp_path / "s.gif"
    result = run_cli("sample", "--checkpoint", checkpoint, "--n", "4", "--steps", "3",
                     "--panels", "x,pred,feature:down1", "--out", gif)
    assert result.returncode == 0, result.stderr
    with Image.open(gif) as image:
        assert image.format == "GIF"
        assert image.n_frames == 3 + 1
        assert image.info.get("loop") == 0


def test_a_non_checkpoint_exits_2_with_one_line(tmp_path):
    """End to end in a subprocess: a file of random bytes is refused in one line, exit code 2."""
    junk = tmp_path / "junk.safetensors"
    junk.write_bytes(b"\x17" + random.Random(1).randbytes(2000))
    out = tmp_path / "s.npy"
    result = run_cli("sample", "--checkpoint", junk, "--n", "2", "--steps", "2", "--out", out)
    assert result.returncode == 2
    line = _one_error_line(result.stderr)
    assert "junk.safetensors" in line
    assert not out.exists()


@pytest.mark.parametrize("args", [
    ["sample", "--n", "0", "--out", "{tmp}/s.npy"],
    ["sample", "--steps", "-1", "--out", "{tmp}/s.npy"],
    ["sample", "--n", "many", "--out", "{tmp}/s.npy"],
    ["train", "--lr", "-1", "--out", "{tmp}/m.safetensors"],
    ["train", "--lr", "nan", "--out", "{tmp}/m.safetensors"],
    ["train", "--batch-size", "0", "--out", "{tmp}/m.safetensors"],
    ["train", "--epochs", "1", "--seconds", "5", "--out", "{tmp}/m.safetensors"],
    ["train"],
    ["frobnicate"],
])
def test_usage_errors_in_a_subprocess(tmp_path, args):
    """Parser errors exit before torch is imported, so these subprocesses are quick."""
    result = run_cli(*[a.format(tmp=tmp_path) for a in args], timeout=60)
    assert result.returncode == 2
    _one_error_line(result.stderr)
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("case", [
    "sample-bad-suffix", "train-bad-suffix", "sample-missing-folder", "train-missing-folder",
    "missing-checkpoint", "random-checkpoint", "unknown-data", "sample-too-many", "wrong-sampler",
    "no-bundled-model", "bad-eta",
])
def test_refusals_in_process(trained, tmp_path, tmp_path_factory, capsys, monkeypatch, case):
    checkpoint, _ = trained
    if case == "no-bundled-model":  # every recipe ships a model: as on an install whose ddpm-cosine file is missing
        import diffviz.core.paths as paths

        elsewhere = tmp_path_factory.mktemp("no-resources")
        monkeypatch.setattr(paths, "bundled_checkpoint_path",
                            lambda recipe="flow-class": elsewhere / f"{recipe}.safetensors")
    junk = tmp_path / "junk.safetensors"
    junk.write_bytes(b"\x17" + random.Random(2).randbytes(1000))
    sample = ["sample", "--checkpoint", checkpoint, "--n", "2", "--steps", "2"]
    args, phrase = {
        "sample-bad-suffix": (sample + ["--out", tmp_path / "s.jpg"], ".png, .npy or .gif"),
        "train-bad-suffix": (["train", "--out", tmp_path / "m.pt"], ".safetensors"),
        "sample-missing-folder": (sample + ["--out", tmp_path / "no" / "s.npy"], "does not exist"),
        "train-missing-folder": (["train", "--out", tmp_path / "no" / "m.safetensors"], "does not exist"),
        "missing-checkpoint": (["sample", "--checkpoint", tmp_path / "none.safetensors", "--out",
                                tmp_path / "s.npy"], "no checkpoint"),
        "random-checkpoint": (["sample", "--checkpoint", junk, "--out", tmp_path / "s.npy"], "junk.safetensors"),
        "unknown-data": (["train", "--data", "unknown:source", "--out", tmp_path / "m.safetensors"],
                         "unknown data source"),
        "sample-too-many": (sample[:3] + ["--n", "1000000", "--out", tmp_path / "s.npy"], "number of samples"),
        "wrong-sampler": (sample + ["--sampler", "ddim", "--out", tmp_path / "s.npy"], "samples with course"),
        "no-bundled-model": (["sample", "--recipe", "ddpm-cosine", "--out", tmp_path / "s.npy"],
                             "diffviz train --recipe ddpm-cosine"),
        "bad-eta": (sample + ["--eta", "3", "--out", tmp_path / "s.npy"], "--eta"),
    }[case]
    code, out, err = run_inprocess(capsys, *args)
    assert code == 2
    line = _one_error_line(err)
    assert phrase in line
    assert out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.safetensors"]  # nothing written


def test_the_cli_knows_every_recipe_and_sampler_without_importing_them():
    from diffviz import cli
    from diffviz.core.recipes import DEFAULT_RECIPE, RECIPES
    from diffviz.core.samplers import all_samplers

    assert set(cli.RECIPE_NAMES) == set(RECIPES) and cli.DEFAULT_RECIPE == DEFAULT_RECIPE
    assert set(cli.SAMPLER_NAMES) == {sampler.name for sampler in all_samplers()}
    assert set(cli.SAMPLER_NAMES) == {name for recipe in RECIPES.values() for name in recipe.samplers}


def test_a_ddpm_model_samples_with_the_sampler_asked_for(tmp_path, capsys):
    import torch

    from diffviz.core.checkpoints import save_checkpoint
    from diffviz.core.recipes import get_recipe

    torch.manual_seed(0)
    path = save_checkpoint(tmp_path / "d.safetensors", get_recipe("ddpm").make_model(), recipe="ddpm")
    for sampler in ("ddim", "dpm-solver++"):
        code, _, err = run_inprocess(capsys, "sample", "--checkpoint", path, "--n", "2", "--steps", "3",
                                     "--sampler", sampler, "--out", tmp_path / f"{sampler}.gif")
        assert code == 0 and f"3 {sampler} steps" in err
        with Image.open(tmp_path / f"{sampler}.gif") as gif:
            assert gif.n_frames == 4


def test_bench_recipes_prints_every_recipe_asked_for(capsys, monkeypatch):
    monkeypatch.setattr("diffviz.bench.recipes.SAMPLE_STEPS", 2)  # the table, not the timing, is tested here
    code, out, err = run_inprocess(capsys, "bench", "recipes", "--recipes", "course,ddpm", "--seconds", "0.5")
    assert code == 0, err
    rows = [line.split() for line in out.splitlines() if line.startswith("  ") and not line.strip().startswith("recipe")]
    assert [row[0] for row in rows] == ["course", "ddpm"]
    assert rows[0][3:5] == ["clean", "image"] and rows[1][3] == "velocity"
    assert all(int(row[1]) >= 1 and float(row[-1]) > 0 for row in rows)


@pytest.mark.parametrize("recipe", ["course", "flow", "flow-class", "course-unet2d"])
def test_heun_samples_every_blend_recipes_bundled_model(recipe, tmp_path, capsys):
    out = tmp_path / f"{recipe}.npy"
    code, _, err = run_inprocess(capsys, "sample", "--recipe", recipe, "--sampler", "heun", "--steps", "3", "--n", "2",
                                 "--out", out)
    assert code == 0, err
    assert "3 heun steps" in err
    images = np.load(out)
    assert images.shape == (2, 1, 28, 28) and 0 <= images.min() and images.max() <= 1


def test_train_and_sample_say_which_precision_they_chose(tmp_path, capsys, measured_auto):
    out = tmp_path / "m.safetensors"
    code, _, err = run_inprocess(capsys, "train", "--recipe", "course", "--seconds", "1", "--batch-size", "8",
                                 "--precision", "fp32", "--out", out)
    assert code == 0, err
    assert "precision fp32 (as asked)" in err.splitlines()[0]
    assert load_checkpoint(out)[1].hyperparameters["precision"] == "fp32"
    code, _, err = run_inprocess(capsys, "sample", "--checkpoint", out, "--n", "2", "--steps", "2",
                                 "--precision", "auto", "--out", tmp_path / "s.npy")
    assert code == 0, err
    assert "precision " in err.splitlines()[0] and ("measured" in err or "remembered" in err)
    code, _, err = run_inprocess(capsys, "sample", "--precision", "fp8", "--out", tmp_path / "x.npy")
    assert code == 2 and "fp8" in err


def test_training_through_auto_records_the_verdict_and_keeps_fp32_weights(tmp_path, capsys, auto_verdict):
    """Trained with the default ``auto`` on a machine where it picks bf16 (or keeps fp32), the checkpoint says
    which, and its weights are fp32 all the same (auto_verdict runs this both ways)."""
    from diffviz.core.checkpoints import read_checkpoint

    out = tmp_path / "m.safetensors"
    code, _, err = run_inprocess(capsys, "train", "--recipe", "flow", "--seconds", "1", "--batch-size", "8",
                                 "--out", out)
    assert code == 0, err
    assert reported_precision(err) is auto_verdict
    info, tensors = read_checkpoint(out)
    assert info.hyperparameters["precision"] == auto_verdict.name
    assert {t.dtype for t in tensors.values() if t.is_floating_point()} == {torch.float32}
    assert all(t.is_contiguous() for t in tensors.values())


def test_sample_writes_an_animated_webp(trained, tmp_path, capsys):
    from diffviz.core.export import CAPTION_HEIGHT, GAP

    checkpoint, _ = trained
    out = tmp_path / "s.webp"
    code, stdout, err = run_inprocess(capsys, "sample", "--checkpoint", checkpoint, "--n", "4", "--steps", "3",
                                      "--panels", "x,pred", "--scale", "2", "--out", out)
    assert code == 0, err
    assert f"wrote {out}" in stdout
    grid = make_grid(torch.zeros(4, 1, 28, 28), nrow=2, padding=2)
    with Image.open(out) as image:
        assert image.format == "WEBP"
        assert image.n_frames == 3 + 1
        assert image.info.get("loop") == 0
        # two panels side by side at 2x, under the step caption and the panel titles
        assert image.size == (2 * grid.shape[2] * 2 + GAP, grid.shape[1] * 2 + 2 * CAPTION_HEIGHT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.webp"]


def test_a_wrong_suffix_names_webp_among_the_outputs(capsys, tmp_path):
    code, out, err = run_inprocess(capsys, "sample", "--n", "2", "--steps", "2", "--out", tmp_path / "s.mp4")
    assert code == 2 and out == ""
    assert ".webp" in _one_error_line(err)
    assert list(tmp_path.iterdir()) == []
