"""The pipeline folder door holds: every config value checked before anything is built, the weights whole or
refused with the names at fault, one line naming the file for whatever a folder holds (core.pipelines,
core.pipeline_config). The first tests are the three the fuzzing found: a crash, a bomb, damaged weights opened."""

from __future__ import annotations

import inspect
import json
import struct

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diffviz.cli import main
from diffviz.core.errors import CheckpointError
from diffviz.core.opening import open_model
from diffviz.core.pipeline_config import SCHEDULER_RULES, UNET_RULES
from test_pipelines import save_pipeline  # the tests' own pipeline maker (tests/ is on the path)

WEIGHTS = "unet/diffusion_pytorch_model.safetensors"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A small grey 28 px DDPMPipeline folder with attention, saved by diffusers, kept as the pristine copy."""
    return save_pipeline(tmp_path_factory.mktemp("pristine") / "pipe", channels=1, size=28)


@pytest.fixture
def folder(made, tmp_path):
    """A fresh copy of ``made`` for one test to damage."""
    import shutil

    return shutil.copytree(made, tmp_path / "pipe")


def _edit_config(folder, name: str, **changes) -> None:
    path = folder / name
    config = json.loads(path.read_text())
    config.update(changes)
    path.write_text(json.dumps(config))


def _one_line_exit_2(capfd, folder, *words: str) -> str:
    capfd.readouterr()
    code = main(["sample", "--checkpoint", str(folder), "--n", "1", "--steps", "2", "--precision", "fp32",
                 "--out", str(folder.parent / "out.npy")])
    captured = capfd.readouterr()
    lines = captured.err.strip().splitlines()
    assert code == 2 and len(lines) == 1, captured.err
    assert "Traceback" not in captured.err and "newly initialized" not in captured.err
    assert not (folder.parent / "out.npy").exists()
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("size", [[], [16], [28, 28, 28], [28, 14], "28", None, 28.0, True])
def test_a_sample_size_that_is_no_square_size_is_refused_in_one_line_naming_the_key(folder, capfd, size):
    _edit_config(folder, "unet/config.json", sample_size=size)
    _one_line_exit_2(capfd, folder, "unet/config.json", "sample_size")


def test_a_layers_per_block_bomb_is_refused_before_anything_is_built(folder, capfd, monkeypatch):
    import diffusers

    built = []
    monkeypatch.setattr(diffusers.UNet2DModel, "__init__", lambda *a, **k: built.append(1))  # never reached
    _edit_config(folder, "unet/config.json", layers_per_block=9223372036854775808)
    line = _one_line_exit_2(capfd, folder, "unet/config.json", "layers_per_block", "9223372036854775808")
    assert "from 1 to 8" in line and not built


def _rename_in_header(path, old: str, new: str) -> None:
    """Rename a tensor in a safetensors file's JSON header, keeping its length (a flipped byte does the same)."""
    assert len(old) == len(new)
    data = bytearray(path.read_bytes())
    (length,) = struct.unpack("<Q", data[:8])
    header = data[8:8 + length].decode()
    assert f'"{old}"' in header
    data[8:8 + length] = header.replace(f'"{old}"', f'"{new}"').encode()
    path.write_bytes(bytes(data))


def test_a_weight_file_with_a_damaged_tensor_name_is_refused_with_both_names(folder, capfd):
    name = "down_blocks.1.resnets.0.conv2.bias"
    _rename_in_header(folder / WEIGHTS, name, name.replace("conv2", "conw2"))
    line = _one_line_exit_2(capfd, folder, WEIGHTS, f"missing {name}", "unexpected down_blocks.1.resnets.0.conw2.bias")
    assert "do not fit the UNet" in line


def _resave(folder, change) -> None:
    from safetensors.torch import load_file, save_file

    path = folder / WEIGHTS
    tensors = load_file(str(path))
    change(tensors)
    save_file(tensors, str(path))


@pytest.mark.parametrize("change, words", [
    (lambda t: t.pop("conv_in.bias"), ["missing conv_in.bias"]),
    (lambda t: t.update(extra=torch.zeros(3)), ["unexpected extra"]),
    (lambda t: t.update({"conv_out.bias": torch.zeros(2)}), ["wrong shapes conv_out.bias: (2,) vs (1,)"]),
    (lambda t: t.update({"conv_out.bias": torch.zeros(1, dtype=torch.int32)}), ["conv_out.bias holds I32"]),
    (lambda t: t["conv_in.weight"].view(-1).__setitem__(0, float("nan")), ["NaN or infinite", "conv_in.weight"]),
])
def test_weights_missing_extra_misshapen_or_not_floats_are_refused_by_name(folder, capfd, change, words):
    _resave(folder, change)
    _one_line_exit_2(capfd, folder, WEIGHTS, *words)


