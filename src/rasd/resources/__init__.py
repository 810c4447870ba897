"""The committed data files, and how a table built from them is built in one go."""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

_Params = ParamSpec("_Params")
_Built = TypeVar("_Built")


def bulk_load(build: Callable[_Params, _Built]) -> Callable[_Params, _Built]:
    """``build`` run with the cyclic garbage collector paused, as it was again after.

    A table built in one go (the gazetteer, the NER model, the trigger lexicon) makes
    hundreds of thousands of objects that all live on: each full pass of the collector
    walks the whole growing heap to free none of them, and loading the models took eight
    such passes, 0.1 s each. What a build leaves for the collector is collected after it.
    """

    @wraps(build)
    def built(*args: _Params.args, **kwargs: _Params.kwargs) -> _Built:
        if not gc.isenabled():  # paused already: by an enclosing build
            return build(*args, **kwargs)
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            gc.enable()

    return built
