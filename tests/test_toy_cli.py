"""``diffviz toy data|train|sample``: points to .npy and .png, a short training run, and one-line refusals with
exit code 2 (a 2-D checkpoint given to the image commands and the other way round among them)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from diffviz.cli import main
from diffviz.core.paths import bundled_checkpoint_path
from test_cli import run_inprocess as _run  # the CLI run in-process (tests/ is on the path)


def _refused(capsys, *args) -> str:
    code, _, err = _run(capsys, *args)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    out = tmp_path_factory.mktemp("toy") / "moons.safetensors"
    assert main(["toy", "train", "--data", "moons", "--n", "2000", "--steps", "40", "--out", str(out)]) == 0
    return out


def test_data_is_written_as_points_and_as_a_scatter_plot(tmp_path, capsys):
    code, out, _ = _run(capsys, "toy", "data", "--data", "8gaussians", "--n", "300", "--out", tmp_path / "d.npy")
    assert code == 0 and "300 points of 8gaussians" in out
    points = np.load(tmp_path / "d.npy", allow_pickle=False)
    assert points.shape == (300, 2) and points.dtype == np.float32
    assert _run(capsys, "toy", "data", "--data", "rings", "--out", tmp_path / "d.png")[0] == 0
    with Image.open(tmp_path / "d.png") as plot:
        assert plot.size == (512, 512) and np.asarray(plot).max() == 255


def test_a_csv_of_ones_own_points_is_data_too(tmp_path, capsys):
    csv = tmp_path / "mine.csv"
    csv.write_text("x,y\n" + "".join(f"{i},{i % 7}\n" for i in range(50)))
    assert _run(capsys, "toy", "data", "--data", f"csv:{csv}", "--out", tmp_path / "m.npy")[0] == 0
    assert np.load(tmp_path / "m.npy").shape == (50, 2)


def test_a_trained_checkpoint_samples_points_and_a_plot(checkpoint, tmp_path, capsys):
    code, out, _ = _run(capsys, "toy", "sample", "--checkpoint", checkpoint, "--n", "64", "--steps", "10",
                        "--out", tmp_path / "s.npy")
    assert code == 0 and "64 points in 10 course steps" in out
    samples = np.load(tmp_path / "s.npy")
    assert samples.shape == (64, 2) and np.isfinite(samples).all()
    again = tmp_path / "again.npy"
    _run(capsys, "toy", "sample", "--checkpoint", checkpoint, "--n", "64", "--steps", "10", "--out", again)
    assert np.array_equal(np.load(again), samples)  # repeatable by seed
    assert _run(capsys, "toy", "sample", "--checkpoint", checkpoint, "--sampler", "heun", "--steps", "5",
                "--out", tmp_path / "s.png")[0] == 0


def test_checkpoints_are_refused_at_the_other_kind_of_door(checkpoint, tmp_path, capsys):
    line = _refused(capsys, "sample", "--checkpoint", checkpoint, "--out", tmp_path / "x.npy")
    assert "2-D lab model" in line and "diffviz toy sample" in line
    line = _refused(capsys, "toy", "sample", "--checkpoint", bundled_checkpoint_path(), "--out", tmp_path / "x.npy")
    assert "not a 2-D lab model" in line
    assert not (tmp_path / "x.npy").exists()


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A checkpoint of 5 training steps: enough to walk particles, and quick."""
    out = tmp_path_factory.mktemp("toy") / "tiny.safetensors"
    assert main(["toy", "train", "--data", "word", "--n", "500", "--steps", "5", "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("suffix", [".gif", ".webp"])
def test_a_sample_is_written_as_the_particles_moving_a_frame_per_step_over_the_data(tiny, tmp_path, capsys, suffix):
    out = tmp_path / f"walk{suffix}"
    code, said, _ = _run(capsys, "toy", "sample", "--checkpoint", tiny, "--n", "100", "--steps", "4", "--size", "96",
                         "--data", "word", "--out", out)
    assert code == 0 and "100 points moving in 4 course steps (5 frames)" in said
    with Image.open(out) as animation:
        assert animation.n_frames == 5 and animation.size == (96, 96 + 2 * 18)
        animation.seek(0)
        first = np.asarray(animation.convert("L"))
        animation.seek(4)
        last = np.asarray(animation.convert("L"))
    assert not np.array_equal(first, last)


def test_an_animation_walks_to_the_points_a_npy_holds(tiny, tmp_path, capsys):
    """The walk drawn in a GIF starts from the same noise and ends at the same points as ``--out FILE.npy``."""
    import torch

    from diffviz.core.toy.lab import walk_points
    from diffviz.core.toy.recipes import load_toy_checkpoint

    assert _run(capsys, "toy", "sample", "--checkpoint", tiny, "--n", "50", "--steps", "4", "--seed", "2",
                "--out", tmp_path / "s.npy")[0] == 0
    model, recipe = load_toy_checkpoint(tiny)
    noise = recipe.process.draw_noise((50, 2), torch.Generator().manual_seed(2))
    walk = walk_points(recipe.predictor(model), recipe.process, "course", noise, 4, seed=3)
    np.testing.assert_allclose(walk.xs[-1], np.load(tmp_path / "s.npy"), atol=1e-6)


def test_the_data_is_drawn_under_the_points_of_a_plot(tiny, tmp_path, capsys):
    assert _run(capsys, "toy", "sample", "--checkpoint", tiny, "--n", "10", "--steps", "2", "--data", "word",
                "--out", tmp_path / "s.png")[0] == 0
    with Image.open(tmp_path / "s.png") as plot:
        greys = np.asarray(plot)
    assert (greys == 70).all(2).sum() > 1000  # the word's points, faint, far more than the 10 samples


@pytest.mark.parametrize("args, words", [
    (["toy", "data", "--data", "spiral", "--out", "{tmp}/x.npy"], "unknown 2-D data set 'spiral'"),
    (["toy", "data", "--data", "csv:{tmp}/missing.csv", "--out", "{tmp}/x.npy"], "cannot read the points file"),
    (["toy", "data", "--out", "{tmp}/x.gif"], "--out must end in .npy"),
    (["toy", "data", "--n", "0", "--out", "{tmp}/x.npy"], "--n"),
    (["toy", "train", "--steps", "5", "--out", "{tmp}/x.pt"], ".safetensors"),
    (["toy", "sample", "--checkpoint", "{tmp}/none.safetensors", "--out", "{tmp}/x.npy"], "no checkpoint"),
    (["toy", "sample", "--checkpoint", "{tmp}/none.safetensors", "--out", "{tmp}/x.mp4"], ".gif or .webp"),
    (["toy", "sample", "--checkpoint", "{tmp}/none.safetensors", "--data", "moons", "--out", "{tmp}/x.npy"],
     "a .npy holds the drawn points alone"),
    (["toy", "sample", "--checkpoint", "{tmp}/none.safetensors", "--size", "20", "--out", "{tmp}/x.gif"],
     "panel size"),
    (["toy", "sample", "--checkpoint", "{tmp}/none.safetensors", "--trail", "999", "--out", "{tmp}/x.gif"], "trail"),
    (["toy", "sample", "--checkpoint", "{tmp}/none.safetensors", "--fps", "90", "--out", "{tmp}/x.webp"],
     "frame rate"),
    (["toy", "sample", "--checkpoint", "{tmp}/none.safetensors", "--sampler", "warp", "--out", "{tmp}/x.gif"],
     "invalid choice: 'warp'"),
    (["toy", "train", "--recipe", "flow", "--steps", "5", "--out", "{tmp}/x.safetensors"], "invalid choice: 'flow'"),
])
def test_bad_requests_are_refused_in_one_line(tmp_path, capsys, args, words):
    line = _refused(capsys, *[a.format(tmp=tmp_path) for a in args])
    assert words in line


@pytest.mark.parametrize("suffix", [".gif", ".png"])
def test_a_sampler_that_cannot_walk_the_recipe_back_is_refused_in_the_same_line_for_any_output(tiny, tmp_path,
                                                                                               capsys, suffix):
    line = _refused(capsys, "toy", "sample", "--checkpoint", tiny, "--sampler", "ddim",
                    "--out", tmp_path / f"x{suffix}")
    assert "the flow-v recipe samples with course, heun, ancestral, not 'ddim'" in line
    assert not list(tmp_path.iterdir())


def test_every_2d_recipe_trains_from_the_command_line(tmp_path, capsys):
    """The choices of ``toy train --recipe`` are the 2-D registry's (ddpm-eps, then sampled by its own ddim)."""
    out = tmp_path / "d.safetensors"
    assert _run(capsys, "toy", "train", "--recipe", "ddpm-eps", "--n", "300", "--steps", "3", "--out", out)[0] == 0
    code, said, _ = _run(capsys, "toy", "sample", "--checkpoint", out, "--n", "20", "--steps", "3", "--size", "64",
                         "--out", tmp_path / "d.gif")
    assert code == 0 and "3 ddim steps (4 frames)" in said
