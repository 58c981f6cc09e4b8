"""The app in a real X window (Xvfb): launch, train briefly, sample, scrub, export, screenshot each view."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.xvfb, pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")]


@pytest.fixture
def xvfb_display():
    for number in range(90, 110):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.skip("Xvfb did not start")
        time.sleep(0.05)
    yield f":{number}"
    proc.terminate()
    proc.wait(10)


def test_tour_in_a_real_window(xvfb_display, tmp_path):
    env = dict(os.environ, DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "ui" / "real_window_tour.py"), str(tmp_path), "0.2"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=400)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "QThread: Destroyed" not in proc.stderr
    for name in ("training", "timeline", "inspector", "architecture", "corruption", "schedule", "comparison",
                 "edit_sdedit", "edit_inpaint", "edit_inpaint_timeline", "edit_interpolate", "edit_invert"):
        with Image.open(tmp_path / f"{name}.png") as shot:
            pixels = np.asarray(shot.convert("L"), dtype=np.float32)
            assert shot.width >= 1200 and shot.height >= 800
            assert pixels.std() > 10, f"{name} screenshot looks blank"
    with Image.open(tmp_path / "denoising.gif") as gif:
        assert gif.n_frames == 41


def test_the_app_opens_alive_and_reports_its_start_up(xvfb_display):
    """``diffviz`` itself, as ``diffviz bench startup`` launches it: the window paints, the opening run moves
    before the engine is ready, the engine gets ready, and the app quits on its own when asked."""
    from diffviz.bench.startup import launch_once

    moments = launch_once([sys.executable, "-m", "diffviz"], xvfb_display)
    assert set(moments) == {"window", "moving", "engine"}, moments
    assert moments["window"] < moments["engine"] and moments["moving"] < moments["engine"], moments
