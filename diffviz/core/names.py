"""The names of recipes and samplers, without torch: what ``--help`` lists and where each sampler lives.

Why a module of names: ``diffviz --help`` and the CLI's argument checks must answer at once,
with no torch and no Qt, yet list exactly what the engine offers. The recipes themselves
live in ``core.recipes``; a test checks that both agree. The sampler table is the sampler
registry itself: each name points at the module object that implements it, imported on
first use by ``core.samplers.get_sampler``. Adding a sampler is its module and one line here.
"""

from __future__ import annotations

RECIPE_NAMES = ("flow-class", "flow", "course", "course-unet2d", "ddpm", "ddpm-cosine", "ddpm-unet2d")
DEFAULT_RECIPE = "flow-class"  # the recipe new training uses unless told otherwise

# the 2-D lab's recipes (core.toy.recipes.TOY_RECIPES) and point data sets (core.toy.datasets.DATASETS), in
# their registries' order; tests check that both agree
TOY_RECIPE_NAMES = ("flow-v", "flow-x", "flow-eps", "course-x", "ddpm-eps")
DEFAULT_TOY_RECIPE = "flow-v"
TOY_DATASET_NAMES = ("moons", "8gaussians", "swissroll", "checkerboard", "rings", "word")

# sampler name -> "module:attribute" of its Sampler object (``core.samplers``), in the order menus list them
SAMPLERS = {
    "course": "diffviz.core.samplers.course:SAMPLER",
    "heun": "diffviz.core.samplers.heun:SAMPLER",
    "ancestral": "diffviz.core.samplers.ancestral:SAMPLER",
    "ddpm": "diffviz.core.samplers.diffusers_schedulers:DDPM",
    "ddim": "diffviz.core.samplers.diffusers_schedulers:DDIM",
    "dpm-solver++": "diffviz.core.samplers.diffusers_schedulers:DPM_SOLVER",
    "euler": "diffviz.core.samplers.diffusers_schedulers:EULER",
}
SAMPLER_NAMES = tuple(SAMPLERS)

# how the network runs (core.precision): auto = the fastest of fp32, fp32 channels_last and bf16 autocast,
# measured on this machine; fp32; bf16 = bf16 autocast with channels_last
PRECISION_CHOICES = ("auto", "fp32", "bf16")

# --digit's words beside 0-9 for edits (``diffviz edit``): read the digit in the image first, or tell none
READ_DIGIT = "read"
NO_DIGIT = "none"
