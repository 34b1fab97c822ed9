"""The core module's import graph: `import mxgraph.core` loads neither mxgraph.nn nor
mxgraph.optimizers (they import the core: an eager import would be a cycle), while
mx.optimizers (imported on first use) and mx.relu work as the lazy-evaluation guide
writes them."""

import os
import subprocess
import sys

import numpy as np

import mxgraph.core as mx


def _run(code):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # the mxgraph under test
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_core_imports_neither_nn_nor_optimizers():
    code = ("import sys\n"
            "import mxgraph.core as mx\n"
            "print(sorted(m for m in sys.modules if m.startswith(('mxgraph.nn', "
            "'mxgraph.optimizers'))))\n"
            "print('optimizers' in dir(mx), 'optimizers' in vars(mx))\n"
            "x = mx.relu(mx.array([-1.0, 2.0]))\n"
            "print(sorted(m for m in sys.modules if m.startswith('mxgraph.nn')))\n"
            "opt = mx.optimizers.SGD(0.1)\n"
            "import mxgraph.optimizers\n"
            "print(mx.optimizers is mxgraph.optimizers, 'optimizers' in vars(mx))\n")
    lines = _run(code).splitlines()
    assert lines[0] == "[]"
    assert lines[1] == "False False"
    assert lines[2] == "[]"  # mx.relu needs no nn
    assert lines[3] == "True False"


def test_unknown_core_attribute_is_an_attribute_error():
    try:
        mx.no_such_thing
    except AttributeError as e:
        assert "no_such_thing" in str(e)
    else:
        raise AssertionError("mx.no_such_thing did not raise")
    assert not hasattr(mx, "nn")


def test_core_has_no_optimizers_submodule():
    """As `import mlx.core.optimizers` in MLX: the core is no package of optimizers; the
    guide's mx.optimizers is only a lazy attribute naming mxgraph.optimizers."""
    out = _run("import sys\n"
               "try:\n"
               "    import mxgraph.core.optimizers\n"
               "except ModuleNotFoundError:\n"
               "    print('absent', 'mxgraph.optimizers' in sys.modules)\n")
    assert out == "absent False\n"


def test_relu_is_max_x_0():
    x = np.array([[-2.0, -0.0, 0.5], [3.0, -1e-30, np.inf]], np.float32)
    np.testing.assert_array_equal(np.asarray(mx.relu(mx.array(x))), np.maximum(x, 0))
    y = mx.relu(mx.array([-3, 4], mx.int32))
    assert y.dtype == mx.int32 and y.tolist() == [0, 4]
    g = mx.grad(lambda v: mx.relu(v).sum())(mx.array([-1.0, 2.0]))
    assert g.tolist() == [0.0, 1.0]
