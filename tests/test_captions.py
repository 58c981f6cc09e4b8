"""A Trajectory is plain data; its words come from core.captions, which lets each sampler, an edit or a
recording speak for its frames."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from diffviz.core.captions import request_text, status_text, step_label
from diffviz.core.trajectory import Trajectory


def _run(steps: int = 4, **fields) -> Trajectory:
    shape = (steps + 1, 2, 1, 28, 28)
    return Trajectory(xs=np.zeros(shape, np.float32), preds=np.zeros(shape, np.float32),
                      mix=1.0 / (steps - np.arange(steps)), **fields)


def test_the_record_needs_neither_the_samplers_nor_torch():
    code = ("import sys; from diffviz.core import trajectory, captions; "
            "sys.exit(int(any(m in sys.modules for m in ('torch', 'diffviz.core.samplers'))))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
    assert not any(hasattr(Trajectory, name) for name in ("step_label", "request_text", "status_text"))


def test_the_sampler_captions_its_steps_and_a_recording_keeps_the_captions_it_was_drawn_with():
    run = _run()
    assert step_label(run, 1).startswith("step 2/4") and "result" in step_label(run, 4)
    recorded = _run(captions=("a", "b", "c", "d", "e"))
    assert [step_label(recorded, i) for i in range(5)] == ["a", "b", "c", "d", "e"]


def test_status_and_request_say_where_a_run_stands_and_what_it_was_asked():
    growing = _run(frames_made=2)
    assert status_text(growing) == "computing… 2 of 5 frames"
    stopped = _run().stopped_at(3)
    assert status_text(stopped) == step_label(stopped, 2) == "stopped after step 2/4"
    assert status_text(_run()) == "" and request_text(_run()) == ""
    assert request_text(_run(labels=np.array([7, 7]), guidance=2.0)).startswith("digit 7 · guidance 2")
