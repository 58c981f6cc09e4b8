"""``diffviz bench startup``: seconds from launch to the main window, to the first frame playing and to the
engine being ready, median of 5 launches.

Each launch is a fresh process (``python -m diffviz``) with a fresh profile (its own settings and data
folders, so every launch is a first launch) on a real display: ``$DISPLAY`` if set, else an Xvfb this
benchmark starts, else it says so and exits 2 (the offscreen platform paints nothing, so it would not
measure the window). The app reports its moments itself (``ui.app.StartupReport``: JSON lines in the
file named by ``DIFFVIZ_STARTUP_REPORT``) and quits once all three have happened; the clock starts just
before the process is launched, so interpreter start-up counts.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

LAUNCHES = 5
LAUNCH_TIMEOUT = 120.0  # seconds: a launch that takes longer is reported as failed
ROWS = (("window", "main window shown"), ("moving", "first frame playing"), ("engine", "engine ready"))
TARGETS = {"window": 1.5, "moving": 3.0}  # issue 12's "done when"


@contextmanager
def display() -> Iterator[str | None]:
    """``$DISPLAY``, or a private Xvfb started for the benchmark (None when neither is available)."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    if shutil.which("Xvfb") is None:
        yield None
        return
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                  and not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                yield None
                return
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def launch_once(command: Sequence[str], display_name: str) -> dict[str, float]:
    """Launch ``command`` once with a fresh profile; the seconds from launch to each reported moment."""
    with tempfile.TemporaryDirectory(prefix="diffviz-startup-") as folder:
        report = Path(folder) / "report.jsonl"
        env = dict(os.environ, DISPLAY=display_name, QT_QPA_PLATFORM="xcb", DIFFVIZ_STARTUP_REPORT=str(report),
                   DIFFVIZ_STARTUP_QUIT="1", XDG_CONFIG_HOME=str(Path(folder) / "config"),
                   XDG_DATA_HOME=str(Path(folder) / "data"), XDG_CACHE_HOME=str(Path(folder) / "cache"))
        start = time.time()
        try:
            subprocess.run(list(command), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=LAUNCH_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            pass  # what it reported before the timeout still counts
        moments: dict[str, float] = {}
        if report.is_file():
            for line in report.read_text(encoding="utf-8").splitlines():
                event = json.loads(line)
                moments[event["event"]] = event["time"] - start
        return moments


def measure(command: Sequence[str], display_name: str, launches: int = LAUNCHES) -> list[dict[str, float]]:
    runs = []
    for i in range(launches):
        moments = launch_once(command, display_name)
        runs.append(moments)
        shown = "  ".join(f"{key} {moments[key]:.2f} s" for key, _ in ROWS if key in moments)
        print(f"  launch {i + 1}/{launches}: {shown or 'reported nothing'}", flush=True)
    return runs


def print_table(runs: list[dict[str, float]]) -> None:
    print(f"{'seconds from launch':<24}{'median':>8}{'min':>8}{'max':>8}   target")
    for key, label in ROWS:
        values = [run[key] for run in runs if key in run]
        if not values:
            print(f"{label:<24}{'—':>8}   (never reported)")
            continue
        target = f"≤ {TARGETS[key]:g} s" if key in TARGETS else ""
        missing = f"  ({len(runs) - len(values)} launches never got there)" if len(values) < len(runs) else ""
        print(f"{label:<24}{statistics.median(values):>8.2f}{min(values):>8.2f}{max(values):>8.2f}   {target}{missing}")


def run(launches: int = LAUNCHES) -> int:
    with display() as display_name:
        if display_name is None:
            print("diffviz bench startup needs a display: set DISPLAY, or install Xvfb (Debian: apt install xvfb) "
                  "and it starts one itself.", file=sys.stderr)
            return 2
        command = [sys.executable, "-m", "diffviz"]
        print(f"diffviz bench startup: {launches} launches of `{' '.join(command)}` on display {display_name}, "
              "each with a fresh profile", flush=True)
        print_table(measure(command, display_name, launches))
    return 0
