"""Every file door, fuzzed for a few seconds each (bench.fuzz; ``diffviz bench fuzz --seconds 600`` is the long run):
no mutated file escapes as a traceback or an unclear refusal, and an opened pipeline is exactly its file. The
harness itself is checked to catch what it counts."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from diffviz.bench import fuzz
from diffviz.core.errors import DataError, UnforeseenFileError

SECONDS_PER_DOOR = 1.0
DOORS = {door.name: door for door in fuzz.doors()}


@pytest.mark.parametrize("name", list(DOORS))
def test_a_few_seconds_of_mutated_files_through_each_door_all_open_or_are_refused_in_one_line(name, tmp_path):
    figures = fuzz.fuzz_door(DOORS[name], SECONDS_PER_DOOR, seed=7, work=tmp_path)
    assert figures.tried >= 5
    assert figures.refused > 0  # the mutations do damage
    assert not figures.escapes, "\n".join(figures.escapes[:10])
    assert figures.caught_late == 0  # every refusal came from a check of its own, not the last net


@pytest.mark.parametrize("name", list(DOORS))
def test_each_doors_own_valid_input_opens_whole(name, tmp_path, monkeypatch):
    """The fuzzing starts from inputs that open: a door that refused everything would prove nothing."""
    door = DOORS[name]
    made = door.make(tmp_path)
    monkeypatch.setattr(fuzz, "mutate_bytes", lambda rng, data, header=64: (data, "unmutated"))
    monkeypatch.setattr(fuzz, "mutate_json", lambda rng, value: (value, "unmutated"))
    path, _ = door.mutate(random.Random(0), made, tmp_path / "tries")
    opened = door.open(path)
    assert opened is not None
    assert door.oracle is None or door.oracle(path, opened) is None


def test_the_harness_counts_a_traceback_an_unclear_refusal_and_the_last_net_apart(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"x")

    def door_that(raises):
        def open_it(p: Path):
            raise raises
        return fuzz.Door("test", lambda work: b"", lambda rng, made, tries: (path, "as is"), open_it)

    figures = fuzz.DoorFigures("test")
    fuzz.try_once(door_that(ValueError("boom")), path, "as is", figures)
    fuzz.try_once(door_that(DataError("something is wrong\nsomewhere")), path, "as is", figures)
    fuzz.try_once(door_that(DataError("no file named here")), path, "as is", figures)
    fuzz.try_once(door_that(DataError(f"{path} is fine to refuse")), path, "as is", figures)
    fuzz.try_once(door_that(UnforeseenFileError(f"{path}: surprised")), path, "as is", figures)
    assert figures.tried == 5 and figures.refused == 4 and figures.caught_late == 1
    assert len(figures.escapes) == 3
    assert "ValueError: boom" in figures.escapes[0] and "unclear refusal" in figures.escapes[1]
    assert "unclear refusal" in figures.escapes[2]


def test_the_pipeline_oracle_catches_weights_that_are_not_the_files(tmp_path):
    import torch

    door = DOORS["pipeline weights"]
    pristine = door.make(tmp_path)
    folder = shutil.copytree(pristine, tmp_path / "pipe")
    opened = door.open(folder)
    assert door.oracle(folder, opened) is None
    with torch.no_grad():
        opened[0].unet.conv_in.bias.add_(1.0)  # what a loader filling a part at random would leave
    assert "conv_in.bias" in door.oracle(folder, opened)


def test_mutations_are_repeatable_from_their_seed_and_change_their_input():
    data = bytes(range(256)) * 4
    first = [fuzz.mutate_bytes(random.Random(3), data) for _ in range(1)]
    again = [fuzz.mutate_bytes(random.Random(3), data) for _ in range(1)]
    assert first == again
    rng = random.Random(5)
    assert sum(fuzz.mutate_bytes(rng, data)[0] != data for _ in range(50)) >= 45
    config = {"sample_size": 28, "block_out_channels": [8, 16], "act_fn": "silu"}
    rng = random.Random(5)
    assert sum(fuzz.mutate_json(rng, config)[0] != config for _ in range(50)) >= 40
    assert config == {"sample_size": 28, "block_out_channels": [8, 16], "act_fn": "silu"}  # never changed in place


def test_bench_fuzz_prints_the_known_cases_and_every_chosen_doors_row(capsys):
    from diffviz.cli import main

    assert main(["bench", "fuzz", "--seconds", "2", "--door", "pipeline"]) == 0
    out = capsys.readouterr().out
    for case in fuzz.KNOWN_CASES:
        line = next(line for line in out.splitlines() if line.strip().startswith(case))
        assert "OPENED" not in line and " s " in line and " MB " in line
    assert [line.split()[1] for line in out.splitlines() if line.startswith("pipeline ")] == ["config", "index",
                                                                                                 "weights"]
    assert "0 escaped" in out
