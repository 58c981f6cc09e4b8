"""The opening run: 16 digits drawn from noise in 20 steps, playing in the timeline as the app opens.

Why: someone who opens the app should see the model at work before clicking anything (issue 12:
something moving within 3 s of launch). Drawing needs the engine, and on the project's 2-core
machine importing torch alone costs about 3 s of CPU and 16 digits × 20 steps another 2–4 s, so
for the bundled model the run is *recorded*: ``resources/opening/<checkpoint name>.npz`` holds its
frames as the timeline shows them (uint8 greys: the panels clip to [0, 1] anyway), each frame's
caption and each step's change, measured when it was drawn, and the SHA-256 of the checkpoint that
drew it. ``load_recording`` reads it with numpy alone, so it plays from the window's first second
while torch loads. A recording whose checkpoint hash does not match the file being opened, or
whose sampler and guidance are no longer its recipe's (``core.recipe_facts``), is ignored; the
window then draws the run live once the engine is ready (as it does for a checkpoint given on
the command line).

``record`` writes the file (``python -m diffviz.ui.window.opening_run``, after the bundled model changes);
tests/ui/test_startup.py checks that the shipped recording is what the bundled model draws today.
The run itself: the recipe's own sampler and guidance, digits 0 to 9 in turn, seed 0, never the
controls' values (they are the user's). ``OpeningRun`` decides what plays and when, and says so
in the status line; the window decides where it is shown.

Why also for a checkpoint given on the command line: the first thing one wants of a checkpoint is
what it draws, and drawing it is a background job with a progress bar and Cancel like any other.
Not for an untrained model (the fallback when a checkpoint does not open): noise in, noise out,
and the error box says what happened.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping, Protocol

import numpy as np
from PySide6.QtCore import QCoreApplication

from diffviz.core import i18n
from diffviz.core.captions import step_label
from diffviz.core.export import to_uint8
from diffviz.core.paths import bundled_checkpoint_path, resources_dir
from diffviz.core.recipe_facts import RECIPE_FACTS
from diffviz.core.trajectory import Trajectory
from diffviz.ui.language import ENGLISH, LANGUAGES, Language, current_language, load_language
from diffviz.ui.window.actions import shortcut_text

if TYPE_CHECKING:
    from torch import nn

    from diffviz.core.recipes import Recipe
    from diffviz.ui.window.app_state import AppState
    from diffviz.ui.window.status import Reporter


@dataclass(frozen=True)
class OpeningSettings:
    """How many digits, how many steps, which starting noise."""

    n: int = 16
    steps: int = 20
    seed: int = 0



OPENING = OpeningSettings()


@dataclass
class RecordedTrajectory(Trajectory):
    """A Trajectory read back from a recording. It carries the captions and per-step changes measured when
    it was drawn (its ``xs`` are the clipped greys shown), so showing it needs neither a sampler nor torch."""

    changes: np.ndarray | None = None

    def change_per_step(self, start: int = 0, stop: int | None = None) -> np.ndarray:
        if self.changes is None:
            return super().change_per_step(start, stop)
        stop = self.frames_made if stop is None else min(int(stop), self.frames_made)
        return self.changes[start:max(stop - 1, start)]  # step i moves frame i to frame i + 1


class StartSampling(Protocol):
    """Sample the model on screen in a worker (``window.sampling.Sampling.run``); False if one runs."""

    def __call__(self, n: int, steps: int, seed: int, sampler: str, class_choice: Mapping[str, object],
                 on_done: Callable[[Trajectory | None], None]) -> bool: ...


class OpeningRun:
    """Plays the opening run: the recording from the start (``play_recording``), or, once the engine is
    ready and nothing else was asked for, the run drawn live (``engine_ready``). ``show`` puts the timeline
    in front and plays it (the window knows its tabs)."""

    def __init__(self, state: AppState, report: Reporter, show: Callable[[], None], sample: StartSampling) -> None:
        self._state = state
        self._report = report
        self._show = show
        self._sample = sample
        self.shows: str | None = None  # what plays, in words (in the language shown), once it does

    @property
    def recorded(self) -> bool:
        """The timeline holds the opening run's recording (not a run drawn in this session)."""
        return isinstance(self._state.trajectory, RecordedTrajectory)

    def play_recording(self, checkpoint: Path) -> bool:
        """Play ``checkpoint``'s recording, if it has one (the bundled model); needs no torch."""
        recording = load_recording(checkpoint)
        if recording is None:
            return False
        self._play(recording, i18n.tr("the bundled model drawing {count} digits from noise in {steps} steps "
                                      "(recorded with it)").format(count=OPENING.n, steps=OPENING.steps))
        self._report.set_status(i18n.tr("The timeline shows {what}. Loading the engine: Train and Sample wait for it.")
                                .format(what=self.shows))
        return True

    def engine_ready(self) -> None:
        """The engine is ready and nothing was asked for meanwhile: say what plays, or draw the run now."""
        if self.shows is not None:
            self._report.set_status(i18n.tr("Ready. The timeline shows {what}: Sample ({sample}) draws new digits, "
                                            "Train ({train}) trains a fresh model.")
                                    .format(what=self.shows, sample=shortcut_text("run.sample"),
                                            train=shortcut_text("run.train")))
        elif self._state.trajectory is None:
            recipe = self._state.recipe
            # the guidance its recipe gives a model of this age (core.guidance), never the controls' value
            choice = {"guidance": recipe.sampling_scale(self._state.training_images)}
            if self._sample(OPENING.n, OPENING.steps, OPENING.seed, recipe.sampler, choice, on_done=self._drawn):
                self._report.set_status(i18n.tr("Drawing {count} digits from noise in {steps} steps with {model}, "
                                                "to show what it has learnt…")
                                        .format(count=OPENING.n, steps=OPENING.steps, model=self._state.title))

    def _drawn(self, trajectory: Trajectory | None) -> None:
        if trajectory is None:
            self._report.set_status(i18n.tr("Sampling stopped"))
            return
        self._play(trajectory, i18n.tr("{model} drawing {count} digits from noise in {steps} steps")
                   .format(model=self._state.title, count=OPENING.n, steps=OPENING.steps))
        self._report.set_status(i18n.tr("The timeline shows {what}: scrub with ←/→, Space plays; Sample ({sample}) "
                                        "draws more.").format(what=self.shows, sample=shortcut_text("run.sample")))

    def _play(self, trajectory: Trajectory, shows: str) -> None:
        self.shows = shows
        self._state.set_trajectory(trajectory)
        self._show()


