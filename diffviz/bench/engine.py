"""Engine benchmarks: the trainer against bare loops, each precision and layout, sampling with and without
recording.

Each measurement alternates the contenders (A B A B ...) within one process so the
ratios are fair on a noisy machine, and prints the median of the repeats.
"""

from __future__ import annotations

import statistics
import time
from typing import Callable

import torch
from torch import nn

from diffviz.core.corruption import corrupt
from diffviz.core.data import DigitData, load_bundled
from diffviz.core.models import BasicUNet
from diffviz.core.sampling import initial_noise, sample
from diffviz.core.precision import CANDIDATES, FP32, Precision
from diffviz.core.recipes import Recipe, get_recipe
from diffviz.core.training import TrainConfig, Trainer

BATCH = 128


def course_loop(data: DigitData, seconds: float, seed: int = 0) -> float:
    """The course's loop exactly: DataLoader(shuffle), rand amounts, corrupt, MSE, Adam. Returns img/s."""
    from torch.utils.data import DataLoader, TensorDataset

    torch.manual_seed(seed)
    net = BasicUNet()
    loader = DataLoader(TensorDataset(data.images, torch.zeros(len(data))), batch_size=BATCH, shuffle=True)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    return _timed(lambda: _course_epoch_batches(loader), net, opt, loss_fn, seconds)


def _course_epoch_batches(loader):
    while True:
        for x, _ in loader:
            yield x


def tensor_loop(data: DigitData, seconds: float, seed: int = 0) -> float:
    """The same loop, batching by indexing the in-memory tensor (what the trainer does). Returns img/s."""
    torch.manual_seed(seed)
    net = BasicUNet()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()

    def batches():
        while True:
            order = torch.randperm(len(data))
            for start in range(0, len(data), BATCH):
                yield data.images[order[start:start + BATCH]]

    return _timed(batches, net, opt, loss_fn, seconds)


def _timed(batches: Callable, net, opt, loss_fn, seconds: float) -> float:
    images, start = 0, time.perf_counter()
    for x in batches():
        noise = torch.rand_like(x)
        amount = torch.rand(x.shape[0])
        noisy_x = corrupt(x, amount, noise)
        loss = loss_fn(net(noisy_x), x)
        opt.zero_grad()
        loss.backward()
        opt.step()
        images += x.shape[0]
        if time.perf_counter() - start >= seconds:
            break
    return images / (time.perf_counter() - start)


def trainer_run(data: DigitData, seconds: float, seed: int = 0) -> float:
    """The engine's Trainer, consuming every StepReport as a caller would. Returns img/s."""
    torch.manual_seed(seed)
    trainer = Trainer(BasicUNet(), data, TrainConfig(epochs=None, seconds=seconds, seed=seed))
    images, start = 0, time.perf_counter()
    for report in trainer.steps():
        images += len(report.amounts)
    return images / (time.perf_counter() - start)


def print_train_bench(seconds: float = 20.0, repeats: int = 3) -> dict[str, float]:
    data = load_bundled()
    contenders = {"course loop (DataLoader)": course_loop, "bare loop (tensor batches)": tensor_loop,
                  "diffviz Trainer": trainer_run}
    results: dict[str, list[float]] = {name: [] for name in contenders}
    print(f"training throughput, BasicUNet batch {BATCH}, {torch.get_num_threads()} torch threads, "
          f"{seconds:g} s x {repeats} alternating repeats")
    for _ in range(repeats):
        for name, fn in contenders.items():
            results[name].append(fn(data, seconds))
    medians = {name: statistics.median(v) for name, v in results.items()}
    bare = medians["bare loop (tensor batches)"]
    for name, value in medians.items():
        runs = ", ".join(f"{v:.0f}" for v in results[name])
        print(f"  {name:28s} {value:7.1f} img/s  ({runs})  ratio to bare loop {value / bare:.3f}")
    print(f"  trainer / course loop: {medians['diffviz Trainer'] / medians['course loop (DataLoader)']:.3f}")
    return medians


@torch.no_grad()
def bare_sampling(net: nn.Module, n: int, steps: int, seed: int = 0) -> torch.Tensor:
    """The course's sampling loop with nothing recorded."""
    x = initial_noise(n, seed)
    for i in range(steps):
        pred = net(x)
        mix = 1 / (steps - i)
        x = x * (1 - mix) + pred * mix
    return x


