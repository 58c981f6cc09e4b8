"""Attention weights recorded during a forward pass (core.attention), checked against a direct computation."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core.attention import MAX_KEY_SIDE, MAX_QUERY_SIDE, attention_modules, query_grid
from diffviz.core.features import FeatureCapture
from diffviz.core.models.unet2d import PipelineUNet


def tiny_unet(size: int, attention_first: bool = False) -> PipelineUNet:
    from diffusers import UNet2DModel

    torch.manual_seed(0)
    down = ("AttnDownBlock2D", "DownBlock2D") if attention_first else ("DownBlock2D", "AttnDownBlock2D")
    up = ("UpBlock2D", "AttnUpBlock2D") if attention_first else ("AttnUpBlock2D", "UpBlock2D")
    unet = UNet2DModel(sample_size=size, in_channels=3, out_channels=3, layers_per_block=1,
                       block_out_channels=(8, 16), norm_num_groups=4, attention_head_dim=4,
                       down_block_types=down, up_block_types=up)
    return PipelineUNet(unet).eval()


def direct_weights(attention, hidden: torch.Tensor) -> torch.Tensor:
    """softmax(q kᵀ / √d) per head, averaged over heads, from the module's own layers: (B, queries, keys)."""
    b, c, h, w = hidden.shape
    tokens = hidden.reshape(b, c, h * w).transpose(1, 2)
    tokens = attention.group_norm(tokens.transpose(1, 2)).transpose(1, 2)
    q, k = attention.to_q(tokens), attention.to_k(tokens)
    heads = attention.heads
    q = q.reshape(b, h * w, heads, -1).transpose(1, 2)
    k = k.reshape(b, h * w, heads, -1).transpose(1, 2)
    weights = torch.softmax(q @ k.transpose(-1, -2) / q.shape[-1] ** 0.5, dim=-1)
    return weights.mean(dim=1)


@torch.no_grad()
def test_recorded_weights_are_the_softmax_of_queries_and_keys_and_change_nothing():
    model = tiny_unet(16)
    modules = attention_modules(model)
    assert set(modules) == {"down1.attention0", "mid.attention0", "up0.attention0", "up0.attention1"}
    inputs = {}
    handles = [module.register_forward_pre_hook(lambda mod, args, name=name: inputs.setdefault(name, args[0]))
               for name, module in modules.items()]
    x, t = torch.randn(3, 3, 16, 16), torch.tensor([500])
    plain = model(x, t)
    processors = {name: module.processor for name, module in modules.items()}
    with FeatureCapture(model, limit=2) as capture:
        recorded = model(x, t)
        maps = capture.take()
    for handle in handles:
        handle.remove()
    torch.testing.assert_close(recorded, plain, atol=1e-5, rtol=1e-4)  # the plain kernel gives the same result
    assert {name: module.processor for name, module in modules.items()} == processors  # put back
    assert not any("get_attention_scores" in vars(module) for module in modules.values())
    for name, module in modules.items():
        weights = maps[name]
        side = inputs[name].shape[-1]
        assert weights.shape == (2, side * side, side, side) and weights.dtype == np.float16
        np.testing.assert_allclose(weights.astype(np.float32).sum(axis=(2, 3)), 1.0, atol=5e-3)
        expected = direct_weights(module, inputs[name][:2]).reshape(2, side * side, side, side)
        np.testing.assert_allclose(weights.astype(np.float32), expected.numpy(), atol=2e-3)
    # each block's maps first, then the attention inside it
    names = list(maps)
    assert names.index("down1") < names.index("down1.attention0") < names.index("mid")


@torch.no_grad()
def test_a_large_attention_is_pooled_to_the_caps_and_still_sums_to_one():
    model = tiny_unet(64, attention_first=True)  # attention at 64 x 64: 4096 queries and keys
    module = attention_modules(model)["down0.attention0"]
    inputs = []
    handle = module.register_forward_pre_hook(lambda mod, args: inputs.append(args[0]))
    with FeatureCapture(model, limit=1) as capture:
        model(torch.randn(2, 3, 64, 64), torch.tensor([10]))
        weights = capture.take()["down0.attention0"]
    handle.remove()
    full = direct_weights(module, inputs[0][:1]).reshape(64, 64, 64, 64)  # query row, column, key row, column
    keys = full.reshape(64, 64, 32, 2, 32, 2).sum(dim=(3, 5))             # neighbouring keys summed
    expected = keys.reshape(8, 8, 8, 8, 32, 32).mean(dim=(1, 3))           # 8 x 8 blocks of queries averaged
    np.testing.assert_allclose(weights[0].astype(np.float32), expected.reshape(64, 32, 32).numpy(), atol=2e-3)
    rows, columns = query_grid(64, 64)
    assert (rows, columns) == (MAX_QUERY_SIDE, MAX_QUERY_SIDE) == (8, 8)
    assert weights.shape == (1, rows * columns, MAX_KEY_SIDE, MAX_KEY_SIDE)
    np.testing.assert_allclose(weights.astype(np.float32).sum(axis=(2, 3)), 1.0, atol=1e-2)


@pytest.mark.parametrize("attention", [True, False])
def test_a_capture_without_attention_records_only_block_outputs(attention):
    model = tiny_unet(16)
    with torch.no_grad(), FeatureCapture(model, attention=attention) as capture:
        model(torch.randn(1, 3, 16, 16), torch.tensor([1]))
        names = set(capture.take())
    assert ("mid.attention0" in names) is attention and "mid" in names
