"""The course's BasicUNet, layer for layer."""

from __future__ import annotations

import pytest
import torch

from diffviz.core.errors import CheckpointError
from diffviz.core.features import capture_features
from diffviz.core.models import BasicUNet, build_model, count_parameters

COURSE_KEYS = {f"{side}_layers.{i}.{p}" for side in ("down", "up") for i in range(3) for p in ("weight", "bias")}


def test_parameter_count_is_the_course_figure():
    assert count_parameters(BasicUNet()) == 309_057


def test_state_dict_keys_are_the_courses():
    assert set(BasicUNet().state_dict()) == COURSE_KEYS


def test_state_dict_shapes_follow_the_recipe():
    shapes = {k: tuple(v.shape) for k, v in BasicUNet().state_dict().items()}
    assert shapes["down_layers.0.weight"] == (32, 1, 5, 5)
    assert shapes["down_layers.1.weight"] == (64, 32, 5, 5)
    assert shapes["down_layers.2.weight"] == (64, 64, 5, 5)
    assert shapes["up_layers.0.weight"] == (64, 64, 5, 5)
    assert shapes["up_layers.1.weight"] == (32, 64, 5, 5)
    assert shapes["up_layers.2.weight"] == (1, 32, 5, 5)


def test_feature_layers_in_forward_order():
    model = BasicUNet()
    names = list(model.feature_layers())
    assert names == ["down0", "down1", "down2", "up0", "up1", "up2"]
    # forward order is the order the layers actually run in
    order: list[str] = []
    handles = [layer.register_forward_hook(lambda *_a, n=name: order.append(n))
               for name, layer in model.feature_layers().items()]
    try:
        with torch.no_grad():
            model(torch.rand(1, 1, 28, 28))
    finally:
        for h in handles:
            h.remove()
    assert order == names


@pytest.mark.parametrize("batch", [1, 3])
def test_output_shape(batch):
    with torch.no_grad():
        out = BasicUNet()(torch.rand(batch, 1, 28, 28))
    assert out.shape == (batch, 1, 28, 28)
    assert torch.isfinite(out).all()


def test_feature_capture_is_the_layer_outputs():
    """The captured up2 map is the model's output: the last layer's activation is what forward returns."""
    torch.manual_seed(0)
    model = BasicUNet().eval()
    x = torch.rand(2, 1, 28, 28)
    with torch.no_grad(), capture_features(model) as cap:
        out = model(x)
        maps = cap.take()
    assert set(maps) == {"down0", "down1", "down2", "up0", "up1", "up2"}
    assert maps["up2"].shape == (2, 1, 28, 28)
    assert torch.allclose(torch.from_numpy(maps["up2"].astype("float32")), out, atol=1e-2)
    # hooks are removed on exit: no capture afterwards
    with torch.no_grad():
        model(x)
    assert cap.take() == {}


def test_build_model_known_and_unknown():
    model = build_model("BasicUNet")
    assert isinstance(model, BasicUNet)
    assert count_parameters(model) == 309_057
    with pytest.raises(CheckpointError, match="unknown architecture"):
        build_model("os.system")
    with pytest.raises(CheckpointError):
        build_model("UNet2DModelThatDoesNotExist")


def test_absurd_model_settings_from_a_file_are_refused_before_building():
    with pytest.raises(CheckpointError, match="out of range"):
        build_model("BasicUNet", in_channels=10**6)
    with pytest.raises(CheckpointError, match="out of range"):
        build_model("TimeUNet", out_channels=0)
    assert build_model("BasicUNet", in_channels=3).in_channels == 3


def test_the_course_networks_describe_themselves_at_their_own_size_and_channels():
    from diffviz.core.models import BasicUNet, TimeUNet

    mnist = BasicUNet().facts()
    assert "28→14→7" in mnist.layout_html and "7×7" in mnist.notes["down2"] and "single channel" in mnist.notes["up2"]
    colour = TimeUNet(in_channels=3, out_channels=3, size=32).facts()
    assert "32→16→8" in colour.layout_html and "8×8" in colour.notes["down2"] and "8×8 bottleneck" in colour.skip_html
    assert "(3→32)" in colour.notes["down0"] and "32×32" in colour.notes["up2"] and "3 channels" in colour.notes["up2"]
    assert "28" not in colour.layout_html + "".join(colour.notes.values())
