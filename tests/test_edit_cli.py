"""``diffviz edit`` and ``diffviz interpolate``: inputs from files, outputs in every kind, bad input refused in
one line (exit 2) with nothing written. Run in process (the CLI's own ``main``) to keep the suite quick."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from diffviz.cli import main


def run(capsys, *args) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def files(tmp_path, bundled_data):
    digits = bundled_data.images[[0, 1500, 3000]].numpy()
    np.save(tmp_path / "digits.npy", digits)
    hole = np.zeros((28, 28), np.uint8)
    hole[14:, :] = 255  # white = regenerate
    Image.fromarray(hole).save(tmp_path / "hole.png")
    sketch = np.full((28, 28), 255, np.uint8)  # dark strokes on a light page, as a drawing app saves them
    sketch[6:8, 8:20] = 0
    sketch[8:22, 14:16] = 0
    Image.fromarray(sketch).save(tmp_path / "sketch.png")
    return tmp_path, digits


def test_sdedit_of_a_sketch_file_writes_a_grid(capsys, files):
    folder, _ = files
    code, out, err = run(capsys, "edit", "--mode", "sdedit", "--input", folder / "sketch.png", "--strength", "0.6",
                         "--steps", "5", "--out", folder / "fixed.npy")
    assert code == 0, err
    result = np.load(folder / "fixed.npy")
    assert result.shape == (1, 1, 28, 28) and result.dtype == np.float32
    assert 0.0 <= result.min() and result.max() <= 1.0
    assert "Noise and denoise (SDEdit)" in err and "wrote" in out


def test_inpaint_keeps_the_kept_half_and_animates(capsys, files):
    folder, digits = files
    code, _, err = run(capsys, "edit", "--mode", "inpaint", "--input", folder / "digits.npy", "--mask",
                       folder / "hole.png", "--steps", "4", "--jumps", "1", "--out", folder / "repaired.npy")
    assert code == 0, err
    result = np.load(folder / "repaired.npy")
    assert np.array_equal(result[:, :, :14], digits[:, :, :14])
    code, _, err = run(capsys, "edit", "--mode", "inpaint", "--input", folder / "digits.npy", "--mask",
                       folder / "hole.png", "--steps", "4", "--out", folder / "repaired.gif", "--scale", "1")
    assert code == 0, err
    with Image.open(folder / "repaired.gif") as gif:
        assert gif.n_frames == 5


def test_invert_with_the_ddpm_model_reports_its_round_trip(capsys, files):
    folder, _ = files
    code, out, err = run(capsys, "edit", "--mode", "invert", "--recipe", "ddpm", "--input", folder / "digits.npy",
                         "--steps", "5", "--out", folder / "round.png")
    assert code == 0, err
    assert "round trip: mean |error|" in out
    with Image.open(folder / "round.png") as grid:
        assert grid.size[0] > 28


def test_interpolate_writes_the_path(capsys, files):
    folder, _ = files
    code, _, err = run(capsys, "interpolate", "--seeds", "3,11", "--n", "5", "--method", "lerp", "--steps", "4",
                       "--out", folder / "path.npy")
    assert code == 0, err
    assert np.load(folder / "path.npy").shape == (5, 1, 28, 28)


class _Evil:
    """Unpickling this would write a file: a .npy holding it must be refused without loading it."""

    def __init__(self, target: str) -> None:
        self.target = target

    def __reduce__(self):
        return (open, (self.target, "w"))


@pytest.mark.parametrize("case", ["wrong shape", "out of range", "pickle", "not an image", "empty mask",
                                  "no mask", "bad strength", "invert flow", "guidance alone", "bad seeds",
                                  "jumps with euler"])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(capsys, files, case):
    folder, _ = files
    out = folder / "never.png"
    evil_target = folder / "created-by-unpickling"
    inputs = {"wrong shape": np.zeros((2, 28)), "out of range": np.full((1, 1, 28, 28), 255.0)}
    if case in inputs:
        np.save(folder / "bad.npy", inputs[case])
    if case == "pickle":
        np.save(folder / "bad.npy", np.array([_Evil(str(evil_target))], dtype=object), allow_pickle=True)
    if case == "not an image":
        (folder / "bad.png").write_bytes(b"not a png at all")
    if case == "empty mask":
        Image.fromarray(np.zeros((28, 28), np.uint8)).save(folder / "empty.png")
    args = {
        "wrong shape": ["edit", "--mode", "sdedit", "--input", folder / "bad.npy"],
        "out of range": ["edit", "--mode", "sdedit", "--input", folder / "bad.npy"],
        "pickle": ["edit", "--mode", "sdedit", "--input", folder / "bad.npy"],
        "not an image": ["edit", "--mode", "sdedit", "--input", folder / "bad.png"],
        "empty mask": ["edit", "--mode", "inpaint", "--input", folder / "digits.npy", "--mask", folder / "empty.png"],
        "no mask": ["edit", "--mode", "inpaint", "--input", folder / "digits.npy"],
        "bad strength": ["edit", "--mode", "sdedit", "--input", folder / "digits.npy", "--strength", "1.5"],
        "invert flow": ["edit", "--mode", "invert", "--recipe", "flow", "--input", folder / "digits.npy"],
        "guidance alone": ["edit", "--mode", "sdedit", "--input", folder / "digits.npy", "--guidance", "3"],
        "bad seeds": ["interpolate", "--seeds", "3"],
        "jumps with euler": ["edit", "--mode", "inpaint", "--recipe", "ddpm", "--sampler", "euler", "--jumps", "2",
                             "--input", folder / "digits.npy", "--mask", folder / "hole.png"],
    }[case]
    code, _, err = run(capsys, *args, "--steps", "2", "--out", out)
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("diffviz: error:"), err
    assert not out.exists() and not evil_target.exists()
