"""The quality meter scores only what it was made for, grey 28x28 digits; elsewhere it says it does not apply."""

from __future__ import annotations

import numpy as np

from diffviz.cli import main
from diffviz.core.checkpoints import load_checkpoint, save_checkpoint, training_metadata
from diffviz.core.quality import meter_applies


def test_the_verdict_follows_the_data_and_the_image_shape():
    assert meter_applies(training_metadata(10, 100, 1.0, [], "bundled MNIST", digits=True)) == ""
    assert meter_applies({"data": "an older checkpoint's data"}) == ""  # before the flag: all were digits
    clothes = meter_applies(training_metadata(10, 100, 1.0, [], "FashionMNIST (60,000 images)", digits=False))
    assert "scores digits" in clothes and "FashionMNIST" in clothes
    assert "colour 32x32" in meter_applies({}, (3, 32, 32))
    assert "grey 64x64" in meter_applies(None, (1, 64, 64))


def test_sample_metrics_prints_no_digit_figures_for_a_fashion_model(tmp_path, capsys):
    from diffviz.core.paths import bundled_checkpoint_path

    model, info = load_checkpoint(bundled_checkpoint_path("course"))
    fashion = tmp_path / "fashion.safetensors"
    save_checkpoint(fashion, model, recipe="course",
                    training=training_metadata(10, 100, 1.0, [0.1], "FashionMNIST (60,000 images)", digits=False))
    assert main(["sample", "--checkpoint", str(fashion), "--n", "4", "--steps", "2", "--metrics",
                 "--out", str(tmp_path / "s.npy")]) == 0
    out = capsys.readouterr().out
    assert "quality: not measured: the quality meter scores digits" in out and "recognised" not in out
    assert np.load(tmp_path / "s.npy").shape == (4, 1, 28, 28)
    assert main(["sample", "--recipe", "course", "--n", "4", "--steps", "2", "--metrics",
                 "--out", str(tmp_path / "d.npy")]) == 0
    assert "recognised" in capsys.readouterr().out  # the bundled digit model is still judged
