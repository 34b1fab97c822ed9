"""One adapter per framework, so a benchmark case is written once against a small
common surface: `m` (the op namespace), `asarray` (from NumPy), `sync` (wait for
the result: eval for the lazy ones, block_until_ready for JAX) and `tonp`.

A framework that does not import is reported as unavailable with the reason; it
never stops the run.
"""

import os

import numpy as np

ALL = ["mxgraph", "numpy", "torch", "jax", "mlx"]


class Unavailable(Exception):
    """The framework (or one of its features, like compile) cannot run a case."""


class Framework:
    def __init__(self, name, m, version, asarray, sync, tonp):
        self.name, self.m, self.version = name, m, version
        self.asarray, self.sync, self._tonp = asarray, sync, tonp

    def tonp(self, x):
        """A NumPy copy of a result (tuples and lists become lists)."""
        if isinstance(x, (tuple, list)):
            return [self._tonp(v) for v in x]
        return self._tonp(x)

    @property
    def lazy(self):
        return self.name in ("mxgraph", "mlx")


def _mx_like(name, m, version):
    def sync(*xs):
        m.eval(*xs)

    def tonp(x):  # halves through float32: NumPy has no bfloat16
        if x.dtype in (m.bfloat16, m.float16):
            x = x.astype(m.float32)
        return np.array(x, copy=True)

    return Framework(name, m, version, lambda a: m.array(a), sync, tonp)


def load_mxgraph():
    import mxgraph
    import mxgraph.core as mx

    return _mx_like("mxgraph", mx, mxgraph.__version__)


def load_mlx():
    import mlx.core as mx

    return _mx_like("mlx", mx, mx.__version__)


def load_numpy():
    return Framework("numpy", np, np.__version__, lambda a: a.copy(), lambda *xs: None,
                     lambda x: np.array(x, copy=True))


def load_torch():
    # No pool of inductor compile workers: they keep spinning after torch.compile and
    # would slow every later case on a small machine.
    os.environ.setdefault("TORCHINDUCTOR_COMPILE_THREADS", "1")
    import torch

    torch.set_num_threads(os.cpu_count() or 1)
    version = f"{torch.__version__} ({torch.get_num_threads()} threads)"
    def tonp(x):  # halves through float32: NumPy has no bfloat16
        if x.dtype in (torch.bfloat16, torch.float16):
            x = x.float()
        return x.detach().cpu().numpy().copy()

    return Framework("torch", torch, version, lambda a: torch.from_numpy(a.copy()),
                     lambda *xs: None, tonp)


def load_jax():
    os.environ.setdefault("JAX_PLATFORMS", "cpu")
    import jax
    import jax.numpy as jnp

    def sync(*xs):
        jax.block_until_ready(xs)

    def tonp(x):  # halves through float32
        if x.dtype in (jnp.bfloat16, jnp.float16):
            x = x.astype(jnp.float32)
        return np.array(x, copy=True)

    fw = Framework("jax", jnp, jax.__version__, lambda a: jax.device_put(a), sync, tonp)
    fw.jax = jax
    return fw


LOADERS = {"mxgraph": load_mxgraph, "numpy": load_numpy, "torch": load_torch,
           "jax": load_jax, "mlx": load_mlx}


def load(names):
    """{name: Framework} for those that import, and {name: reason} for the rest."""
    fws, missing = {}, {}
    for name in names:
        try:
            fws[name] = LOADERS[name]()
        except Exception as e:  # noqa: BLE001 - any import failure only drops the column
            missing[name] = f"{type(e).__name__}: {e}".splitlines()[0][:160]
    return fws, missing
