"""Fuzzing every file door: mutated files, each opened through the door a learner's file takes.

Why: diffviz opens files a learner picked (IDX files, images, checkpoints, diffusers pipeline folders, the Edit
lab's ``.npy`` inputs and masks, the 2-D lab's CSVs of points), and a damaged or foreign file must get one line
naming it, never a traceback, a frozen minute or a gigabyte. Each door starts from small valid inputs made here (nothing is downloaded) and
tries mutations of them: bytes flipped, set to boundary values, inserted, deleted or cut off, mostly in the
headers where a reader decides what to do, and for JSON (pipeline configs, a checkpoint's metadata) values
swapped for the kinds that broke readers before (an empty list, a list of three, 2**63, NaN, null, a string).

Each try ends one of three ways: *opened*; *refused*, a ``DiffvizError`` of one line that names the file; or an
*escape*: any other exception, or a refusal of several lines or that does not name the file. Refusals that only
the last net caught (``UnforeseenFileError``) are counted apart: each is a check to write. Every try is timed, and
its peak memory above what the process held before it is read from Linux's ``VmHWM`` (reset before each try
through ``/proc/self/clear_refs``). What opened is held to an oracle where one exists: a pipeline's weights must
be exactly the file's, never partly random.

``diffviz bench fuzz --seconds S`` shares S out among the doors and prints the figures; the test suite runs the
same doors for a few seconds each (tests/test_fuzz.py).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import random
import shutil
import struct
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

MB = 1024 * 1024
INTERESTING_INTS = (0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF, 2**63 - 1, 2**63, 2**64 - 1)
INTERESTING_VALUES = ([], [16], [1, 2, 3], [28, 14], 2**63, 2**31, -1, 0, 1, 7, 4097, None, "x", "", 1e308, -1e308,
                      float("nan"), float("inf"), True, False, {}, [0] * 200, [[[[[]]]]], 0.5, "DDPMPipeline")


# --- measuring one try --------------------------------------------------------------------------------------------

def _status_kb(field_name: str) -> int | None:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def reset_peak() -> bool:
    """Reset the process's peak resident memory (Linux 4.0+); False where the system does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def resident_mb() -> float:
    kb = _status_kb("VmRSS")
    return (kb or 0) / 1024


def peak_mb() -> float:
    kb = _status_kb("VmHWM")
    return (kb or 0) / 1024


# --- mutations ----------------------------------------------------------------------------------------------------

def mutate_bytes(rng: random.Random, data: bytes, header: int = 64) -> tuple[bytes, str]:
    """One to three mutations of ``data``, seven in ten of them within its first ``header`` bytes; with what was
    done, for the report."""
    out = bytearray(data)
    done = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if not out:
            out += bytes([rng.randrange(256)])
            done.append("filled")
            continue
        span = min(len(out), header) if rng.random() < 0.7 else len(out)
        at = rng.randrange(span)
        kind = rng.randrange(7)
        if kind == 0:
            out[at] ^= 1 << rng.randrange(8)
            done.append(f"bit flipped at {at}")
        elif kind == 1:
            out[at] = rng.choice((0, 0xFF, 0x7F, 0x80, 0x20, 0x22, 0x7B))
            done.append(f"byte set at {at}")
        elif kind == 2:
            width = rng.choice((4, 8))
            value = rng.choice(INTERESTING_INTS) & ((1 << (8 * width)) - 1)
            packed = value.to_bytes(width, rng.choice(("big", "little")))
            out[at:at + width] = packed
            done.append(f"{width} bytes set to {value} at {at}")
        elif kind == 3:
            del out[at:at + rng.choice((1, 4, 16, 256))]
            done.append(f"bytes cut at {at}")
        elif kind == 4:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.choice((1, 4, 16))))
            done.append(f"bytes inserted at {at}")
        elif kind == 5:
            del out[rng.randrange(len(out)):]
            done.append("truncated")
        else:
            chunk = out[at:at + rng.choice((8, 64, 512))]
            out[at:at] = chunk * rng.choice((1, 2, 50))
            done.append(f"bytes repeated at {at}")
    return bytes(out), ", ".join(done)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON value that a mutation can replace: keys of objects, items of lists."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:8]):
            found += _paths(item, (*prefix, index))
    return found


