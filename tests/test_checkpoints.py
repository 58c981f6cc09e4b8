"""Checkpoints: safetensors + JSON metadata, a faithful round trip, and a corpus of hostile files refused."""

from __future__ import annotations

import io
import json
import pathlib
import pickle
import random
import struct

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safetensors.torch import load_file, save_file

from diffviz.core import checkpoints
from diffviz.core.checkpoints import (FORMAT_NAME, FORMAT_VERSION, load_checkpoint, load_into, read_checkpoint,
                                      save_checkpoint, training_metadata)
from diffviz.core.errors import CheckpointError, ExportError
from diffviz.core.models import BasicUNet

HYPER = {"epochs": 3.0, "seconds": None, "batch_size": 128, "lr": 0.001, "seed": 7}


def _model(seed: int = 0) -> BasicUNet:
    torch.manual_seed(seed)
    return BasicUNet()


def _state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def _assert_same_state(a: dict[str, torch.Tensor], b: dict[str, torch.Tensor]) -> None:
    assert a.keys() == b.keys()
    for key in a:
        assert a[key].dtype == b[key].dtype and a[key].shape == b[key].shape, key
        assert torch.equal(a[key], b[key]), key


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> pathlib.Path:
    """A real checkpoint of a seeded model, written once."""
    path = tmp_path_factory.mktemp("ckpt") / "model.safetensors"
    training = training_metadata(steps=235, images=30_000, seconds=61.5, epoch_losses=[0.05, 0.04, float("nan")],
                                 data="bundled")
    save_checkpoint(path, _model(0), recipe="course", hyperparameters=HYPER, training=training)
    return path


def _metadata(path: pathlib.Path) -> dict[str, str]:
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as reader:
        return dict(reader.metadata())


# --- the round trip ---------------------------------------------------------------------------------------

def test_round_trip_keeps_tensors_and_metadata(saved):
    model, info = load_checkpoint(saved)
    assert isinstance(model, BasicUNet)
    _assert_same_state(_state(model), _state(_model(0)))
    assert info.architecture == "BasicUNet"
    assert info.recipe == "course"
    assert info.model_config == {"in_channels": 1, "out_channels": 1}
    assert info.hyperparameters == HYPER
    assert info.training["steps"] == 235 and info.training["images"] == 30_000
    assert info.training["epoch_losses"] == [0.05, 0.04]  # NaN dropped so the JSON stays valid
    assert info.format_version == FORMAT_VERSION
    assert "235 steps" in info.summary()


def test_an_earlier_flow_class_checkpoint_is_read_as_the_clean_image_model_it_is(tmp_path):
    """flow-class's first revision predicted the clean image, and its checkpoints recorded no revision: such a file
    opens with the retired recipe that reads it so (``core.recipes.REVISED``), never as a velocity model, and what
    is saved from it again stays that recipe; today's flow-class checkpoints open as flow-class."""
    from diffviz.core.recipes import get_recipe

    model = get_recipe("flow-class").make_model()
    today = save_checkpoint(tmp_path / "today.safetensors", model, recipe="flow-class")
    assert load_checkpoint(today)[1].recipe == "flow-class"
    assert get_recipe("flow-class").process.predicts == "velocity"
    metadata = _metadata(today)
    raw = json.loads(metadata["diffviz"])
    del raw["recipe_revision"]  # as an earlier diffviz wrote it
    earlier = tmp_path / "earlier.safetensors"
    save_file(load_file(str(today)), str(earlier), metadata={**metadata, "diffviz": json.dumps(raw)})
    loaded, info = load_checkpoint(earlier)
    assert info.recipe == "flow-class-x" and get_recipe(info.recipe).process.predicts == "x"
    again = save_checkpoint(tmp_path / "again.safetensors", loaded, recipe=info.recipe)
    assert load_checkpoint(again)[1].recipe == "flow-class-x"
    raw["recipe_revision"] = "2"
    save_file(load_file(str(today)), str(earlier), metadata={**metadata, "diffviz": json.dumps(raw)})
    with pytest.raises(CheckpointError, match="earlier.safetensors has damaged diffviz metadata"):
        load_checkpoint(earlier)


def test_load_into_a_fresh_model(saved):
    fresh = _model(1)
    assert not torch.equal(fresh.down_layers[0].weight, _model(0).down_layers[0].weight)
    info = load_into(fresh, saved)
    assert info.architecture == "BasicUNet"
    _assert_same_state(_state(fresh), _state(_model(0)))


def test_read_checkpoint_returns_the_tensors(saved):
    info, tensors = read_checkpoint(saved)
    _assert_same_state(tensors, _state(_model(0)))
    assert info.hyperparameters["seed"] == 7


