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


# ----- a learner's own pipeline folder: colour, 32 px --------------------------------------------------
@pytest.fixture(scope="module")
def colour_pipeline(tmp_path_factory):
    from test_pipelines import save_pipeline  # the tests' own pipeline maker (tests/ is on the path)

    return save_pipeline(tmp_path_factory.mktemp("pipes") / "butterflies", channels=3, size=32)


def test_a_pipeline_folder_is_edited_from_files_read_at_its_shape(capsys, tmp_path, colour_pipeline):
    photo = np.zeros((20, 20, 3), np.uint8)  # a small colour picture: fitted into the model's 32x32
    photo[:, :10] = (220, 40, 40)
    photo[:, 10:] = (40, 40, 220)
    Image.fromarray(photo).save(tmp_path / "photo.png")
    code, out, err = run(capsys, "edit", "--mode", "sdedit", "--checkpoint", colour_pipeline, "--input",
                         tmp_path / "photo.png", "--strength", "0.5", "--steps", "2", "--out", tmp_path / "fixed.npy")
    assert code == 0, err
    assert np.load(tmp_path / "fixed.npy").shape == (1, 3, 32, 32)

    images = np.random.default_rng(0).random((2, 3, 32, 32), dtype=np.float32)
    np.save(tmp_path / "colour.npy", images)
    hole = np.zeros((32, 32), np.uint8)
    hole[16:, :] = 255  # white = regenerate, one grey plane for all channels
    Image.fromarray(hole).save(tmp_path / "hole.png")
    code, _, err = run(capsys, "edit", "--mode", "inpaint", "--checkpoint", colour_pipeline, "--input",
                       tmp_path / "colour.npy", "--mask", tmp_path / "hole.png", "--steps", "2",
                       "--out", tmp_path / "repaired.npy")
    assert code == 0, err
    repaired = np.load(tmp_path / "repaired.npy")
    assert repaired.shape == (2, 3, 32, 32) and np.array_equal(repaired[:, :, :16], images[:, :, :16])

    code, out, err = run(capsys, "edit", "--mode", "invert", "--checkpoint", colour_pipeline, "--input",
                         tmp_path / "photo.png", "--steps", "2", "--out", tmp_path / "round.png", "--scale", "1")
    assert code == 0, err
    assert "round trip: mean |error|" in out
    with Image.open(tmp_path / "round.png") as grid:
        assert grid.mode == "RGB" and grid.size[0] >= 32


def test_a_grey_28_npy_for_a_colour_pipeline_is_one_line_naming_both_shapes(capsys, tmp_path, colour_pipeline):
    np.save(tmp_path / "grey.npy", np.zeros((1, 1, 28, 28), np.float32))
    out = tmp_path / "never.npy"
    code, _, err = run(capsys, "edit", "--mode", "sdedit", "--checkpoint", colour_pipeline, "--input",
                       tmp_path / "grey.npy", "--steps", "2", "--out", out)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "(N, 3, 32, 32)" in lines[0] and "(1, 1, 28, 28)" in lines[0], err
    assert not out.exists()


def test_digit_read_lets_the_class_model_read_each_digit_before_repairing_it(capsys, files, bundled_data):
    """``--digit read``: the bundled flow-class model reads the digit in the kept top half of each input, says
    what it read, and repairs toward it."""
    folder, digits = files
    code, out, err = run(capsys, "edit", "--mode", "inpaint", "--input", folder / "digits.npy", "--mask",
                         folder / "hole.png", "--digit", "read", "--steps", "4", "--out", folder / "read.npy")
    assert code == 0, err
    read = [int(word) for word in out.split("read as:")[1].splitlines()[0].split()]
    truth = bundled_data.labels[[0, 1500, 3000]].tolist()
    assert len(read) == 3 and sum(a == b for a, b in zip(read, truth)) >= 2
    result = np.load(folder / "read.npy")
    assert np.array_equal(result[:, :, :14], digits[:, :, :14])


@pytest.mark.parametrize("args, message", [
    (("edit", "--mode", "sdedit", "--recipe", "flow", "--digit", "read"), "need a model told the class"),
    (("interpolate", "--seeds", "1,2", "--digit", "read"), "interpolate starts from noise"),
    (("edit", "--mode", "sdedit", "--digit", "reed"), "--digit"),
])
def test_digit_read_where_nothing_can_be_read_is_refused_in_one_line(capsys, files, args, message):
    folder, _ = files
    extra = ("--input", folder / "sketch.png") if args[0] == "edit" else ()
    code, out, err = run(capsys, *args, *extra, "--steps", "3", "--out", folder / "never.npy")
    assert code == 2 and message in err and not (folder / "never.npy").exists()
    assert len(err.strip().splitlines()) == 1


def test_a_class_model_reads_the_digit_by_default_where_it_repairs_better_and_none_opts_out(capsys, files):
    folder, _ = files
    common = ("edit", "--mode", "inpaint", "--input", folder / "digits.npy", "--mask", folder / "hole.png",
              "--steps", "3")
    code, out, err = run(capsys, *common, "--out", folder / "a.npy")
    assert code == 0 and "reading the digit first, the default for inpaint" in err and "read as:" in out
    code, out, err = run(capsys, *common, "--digit", "none", "--out", folder / "b.npy")
    assert code == 0 and "reading" not in err and "read as:" not in out
    code, out, err = run(capsys, "edit", "--mode", "sdedit", "--input", folder / "sketch.png", "--steps", "3",
                         "--out", folder / "c.npy")
    assert code == 0 and "the default for sdedit" in err and "read as:" in out  # SDEdit reads too (0.92 vs 0.79)
    code, out, err = run(capsys, "edit", "--mode", "sdedit", "--recipe", "flow", "--input", folder / "sketch.png",
                         "--steps", "3", "--out", folder / "d.npy")
    assert code == 0 and "read as:" not in out  # a model not told digits cannot read one: told none, no error
