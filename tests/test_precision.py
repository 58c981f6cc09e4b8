"""Precision and layout chosen by measurement: the verdict follows the timings, is remembered, and changes
what is computed only within bf16's rounding; weights and checkpoints stay fp32."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core.checkpoints import load_checkpoint, save_checkpoint
from diffviz.core.data import DigitData
from diffviz.core.errors import ConfigError
from diffviz.core.precision import (BF16_CHANNELS_LAST, FORCE_VARIABLE, FP32, FP32_CHANNELS_LAST, PRECISIONS,
                                    choose_precision, forget_verdicts)
from diffviz.core.recipes import get_recipe
from diffviz.core.sampling import choose_sampling_precision, sample
from diffviz.core.training import TrainConfig, Trainer, choose_training_precision

# these tests are of auto's own measurement: it measures here as it does for a user (tests/conftest.py names its
# verdict everywhere else)
pytestmark = pytest.mark.usefixtures("measured_auto")


def forced(seconds: dict[str, float]):
    """A probe whose timings are given: seconds per step for each candidate."""
    asked = []

    def timer(precision):
        asked.append(precision.name)
        return seconds[precision.name]

    timer.asked = asked
    return timer


def test_auto_keeps_fp32_where_bf16_is_slower(tmp_path):
    """A laptop without bf16 hardware: bf16 autocast takes ten times as long."""
    choice = choose_precision("auto", "cpu", timer=forced({"fp32": 0.10, "fp32-cl": 0.12, "bf16-cl": 1.0}),
                              key="m", cache=tmp_path / "p.json")
    assert choice.precision is FP32 and not choice.cached
    assert "fp32" in choice.line() and "measured" in choice.line()


def test_auto_takes_bf16_where_it_is_faster_and_says_by_how_much(tmp_path):
    choice = choose_precision("auto", "cpu", timer=forced({"fp32": 0.24, "fp32-cl": 0.20, "bf16-cl": 0.10}),
                              key="m", cache=tmp_path / "p.json")
    assert choice.precision is BF16_CHANNELS_LAST and "2.40x fp32" in choice.line()


def test_a_verdict_is_remembered_per_machine_and_model_and_a_damaged_cache_is_measured_again(tmp_path):
    cache = tmp_path / "p.json"
    first = choose_precision("auto", "cpu", timer=forced({"fp32": 0.2, "fp32-cl": 0.1, "bf16-cl": 0.3}),
                             key="model A", cache=cache)
    again = forced({"fp32": 0.1, "fp32-cl": 0.2, "bf16-cl": 0.3})
    remembered = choose_precision("auto", "cpu", timer=again, key="model A", cache=cache)
    assert first.precision is remembered.precision is FP32_CHANNELS_LAST and remembered.cached
    assert again.asked == [] and "remembered" in remembered.line()
    other = choose_precision("auto", "cpu", timer=again, key="model B", cache=cache)
    assert other.precision is FP32 and again.asked  # another model is measured on its own
    cache.write_text("{not json")
    assert choose_precision("auto", "cpu", timer=forced({"fp32": 0.1, "fp32-cl": 0.2, "bf16-cl": 0.3}),
                            key="model A", cache=cache).precision is FP32


def test_a_verdict_of_another_diffviz_release_is_measured_again_and_forgetting_measures_again(tmp_path,
                                                                                              monkeypatch):
    import json

    import diffviz.core.precision as precision

    cache = tmp_path / "p.json"
    choose_precision("auto", "cpu", timer=forced({"fp32": 0.2, "fp32-cl": 0.1, "bf16-cl": 0.3}), key="m", cache=cache)
    assert all(v["diffviz"] == precision.__version__ for v in json.loads(cache.read_text())["verdicts"].values())
    monkeypatch.setattr(precision, "__version__", "99.0")  # a later release: the verdict is not trusted
    again = forced({"fp32": 0.1, "fp32-cl": 0.2, "bf16-cl": 0.3})
    assert choose_precision("auto", "cpu", timer=again, key="m", cache=cache).precision is FP32 and again.asked
    assert choose_precision("auto", "cpu", timer=forced({}), key="m", cache=cache).cached  # remembered anew
    assert forget_verdicts(cache) == 1 and not cache.exists()
    assert forget_verdicts(cache) == 0  # nothing remembered: nothing to forget, no error
    fresh = forced({"fp32": 0.3, "fp32-cl": 0.2, "bf16-cl": 0.1})
    assert choose_precision("auto", "cpu", timer=fresh, key="m", cache=cache).precision is BF16_CHANNELS_LAST
    assert fresh.asked


def test_diffviz_forget_precision_forgets_and_says_so(tmp_path, monkeypatch, capsys):
    from diffviz.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    choose_precision("auto", "cpu", timer=forced({"fp32": 0.2, "fp32-cl": 0.1, "bf16-cl": 0.3}), key="m")
    assert main(["--forget-precision"]) == 0
    assert "forgot 1 remembered precision verdict: auto measures again" in capsys.readouterr().err
    assert not list(tmp_path.rglob("*.json"))


@pytest.mark.parametrize("name", list(PRECISIONS))
def test_a_named_verdict_is_taken_without_measuring_or_remembering(name, tmp_path, monkeypatch):
    """FORCE_VARIABLE makes auto decide as another machine would: no probe runs, nothing is cached, and the line
    says the verdict was forced, not measured."""
    monkeypatch.setenv(FORCE_VARIABLE, name)
    timer = forced({"fp32": 0.1, "fp32-cl": 0.2, "bf16-cl": 0.3})
    choice = choose_precision("auto", "cpu", timer=timer, key="m", cache=tmp_path / "p.json")
    assert choice.precision is PRECISIONS[name] and choice.forced and not choice.cached
    assert timer.asked == [] and not (tmp_path / "p.json").exists()
    assert PRECISIONS[name].title in choice.line() and FORCE_VARIABLE in choice.line()
    assert "measured" not in choice.line()
    assert choose_precision("fp32", "cpu").precision is FP32  # a precision asked by name is still that one


def test_a_named_verdict_that_is_no_precision_is_refused_and_an_empty_one_measures(tmp_path, monkeypatch):
    monkeypatch.setenv(FORCE_VARIABLE, "bf17")
    with pytest.raises(ConfigError, match=f"{FORCE_VARIABLE}='bf17' is not a precision.*bf16-cl"):
        choose_precision("auto", "cpu", timer=forced({"fp32": 0.1, "fp32-cl": 0.2, "bf16-cl": 0.3}))
    monkeypatch.setenv(FORCE_VARIABLE, "")
    timer = forced({"fp32": 0.3, "fp32-cl": 0.2, "bf16-cl": 0.1})
    assert choose_precision("auto", "cpu", timer=timer, key="m", cache=tmp_path / "p.json").precision \
        is BF16_CHANNELS_LAST and timer.asked


def test_asked_for_precisions_need_no_probe_and_unknown_ones_are_refused():
    assert choose_precision("fp32", "cpu").precision is FP32
    assert choose_precision("bf16", "cpu").precision is BF16_CHANNELS_LAST
    with pytest.raises(ConfigError, match="unknown precision"):
        choose_precision("fp8", "cpu")


def test_the_probes_time_real_steps_on_a_copy_and_leave_the_weights_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    recipe = get_recipe("flow-class")
    torch.manual_seed(0)
    model = recipe.make_model()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    choice = choose_training_precision("auto", model, recipe, 4)
    assert set(choice.timings) == {"fp32", "fp32-cl", "bf16-cl"} and min(choice.timings.values()) > 0
    assert choice.precision.name == min(choice.timings, key=choice.timings.get)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    assert (tmp_path / "diffviz" / "precision.json").is_file()
    assert choose_training_precision("auto", model, recipe, 4).cached
    assert choose_sampling_precision("auto", model, recipe, 4).precision.name in choice.timings


def test_bf16_training_follows_fp32_at_equal_steps_and_keeps_fp32_weights(bundled_data, tmp_path):
    recipe = get_recipe("course")
    every = torch.arange(0, len(bundled_data), 100)
    data = DigitData(bundled_data.images[every], bundled_data.labels[every], "mixed")
    losses, models = {}, {}
    for precision in (FP32, BF16_CHANNELS_LAST):
        torch.manual_seed(0)
        trainer = Trainer(recipe.make_model(), data, TrainConfig(epochs=None, seconds=600, batch_size=8, lr=1e-3),
                          recipe=recipe, precision=precision)
        reports = []
        for report in trainer.steps():
            reports.append(report.loss)
            if len(reports) == 12:
                trainer.cancel.set()
        losses[precision.name], models[precision.name] = np.array(reports), trainer.model
    fp32, bf16 = losses["fp32"], losses["bf16-cl"]
    assert fp32[-6:].mean() < fp32[:3].mean()  # it learns
    assert abs(bf16[-6:].mean() - fp32[-6:].mean()) <= 0.05 * fp32[-6:].mean()
    model = models["bf16-cl"]
    assert all(p.dtype == torch.float32 for p in model.parameters())
    path = save_checkpoint(tmp_path / "bf16.safetensors", model, recipe="course")
    loaded, _ = load_checkpoint(path)
    assert all(torch.equal(a, b) for a, b in zip(loaded.state_dict().values(), model.state_dict().values()))


def test_bf16_sampling_records_fp32_frames_close_to_fp32_sampling():
    recipe = get_recipe("flow")
    torch.manual_seed(0)
    model = recipe.make_model()
    plain = sample(model, 2, 3, recipe=recipe, features=1)
    fast = sample(model, 2, 3, recipe=recipe, features=1, precision=BF16_CHANNELS_LAST)
    assert fast.xs.dtype == np.float32 and fast.xs.shape == plain.xs.shape and fast.layer_names == plain.layer_names
    assert np.abs(fast.xs - plain.xs).max() < 0.05
