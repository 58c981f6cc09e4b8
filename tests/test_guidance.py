"""Classifier-free guidance as an object: its scale, the noise levels it applies at, one batched forward."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core.captions import request_text
from diffviz.core.errors import ConfigError
from diffviz.core.features import FeatureCapture
from diffviz.core.guidance import Guidance, parse_interval
from diffviz.core.models import TimeUNet
from diffviz.core.recipes import get_recipe
from diffviz.core.samplers import Denoiser
from diffviz.core.sampling import resolve_guidance, sample
from test_cli import run_inprocess

RECIPE = get_recipe("flow-class")


@pytest.fixture(scope="module")
def class_model() -> TimeUNet:
    torch.manual_seed(1)
    model = TimeUNet(classes=10).eval()
    with torch.no_grad():
        model.label_embed.weight.normal_()  # distinct labels, so guidance visibly changes the prediction
    return model


def test_the_scale_applies_only_inside_its_interval():
    guidance = Guidance(2.5, (0.2, 0.8))
    assert [guidance.scale_at(level) for level in (0.0, 0.19, 0.2, 0.5, 0.8, 0.81, 1.0)] == [
        1.0, 1.0, 2.5, 2.5, 2.5, 1.0, 1.0]
    assert Guidance(2.0).scale_at(1.0) == 2.0 and not Guidance(1.0).active
    assert Guidance(2.0, (0.2, 0.8)).text() == "guidance 2 for noise 0.2–0.8"
    assert Guidance(2.0).text() == "guidance 2"


@pytest.mark.parametrize("scale, interval", [(-1.0, (0.0, 1.0)), (25.0, (0.0, 1.0)), (2.0, (0.8, 0.2)),
                                             (2.0, (-0.1, 0.5)), (2.0, (0.5, 1.5))])
def test_absurd_guidance_is_refused_with_a_message(scale, interval):
    with pytest.raises(ConfigError, match="guidance"):
        Guidance(scale, interval)


def test_an_interval_is_parsed_from_text_or_refused():
    assert parse_interval("0.2, 0.8") == (0.2, 0.8)
    for text in ("0.2", "a,b", "0.9,0.1", "0.1,0.2,0.3"):
        with pytest.raises(ConfigError, match="interval"):
            parse_interval(text)


def test_one_batched_forward_gives_the_two_pass_result(class_model):
    x, t, y = torch.randn(5, 1, 28, 28), torch.full((5,), 0.6), torch.tensor([0, 3, 5, 7, 9])
    with torch.no_grad():
        two = RECIPE.guided_predict(class_model, x, t, y, Guidance(3.0), batched=False)
        one = RECIPE.guided_predict(class_model, x, t, y, Guidance(3.0), batched=True)
        labelled, unlabelled = class_model(x, t, y), class_model(x, t)
    assert torch.allclose(one, two, atol=1e-5)
    assert torch.allclose(one, unlabelled + 3 * (labelled - unlabelled), atol=1e-5)


def test_outside_the_interval_the_step_uses_the_labelled_prediction(class_model):
    x, y = torch.randn(3, 1, 28, 28), torch.tensor([1, 4, 9])
    guidance = Guidance(3.0, (0.2, 0.8))
    with torch.no_grad():
        for level, inside in ((0.9, False), (0.5, True), (0.1, False)):
            t = torch.full((3,), level)
            labelled, unlabelled = class_model(x, t, y), class_model(x, t)
            want = unlabelled + 3 * (labelled - unlabelled) if inside else labelled
            assert torch.allclose(RECIPE.guided_predict(class_model, x, t, y, guidance), want, atol=1e-5)


def test_a_batched_guided_capture_keeps_the_labelled_maps_of_the_batch(class_model):
    x, t, y = torch.randn(4, 1, 28, 28), torch.full((4,), 0.5), torch.tensor([2, 2, 6, 6])
    for limit, batched in ((None, True), (2, True), (None, False), (2, False)):
        with torch.no_grad(), FeatureCapture(class_model, limit) as capture:
            denoiser = Denoiser(RECIPE.predictor(class_model, y, Guidance(2.0)), RECIPE.process, capture)
            denoiser.batched_guidance = batched
            denoiser.output(x, t)
            maps = capture.take()
            class_model(x, t, y)
            labelled_maps = capture.take()
        kept = 4 if limit is None else limit
        for name, array in maps.items():
            assert array.shape[0] == kept
            np.testing.assert_allclose(array.astype(np.float32), labelled_maps[name][:kept].astype(np.float32),
                                       atol=2e-2)
        assert capture.limit == limit  # restored after the call


def test_a_recording_says_how_it_was_guided(class_model):
    trajectory = sample(class_model, 4, 3, seed=0, recipe=RECIPE, guidance=2.0, guidance_interval=(0.2, 0.8))
    assert trajectory.guidance == 2.0 and trajectory.guidance_interval == (0.2, 0.8)
    assert "guidance 2 for noise 0.2–0.8" in request_text(trajectory)
    assert resolve_guidance(get_recipe("flow"), 3.0) == Guidance()  # nothing to guide toward


def test_the_interval_changes_what_is_drawn_and_the_default_is_the_recipe_s(class_model):
    default = sample(class_model, 4, 4, seed=3, recipe=RECIPE, guidance=3.0)
    same = sample(class_model, 4, 4, seed=3, recipe=RECIPE, guidance=3.0, guidance_interval=RECIPE.guidance_interval)
    everywhere = sample(class_model, 4, 4, seed=3, recipe=RECIPE, guidance=3.0, guidance_interval=(0.0, 1.0))
    np.testing.assert_array_equal(default.final, same.final)
    assert default.guidance_interval == RECIPE.guidance_interval != (0.0, 1.0)
    assert not np.allclose(default.final, everywhere.final)


def test_the_cli_samples_with_a_guidance_interval_and_says_so(capsys, tmp_path):
    out = tmp_path / "guided.npy"
    code, _, err = run_inprocess(capsys, "sample", "--n", "4", "--steps", "3", "--precision", "fp32",
                                 "--guidance", "2", "--guidance-interval", "0.2,0.8", "--out", out)
    assert code == 0, err
    assert "guidance 2 for noise 0.2–0.8" in err.splitlines()[0]
    assert np.load(out).shape == (4, 1, 28, 28)


def test_a_young_model_is_pushed_harder_by_default():
    """flow-class's default scale follows how many images trained the model (``early_guidance``): 2.5 below
    150,000, 2 from there on and when the count is not known; a recipe without one, and a model not told the
    class, keep theirs whatever its age."""
    scale, images = RECIPE.early_guidance
    assert (scale, images) == (2.5, 150_000) and RECIPE.guidance == 2.0
    assert RECIPE.default_guidance_for(60_000) == Guidance(2.5, RECIPE.guidance_interval)
    assert RECIPE.default_guidance_for(images - 1).scale == 2.5
    assert RECIPE.default_guidance_for(images).scale == RECIPE.default_guidance_for(None).scale == 2.0
    assert RECIPE.default_guidance == RECIPE.default_guidance_for(None)
    ddpm, flow = get_recipe("ddpm"), get_recipe("flow")
    assert ddpm.default_guidance_for(1_000).scale == ddpm.guidance == 1.5
    assert flow.default_guidance_for(1_000) == Guidance()


def test_the_cli_draws_a_young_model_with_its_early_guidance_unless_told(capsys, tmp_path):
    from diffviz.core.checkpoints import save_checkpoint, training_metadata

    young = save_checkpoint(tmp_path / "young.safetensors", RECIPE.make_model(), recipe="flow-class",
                            training=training_metadata(100, 3_200, 5.0, [], "bundled"))
    out = tmp_path / "s.npy"
    code, _, err = run_inprocess(capsys, "sample", "--checkpoint", young, "--n", "2", "--steps", "2", "--precision",
                                 "fp32", "--out", out)
    assert code == 0, err
    assert "guidance 2.5 for noise 0.1–0.7" in err.splitlines()[0]
    code, _, err = run_inprocess(capsys, "sample", "--checkpoint", young, "--n", "2", "--steps", "2", "--precision",
                                 "fp32", "--guidance", "2", "--out", out)
    assert code == 0 and "guidance 2 for noise 0.1–0.7" in err.splitlines()[0]


@pytest.mark.parametrize("args, says", [(("--guidance-interval", "0.8,0.2"), "interval"),
                                        (("--recipe", "flow", "--guidance-interval", "0.2,0.8"), "told the class")])
def test_the_cli_refuses_a_bad_interval_in_one_line(capsys, tmp_path, args, says):
    out = tmp_path / "never.npy"
    code, _, err = run_inprocess(capsys, "sample", "--n", "2", "--steps", "2", *args, "--out", out)
    assert code == 2 and says in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