def mutate_json(rng: random.Random, value: dict) -> tuple[Any, str]:
    """``value`` with one place replaced by an interesting value, deleted, or a key added (or the whole of it
    replaced by something that is not an object at all, one time in twenty)."""
    if rng.random() < 0.05:
        other = rng.choice(INTERESTING_VALUES)
        return other, f"the whole object replaced by {other!r:.40}"
    value = json.loads(json.dumps(value))
    places = _paths(value)
    if not places or rng.random() < 0.1:
        key = rng.choice(("sample_size", "layers_per_block", "_class_name", "zz", "block_out_channels", "beta_end"))
        value[key] = rng.choice(INTERESTING_VALUES)
        return value, f"{key} added as {value[key]!r:.40}"
    place = rng.choice(places)
    parent = value
    for step in place[:-1]:
        parent = parent[step]
    if rng.random() < 0.15:
        del parent[place[-1]]
        return value, f"{'.'.join(map(str, place))} deleted"
    new = rng.choice(INTERESTING_VALUES) if rng.random() < 0.8 else rng.choice(
        [v for p in places for v in [_get(value, p)] if not isinstance(v, (dict, list))] or [0])
    parent[place[-1]] = new
    return value, f"{'.'.join(map(str, place))} set to {new!r:.40}"


def _get(value: Any, place: tuple) -> Any:
    for step in place:
        value = value[step]
    return value


def json_text(rng: random.Random, value: dict) -> tuple[bytes, str]:
    """A mutated JSON file: the value mutated (three times in four), else its text's bytes mutated."""
    if rng.random() < 0.75:
        mutated, how = mutate_json(rng, value)
        return json.dumps(mutated).encode(), how
    return mutate_bytes(rng, json.dumps(value, indent=1).encode(), header=4096)


# --- the doors ----------------------------------------------------------------------------------------------------

@dataclass
class Door:
    """One way a user's file comes in: ``make(work)`` writes the valid inputs once and returns what ``mutate``
    needs; ``mutate(rng, made, tries_dir)`` writes one mutated input and returns (the path handed to the door, what
    was done); ``open(path)`` is the door itself; ``oracle(path, opened)`` says what is wrong with an input that
    opened (None when it is whole)."""

    name: str
    make: Callable[[Path], Any]
    mutate: Callable[[random.Random, Any, Path], tuple[Path, str]]
    open: Callable[[Path], Any]
    oracle: Callable[[Path, Any], str | None] | None = None


