"""``diffviz bench networks``: what each part of the ddpm-unet2d recipe's UNet2DModel costs to train on this CPU.

Why: that UNet2DModel learns slowly on a CPU, which gives it few steps (about one a second at
batch 64), and bf16 buys it nothing here; it is why the ddpm recipes moved to the TimeUNet. Before training longer, it is worth
knowing which parts of the network the time goes to: the attention blocks at 7×7, the number
of ResNet layers per block, GroupNorm's group count, and the channel widths. Each variant is
the shipped configuration with one thing changed, trained with the recipe's own step (DDPM
noising, ε-prediction, fp32 MSE, Adam) for the same seconds, alternating, so the figures are
ratios from one run. The loss after those seconds says what the cheaper variants give up early on.
"""

from __future__ import annotations

import statistics
import time

import torch

from diffviz.core.data import load_bundled
from diffviz.core.models.unet2d import SMALL_CONFIG
from diffviz.core.recipes import get_recipe

VARIANTS: dict[str, dict] = {
    "shipped (attention at 7×7, 1 layer/block)": {},
    "no attention": dict(down_block_types=("DownBlock2D",) * 3, up_block_types=("UpBlock2D",) * 3),
    "2 layers per block": dict(layers_per_block=2),
    "GroupNorm of 8 groups": dict(norm_num_groups=8),
    "half the channels (16, 32, 32)": dict(block_out_channels=(16, 32, 32), norm_num_groups=8),
}


def _train(config: dict, seconds: float, batch: int = 64, seed: int = 0) -> tuple[float, float, int]:
    """(img/s, mean loss of the last 20 steps, parameters) for ``seconds`` of the ddpm-unet2d recipe's step."""
    from diffusers import UNet2DModel

    recipe = get_recipe("ddpm-unet2d")
    data = load_bundled()
    torch.manual_seed(seed)
    net = UNet2DModel(**{**SMALL_CONFIG, **config})
    opt = torch.optim.Adam(net.parameters(), lr=recipe.lr)
    generator = torch.Generator().manual_seed(seed)
    losses, images, start = [], 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        x = data.images[torch.randint(0, len(data), (batch,), generator=generator)]
        noisy, condition, target, _, _ = recipe.training_batch(x, generator)
        loss = ((net(noisy, condition).sample - target) ** 2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(loss.item())
        images += batch
    return images / (time.perf_counter() - start), statistics.mean(losses[-20:]), sum(
        p.numel() for p in net.parameters())


def print_network_bench(seconds: float = 30.0, repeats: int = 1) -> dict[str, tuple[float, float]]:
    """Each variant's img/s (median of ``repeats``), its ratio to the shipped network, and its loss."""
    runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in VARIANTS}
    for _ in range(repeats):
        for name, config in VARIANTS.items():
            runs[name].append(_train(config, seconds))
    print(f"ddpm-unet2d recipe's UNet2DModel, one change at a time: batch 64, fp32, {seconds:g} s each, "
          f"{torch.get_num_threads()} torch threads, median of {repeats}")
    print(f"  {'variant':44s} {'params':>9s} {'img/s':>7s} {'ratio':>6s} {'loss (last 20)':>14s}")
    base = statistics.median(r[0] for r in runs[next(iter(VARIANTS))])
    figures = {}
    for name, results in runs.items():
        rate, loss = statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)
        figures[name] = (rate, loss)
        print(f"  {name:44s} {results[0][2]:9,d} {rate:7.1f} {rate / base:6.2f} {loss:14.4f}")
    return figures
