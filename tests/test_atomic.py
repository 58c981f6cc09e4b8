"""Atomic writes under real faults: SIGKILL in the middle of a save, a full disk, stale temporary files.

The kill test runs a writer in a child process that saves version 1, 2, 3... of a file
(16 MB, written in chunks so a kill lands mid-write) and kills it at a random moment, 20
times. After each kill the file must be one complete version (the last one the child
reported, or the one it finished but had no time to report) and no temporary file may lie
beside it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from diffviz.core import atomic
from diffviz.core.atomic import atomic_write, atomic_write_bytes, remove_stale_temps
from diffviz.core.errors import ExportError

SIZE = 16 * 2**20
CHUNKS = 64

WRITER = textwrap.dedent("""
    import sys
    from diffviz.core import atomic
    target, size, chunks, unnamed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
    if not unnamed:
        atomic._open_unnamed = lambda folder, mode: None  # the named-temporary-file path
    version = 0
    while True:
        version += 1
        block = bytes([version % 251 + 1]) * (size // chunks)
        def write(handle):
            for _ in range(chunks):
                handle.write(block)
        atomic.atomic_write(target, write)
        print(f"saved {version}", flush=True)
""")


def _version_of(path: Path) -> int:
    """The version a file holds, after checking it is whole: the right size and one byte value throughout."""
    data = path.read_bytes()
    assert len(data) == SIZE, f"torn file: {len(data)} bytes instead of {SIZE}"
    first = data[0]
    assert data.count(first) == SIZE, "torn file: bytes of two versions mixed"
    return first


def _kill_mid_save(tmp_path: Path, rounds: int, unnamed: bool, seed: int) -> list[str]:
    """Kill a saving child ``rounds`` times; check the file after each; return leftover names seen."""
    target = tmp_path / "model.safetensors"
    rng = random.Random(seed)
    leftovers: list[str] = []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[1]),
                                                          os.environ.get("PYTHONPATH", "")])}
    for _ in range(rounds):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(SIZE), str(CHUNKS),
                                  "1" if unnamed else "0"], stdout=subprocess.PIPE, text=True, env=env)
        try:
            assert child.stdout is not None
            first = child.stdout.readline()  # one whole save first, so there is a previous file
            assert first.startswith("saved"), first
            time.sleep(rng.uniform(0.0, 0.25))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        rest = child.stdout.read()
        child.stdout.close()
        reported = [int(line.split()[1]) for line in [first, *rest.splitlines()] if line]
        last = reported[-1] % 251 + 1
        assert _version_of(target) in {last, last % 251 + 1}, "the file is neither the last saved version nor the next"
        leftovers += [p.name for p in tmp_path.iterdir() if p.name != target.name]
    return leftovers


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_during_saves_leaves_a_whole_file_and_no_litter(tmp_path):
    probe = atomic._open_unnamed(tmp_path, 0o600)
    if probe is None:
        pytest.skip("this file system has no unnamed temporary files (O_TMPFILE)")
    os.close(probe)
    leftovers = _kill_mid_save(tmp_path, rounds=20, unnamed=True, seed=1)
    # The data is written unnamed, so a kill mid-write leaves nothing. Only a kill in the instant between
    # naming the finished file and the replace can leave a temporary (CI once hit it in 20 rounds); it
    # carries the dead writer's pid, and the next save removes it.
    assert len(leftovers) <= 2, leftovers
    assert all(name.startswith(".model.safetensors.") and name.endswith(".tmp") for name in leftovers)
    atomic_write_bytes(tmp_path / "model.safetensors", b"x" * SIZE)
    assert [p.name for p in tmp_path.iterdir()] == ["model.safetensors"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_without_unnamed_files_a_kill_leaves_a_temp_that_the_next_save_removes(tmp_path):
    leftovers = _kill_mid_save(tmp_path, rounds=5, unnamed=False, seed=2)
    assert all(name.startswith(".model.safetensors.") and name.endswith(".tmp") for name in leftovers)
    atomic_write_bytes(tmp_path / "model.safetensors", b"x" * SIZE)
    assert [p.name for p in tmp_path.iterdir()] == ["model.safetensors"]


def test_stale_temps_of_live_processes_and_other_files_are_kept(tmp_path):
    target = tmp_path / "a.gif"
    dead_pid = _a_dead_pid()
    stale = tmp_path / f".a.gif.{dead_pid}.abc123.tmp"
    live = tmp_path / f".a.gif.{os.getppid()}.abc123.tmp"  # our parent is alive
    other = tmp_path / f".b.gif.{dead_pid}.abc123.tmp"
    mine = tmp_path / "a.gif.bak"
    for path in (stale, live, other, mine):
        path.write_bytes(b"x")
    assert remove_stale_temps(target) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (live, other, mine))


def _a_dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_both_ways_of_writing_give_the_same_file_and_mode(tmp_path, monkeypatch):
    first = atomic_write_bytes(tmp_path / "one.bin", b"abc")
    monkeypatch.setattr(atomic, "_open_unnamed", lambda folder, mode: None)
    second = atomic_write_bytes(tmp_path / "two.bin", b"abc")
    assert first.read_bytes() == second.read_bytes() == b"abc"
    assert first.stat().st_mode == second.stat().st_mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.bin", "two.bin"]


# --- a full disk -------------------------------------------------------------------------------------------

FULL_DISK = textwrap.dedent("""
    import json, subprocess, sys, tempfile
    from pathlib import Path
    folder = Path(tempfile.mkdtemp())
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], check=True)
    from diffviz.core.atomic import atomic_write_bytes
    from diffviz.core.errors import ExportError
    target = folder / "samples.gif"
    target.write_bytes(b"previous" * 1000)
    try:
        atomic_write_bytes(target, b"x" * 2**20)
        result = {"error": None}
    except ExportError as exc:
        result = {"error": str(exc)}
    result["same"] = target.read_bytes() == b"previous" * 1000
    result["names"] = sorted(p.name for p in folder.iterdir())
    print(json.dumps(result))