def print_sample_bench(n: int = 64, steps: int = 40, repeats: int = 3) -> dict[str, float]:
    net = BasicUNet().eval()
    contenders = {
        "bare sampling": lambda: bare_sampling(net, n, steps),
        "trajectory, no features": lambda: sample(net, n, steps, features=False),
        "trajectory + features (16)": lambda: sample(net, n, steps, features=16),
        "trajectory + features (all)": lambda: sample(net, n, steps, features=True),
    }
    contenders["bare sampling"]()  # warm-up
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, fn in contenders.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(v) for name, v in times.items()}
    bare = medians["bare sampling"]
    print(f"sampling {n} images x {steps} steps, {torch.get_num_threads()} torch threads, median of {repeats}")
    for name, value in medians.items():
        print(f"  {name:28s} {value:6.2f} s   ratio to bare {value / bare:.3f}")
    return medians


def bare_recipe_loop(recipe: Recipe, data: DigitData, seconds: float, precision: Precision, batch: int,
                     seed: int = 0) -> float:
    """A recipe's step with nothing around it (its batch, forward in ``precision``, fp32 MSE, Adam). img/s."""
    torch.manual_seed(seed)
    net = precision.prepare(recipe.make_model())
    opt = torch.optim.Adam(net.parameters(), lr=recipe.lr)
    generator = torch.Generator().manual_seed(seed)
    images, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        picked = torch.randint(0, len(data), (batch,), generator=generator)
        x = data.images[picked]
        noisy, condition, target, _, shown = recipe.training_batch(
            x, generator, data.labels[picked] if recipe.classes and data.labels is not None else None)
        with precision.autocast("cpu"):
            pred = recipe.predict(net, precision.images(noisy), condition, shown)
        loss = ((pred.float() - target) ** 2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        images += batch
    return images / (time.perf_counter() - start)


def recipe_trainer_run(recipe: Recipe, data: DigitData, seconds: float, precision: Precision, batch: int,
                       seed: int = 0) -> float:
    """The Trainer (EMA, per-image losses, reports) in ``precision``. img/s."""
    torch.manual_seed(seed)
    trainer = Trainer(recipe.make_model(), data, TrainConfig(epochs=None, seconds=seconds, batch_size=batch,
                                                             lr=recipe.lr, seed=seed), recipe=recipe,
                      precision=precision)
    images, start = 0, time.perf_counter()
    for report in trainer.steps():
        images += len(report.amounts)
    return images / (time.perf_counter() - start)


def print_precision_bench(recipes: tuple[str, ...] = ("flow-class", "course"), seconds: float = 10.0,
                          repeats: int = 3) -> dict[tuple[str, str, str], float]:
    """Each recipe at its default batch in every precision and layout: the Trainer and a bare loop, alternated,
    with the ratio to fp32's Trainer (what --precision auto can buy) and to the bare loop at the same settings."""
    data = load_bundled()
    results: dict[tuple[str, str, str], list[float]] = {}
    print(f"training throughput by precision and layout, {torch.get_num_threads()} torch threads, "
          f"{seconds:g} s x {repeats} alternating repeats")
    for _ in range(repeats):
        for name in recipes:
            recipe = get_recipe(name)
            for precision in CANDIDATES:
                for kind, fn in (("trainer", recipe_trainer_run), ("bare loop", bare_recipe_loop)):
                    results.setdefault((name, precision.name, kind), []).append(
                        fn(recipe, data, seconds, precision, recipe.batch_size))
    medians = {key: statistics.median(values) for key, values in results.items()}
    for name in recipes:
        fp32 = medians[(name, FP32.name, "trainer")]
        print(f"  {name} (batch {get_recipe(name).batch_size})")
        for precision in CANDIDATES:
            trainer, bare = medians[(name, precision.name, "trainer")], medians[(name, precision.name, "bare loop")]
            print(f"    {precision.title:30s} trainer {trainer:7.1f} img/s  bare {bare:7.1f} img/s  "
                  f"trainer/fp32 {trainer / fp32:5.2f}  trainer/bare {trainer / bare:5.3f}")
    return medians

