"""The Edit lab's algorithms (core.editing) on real models: what each mode promises, and bad input refused."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core.captions import request_text, step_label
from diffviz.core import editing
from diffviz.core.edit_modes import EDIT_MODES, EditRequest
from diffviz.core.errors import ConfigError
from diffviz.core.recipes import get_recipe
from diffviz.core.sampling import initial_noise, sample


@pytest.fixture(scope="module")
def digits():
    from diffviz.core.data import load_bundled

    data = load_bundled()
    return data.images[:4].numpy(), data.labels[:4].numpy()


def fresh(recipe_name: str, seed: int = 0):
    torch.manual_seed(seed)
    recipe = get_recipe(recipe_name)
    return recipe.make_model().eval(), recipe


@pytest.fixture(scope="module")
def bundled_ddpm():
    from diffviz.core.checkpoints import load_checkpoint
    from diffviz.core.paths import bundled_checkpoint_path

    model, info = load_checkpoint(bundled_checkpoint_path("ddpm"))
    return model, get_recipe(info.recipe)


def hole() -> np.ndarray:
    mask = np.zeros((1, 1, 28, 28), np.float32)
    mask[..., 9:19, 9:19] = 1.0
    return mask


def test_strength_zero_returns_the_input_at_every_frame(digits):
    images, _ = digits
    model, recipe = fresh("flow")
    run = editing.sdedit(model, recipe, images, 0.0, steps=6)
    assert run.n_steps == 6
    assert np.array_equal(run.final, images)
    assert np.array_equal(run.xs, np.repeat(images[None], 7, axis=0))


@pytest.mark.parametrize("recipe_name, sampler", [("flow", "course"), ("course", "heun"), ("ddpm-unet2d", "ddim"),
                                                  ("ddpm-unet2d", "euler")])
def test_strength_one_is_ordinary_sampling_from_the_same_noise(digits, recipe_name, sampler):
    images, _ = digits
    model, recipe = fresh(recipe_name)
    edited = editing.sdedit(model, recipe, images, 1.0, steps=4, sampler=sampler, seed=5)
    plain = sample(model, len(images), 4, seed=5, recipe=recipe, sampler=sampler)
    np.testing.assert_array_equal(edited.xs, plain.xs)


def test_a_middle_strength_starts_from_the_image_and_keeps_more_of_it_than_a_high_one(digits):
    images, _ = digits
    model, recipe = fresh("flow")
    low = editing.sdedit(model, recipe, images, 0.2, steps=5)
    high = editing.sdedit(model, recipe, images, 0.9, steps=5)
    assert low.levels[0] == pytest.approx(0.2) and high.levels[0] == pytest.approx(0.9)
    # frame 0 is the image noised to the strength: (1 - s) x + s noise
    assert np.abs(low.xs[0] - images).mean() < np.abs(high.xs[0] - images).mean()
    assert "strength 0.2" in step_label(low, low.n_steps)


@pytest.mark.parametrize("recipe_name, sampler, jumps", [("flow-class", "course", 0), ("flow", "heun", 2),
                                                         ("ddpm", "ddim", 1), ("ddpm", "euler", 0),
                                                         ("ddpm", "dpm-solver++", 0), ("ddpm", "ddpm", 1)])
def test_inpainting_keeps_every_unmasked_pixel_exactly(digits, recipe_name, sampler, jumps):
    images, _ = digits
    model, recipe = fresh(recipe_name)
    mask = hole()
    run = editing.inpaint(model, recipe, images, mask, steps=3, jumps=jumps, sampler=sampler)
    kept = mask[0, 0] == 0
    assert run.n_steps == 3
    assert np.array_equal(run.final[:, :, kept], images[:, :, kept])
    assert not np.array_equal(run.final[:, :, ~kept], images[:, :, ~kept])  # the hole was regenerated
    # along the way, the kept pixels are the image noised to each frame's level, not the input itself
    assert not np.array_equal(run.xs[1][:, :, kept], images[:, :, kept])


def test_resampling_jumps_cost_model_calls_and_change_the_result(digits):
    images, _ = digits
    model, recipe = fresh("flow")
    calls = []
    handle = model.register_forward_hook(lambda *_: calls.append(1))
    try:
        plain = editing.inpaint(model, recipe, images, hole(), steps=4, jumps=0)
        plain_calls = len(calls)
        jumped = editing.inpaint(model, recipe, images, hole(), steps=4, jumps=2)
    finally:
        handle.remove()
    assert len(calls) - plain_calls == 3 * 4 + 1  # every step three times, and the look at the result
    assert plain_calls == 4 + 1
    assert not np.array_equal(plain.final, jumped.final)
    assert "2 jumps" in step_label(jumped, 4)


def test_a_class_model_is_told_no_label_unless_a_digit_is_chosen(digits):
    images, _ = digits
    model, recipe = fresh("flow-class")
    free = editing.sdedit(model, recipe, images, 0.6, steps=3)
    steered = editing.sdedit(model, recipe, images, 0.6, steps=3, digit=8, guidance=2.0)
    assert free.labels is None and request_text(free) == "Noise and denoise (SDEdit): strength 0.6"
    assert steered.labels.tolist() == [8] * len(images)
    assert request_text(steered) == "Noise and denoise (SDEdit): strength 0.6 · digit 8 · guidance 2 for noise 0.1–0.7"
    assert not np.array_equal(free.final, steered.final)


def test_slerp_ends_are_the_two_noises_and_its_norm_does_not_sag():
    generator = torch.Generator().manual_seed(0)
    a, b = torch.randn(1, 28, 28, generator=generator), torch.randn(1, 28, 28, generator=generator)
    path = editing.interpolation_path(a, b, 7, "slerp")
    torch.testing.assert_close(path[0], a)
    torch.testing.assert_close(path[-1], b)
    straight = editing.interpolation_path(a, b, 7, "lerp")
    norms, straight_norms = path.flatten(1).norm(dim=1), straight.flatten(1).norm(dim=1)
    assert float(norms.min()) > 0.95 * float(norms[0])
    assert float(straight_norms[3]) < 0.8 * float(straight_norms[0])  # two independent noises: about 0.71


def test_interpolation_samples_the_path_and_records_both_norm_curves():
    model, recipe = fresh("flow")
    run = editing.interpolate(model, recipe, (3, 7), n=5, steps=4)
    assert run.n_steps == 4 and run.n_samples == 5
    ends = torch.cat([initial_noise(1, seed, recipe=recipe) for seed in (3, 7)])  # what sampling seeds 3, 7 start at
    np.testing.assert_allclose(run.xs[0][[0, -1]], ends.numpy(), atol=1e-6)
    assert set(run.edit.norms) == {"slerp", "lerp"} and run.edit.norms["lerp"].shape == (5,)
    assert "slerp between seeds 3 and 7" in step_label(run, 4)


def test_inversion_then_sampling_brings_a_real_digit_back(digits, bundled_ddpm):
    images, _ = digits
    model, recipe = bundled_ddpm
    run = editing.invert(model, recipe, images, steps=20)
    assert run.n_steps == 40
    assert run.levels[0] == 0.0 and run.levels[20] == 1.0 and run.levels[-1] == 0.0
    error = run.edit.round_trip_error(run)
    assert error.shape == (21,) and error[-1] == 0.0
    unrelated = sample(model, len(images), 20, seed=1, recipe=recipe).final
    assert error[0] < 0.1
    assert error[0] < 0.4 * np.abs(unrelated - images).mean()  # far closer than any other digit would be
    assert step_label(run, 0).startswith("inverting 1/20") and step_label(run, 20).startswith("back 1/20")


@pytest.mark.parametrize("bad, message", [
    (np.zeros((2, 28)), "(N, 1, 28, 28)"),
    (np.full((1, 1, 28, 28), 2.0), "in [0, 1]"),
    (np.full((1, 1, 28, 28), np.nan), "NaN"),
    (np.array([["a"]]), "numbers"),
    (np.zeros((1, 3, 28, 28)), "(N, 1, 28, 28)"),
])
def test_bad_images_are_refused_with_a_line_that_says_what_was_expected(bad, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")
                       .replace("]", r"\]")):
        editing.check_images(bad)


def test_bad_masks_strengths_and_requests_are_refused(digits):
    images, _ = digits
    flow, flow_recipe = fresh("flow")
    with pytest.raises(ConfigError, match="nothing to regenerate"):
        editing.inpaint(flow, flow_recipe, images, np.zeros((1, 1, 28, 28)), steps=2)
    with pytest.raises(ConfigError, match="3 masks for 4 images"):
        editing.inpaint(flow, flow_recipe, images, np.ones((3, 1, 28, 28)), steps=2)
    for strength in (-0.1, 1.5, float("nan")):
        with pytest.raises(ConfigError, match="strength"):
            editing.sdedit(flow, flow_recipe, images, strength, steps=2)
    with pytest.raises(ConfigError, match="needs a DDPM model"):
        editing.invert(flow, flow_recipe, images, steps=2)
    ddpm, ddpm_recipe = fresh("ddpm")
    with pytest.raises(ConfigError, match="euler cannot"):
        editing.inpaint(ddpm, ddpm_recipe, images, hole(), steps=2, jumps=1, sampler="euler")
    with pytest.raises(ConfigError, match="only 20 timesteps"):
        editing.sdedit(ddpm, ddpm_recipe, images, 0.02, steps=40)
    with pytest.raises(ConfigError, match="not told digits"):
        editing.run_edit(EditRequest(mode="sdedit", images=images, digit=3, steps=2), flow, flow_recipe)


def test_every_mode_runs_through_the_one_door_with_the_steps_asked(digits):
    images, _ = digits
    assert set(editing.RUNS) == set(EDIT_MODES)
    model, recipe = fresh("ddpm")
    for key, mode in EDIT_MODES.items():
        request = EditRequest(mode=key, images=images[:2] if mode.uses_image else None,
                              mask=hole() if mode.uses_mask else None, steps=3, n=3)
        run = editing.run_edit(request, model, recipe)
        assert run.n_frames == request.frames, key
        assert run.edit.mode == key


def test_a_class_model_reads_real_digits_and_the_repair_is_guided_toward_what_it_read(bundled_data):
    from diffviz.core.checkpoints import load_checkpoint
    from diffviz.core.paths import bundled_checkpoint_path
    from diffviz.core.quality import holdout_indices

    picks = holdout_indices()[:40]  # digits the model may have trained on, the meter never saw: either way real
    images, labels = bundled_data.images[picks].numpy(), bundled_data.labels[picks].numpy()
    model, info = load_checkpoint(bundled_checkpoint_path("flow-class"))
    recipe = get_recipe(info.recipe)
    whole = editing.read_digits(model, recipe, images)
    assert (whole == labels).mean() >= 0.8  # measured 0.945 on 200
    run = editing.inpaint(model, recipe, images[:3], hole(), steps=3, read_digit=True)
    assert run.labels.tolist() == run.edit.read.tolist()
    assert "read as" in run.edit.text() or "each toward the digit read in it" in run.edit.text()
    flow, flow_recipe = fresh("flow")
    with pytest.raises(ConfigError, match="not told digits"):
        editing.read_digits(flow, flow_recipe, images)
    with pytest.raises(ConfigError, match="not both"):
        editing.sdedit(model, recipe, images[:1], 0.5, steps=2, digit=3, read_digit=True)


# ----- a learner's own model: colour, 32 px (a diffusers pipeline folder) ----------------------------------
@pytest.fixture(scope="module")
def colour_pipeline(tmp_path_factory):
    from test_pipelines import save_pipeline  # the tests' own pipeline maker (tests/ is on the path)

    from diffviz.core.opening import open_model

    folder = save_pipeline(tmp_path_factory.mktemp("pipes") / "butterflies", channels=3, size=32)
    model, info = open_model(folder)
    return model.eval(), get_recipe(info.recipe)


def colour_images(n: int = 2) -> np.ndarray:
    return np.random.default_rng(0).random((n, 3, 32, 32), dtype=np.float32)


def test_a_colour_32px_pipeline_is_noised_and_denoised_and_inverted_at_its_own_shape(colour_pipeline):
    model, recipe = colour_pipeline
    images = colour_images()
    edited = editing.sdedit(model, recipe, images, 0.5, steps=3, sampler="ddim")
    assert edited.xs.shape == (4, 2, 3, 32, 32) and edited.edit.source.shape == (2, 3, 32, 32)
    assert np.abs(edited.xs[0] - images).mean() < np.abs(edited.xs[0] - colour_images(3)[1:]).mean()
    one = editing.sdedit(model, recipe, images[0], 0.5, steps=2)  # one (3, 32, 32) image is a batch of one
    assert one.final.shape == (1, 3, 32, 32)
    inverted = editing.invert(model, recipe, images, steps=2)
    assert inverted.xs.shape == (5, 2, 3, 32, 32)
    assert inverted.edit.round_trip_error(inverted).shape == (3,)


def test_inpainting_a_colour_pipeline_keeps_every_unmasked_pixel_of_every_channel(colour_pipeline):
    model, recipe = colour_pipeline
    images = colour_images()
    masks = np.zeros((2, 1, 32, 32), np.float32)  # one plane per image, for all three channels
    masks[0, 0, 8:24, 8:24] = 1.0
    masks[1, 0, 16:, :] = 1.0
    run = editing.run_edit(EditRequest(mode="inpaint", images=images, mask=masks, steps=3, jumps=1), model, recipe)
    assert run.xs.shape == (4, 2, 3, 32, 32)
    for i in range(2):
        kept = masks[i, 0] == 0
        assert np.array_equal(run.final[i][:, kept], images[i][:, kept])
        assert not np.array_equal(run.final[i][:, ~kept], images[i][:, ~kept])
    one = editing.inpaint(model, recipe, images[:1], masks[1, 0], steps=2)  # an (H, W) mask is one for all
    assert one.edit.mask.shape == (1, 1, 32, 32)


@pytest.mark.parametrize("images, mask, message", [
    (np.zeros((1, 1, 28, 28)), None, r"\(N, 3, 32, 32\) images, or one \(3, 32, 32\) image, for this model's "
                                     r"32x32 colour images \(got shape \(1, 1, 28, 28\)\)"),
    (np.zeros((32, 32)), None, r"32x32 colour .*got shape \(32, 32\)"),
    (np.zeros((1, 32, 32, 3)), None, r"got shape \(1, 32, 32, 3\)"),
    (colour_images(1), np.ones((1, 3, 32, 32)), r"one 32x32 plane for all channels.*got shape \(1, 3, 32, 32\)"),
    (colour_images(1), np.ones((28, 28)), r"\(N, 1, 32, 32\) or \(32, 32\).*got shape \(28, 28\)"),
])
def test_a_wrong_shape_for_the_model_is_refused_naming_both_shapes(colour_pipeline, images, mask, message):
    model, recipe = colour_pipeline
    request = EditRequest(mode="inpaint" if mask is not None else "sdedit", images=images, mask=mask, steps=2)
    with pytest.raises(ConfigError, match=message):
        editing.run_edit(request, model, recipe)


def test_grey_28_checks_still_take_one_plane_and_refuse_colour():
    assert editing.check_images(np.zeros((28, 28))).shape == (1, 1, 28, 28)
    assert editing.check_images(np.zeros((1, 28, 28))).shape == (1, 1, 28, 28)
    assert editing.check_mask(np.ones((28, 28)), 3).shape == (1, 1, 28, 28)
    with pytest.raises(ConfigError, match=r"28x28 grey .*got shape \(1, 3, 32, 32\)"):
        editing.check_images(np.zeros((1, 3, 32, 32)))
    assert editing.check_images(np.zeros((64, 64)), shape=(1, 64, 64)).shape == (1, 1, 64, 64)
