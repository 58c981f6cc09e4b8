"""The guided lesson's steps, as data: the course's unit 1 done with the live model, one idea per step.

Why data and not code paths through the window (Spyder's tours have the same shape): each step says
what it is about, what the app does for the learner (``prepare``), what the learner must do (``task``),
how the app knows it happened (``check``, read from the app's state, never from a widget's label), an
optional question answered *before* the answer is revealed, one sentence of what was learnt, and the
few lines of Python that do what is on screen with the live values filled in (``code``). The panel
(``lesson.panel``) shows any such list; adding a step is adding an entry here.

``check(window, begun)`` gets what ``begin(window)`` returned when the step was entered, so a step can
ask for something *new* (a sampling run after this step began, not the opening run). Texts are marked
with ``i18n.QT_TR_NOOP`` and translated where shown; the code stays Python in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from diffviz.core import i18n

Window = Any  # the main window: steps read its views and state, they never import it


@dataclass(frozen=True)
class Question:
    """Asked before the answer is shown: ``choices`` (marked texts), the index of the right one, and what the
    reveal says."""

    prompt: str
    choices: tuple[str, ...]
    answer: int
    reveal: str


@dataclass(frozen=True)
class LessonStep:
    key: str                                   # remembered in the settings (resume): never a title
    title: str
    text: str
    task: str                                  # what the learner does, in one sentence
    check: Callable[[Window, Any], bool]       # it happened (state, not labels)
    learnt: str                                # one sentence: what this step taught
    tab: str | None = None                     # the view the app opens for the step (a tab key)
    highlight: tuple[str, ...] = ()            # the widgets the step lights, as window attribute paths
    prepare: Callable[[Window], None] | None = None   # what the app does on entering the step
    begin: Callable[[Window], Any] = lambda window: None  # a snapshot ``check`` compares with
    question: Question | None = None
    code: str = ""                             # Python in the course's style, {placeholders} from ``values``
    values: Callable[[Window], dict] = lambda window: {}
    helper: "tuple[str, Callable[[Window], None]] | None" = None  # a button's marked text and what it does for
    #                                                               a learner who needs a hand with the task


def _new_run(window: Window, begun: Any) -> bool:
    """A run on the timeline newer than the one there when the step began, and nothing running."""
    return window.trajectory is not None and window.trajectory is not begun and not window.busy()


def _beta_schedule(key: str) -> str:
    """diffusers' name of the betas of the schedule ``key`` (the course's blend has none: linear stands in)."""
    from diffviz.core.processes import PROCESSES

    return getattr(PROCESSES.get(key), "beta_schedule", "linear")


def _short_training(window: Window) -> None:
    """A 15-second run: enough to watch the loss fall."""
    window.controls.minutes.setValue(0.25)


def _comparison_runs(window: Window) -> tuple[int, ...]:
    """Which runs the Compare view shows now (by identity: a new comparison brings new trajectories)."""
    return tuple(id(t) for t in window.comparison.trajectories)


def _new_comparison(window: Window, begun: tuple[int, ...]) -> bool:
    """A comparison newer than the one shown when the step began, and nothing running."""
    return bool(window.comparison.trajectories) and not window.busy() and _comparison_runs(window) != begun


def _loaded_pipeline(window: Window, begun: Any) -> bool:
    """The model on screen came from a diffusers pipeline folder opened since the step began."""
    from diffviz.core.recipes import LOADED_RECIPES

    return window.state.info is not begun and window.state.recipe_name in LOADED_RECIPES


STEPS: tuple[LessonStep, ...] = (
    LessonStep(
        key="data", tab="corruption", highlight=("corruption.clean_panel", "corruption.other_digits_button"),
        title=i18n.QT_TR_NOOP("The data: handwritten digits"),
        text=i18n.QT_TR_NOOP("The course trains on MNIST: small greyscale pictures of handwritten digits, 28 × 28 "
                             "pixels with one channel, each with a label saying which digit it is. diffviz ships "
                             "10,000 of them, so nothing needs downloading."),
        task=i18n.QT_TR_NOOP("Press Other digits to look at more of the training set."),
        begin=lambda window: window.corruption.draws(),
        check=lambda window, begun: window.corruption.draws() != begun,
        question=Question(i18n.QT_TR_NOOP("What range are the pixel values in when the model sees them?"),
                          (i18n.QT_TR_NOOP("0 to 255"), i18n.QT_TR_NOOP("0 to 1"), i18n.QT_TR_NOOP("−1 to 1")), 1,
                          i18n.QT_TR_NOOP("0 to 1: the course's ToTensor turns each byte into a number between 0 "
                                          "(black) and 1 (white). DDPM, later, rescales them to −1 to 1.")),
        learnt=i18n.QT_TR_NOOP("The training set is only pictures and their labels; the model must learn what "
                               "digits have in common."),
        code="dataset = torchvision.datasets.MNIST(root=\"mnist/\", train=True, download=True,\n"
             "                                     transform=torchvision.transforms.ToTensor())\n"
             "train_dataloader = DataLoader(dataset, batch_size={batch}, shuffle=True)\n"
             "x, y = next(iter(train_dataloader))\n"
             "print(x.shape, x.min(), x.max())  # torch.Size([{batch}, 1, 28, 28]) tensor(0.) tensor(1.)",
        values=lambda window: {"batch": window.controls.batch.value()}),
    LessonStep(
        key="corruption", tab="corruption", highlight=("corruption",),
        title=i18n.QT_TR_NOOP("Noise, by an amount"),
        text=i18n.QT_TR_NOOP("The course corrupts a digit by blending it toward noise: amount 0 keeps the digit, "
                             "amount 1 is pure noise. The model is trained to undo this."),
        task=i18n.QT_TR_NOOP("Move the amount slider past 0.8."),
        check=lambda window, begun: window.corruption.amount() > 0.8,
        question=Question(i18n.QT_TR_NOOP("At amount 0.9, how much of the digit is left in each pixel?"),
                          (i18n.QT_TR_NOOP("90 %"), i18n.QT_TR_NOOP("10 %"), i18n.QT_TR_NOOP("nothing")), 1,
                          i18n.QT_TR_NOOP("10 %: the blend keeps (1 − amount) of the digit. The model must find "
                                          "the digit in what little is left.")),
        learnt=i18n.QT_TR_NOOP("The corruption blends each image toward noise by its amount."),
        code="amount = torch.tensor([{amount:.2f}])\nnoise = torch.rand_like(x)\n"
             "noisy_x = (1 - amount) * x + amount * noise",
        values=lambda window: {"amount": window.corruption.amount()}),
    LessonStep(
        key="architecture", tab="architecture", highlight=("architecture",),
        title=i18n.QT_TR_NOOP("The model: down, up and skips"),
        text=i18n.QT_TR_NOOP("The network is a small UNet. Going down it halves the image twice to see the whole "
                             "digit; going up it doubles it back; the skip connections carry the details across."),
        task=i18n.QT_TR_NOOP("Click a layer in the drawing to see what it is."),
        begin=lambda window: window.architecture.selected(),
        check=lambda window, begun: window.architecture.selected() not in (None, begun),
        learnt=i18n.QT_TR_NOOP("A UNet sees the digit coarsely going down and paints details back going up.")),
    LessonStep(
        key="training", tab="training", highlight=("training_view", "controls.train_button"), prepare=_short_training,
        title=i18n.QT_TR_NOOP("Training, live"),
        text=i18n.QT_TR_NOOP("Each training step corrupts a batch of digits by random amounts and asks the "
                             "network for the clean digits; the loss says how far off it was. The Time limit is "
                             "set to 15 s for you."),
        task=i18n.QT_TR_NOOP("Press Train and watch the loss fall until the run ends."),
        begin=lambda window: window.model_info,
        check=lambda window, begun: window.model_info is not begun and not window.busy()
        and window.training_view.loss_point_count() > 0,
        learnt=i18n.QT_TR_NOOP("The loss falls as the network learns to find digits in noise."),
        code="noisy_x = (1 - amount) * x + amount * noise\npred = net(noisy_x)\n"
             "loss = F.mse_loss(pred, x)\nopt.zero_grad(); loss.backward(); opt.step()  # lr {lr:g}, batch {batch}",
        values=lambda window: {"lr": window.controls.lr.value(), "batch": window.controls.batch.value()}),
    LessonStep(
        key="sampling", tab="timeline", highlight=("timeline", "controls.sample_button"),
        title=i18n.QT_TR_NOOP("From noise to a digit"),
        text=i18n.QT_TR_NOOP("Sampling starts from pure noise. At each step the model predicts the clean digit "
                             "and the sampler moves the image a little toward that prediction. A model trained for "
                             "15 seconds draws blurry shapes; the button below swaps in the bundled model, trained "
                             "far longer, to compare."),
        task=i18n.QT_TR_NOOP("Press Sample."),
        begin=lambda window: window.trajectory,
        check=_new_run,
        helper=(i18n.QT_TR_NOOP("Use the bundled model"), lambda window: window.files.use_bundled()),
        learnt=i18n.QT_TR_NOOP("A digit is made in many small steps, each a guess at the clean image."),
        code="x = torch.rand(n, 1, 28, 28)\nfor i in range({steps}):\n    pred = net(x)\n"
             "    mix = 1 / ({steps} - i)\n    x = x * (1 - mix) + pred * mix",
        values=lambda window: {"steps": window.controls.steps.value()}),
    LessonStep(
        key="scrub", tab="timeline", highlight=("timeline",),
        title=i18n.QT_TR_NOOP("Step by step"),
        text=i18n.QT_TR_NOOP("The timeline keeps every step of the run: the image on the left, the model's "
                             "prediction beside it."),
        task=i18n.QT_TR_NOOP("Scrub the timeline to frame 5."),
        check=lambda window, begun: window.timeline is not None and window.timeline.frame() == 5,
        question=Question(i18n.QT_TR_NOOP("At the last step, how much of the prediction goes into the image?"),
                          (i18n.QT_TR_NOOP("a little"), i18n.QT_TR_NOOP("half"), i18n.QT_TR_NOOP("all of it")), 2,
                          i18n.QT_TR_NOOP("All of it: mix = 1/(n − i) is 1 at the last step, so the image becomes "
                                          "the prediction. That is why the last step jumps.")),
        learnt=i18n.QT_TR_NOOP("Early steps decide the shape; the mix grows until the last step takes the "
                               "prediction whole.")),
    LessonStep(
        key="inspector", tab="inspector", highlight=("inspector",),
        title=i18n.QT_TR_NOOP("What the layers see"),
        text=i18n.QT_TR_NOOP("The inspector shows the feature maps each layer made at the frame on the timeline: "
                             "edges and strokes near the input, blobs deep down."),
        task=i18n.QT_TR_NOOP("Choose another layer in the list."),
        begin=lambda window: window.inspector.layer(),
        check=lambda window, begun: window.inspector.layer() not in (None, begun),
        learnt=i18n.QT_TR_NOOP("Every layer turns the image into many maps; deeper ones are coarser and more "
                               "abstract.")),
)

STEPS += (
    LessonStep(
        key="unet2d", tab="compare", highlight=("comparison",),
        prepare=lambda window: window.comparison.apply_preset("unet2d"),
        title=i18n.QT_TR_NOOP("The course's comparison: UNet2DModel"),
        text=i18n.QT_TR_NOOP("The course then swaps its small BasicUNet for diffusers' UNet2DModel, a larger UNet "
                             "with attention, and trains it the same way. Both bundled models start here from the "
                             "same noise."),
        task=i18n.QT_TR_NOOP("Press Run comparison."),
        begin=_comparison_runs,
        check=_new_comparison,
        question=Question(i18n.QT_TR_NOOP("UNet2DModel has about 1.7 million parameters, BasicUNet about 0.3 "
                                          "million. Which draws clearer digits?"),
                          (i18n.QT_TR_NOOP("BasicUNet"), i18n.QT_TR_NOOP("UNet2DModel"),
                           i18n.QT_TR_NOOP("no difference")), 1,
                          i18n.QT_TR_NOOP("UNet2DModel: more channels, attention and two layers per block learn "
                                          "the strokes better, for many times the computation per step.")),
        learnt=i18n.QT_TR_NOOP("A bigger network learns the same task better, at a price in time."),
        code="net = UNet2DModel(sample_size=28, in_channels=1, out_channels=1, layers_per_block=2,\n"
             "                  block_out_channels=(32, 64, 64),\n"
             "                  down_block_types=(\"DownBlock2D\", \"AttnDownBlock2D\", \"AttnDownBlock2D\"),\n"
             "                  up_block_types=(\"AttnUpBlock2D\", \"AttnUpBlock2D\", \"UpBlock2D\"))\n"
             "pred = net(noisy_x, 0).sample  # timestep 0: the course's corruption does not tell it"),
    LessonStep(
        key="schedule", tab="schedule", highlight=("schedule",),
        title=i18n.QT_TR_NOOP("The course's comparison: DDPM's schedules"),
        text=i18n.QT_TR_NOOP("The course goes on to DDPM, which adds noise by a schedule of timesteps instead of "
                             "one straight blend. The plot shows how much of the digit is kept at each timestep."),
        task=i18n.QT_TR_NOOP("Choose another noise schedule in the box."),
        begin=lambda window: window.schedule.schedule.currentData(),
        check=lambda window, begun: window.schedule.schedule.currentData() != begun,
        learnt=i18n.QT_TR_NOOP("A noise schedule says how much signal is left at each timestep; the course's "
                               "falls in a straight line, DDPM's along a curve."),
        code="scheduler = DDPMScheduler(num_train_timesteps=1000, beta_schedule=\"{schedule}\")\n"
             "alpha_bar = scheduler.alphas_cumprod          # the share of the digit kept at each timestep\n"
             "t = torch.randint(0, 1000, (x.shape[0],))\n"
             "noisy_x = scheduler.add_noise(x, noise, t)    # = sqrt(alpha_bar[t]) * x + sqrt(1 - alpha_bar[t]) * noise",
        values=lambda window: {"schedule": _beta_schedule(window.schedule.schedule.currentData())}),
    LessonStep(
        key="compare", tab="compare", highlight=("comparison",), prepare=lambda window: window.comparison
        .apply_preset("samplers"),
        title=i18n.QT_TR_NOOP("Samplers at equal model calls"),
        text=i18n.QT_TR_NOOP("Every column starts from the same noise. The rows are filled with every sampler of "
                             "this model, each given the same number of model calls, so the comparison is fair."),
        task=i18n.QT_TR_NOOP("Press Run comparison."),
        begin=_comparison_runs,
        check=_new_comparison,
        learnt=i18n.QT_TR_NOOP("With the same budget of model calls, a better sampler draws cleaner digits."),
        code="t = torch.linspace(1, 0, steps + 1)            # the noise level, from pure noise to none\n"
             "for i in range(steps):\n"
             "    d = (x - net(x, t[i])) / t[i]              # the direction away from the model's clean guess\n"
             "    x_next = x + (t[i + 1] - t[i]) * d         # Euler (the course's mix): one look per step\n"
             "    if t[i + 1] > 0:                           # Heun: look again where Euler lands, and average\n"
             "        d_next = (x_next - net(x_next, t[i + 1])) / t[i + 1]\n"
             "        x_next = x + (t[i + 1] - t[i]) * (d + d_next) / 2\n"
             "    x = x_next"),
    LessonStep(
        key="edit", tab="edit", highlight=("edit_view",),
        title=i18n.QT_TR_NOOP("Repair and edit"),
        text=i18n.QT_TR_NOOP("The same model can start from your own image instead of pure noise: noise it part of "
                             "the way and denoise it back (SDEdit), or fill a hole by regenerating only the masked "
                             "pixels (RePaint)."),
        task=i18n.QT_TR_NOOP("Draw a rough digit (or take a real one) and press Run."),
        begin=lambda window: window.trajectory,
        check=lambda window, begun: _new_run(window, begun) and window.trajectory.edit is not None,
        learnt=i18n.QT_TR_NOOP("Denoising from a partly noised image keeps its rough shape and redraws the "
                               "details."),
        code="x = torch.rand_like(image)                    # RePaint starts from noise\n"
             "for i in range({steps}):\n"
             "    pred = net(x)\n"
             "    mix = 1 / ({steps} - i)\n"
             "    x = x * (1 - mix) + pred * mix             # one step of the course's sampler\n"
             "    amount = 1 - (i + 1) / {steps}               # the noise left after this step\n"
             "    kept = (1 - amount) * image + amount * torch.rand_like(image)\n"
             "    x = mask * x + (1 - mask) * kept           # keep your pixels, noised to the same amount",
        values=lambda window: {"steps": window.edit_view.steps_spin.value()}),
    LessonStep(
        key="lab2d", tab="lab2d", highlight=("views.lab2d_view",),
        title=i18n.QT_TR_NOOP("The field in two dimensions"),
        text=i18n.QT_TR_NOOP("In two dimensions each training example is a dot, and denoising is a field of arrows. "
                             "The perfect denoiser knows every training point and predicts their weighted average."),
        task=i18n.QT_TR_NOOP("Press Run both samplers and watch the particles move."),
        begin=lambda window: window.views.lab2d_view.run,
        check=lambda window, begun: window.views.lab2d_view.run is not None
        and window.views.lab2d_view.run is not begun and not window.busy(),
        question=Question(i18n.QT_TR_NOOP("Where will the perfect denoiser's particles end up?"),
                          (i18n.QT_TR_NOOP("spread evenly over the plane"), i18n.QT_TR_NOOP("on new points near the data"),
                           i18n.QT_TR_NOOP("exactly on training points")), 2,
                          i18n.QT_TR_NOOP("Exactly on training points: the best denoiser of a finite data set "
                                          "reproduces it. A trained network generalises because it is not perfect.")),
        learnt=i18n.QT_TR_NOOP("A perfect denoiser only memorises; a network's smoothness is what makes new "
                               "samples."),
        code="# data: (M, 2) training points; x: (N, 2) particles at noise level t\n"
             "d2 = torch.cdist(x, (1 - t) * data) ** 2           # how far x is from each point, scaled down\n"
             "weights = torch.softmax(-d2 / (2 * t ** 2), dim=1)   # how likely each point is to have made x\n"
             "clean = weights @ data                               # the perfect denoiser: their weighted mean"),
    LessonStep(
        key="pipeline", tab="architecture", highlight=("menuBar", "architecture"),
        title=i18n.QT_TR_NOOP("Your own pipeline folder"),
        text=i18n.QT_TR_NOOP("diffusers saves a model and its scheduler as a folder: model_index.json, unet/ and "
                             "scheduler/. diffviz opens such folders, the course's or your own, and shows them in "
                             "every view. No folder of your own? The button below writes the bundled DDPM "
                             "UNet2DModel as one."),
        task=i18n.QT_TR_NOOP("Open a pipeline folder with File → Open pipeline folder…"),
        begin=lambda window: window.state.info,
        check=_loaded_pipeline,
        helper=(i18n.QT_TR_NOOP("Write the bundled DDPM model as a folder…"),
                lambda window: window.files.write_bundled_pipeline()),
        learnt=i18n.QT_TR_NOOP("A pipeline folder is a model and its scheduler; the same views show any of them."),
        code="from diffusers import DDPMPipeline\n"
             "pipe = DDPMPipeline.from_pretrained(\"{folder}\")\n"
             "images = pipe(batch_size=8, num_inference_steps=40).images",
        values=lambda window: {"folder": window.state.source if _loaded_pipeline(window, None)
                               else "ddpm-unet2d-pipeline"}),
)

STEP_KEYS = tuple(step.key for step in STEPS)
