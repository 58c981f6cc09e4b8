"""What the 2-D lab offers a learner to choose between, and the words that explain it, apart from the widgets.

Why a module of its own: the view's choices are objects with keys (what predicts in a run, what the Run button
asks for), and its explanations are whole paragraphs; the controller and the tests use the choices too, and the
texts are read and translated apart from the code that lays the widgets out. They are made at import, before a
language is loaded, so they are marked here (``i18n.QT_TR_NOOP``) and the view translates them where it shows them
(``i18n.tr(choice.title)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from diffviz.core import i18n


@dataclass(frozen=True)
class ModelChoice:
    """What predicts in a run: the trained MLP, or the perfect denoiser of the data set (no training)."""

    key: str
    title: str
    short: str        # the planes' titles
    explanation: str


MODELS = {choice.key: choice for choice in (
    ModelChoice("perfect", i18n.QT_TR_NOOP("perfect denoiser (exact, no training)"),
                i18n.QT_TR_NOOP("perfect denoiser"),
                i18n.QT_TR_NOOP("<b>The perfect denoiser</b> knows every training point and predicts the best "
                                "possible clean point: the average of the training points, each weighted by how "
                                "likely it is to have become this noisy point. Its samples land <i>on</i> training "
                                "points: the best possible model of a finite data set only copies it. That is "
                                "memorisation.")),
    ModelChoice("trained", i18n.QT_TR_NOOP("trained MLP"), i18n.QT_TR_NOOP("trained MLP"),
                i18n.QT_TR_NOOP("<b>The trained MLP</b> learnt the field from the data by the same training loop as "
                                "the image models. It cannot represent the perfect denoiser exactly, so its samples "
                                "land near the data and <i>between</i> training points: it draws new points of the "
                                "same shape. That is generalising.")),
)}
DEFAULT_MODEL = "perfect"

EXPLANATION = i18n.QT_TR_NOOP("""
<p><b>Dots</b>: particles, each one sample. They start as noise (frame 0) and a sampler moves them step by step
toward the data (grey). <b>Arrows</b>: what the model predicts at every point of the plane <i>at this step's noise
level</i>; the arrows are scaled to be readable, not to length.</p>
<p><b>Why the cloud contracts onto the data</b>: at every step, each particle moves part of the way toward the
model's guess of its clean point. With much noise the guess is near the middle of the data for everyone; as the
noise falls, the guesses split toward the nearest part of the data, and so do the particles.</p>
<p><b>Left and right start from the same noise.</b> A deterministic sampler (DDIM, the course's Euler step, Heun)
follows the arrows exactly: its paths are smooth and never cross. DDPM adds a little fresh noise at every step:
its paths wiggle, yet land on the data too, because each step's guess pulls them back.</p>
<p><b>Forward process</b>: the data noised to this step's level, as training sees it. Slide from the result back to
frame 0 and watch the data dissolve into the noise the samplers start from.</p>
<p>Click a particle to follow its path alone; click empty space to stop following.</p>
""")


DIGITS_TIP = i18n.QT_TR_NOOP("The run on the Timeline, each digit drawn as a dot: its shadow on the plane where the "
                             "bundled digits vary most (their first two principal components). Watch the cloud of "
                             "noisy digits contract onto the digits' dots, as the points do. Sample on the Timeline, "
                             "then choose this again to see the new run.")


DIGITS_NOTE = i18n.QT_TR_NOOP("<b>Digits in the plane</b>: each dot is a whole 28x28 image, drawn where it falls on "
                              "the plane in which the bundled digits vary most. Left: the run's images at this step; "
                              "right: the model's guess of the clean images. The noisy cloud contracts onto the "
                              "digits' dots as the points' cloud does onto the moons. A plane shows only a shadow: "
                              "two of 784 directions.")


@dataclass
class RunRequest:
    """What the Run button asks for."""

    samplers: tuple[str, str]
    steps: int
    particles: int
    seed: int
    model: str
