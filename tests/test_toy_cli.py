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


@pytest.mark.parametrize("args, words", [
    (["toy", "data", "--data", "spiral", "--out", "{tmp}/x.npy"], "unknown 2-D data set 'spiral'"),
    (["toy", "data", "--data", "csv:{tmp}/missing.csv", "--out", "{tmp}/x.npy"], "cannot read the points file"),
    (["toy", "data", "--out", "{tmp}/x.gif"], "--out must end in .npy"),
    (["toy", "data", "--n", "0", "--out", "{tmp}/x.npy"], "--n"),
    (["toy", "train", "--steps", "5", "--out", "{tmp}/x.pt"], ".safetensors"),
    (["toy", "sample", "--checkpoint", "{tmp}/none.safetensors", "--out", "{tmp}/x.npy"], "no checkpoint"),
])
def test_bad_requests_are_refused_in_one_line(tmp_path, capsys, args, words):
    line = _refused(capsys, *[a.format(tmp=tmp_path) for a in args])
    assert words in line