def test_whole_weights_are_read_exactly_in_fp16_or_under_their_pre_0_15_attention_names(made, folder):
    from safetensors.torch import load_file

    original = load_file(str(made / WEIGHTS))
    renames = {"to_q": "query", "to_k": "key", "to_v": "value", "to_out.0": "proj_attn"}

    def old_style(tensors):
        for name in [n for n in tensors if ".attentions." in n]:
            for new, old in renames.items():
                if f".{new}." in name:
                    tensors[name.replace(f".{new}.", f".{old}.")] = tensors.pop(name).half()

    _resave(folder, old_style)
    assert any(".query." in name for name in load_file(str(folder / WEIGHTS)))
    model, _ = open_model(folder)
    state = model.unet.state_dict()
    assert set(state) == set(original) and all(v.dtype == torch.float32 for v in state.values())
    for name, tensor in original.items():
        expected = tensor.half().float() if ".attentions." in name and any(f".{k}." in name for k in renames) \
            else tensor
        assert torch.equal(state[name], expected), name


@pytest.mark.parametrize("file, changes, words", [
    ("unet/config.json", {"block_out_channels": [16, 32, 64]}, ["down_block_types lists 2 blocks", "for 3"]),
    ("unet/config.json", {"norm_num_groups": 12}, ["norm_num_groups is 12", "does not divide"]),
    ("unet/config.json", {"attention_head_dim": 64}, ["attention_head_dim is 64"]),
    ("unet/config.json", {"sample_size": 29}, ["sample_size 29 cannot be halved evenly"]),
    ("unet/config.json", {"act_fn": "tanh"}, ["act_fn is 'tanh'", "one of silu"]),
    ("unet/config.json", {"norm_eps": float("nan")}, ["norm_eps is nan"]),
    ("unet/config.json", {"down_block_types": ["CrossAttnDownBlock2D", "DownBlock2D"]}, ["down_block_types is"]),
    ("unet/config.json", {"num_class_embeds": 10}, ["told a class"]),
    ("scheduler/scheduler_config.json", {"beta_schedule": "sigmoid"}, ["beta_schedule is 'sigmoid'"]),
    ("scheduler/scheduler_config.json", {"num_train_timesteps": 10_000, "beta_start": 0.5, "beta_end": 0.9},
     ["no signal"]),
    ("scheduler/scheduler_config.json", {"trained_betas": [0.1, 0.2]}, ["trained_betas holds 2 betas"]),
    ("scheduler/scheduler_config.json", {"prediction_type": "flow"}, ["prediction_type is 'flow'"]),
    ("scheduler/scheduler_config.json", {"variance_type": "learned"}, ["variance_type is 'learned'"]),
    ("model_index.json", {"unet": ["diffusers", ["UNet2DModel"] * 40]}, ["names no unet"]),
])
def test_configs_that_cannot_make_a_model_diffviz_shows_are_refused_naming_the_file_and_key(folder, capfd, file,
                                                                                            changes, words):
    _edit_config(folder, file, **changes)
    line = _one_line_exit_2(capfd, folder, *words)
    assert len(line) < 400


def test_keys_no_rule_names_never_reach_diffusers_and_the_folder_still_opens(folder, capfd):
    _edit_config(folder, "unet/config.json", shiny_new_option=[1, 2, 3], _name_or_path="x")
    _edit_config(folder, "scheduler/scheduler_config.json", solver_order=99)
    capfd.readouterr()
    model, _ = open_model(folder)
    assert "shiny_new_option" not in model.unet.config
    assert capfd.readouterr().err == ""  # diffusers had nothing to warn about


@pytest.mark.parametrize("cls, rules", [("UNet2DModel", UNET_RULES), ("DDPMScheduler", SCHEDULER_RULES)])
def test_every_rules_default_is_what_diffusers_takes_when_the_key_is_missing(cls, rules):
    import diffusers

    signature = inspect.signature(getattr(diffusers, cls).__init__).parameters
    for key, (rule, default) in rules.items():
        theirs = signature[key].default
        assert (list(theirs) if isinstance(theirs, tuple) else theirs) == \
            (list(default) if isinstance(default, tuple) else default), key
        assert default is None and cls == "UNet2DModel" and key == "sample_size" or rule.holds(default), key


JSON = st.recursive(st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                    max_leaves=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(["unet/config.json", "scheduler/scheduler_config.json"]),
       key=st.sampled_from(sorted({*UNET_RULES, *SCHEDULER_RULES, "_class_name"})), value=JSON)
def test_any_value_for_any_key_opens_a_whole_model_or_is_refused_in_one_line_naming_the_file(made, tmp_path_factory,
                                                                                             file, key, value):
    import shutil

    folder = shutil.copytree(made, tmp_path_factory.mktemp("any") / "pipe")
    _edit_config(folder, file, **{key: value})
    try:
        model, _ = open_model(folder)
    except CheckpointError as exc:
        message = str(exc)
        assert "\n" not in message and len(message) < 600
        assert str(folder) in message or folder.name in message
        return
    assert not any(t.is_meta for t in model.state_dict().values())
