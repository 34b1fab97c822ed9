import os
import sys

import pytest

# Developers run against a CMake build folder (MXGRAPH_DEV_BUILD=build) with the
# package sources; CI runs against the installed package.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _here)
if os.environ.get("MXGRAPH_DEV_BUILD"):
    sys.path.insert(0, os.path.join(_here, "..", "..", "bindings", "python"))


@pytest.fixture
def counters():
    """Resets the evaluation counters and returns a function that reads them."""
    import mxgraph.core as mx

    mx._reset_eval_counters()
    return mx._eval_counters