""")


def _in_private_mount_namespace(script: str) -> dict:
    """Run ``script`` as root of a private mount namespace (``unshare -rm``) and return its JSON line;
    skip where this system cannot make one or mount inside it."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-rm", "true"]).returncode != 0:
        pytest.skip("cannot make a private mount namespace here (unshare -rm)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run(["unshare", "-rm", sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=60)
    if done.returncode != 0 and "mount" in done.stderr:
        pytest.skip(f"cannot mount here: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout)


def test_a_full_disk_gives_a_clear_error_and_keeps_the_previous_file():
    """A real full disk: a 256 KB tmpfs in a private mount namespace (needs ``unshare``)."""
    result = _in_private_mount_namespace(FULL_DISK)
    assert result["error"] and "disk is full" in result["error"] and "samples.gif" in result["error"]
    assert result["same"]
    assert result["names"] == ["samples.gif"]


def test_a_full_disk_mid_write_is_reported_in_words(tmp_path):
    """The same, by a writer that meets ENOSPC (as the kernel reports it) after some bytes."""
    target = tmp_path / "grid.png"
    target.write_bytes(b"previous")

    def writer(handle) -> None:
        handle.write(b"some bytes")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="disk is full"):
        atomic_write(target, writer)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["grid.png"]


READ_ONLY = textwrap.dedent("""
    import json, subprocess, sys, tempfile
    from pathlib import Path
    folder = Path(tempfile.mkdtemp())
    (folder / "samples.gif").write_bytes(b"previous")
    subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], check=True)
    subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
    from diffviz.core.atomic import atomic_write_bytes
    from diffviz.core.errors import ExportError
    try:
        atomic_write_bytes(folder / "samples.gif", b"new")
        result = {"error": None}
    except ExportError as exc:
        result = {"error": str(exc)}
    result["same"] = (folder / "samples.gif").read_bytes() == b"previous"
    result["names"] = sorted(p.name for p in folder.iterdir())
    print(json.dumps(result))
""")


def test_an_unwritable_folder_gives_a_clear_error_even_for_root():
    """A read-only mount refuses root too (folder permissions do not), so this runs in CI as root."""
    result = _in_private_mount_namespace(READ_ONLY)
    assert result["error"] and "samples.gif" in result["error"] and "folder you can write to" in result["error"]
    assert result["same"] and result["names"] == ["samples.gif"]
