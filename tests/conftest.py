"""Shared test setup: headless Qt, small fixtures, and a guard against threads left running."""

from __future__ import annotations

import os
import tempfile
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The window speaks English whatever the developer's own language (ui.language follows the system's): tests compare
# English texts, and the translation tests load the language they test.
os.environ["LC_ALL"] = "C.UTF-8"
# precision verdicts (core.precision) are remembered here, never in the developer's own cache
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="diffviz-test-cache-")
# auto's verdict is named, never measured, so no result depends on the processor the suite happens to run on
# (core.precision.FORCE_VARIABLE). fp32 is what auto keeps on a processor without bf16 hardware; a developer can
# run the whole suite as a bf16 machine would with DIFFVIZ_AUTO_PRECISION=bf16-cl pytest. Tests that compare
# numbers made through auto take the auto_verdict fixture and run both ways on every machine.
os.environ.setdefault("DIFFVIZ_AUTO_PRECISION", "fp32")
AUTO_VERDICTS = ("fp32", "bf16-cl")  # auto's verdict without bf16 hardware, and with it

import pytest  # noqa: E402


@pytest.fixture(params=AUTO_VERDICTS)
def auto_verdict(request, monkeypatch):
    """The test runs once as on a machine where auto keeps fp32 and once as on one where it picks bf16 autocast +
    channels_last (bf16 runs on every x86 processor, only slower without the hardware): what it compares must
    hold at the precision a run reports, whichever machine runs the suite. Gives that ``Precision``."""
    from diffviz.core.precision import FORCE_VARIABLE, PRECISIONS

    monkeypatch.setenv(FORCE_VARIABLE, request.param)
    return PRECISIONS[request.param]


@pytest.fixture
def measured_auto(monkeypatch):
    """auto measures again, as it does for a user: for the tests of the measurement itself."""
    from diffviz.core.precision import FORCE_VARIABLE

    monkeypatch.delenv(FORCE_VARIABLE, raising=False)


@pytest.fixture(scope="session")
def bundled_data():
    from diffviz.core.data import load_bundled

    return load_bundled()


@pytest.fixture
def small_data(bundled_data):
    """512 real digits: enough for a loss to fall within seconds."""
    from diffviz.core.data import DigitData

    return DigitData(bundled_data.images[:512].clone(), bundled_data.labels[:512].clone(), "small")


@pytest.fixture
def train_a_few_steps(bundled_data):
    """``train(recipe_name, steps, batch=16) -> (trainer, reports)``: a fresh model trained on 200 digits
    of every class, seeded, stopped after ``steps`` steps."""
    import torch

    from diffviz.core.data import DigitData
    from diffviz.core.recipes import get_recipe
    from diffviz.core.training import TrainConfig, Trainer

    every = torch.arange(0, len(bundled_data), 50)  # the bundled digits are sorted by class
    data = DigitData(bundled_data.images[every], bundled_data.labels[every], "mixed")

    def train(name: str, steps: int, batch: int = 16):
        recipe = get_recipe(name)
        torch.manual_seed(0)
        trainer = Trainer(recipe.make_model(), data,
                          TrainConfig(epochs=None, seconds=600, batch_size=batch, lr=recipe.lr), recipe=recipe)
        reports = []
        for report in trainer.steps():
            reports.append(report)
            if len(reports) == steps:
                trainer.cancel.set()
        return trainer, reports

    return train


@pytest.fixture(autouse=True)
def _no_dangling_threads():
    """Fail a test that leaves a Python thread (or a QThread, which shows up here too) running."""
    before = set(threading.enumerate())
    yield
    leftover = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    for thread in leftover:
        thread.join(timeout=5)
    still = [t.name for t in leftover if t.is_alive()]
    assert not still, f"threads left running: {still}"
