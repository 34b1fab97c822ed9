import os
import sys

import pytest

# Developers run against a CMake build folder (MXGRAPH_DEV_BUILD=build) with the
# package sources; CI runs against the installed package.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _here)
if os.environ.get("MXGRAPH_DEV_BUILD"):
    sys.path.insert(0, os.path.join(_here, "..", "..", "bindings", "python"))


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "needs(*names): skip, saying why, unless mxgraph.core has every dotted name "
        "(e.g. 'save', 'random.normal'); for tests written ahead of the ops they use.")


def has_api(name):
    """True if `name` (dotted, relative to mxgraph.core, or 'mxgraph.x' for a module) exists."""
    import importlib

    import mxgraph.core as mx

    if name.startswith("mxgraph."):
        try:
            importlib.import_module(name)
            return True
        except ImportError:
            return False
    obj = mx
    for part in name.split("."):
        if not hasattr(obj, part):
            return False
        obj = getattr(obj, part)
    return True


def pytest_runtest_setup(item):
    for mark in item.iter_markers(name="needs"):
        missing = [n for n in mark.args if not has_api(n)]
        if missing:
            reason = mark.kwargs.get("reason", "not implemented yet")
            pytest.skip(f"needs {', '.join(missing)} ({reason})")


@pytest.fixture
def counters():
    """Resets the evaluation counters and returns a function that reads them."""
    import mxgraph.core as mx

    mx._reset_eval_counters()
    return mx._eval_counters
