"""Issue 12's start-up: the window before torch, the engine in the background, requests queued while it
loads, a failed engine said plainly, and the opening run that makes the app move at once."""

from __future__ import annotations

import dataclasses


def test_the_controls_torch_free_facts_agree_with_the_recipes():
    from diffviz.core.names import RECIPE_NAMES
    from diffviz.core.recipe_facts import RECIPE_FACTS, UNTRAINED_RECIPE, RecipeFacts
    from diffviz.core.recipes import RECIPES

    assert tuple(RECIPE_FACTS) == tuple(RECIPES) == RECIPE_NAMES
    for name, facts in RECIPE_FACTS.items():
        for field in dataclasses.fields(RecipeFacts):
            assert getattr(facts, field.name) == getattr(RECIPES[name], field.name), (name, field.name)
    assert RECIPES[UNTRAINED_RECIPE].make_model().__class__.__name__ == "BasicUNet"