def test_save_is_atomic_into_an_existing_folder_only(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        save_checkpoint(tmp_path / "missing" / "m.safetensors", _model(0))
    target = tmp_path / "m.safetensors"
    save_checkpoint(target, _model(0))
    assert [p.name for p in tmp_path.iterdir()] == ["m.safetensors"]  # no temporary file left


# --- the hostile corpus ---------------------------------------------------------------------------------

def _random_bytes(n: int = 4096, seed: int = 0) -> bytes:
    data = random.Random(seed).randbytes(n)
    # start with a byte no sniffer recognises, so this exercises the safetensors parser itself
    return b"\x17" + data[1:]


def _torch_pt_bytes() -> bytes:
    buffer = io.BytesIO()
    torch.save(_model(0).state_dict(), buffer)
    return buffer.getvalue()


BAD_FILES = {
    "empty": (lambda good: b"", "empty"),
    "truncated": (lambda good: good[: len(good) // 2], "not a valid safetensors"),
    "header-only": (lambda good: good[:8], "not a valid safetensors"),
    "random": (lambda good: _random_bytes(), "not a valid safetensors"),
    "html": (lambda good: b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body></body></html>",
             "HTML"),
    "html-indented": (lambda good: b"\n\n   <html><body>404 Not Found</body></html>", "HTML"),
    "git-lfs": (lambda good: b"version https://git-lfs.github.com/spec/v1\n"
                             b"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
                             b"size 1237564\n", "git-lfs"),
    "torch-save": (lambda good: _torch_pt_bytes(), "pickle"),
    "json": (lambda good: b'{"down_layers.0.weight": [1, 2, 3]}', "not a valid safetensors"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_files_are_refused_with_a_helpful_message(saved, tmp_path, kind):
    make, phrase = BAD_FILES[kind]
    path = tmp_path / f"bad-{kind}.safetensors"
    path.write_bytes(make(saved.read_bytes()))
    live = _model(3)
    before = _state(live)
    for load in (read_checkpoint, load_checkpoint, lambda p: load_into(live, p)):
        with pytest.raises(CheckpointError) as info:
            load(path)
        message = str(info.value)
        assert phrase.lower() in message.lower(), message
        assert path.name in message, message  # says which file
        assert "\n" not in message
    _assert_same_state(before, _state(live))


def test_a_torch_pt_file_says_why_it_is_refused(tmp_path):
    path = tmp_path / "model.pt"
    path.write_bytes(_torch_pt_bytes())
    with pytest.raises(CheckpointError, match="PyTorch") as info:
        load_checkpoint(path)
    assert "safetensors" in str(info.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(CheckpointError, match="no checkpoint"):
        read_checkpoint(tmp_path / "nothing.safetensors")
    with pytest.raises(CheckpointError, match="not a file"):
        read_checkpoint(tmp_path)


class _Touch:
    """Unpickling this creates a file: the proof that a loader executed the pickle."""

    def __init__(self, target: pathlib.Path) -> None:
        self.target = target

    def __reduce__(self):
        return (pathlib.Path.touch, (self.target,))


class _Open:
    def __init__(self, target: pathlib.Path) -> None:
        self.target = target

    def __reduce__(self):
        return (open, (str(self.target), "w"))


@pytest.mark.parametrize("payload", [_Touch, _Open])
@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
@pytest.mark.parametrize("suffix", [".pt", ".safetensors"])
def test_a_malicious_pickle_is_never_unpickled(tmp_path, payload, protocol, suffix):
    pwned = tmp_path / "pwned"
    # sanity: unpickling this really would create the file
    assert not pwned.exists()
    path = tmp_path / f"evil{suffix}"
    with open(path, "wb") as handle:
        pickle.dump(payload(pwned), handle, protocol=protocol)
    live = _model(0)
    before = _state(live)
    for load in (read_checkpoint, load_checkpoint, lambda p: load_into(live, p)):
        with pytest.raises(CheckpointError):
            load(path)
        assert not pwned.exists()
    _assert_same_state(before, _state(live))


def test_the_malicious_pickle_is_real(tmp_path):
    """Guard for the test above: the payload does create the file when someone does unpickle it."""
    pwned = tmp_path / "pwned"
    pickle.loads(pickle.dumps(_Touch(pwned)))
    assert pwned.exists()


def test_pickle_message_explains_the_refusal(tmp_path):
    path = tmp_path / "evil.safetensors"
    path.write_bytes(pickle.dumps(_Touch(tmp_path / "pwned"), protocol=4))
    with pytest.raises(CheckpointError, match="pickle") as info:
        read_checkpoint(path)
    assert "safetensors" in str(info.value)


def test_safetensors_without_diffviz_metadata_is_refused(tmp_path):
    path = tmp_path / "foreign.safetensors"
    save_file(_state(_model(0)), str(path))
    with pytest.raises(CheckpointError, match="no diffviz metadata"):
        load_checkpoint(path)
    save_file(_state(_model(0)), str(path), metadata={"format": "pt"})
    with pytest.raises(CheckpointError, match="no diffviz metadata"):
        load_checkpoint(path)


def _resave(saved: pathlib.Path, path: pathlib.Path, tensors=None, **info_changes) -> pathlib.Path:
    """Copy ``saved`` with other tensors and/or edited diffviz metadata."""
    metadata = _metadata(saved)
    if info_changes:
        info = json.loads(metadata["diffviz"])
        info.update(info_changes)
        metadata["diffviz"] = json.dumps(info)
    save_file(tensors if tensors is not None else load_file(str(saved)), str(path), metadata=metadata)
    return path


def test_a_different_architecture_is_refused_by_name_and_leaves_the_model_alone(saved, tmp_path):
    tensors = load_file(str(saved))
    tensors["down_layers.0.weight"] = torch.zeros(16, 1, 5, 5)         # wrong shape
    tensors["mid_layers.0.weight"] = tensors.pop("up_layers.1.weight")  # unexpected + missing
    path = _resave(saved, tmp_path / "other.safetensors", tensors)
    live = _model(5)
    before = _state(live)
    for load in (load_checkpoint, lambda p: load_into(live, p)):
        with pytest.raises(CheckpointError) as info:
            load(path)
        message = str(info.value)
        assert "down_layers.0.weight" in message and "(16, 1, 5, 5)" in message and "(32, 1, 5, 5)" in message
        assert "missing up_layers.1.weight" in message
        assert "unexpected mid_layers.0.weight" in message
    _assert_same_state(before, _state(live))


def test_load_into_refuses_another_architecture_name(saved, tmp_path):
    path = _resave(saved, tmp_path / "named.safetensors", architecture="UNet2DModel")
    live = _model(5)
    before = _state(live)
    with pytest.raises(CheckpointError, match="UNet2DModel"):
        load_into(live, path)
    with pytest.raises(CheckpointError, match="unknown architecture"):
        load_checkpoint(path)
    _assert_same_state(before, _state(live))


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_weights_are_refused(saved, tmp_path, bad):
    tensors = load_file(str(saved))
    tensors["up_layers.2.bias"][0] = bad
    path = _resave(saved, tmp_path / "nan.safetensors", tensors)
    live = _model(5)
    before = _state(live)
    with pytest.raises(CheckpointError, match="NaN or infinite") as info:
        load_checkpoint(path)
    assert "up_layers.2.bias" in str(info.value)
    with pytest.raises(CheckpointError, match="NaN or infinite"):
        load_into(live, path)
    _assert_same_state(before, _state(live))


def test_a_file_above_the_cap_is_refused_before_reading(saved, monkeypatch):
    import safetensors

    def no_reading(*_args, **_kwargs):
        raise AssertionError("the file was opened although it is above the size cap")

    monkeypatch.setattr(checkpoints, "MAX_CHECKPOINT_BYTES", 1024)
    monkeypatch.setattr(checkpoints, "open", no_reading, raising=False)
    monkeypatch.setattr(safetensors, "safe_open", no_reading)
    with pytest.raises(CheckpointError, match="limit"):
        read_checkpoint(saved)


def test_the_cap_is_a_cap_not_a_refusal_of_everything(saved, monkeypatch):
    monkeypatch.setattr(checkpoints, "MAX_CHECKPOINT_BYTES", saved.stat().st_size)
    read_checkpoint(saved)


@pytest.mark.parametrize("version", [FORMAT_VERSION + 1, 99, 0, -1])
def test_unknown_format_versions_are_refused(saved, tmp_path, version):
    path = _resave(saved, tmp_path / "future.safetensors", format_version=version)
    with pytest.raises(CheckpointError, match="format") as info:
        load_checkpoint(path)
    if version > FORMAT_VERSION:
        assert "Update diffviz" in str(info.value)


@pytest.mark.parametrize("diffviz_value", [
    "not json",
    "[1, 2, 3]",
    json.dumps({"architecture": 5, "model_config": {}}),
    json.dumps({"architecture": "BasicUNet", "model_config": {"in_channels": [1]}}),
    json.dumps({"architecture": "BasicUNet", "model_config": {"evil": "x"}}),
    json.dumps({"architecture": "BasicUNet", "model_config": {}, "training": "lots"}),
    json.dumps({"model_config": {}}),
    json.dumps({"architecture": "BasicUNet", "model_config": {}, "recipe": ["course"]}),
    json.dumps({"architecture": "BasicUNet", "model_config": {}, "created": {"at": "now"}}),
])
def test_damaged_metadata_is_refused(saved, tmp_path, diffviz_value):
    path = tmp_path / "damaged.safetensors"
    save_file(load_file(str(saved)), str(path), metadata={"format": FORMAT_NAME, "diffviz": diffviz_value})
    with pytest.raises(CheckpointError):
        load_checkpoint(path)


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                     max_leaves=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.dictionaries(st.sampled_from(["recipe", "hyperparameters", "training", "created",
                                               "diffviz_version", "format_version"]), _JSON, max_size=4))
def test_fuzz_metadata_values_only_raise_checkpoint_error_and_the_summary_never_fails(saved, tmp_path, fields):
    """Metadata is text from a stranger: any value of any type is refused cleanly or shown, never trusted."""
    path = tmp_path / "fuzz.safetensors"
    raw = {"architecture": "BasicUNet", "model_config": {}, "recipe": "course", "format_version": FORMAT_VERSION}
    save_file(load_file(str(saved)), str(path), metadata={"format": FORMAT_NAME,
                                                         "diffviz": json.dumps({**raw, **fields})})
    try:
        _, info = load_checkpoint(path)
    except CheckpointError as exc:
        assert str(exc)
        return
    assert isinstance(info.summary(), str)


def test_path_like_metadata_is_never_used_as_a_path(saved, tmp_path, monkeypatch):
    """Strings that look like paths are carried as text: loading creates, opens and removes nothing else."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    evil = str(elsewhere / "created-by-metadata")
    path = _resave(saved, tmp_path / "paths.safetensors", created=evil,
                   training={"data": f"folder:{evil}", "steps": 5}, hyperparameters={"out": f"../{evil}"})
    monkeypatch.chdir(elsewhere)
    _, info = load_checkpoint(path)
    assert info.training["data"] == f"folder:{evil}"
    assert list(elsewhere.iterdir()) == []
    assert "5 steps" in info.summary()


# --- fuzzing ----------------------------------------------------------------------------------------------

def _fuzz_read(folder: pathlib.Path, data: bytes) -> None:
    path = folder / "fuzz.safetensors"
    path.write_bytes(data)
    try:
        read_checkpoint(path)
    except CheckpointError as exc:
        assert str(exc)


_FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_FUZZ
@given(data=st.binary(max_size=4096))
def test_fuzz_arbitrary_bytes_only_raise_checkpoint_error(tmp_path, data):
    _fuzz_read(tmp_path, data)


@_FUZZ
@given(length=st.integers(min_value=0, max_value=2**64 - 1), header=st.binary(max_size=512),
       tail=st.binary(max_size=512))
def test_fuzz_length_prefixed_headers_only_raise_checkpoint_error(tmp_path, length, header, tail):
    _fuzz_read(tmp_path, struct.pack("<Q", length) + header + tail)


@pytest.fixture(scope="module")
def small_checkpoint_bytes(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("fuzz") / "tiny.safetensors"
    save_file({"w": torch.arange(6, dtype=torch.float32).reshape(2, 3)}, str(path),
              metadata={"format": FORMAT_NAME, "diffviz": json.dumps({"architecture": "BasicUNet",
                                                                      "model_config": {}})})
    return path.read_bytes()


@_FUZZ
@given(cut=st.integers(min_value=0, max_value=4096), tail=st.binary(max_size=256))
def test_fuzz_valid_header_prefix_with_random_tail(tmp_path, saved, cut, tail):
    good = saved.read_bytes()
    header_end = 8 + struct.unpack("<Q", good[:8])[0]
    _fuzz_read(tmp_path, good[: min(cut, header_end + 64)] + tail)


@_FUZZ
@given(edits=st.lists(st.tuples(st.integers(min_value=0, max_value=10_000), st.integers(0, 255)), max_size=8))
def test_fuzz_mutated_header_bytes(tmp_path, small_checkpoint_bytes, edits):
    data = bytearray(small_checkpoint_bytes)
    for position, value in edits:
        data[position % len(data)] = value
    _fuzz_read(tmp_path, bytes(data))


def test_a_header_length_whose_first_byte_looks_like_html_is_not_misread():
    """A safetensors length prefix can start with 0x3c ('<'); only the reader may judge such a file."""
    import struct

    from diffviz.core.checkpoints import _sniff

    _sniff(pathlib.Path("model.safetensors"), struct.pack("<Q", 0x13C) + b'{"__metadata__": {}}' + b" " * 40)
