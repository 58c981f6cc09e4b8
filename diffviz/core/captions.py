"""What a run's frames are called on screen and in exports: one place for every caption of a ``Trajectory``.

Why apart from the record: a ``Trajectory`` is plain data (arrays and what asked for them), read by the
timeline, the inspector, the Compare view and every export. Its words belong to those who made it: each sampler
captions its own steps (``Sampler.caption``), an edit its own (``EditRecord.caption``), and this module decides
which speaks for a frame, so the record needs neither the samplers (nor torch) nor a translation of its own, and
the words have one place to be translated. A run read back from a recording carries the captions it was drawn
with (``Trajectory.captions``) and is shown with those.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from diffviz.core import i18n
from diffviz.core.trajectory import Trajectory


def status_text(trajectory: Trajectory) -> str:
    """Where the recording stands, for people: ``computing… 13 of 41 frames``, ``stopped after step 12/40``, or
    empty for a finished run."""
    if trajectory.growing:
        return i18n.tr("computing… {made} of {total} frames").format(made=trajectory.frames_made,
                                                                     total=trajectory.n_frames)
    if trajectory.stopped:
        return i18n.tr("stopped after step {step}/{steps}").format(step=trajectory.n_steps,
                                                                    steps=trajectory.planned_steps)
    return ""


def request_text(trajectory: Trajectory) -> str:
    """What the run was asked, e.g. ``digit 7 · guidance 2``, or for an edit ``Inpaint (RePaint): strength 1 ·
    digit 7 · guidance 2``; empty for a plain run of a model not told the class."""
    from diffviz.core.guidance import Guidance  # torch-free

    parts = [trajectory.edit.headline()] if trajectory.edit is not None else []
    if trajectory.labels is not None:
        digits = sorted(set(trajectory.labels.tolist()))
        if trajectory.edit is not None and trajectory.edit.read is not None:
            pass  # the headline says which digit the model read
        elif len(digits) == 1:
            parts.append(i18n.tr("digit {digit}").format(digit=digits[0]))
        elif np.array_equal(trajectory.labels, np.arange(len(trajectory.labels)) % 10):
            parts.append(i18n.tr("digits 0 to 9 in turn"))
        else:
            parts.append(i18n.tr("a digit per image"))
        parts.append(Guidance(trajectory.guidance, tuple(trajectory.guidance_interval)).text())
    return " · ".join(parts)


def step_label(trajectory: Trajectory, frame: int) -> str:
    """A short caption for a frame in the sampler's own words, e.g. ``step 3/40 · mix 1/38 = 0.026``; an edit's
    frames in the edit's; a stopped run's last frame says ``stopped after step 12/40``; a recorded run's, the
    captions it was drawn with."""
    if trajectory.captions is not None:
        return trajectory.captions[frame]
    from diffviz.core.samplers import get_sampler  # the samplers need torch; the record does not

    if trajectory.edit is not None:
        own = trajectory.edit.caption(trajectory, frame)
        if own:
            return own
    if not trajectory.stopped:
        return get_sampler(trajectory.sampler).caption(trajectory, frame)
    if frame >= trajectory.n_steps:
        return status_text(trajectory)
    # The sampler counts steps from n_steps: show it the run as planned (the steps not made are NaN).
    planned = np.concatenate([trajectory.mix, np.full(trajectory.planned_steps - trajectory.n_steps, np.nan)])
    return get_sampler(trajectory.sampler).caption(replace(trajectory, mix=planned, planned_steps=None), frame)
