"""The course-unet2d recipe: diffusers' UNet2DModel in the course's configuration, used like BasicUNet."""

from __future__ import annotations

import sys

import pytest
import torch

from diffviz.core.checkpoints import load_checkpoint, save_checkpoint
from diffviz.core.features import describe_layers
from diffviz.core.models import CourseUNet2D, count_parameters
from diffviz.core.recipes import get_recipe
from diffviz.core.sampling import sample, trajectory_bytes


@pytest.fixture(scope="module")
def course_unet2d() -> CourseUNet2D:
    torch.manual_seed(0)
    return get_recipe("course-unet2d").make_model()


def test_the_course_configuration_and_parameter_count(course_unet2d):
    assert count_parameters(course_unet2d) == 1_707_009  # the course's figure
    config = course_unet2d.unet.config
    assert tuple(config.block_out_channels) == (32, 64, 64) and config.layers_per_block == 2
    assert tuple(config.down_block_types) == ("DownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D")


def test_the_inspector_lists_down_mid_and_up_blocks_with_their_shapes(course_unet2d):
    layers = describe_layers(course_unet2d)
    assert [(l.name, l.part, l.channels, l.height, l.width) for l in layers] == [
        ("down0", "down", 32, 14, 14), ("down1", "down", 64, 7, 7), ("down2", "down", 64, 7, 7),
        ("mid", "mid", 64, 7, 7),
        ("up0", "up", 64, 14, 14), ("up1", "up", 64, 28, 28), ("up2", "up", 32, 28, 28)]
    inside = {layer.name: layer.attention for layer in layers}
    assert inside["down0"] == () and inside["down1"] == ("down1.attention0", "down1.attention1")
    assert inside["mid"] == ("mid.attention0",) and len(inside["up1"]) == 3


def test_memory_estimate_counts_its_feature_maps(course_unet2d):
    trajectory = sample(course_unet2d, 2, 2, seed=0, features=True, recipe=get_recipe("course-unet2d"))
    kept = sum(maps.size for frame in range(trajectory.n_frames) for maps in
               [m[frame] for m in trajectory.features.values()])
    recorded = trajectory.xs.nbytes + trajectory.preds.nbytes + kept * 2
    assert trajectory_bytes(course_unet2d, 2, 2, features=True) == recorded
    blocks = ["down0", "down1", "down2", "mid", "up0", "up1", "up2"]
    assert [name for name in trajectory.features if name not in trajectory.attention_layers] == blocks
    assert set(trajectory.attention_layers) == set(course_unet2d.attention_layers()) and trajectory.attention_layers


def test_it_trains_with_a_falling_loss_and_round_trips(train_a_few_steps, tmp_path):
    trainer, reports = train_a_few_steps("course-unet2d", 12)
    losses = [report.loss for report in reports]
    assert sum(losses[-3:]) / 3 < 0.7 * sum(losses[:3]) / 3
    path = save_checkpoint(tmp_path / "u.safetensors", trainer.model, recipe="course-unet2d")
    loaded, info = load_checkpoint(path)
    assert isinstance(loaded, CourseUNet2D) and info.recipe == "course-unet2d"
    x = torch.rand(2, 1, 28, 28)
    assert torch.equal(loaded.eval()(x), trainer.model.eval()(x))


def test_diffusers_is_not_imported_by_the_course_recipe():
    """Launch stays fast: only building a UNet2DModel imports diffusers."""
    import subprocess

    code = ("import sys; from diffviz.core.recipes import get_recipe; from diffviz.core.checkpoints import "
            "load_checkpoint; get_recipe('course').make_model(); print('diffusers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
