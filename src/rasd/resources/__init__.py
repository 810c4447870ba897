"""The committed data files, and how a table built from them is built in one go."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

_Params = ParamSpec("_Params")
_Built = TypeVar("_Built")

# The collector's switch is the process's: builds in two threads (a server's workers loading
# the models at once) take turns, so that neither finds it paused by the other and skips its
# freeze, nor turns it back on while the other still builds. Reentrant: a build may call one.
_BUILDING = threading.RLock()


def bulk_load(build: Callable[_Params, _Built]) -> Callable[_Params, _Built]:
    """``build`` run with the cyclic garbage collector paused, the objects alive after it
    frozen (``gc.freeze``), the collector running again as it was.

    A table built in one go (the gazetteer, the NER model, the trigger lexicon) makes
    hundreds of thousands of objects that live as long as the process: each full pass of
    the collector walks them all to free none of them. Loading the models took eight such
    passes, 0.1 s each, and the first pass after it another. Frozen, they are never walked
    again; they are freed as ever when no longer referenced. What freezing costs: a cycle
    of garbage alive at that moment is never collected (a build runs once a process).
    """

    @wraps(build)
    def built(*args: _Params.args, **kwargs: _Params.kwargs) -> _Built:
        with _BUILDING:
            if not gc.isenabled():  # paused already: by an enclosing build, or by the caller
                return build(*args, **kwargs)
            gc.disable()
            try:
                result = build(*args, **kwargs)
                gc.freeze()
                return result
            finally:
                gc.enable()

    return built