def recording_path(checkpoint: Path) -> Path:
    return resources_dir() / "opening" / f"{checkpoint.stem}.npz"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_recording(checkpoint: Path) -> RecordedTrajectory | None:
    """The recorded opening run of ``checkpoint``; None when there is none, it is unreadable, it was drawn
    by another file (the hash differs) or its recipe now draws otherwise. Numpy only: safe to call before
    torch is imported."""
    path = recording_path(checkpoint)
    try:
        with np.load(path, allow_pickle=False) as saved:
            if str(saved["checkpoint_sha256"]) != file_digest(checkpoint):
                return None
            labels = saved["labels"]
            recording = RecordedTrajectory(
                xs=saved["xs"].astype(np.float32) / 255.0, preds=saved["preds"].astype(np.float32) / 255.0,
                mix=saved["mix"], seed=int(saved["seed"]), sampler=str(saved["sampler"]), recipe=str(saved["recipe"]),
                levels=saved["levels"], conditions=saved["conditions"], labels=labels if labels.size else None,
                guidance=float(saved["guidance"]),
                guidance_interval=tuple(float(g) for g in saved["guidance_interval"]),
                captions=tuple(str(c) for c in saved[_captions_key(saved.files)]), changes=saved["changes"])
    except (OSError, KeyError, ValueError):
        return None
    facts = RECIPE_FACTS.get(recording.recipe)
    if facts is None or (recording.sampler, recording.guidance, recording.guidance_interval) != (
            facts.sampler, facts.guidance if facts.classes else 1.0, facts.guidance_interval):
        return None
    return recording


def draw(model: nn.Module, recipe: Recipe, settings: OpeningSettings = OPENING) -> Trajectory:
    """The opening run itself, drawn now (torch; fp32 so that every machine draws the same)."""
    from diffviz.core.sampling import sample

    trajectory = sample(model, settings.n, settings.steps, settings.seed, recipe=recipe, sampler=recipe.sampler)
    assert trajectory is not None  # nothing can cancel it
    return trajectory


def record(checkpoint: Path, out: Path | None = None) -> Path:
    """Draw ``checkpoint``'s opening run and write its recording (by default where ``load_recording`` looks)."""
    from diffviz.core.checkpoints import load_checkpoint
    from diffviz.core.recipes import get_recipe

    model, info = load_checkpoint(checkpoint)
    trajectory = draw(model, get_recipe(info.recipe))
    out = out or recording_path(checkpoint)
    out.parent.mkdir(parents=True, exist_ok=True)
    labels = trajectory.labels if trajectory.labels is not None else np.zeros(0, dtype=np.int64)
    np.savez_compressed(
        out, xs=to_uint8(trajectory.xs), preds=to_uint8(trajectory.preds), mix=trajectory.mix,
        levels=trajectory.levels, conditions=trajectory.conditions, labels=labels, seed=trajectory.seed,
        sampler=trajectory.sampler, recipe=trajectory.recipe, guidance=trajectory.guidance,
        guidance_interval=np.asarray(trajectory.guidance_interval, dtype=np.float64),
        changes=trajectory.change_per_step(), checkpoint_sha256=file_digest(checkpoint), **_captions(trajectory))
    return out


def _captions_name(language: Language) -> str:
    """Where a recording keeps its captions in ``language``: English in ``captions``, others ``captions_<code>``."""
    return "captions" if language is ENGLISH else f"captions_{language.code}"


def _captions_key(keys: list[str]) -> str:
    """The captions in the language shown (recorded per language: ``record``), else the English ones."""
    key = _captions_name(current_language())
    return key if key in keys else _captions_name(ENGLISH)


def _captions(trajectory: Trajectory) -> dict[str, np.ndarray]:
    """Each frame's caption in every language, made now: playing the recording must not import the samplers
    (torch) to say them. English is ``captions``, another language ``captions_<code>``."""
    app = QCoreApplication.instance() or QCoreApplication([])  # the translators need one
    shown = current_language()
    captions = {}
    try:
        for language in LANGUAGES.values():
            load_language(language)
            captions[_captions_name(language)] = np.array([step_label(trajectory, i) for i in range(trajectory.n_frames)])
    finally:
        load_language(shown)
    del app  # held until the translators are done with
    return captions


if __name__ == "__main__":
    print(record(Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_checkpoint_path()))