def _digits(n: int = 40) -> np.ndarray:
    from diffviz.core.data import load_bundled

    every = np.arange(0, 10_000, 10_000 // n)[:n]
    return (load_bundled().images[every, 0].numpy() * 255 + 0.5).astype(np.uint8)


def _idx_bytes(kind: str) -> bytes:
    digits = _digits()
    if kind == "images":
        return struct.pack(">IIII", 0x00000803, len(digits), 28, 28) + digits.tobytes()
    return struct.pack(">II", 0x00000801, len(digits)) + bytes(i % 10 for i in range(len(digits)))


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _idx_door(kind: str, compressed: bool) -> Door:
    from diffviz.core.data import read_idx

    def make(work: Path) -> bytes:
        return _idx_bytes(kind)

    def mutate(rng: random.Random, made: bytes, tries: Path) -> tuple[Path, str]:
        if not compressed:
            data, how = mutate_bytes(rng, made, header=16)
        elif rng.random() < 0.5:  # the inside damaged, then compressed as it should be
            inner, how = mutate_bytes(rng, made, header=16)
            data, how = gzip.compress(inner, mtime=0), f"inside: {how}"
        else:
            data, how = mutate_bytes(rng, gzip.compress(made, mtime=0), header=32)
        return _write(tries / f"train-{kind}-idx-ubyte{'.gz' if compressed else ''}", data), how

    return Door(f"IDX {kind}{' (gzip)' if compressed else ''}", make, mutate, lambda path: read_idx(path, kind))


def _image_door() -> Door:
    from PIL import Image

    from diffviz.core.data import read_image_file

    def make(work: Path) -> dict[str, bytes]:
        digit = Image.fromarray(_digits(1)[0])
        made = {}
        for suffix, kind in ((".png", "PNG"), (".jpg", "JPEG"), (".bmp", "BMP"), (".gif", "GIF"), (".webp", "WEBP")):
            buffer = io.BytesIO()
            digit.save(buffer, kind)
            made[suffix] = buffer.getvalue()
        return made

    def mutate(rng: random.Random, made: dict[str, bytes], tries: Path) -> tuple[Path, str]:
        suffix = rng.choice(sorted(made))
        data, how = mutate_bytes(rng, made[suffix], header=128)
        return _write(tries / f"digit{suffix}", data), f"{suffix}: {how}"

    return Door("image files", make, mutate, lambda path: read_image_file(path, channels=_channels_for(path)))


def _channels_for(path: Path) -> int:
    """Grey for some image names, colour for others, so both of read_image_file's paths are tried."""
    return 3 if path.suffix in (".png", ".webp") else 1


def _checkpoint_made(work: Path) -> bytes:
    from diffviz.core.checkpoints import save_checkpoint
    from diffviz.core.recipes import get_recipe

    recipe = get_recipe("course")
    path = save_checkpoint(work / "course.safetensors", recipe.make_model(), recipe="course",
                           training={"steps": 1})
    return path.read_bytes()


def _checkpoint_open(path: Path) -> Any:
    from diffviz.core.opening import open_model

    return open_model(path)


def _checkpoint_bytes_door() -> Door:
    def mutate(rng: random.Random, made: bytes, tries: Path) -> tuple[Path, str]:
        (length,) = struct.unpack("<Q", made[:8])
        data, how = mutate_bytes(rng, made, header=8 + length)
        return _write(tries / "model.safetensors", data), how

    return Door("checkpoint bytes", _checkpoint_made, mutate, _checkpoint_open)


def _safetensors_parts(data: bytes) -> tuple[dict, bytes]:
    (length,) = struct.unpack("<Q", data[:8])
    return json.loads(data[8:8 + length]), data[8 + length:]


def _safetensors_join(header: Any, body: bytes) -> bytes:
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + body


def _checkpoint_metadata_door() -> Door:
    def mutate(rng: random.Random, made: bytes, tries: Path) -> tuple[Path, str]:
        header, body = _safetensors_parts(made)
        if rng.random() < 0.6:  # diffviz's own metadata, as JSON inside the header's __metadata__
            info = json.loads(header["__metadata__"]["diffviz"])
            mutated, how = mutate_json(rng, info)
            header["__metadata__"]["diffviz"] = json.dumps(mutated)
        else:  # the header itself: a tensor's dtype, shape or offsets, the format tag
            mutated, how = mutate_json(rng, header)
            header = mutated
        return _write(tries / "model.safetensors", _safetensors_join(header, body)), how

    return Door("checkpoint metadata", _checkpoint_made, mutate, _checkpoint_open)


def make_pipeline(folder: Path) -> Path:
    """A tiny grey 28 px DDPMPipeline folder with attention, saved by diffusers itself (safetensors)."""
    import diffusers
    import torch

    torch.manual_seed(0)
    unet = diffusers.UNet2DModel(
        sample_size=28, in_channels=1, out_channels=1, layers_per_block=1, block_out_channels=(8, 16),
        norm_num_groups=4, down_block_types=("DownBlock2D", "AttnDownBlock2D"),
        up_block_types=("AttnUpBlock2D", "UpBlock2D"))
    diffusers.DDPMPipeline(unet, diffusers.DDPMScheduler(num_train_timesteps=1000)).save_pretrained(
        str(folder), safe_serialization=True)
    return folder


PIPELINE_FILES = {"config": ("unet/config.json", "scheduler/scheduler_config.json"), "index": ("model_index.json",),
                  "weights": ("unet/diffusion_pytorch_model.safetensors",)}


def _pipeline_door(part: str) -> Door:
    def make(work: Path) -> Path:
        return make_pipeline(work / "pristine")

    def mutate(rng: random.Random, pristine: Path, tries: Path) -> tuple[Path, str]:
        folder = tries / "pipe"  # the same name every time: the session's registered recipe is replaced, not added
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(pristine, folder)
        name = rng.choice(PIPELINE_FILES[part])
        path = folder / name
        if name.endswith(".json"):
            data, how = json_text(rng, json.loads(path.read_text()))
        elif rng.random() < 0.5:
            header, body = _safetensors_parts(path.read_bytes())
            mutated, how = mutate_json(rng, header)
            data = _safetensors_join(mutated, body)
        else:
            (length,) = struct.unpack("<Q", path.read_bytes()[:8])
            data, how = mutate_bytes(rng, path.read_bytes(), header=8 + length)
        path.write_bytes(data)
        return folder, f"{name}: {how}"

    return Door(f"pipeline {part}", make, mutate, _checkpoint_open, _pipeline_oracle if part == "weights" else None)


def _pipeline_oracle(folder: Path, opened: Any) -> str | None:
    """An opened pipeline's weights must be exactly those in its file (as fp32, under today's names)."""
    import torch
    from safetensors.torch import load_file

    from diffviz.core.pipelines import WEIGHTS, _current_name

    model, _info = opened
    stored = {_current_name(k): v.float() for k, v in load_file(str(folder / "unet" / WEIGHTS)).items()}
    state = model.unet.state_dict()
    if set(state) != set(stored):
        return f"opened with {len(set(state) ^ set(stored))} tensors that differ from the file's"
    for name, tensor in state.items():
        if tensor.is_meta or not torch.equal(tensor, stored[name]):
            return f"opened with {name} not as the file holds it"
    return None


def _npy_door(mask: bool) -> Door:
    from diffviz.core.edit_files import read_edit_input

    def make(work: Path) -> bytes:
        buffer = io.BytesIO()
        array = (_digits(2)[:, None] / 255.0).astype(np.float32)
        np.save(buffer, (array > 0.5).astype(np.float32) if mask else array, allow_pickle=False)
        return buffer.getvalue()

    def mutate(rng: random.Random, made: bytes, tries: Path) -> tuple[Path, str]:
        data, how = mutate_bytes(rng, made, header=128)
        return _write(tries / ("mask.npy" if mask else "input.npy"), data), how

    def open_it(path: Path) -> Any:
        if mask:
            return read_edit_input(path, "the mask", light_on_dark=False, shape=(1, 28, 28), mask=True, images=2)
        return read_edit_input(path, "the input", shape=(1, 28, 28))

    return Door(f".npy {'masks' if mask else 'inputs'}", make, mutate, open_it)


def _csv_door() -> Door:
    from diffviz.core.toy.datasets import make, read_points_csv

    def made(work: Path) -> bytes:
        points = make("moons", 40, seed=0)
        return ("x,y,half\n" + "".join(f"{x:.4f},{y:.4f},{'upper' if i < 20 else 'lower'}\n"
                                        for i, (x, y) in enumerate(points))).encode()

    def mutate(rng: random.Random, data: bytes, tries: Path) -> tuple[Path, str]:
        if rng.random() < 0.3:  # a cell replaced by a value that broke readers before
            lines = data.decode().splitlines()
            row = rng.randrange(len(lines))
            cells = lines[row].split(",")
            cells[rng.randrange(len(cells))] = rng.choice(("nan", "inf", "-", "", "1e999", "x", "1,2", '"', "0" * 400))
            lines[row] = ",".join(cells)
            return _write(tries / "points.csv", "\n".join(lines).encode()), f"row {row} cell replaced"
        out, how = mutate_bytes(rng, data, header=len(data))
        return _write(tries / "points.csv", out), how

    return Door("2-D point CSVs", made, mutate, read_points_csv)


def doors() -> list[Door]:
    """Every door a user's file comes through."""
    return [_idx_door("images", False), _idx_door("labels", False), _idx_door("images", True), _image_door(),
            _checkpoint_bytes_door(), _checkpoint_metadata_door(), _pipeline_door("config"), _pipeline_door("index"),
            _pipeline_door("weights"), _npy_door(False), _npy_door(True), _csv_door()]


# --- running ------------------------------------------------------------------------------------------------------

@dataclass
class DoorFigures:
    """What one door did with its tries."""

    door: str
    tried: int = 0
    opened: int = 0
    refused: int = 0
    caught_late: int = 0                               # refused only by the last net (UnforeseenFileError)
    escapes: list[str] = field(default_factory=list)   # tracebacks, unclear refusals, damaged files opened
    slowest_s: float = 0.0
    slowest_how: str = ""
    most_mb: float = 0.0                               # the largest peak above what the process held before a try
    most_how: str = ""
    growth_mb: float = 0.0                             # resident memory after the last try above before the first

    def row(self) -> str:
        return (f"{self.door:<22} {self.tried:>6} {self.opened:>6} {self.refused:>7} {self.caught_late:>5} "
                f"{len(self.escapes):>7} {self.slowest_s:>8.3f} {self.most_mb:>7.1f} {self.growth_mb:>7.1f}")


HEADER = (f"{'door':<22} {'tried':>6} {'opened':>6} {'refused':>7} {'late':>5} {'escapes':>7} {'slowest':>8} "
          f"{'peak MB':>7} {'grew MB':>7}")


def _names_the_input(message: str, path: Path) -> bool:
    return path.name in message or path.parent.name in message or str(path) in message


def try_once(door: Door, path: Path, how: str, figures: DoorFigures) -> None:
    """Open one mutated input through ``door`` and count how it ended."""
    from diffviz.core.errors import DiffvizError, UnforeseenFileError

    held = resident_mb()
    measured = reset_peak()
    start = time.perf_counter()
    outcome: str | None = None
    try:
        opened = door.open(path)
    except DiffvizError as exc:
        message = str(exc)
        figures.refused += 1
        if isinstance(exc, UnforeseenFileError):
            figures.caught_late += 1
        if "\n" in message.strip() or not _names_the_input(message, path):
            outcome = f"{how}: unclear refusal {message[:200]!r}"
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - an escape is what is being counted
        last = traceback.extract_tb(exc.__traceback__)[-1]
        outcome = f"{how}: {type(exc).__name__}: {str(exc)[:160]} ({Path(last.filename).name}:{last.lineno})"
    else:
        figures.opened += 1
        wrong = door.oracle(path, opened) if door.oracle else None
        if wrong:
            outcome = f"{how}: {wrong}"
        del opened
    seconds = time.perf_counter() - start
    extra = peak_mb() - held if measured else 0.0
    figures.tried += 1
    if outcome:
        figures.escapes.append(outcome)
    if seconds > figures.slowest_s:
        figures.slowest_s, figures.slowest_how = seconds, how
    if extra > figures.most_mb:
        figures.most_mb, figures.most_how = extra, how


def fuzz_door(door: Door, seconds: float, seed: int = 0, tries: int | None = None,
              work: Path | None = None) -> DoorFigures:
    """Try ``door`` with mutated inputs for ``seconds`` (or ``tries`` inputs, whichever ends first)."""
    import gc

    figures = DoorFigures(door.name)
    rng = random.Random(f"{door.name} {seed}")
    with tempfile.TemporaryDirectory(prefix="diffviz-fuzz-", dir=work) as folder:
        root = Path(folder)
        made = door.make(root)
        gc.collect()
        before = resident_mb()
        end = time.perf_counter() + seconds
        while time.perf_counter() < end and (tries is None or figures.tried < tries):
            attempt = root / "tries"
            shutil.rmtree(attempt, ignore_errors=True)
            attempt.mkdir()
            path, how = door.mutate(rng, made, attempt)
            try_once(door, path, how, figures)
        gc.collect()
        figures.growth_mb = max(0.0, resident_mb() - before)
    return figures


def chosen_doors(only: str | None = None) -> list[Door]:
    """Every door, or those whose name contains ``only`` (any case)."""
    return [door for door in doors() if only is None or only.lower() in door.name.lower()]


@contextlib.contextmanager
def quietly():
    """What a refusal says is counted, not printed: diffusers' log and the warnings of Pillow and numpy about
    damaged files are silenced while the doors are tried."""
    import logging
    import warnings

    log = logging.getLogger("diffusers")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        log.setLevel(level)


def fuzz_doors(seconds: float = 600.0, seed: int = 0, only: str | None = None) -> Iterator[DoorFigures]:
    """Fuzz every door (or those whose name contains ``only``) for ``seconds`` in all, shared out evenly; each
    door's figures as it ends."""
    chosen = chosen_doors(only)
    with quietly():
        for door in chosen:
            yield fuzz_door(door, seconds / max(1, len(chosen)), seed)


def _edit_json(path: Path, key: str, value: Any) -> None:
    config = json.loads(path.read_text())
    config[key] = value
    path.write_text(json.dumps(config))


KNOWN_CASES: dict[str, Callable[[Path], None]] = {  # what the first fuzzing of pipeline folders found
    "sample_size []": lambda folder: _edit_json(folder / "unet" / "config.json", "sample_size", []),
    "sample_size [16]": lambda folder: _edit_json(folder / "unet" / "config.json", "sample_size", [16]),
    "sample_size [28, 28, 28]": lambda folder: _edit_json(folder / "unet" / "config.json", "sample_size", [28] * 3),
    "layers_per_block 2**63": lambda folder: _edit_json(folder / "unet" / "config.json", "layers_per_block", 2**63),
    "a tensor name's byte flipped": lambda folder: (folder / "unet" / PIPELINE_FILES["weights"][0][5:]).write_bytes(
        (folder / "unet" / PIPELINE_FILES["weights"][0][5:]).read_bytes().replace(
            b"down_blocks.1.resnets.0.conv2.bias", b"down_blocks.1.resnets.0.conw2.bias", 1)),
}


def print_known_cases() -> None:
    """Each case the first fuzzing found, opened once: seconds, peak memory above what was held, the refusal."""
    from diffviz.core.errors import DiffvizError

    with tempfile.TemporaryDirectory(prefix="diffviz-fuzz-") as folder:
        pristine = make_pipeline(Path(folder) / "pristine")
        for name, damage in KNOWN_CASES.items():
            case = Path(folder) / "case"
            shutil.rmtree(case, ignore_errors=True)
            shutil.copytree(pristine, case)
            damage(case)
            held, _ = resident_mb(), reset_peak()
            start = time.perf_counter()
            try:
                _checkpoint_open(case)
                said = "OPENED"
            except DiffvizError as exc:
                said = str(exc)
            seconds, extra = time.perf_counter() - start, peak_mb() - held
            print(f"  {name:<30} {seconds:6.3f} s {extra:6.1f} MB  {said[:150]}")


def print_fuzz_bench(seconds: float = 600.0, seed: int = 0, only: str | None = None) -> int:
    """``diffviz bench fuzz``: the cases the first fuzzing found, the figures of every door, then each escape;
    exit status 1 if any escaped."""
    if only is None or only.lower() in "pipeline":
        print("the pipeline folders the first fuzzing broke, opened once (seconds, MB above what was held):")
        print_known_cases()
    print(f"fuzzing every file door for {seconds:.0f} s in all (seed {seed}); peak MB: the most one try needed "
          "above what the process held before it; grew MB: resident memory after the last try above the first")
    print(HEADER, flush=True)
    results = []
    for figures in fuzz_doors(seconds, seed, only):
        results.append(figures)
        print(figures.row(), flush=True)
    total = sum(f.tried for f in results)
    escaped = [(f.door, escape) for f in results for escape in f.escapes]
    print(f"{total:,} inputs tried; {sum(f.opened for f in results):,} opened, "
          f"{sum(f.refused for f in results):,} refused in one line naming the file "
          f"({sum(f.caught_late for f in results)} only by the last net), {len(escaped)} escaped")
    slowest = max(results, key=lambda f: f.slowest_s, default=None)
    hungriest = max(results, key=lambda f: f.most_mb, default=None)
    if slowest:
        print(f"slowest try: {slowest.slowest_s:.2f} s ({slowest.door}: {slowest.slowest_how})")
    if hungriest:
        print(f"most memory: {hungriest.most_mb:.0f} MB ({hungriest.door}: {hungriest.most_how})")
    for figures in results:  # a few of each door's, the first of each kind
        kinds: dict[str, str] = {}
        for escape in figures.escapes:
            kinds.setdefault(escape.split(": ", 1)[-1][:60], escape)
        for escape in list(kinds.values())[:8]:
            print(f"ESCAPE {figures.door}: {escape}")
    return 1 if escaped else 0
