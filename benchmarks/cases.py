"""The suite's timed cases, each written once against frameworks.Framework.

A builder `make(fw, sz)` returns a no-argument `run()` that computes the case end to
end (graph building included, and evaluation for the lazy frameworks) and returns
its result; it raises frameworks.Unavailable when the framework lacks a feature.
The runner checks the results of the first two calls against NumPy's (or a float64
reference), so a fast wrong answer cannot win and a training step is checked after
an update too.
"""

from dataclasses import dataclass, field

import numpy as np

from frameworks import Unavailable

MLP_SIZES = [784, 512, 512, 10]

SIZES = {
    "full": dict(n_big=1 << 24, rows=4096, mm=(1024, 2048), chain=1000, batch=256,
                 vg_n=1 << 20, vmap=(1000, 1024), depths=(10**3, 10**4, 10**5, 10**6), la=1024,
                 load_tensors=12, load_elems=1 << 25, w_n=4096, fft=(1 << 20, 999983, 4096),
                 repeats=None),
    "quick": dict(n_big=1 << 20, rows=1024, mm=(256, 512), chain=1000, batch=256,
                  vg_n=1 << 18, vmap=(256, 256), depths=(10**3, 10**4, 10**5), la=256,
                  load_tensors=6, load_elems=1 << 22, w_n=1024, fft=(1 << 16, 65537, 1024),
                  repeats=3),
    "tiny": dict(n_big=4096, rows=64, mm=(32, 64), chain=100, batch=8, vg_n=1024,
                 vmap=(8, 16), depths=(100, 1000), la=32, load_tensors=2, load_elems=1 << 12,
                 w_n=64, fft=(256, 257, 64), repeats=2),
}


@dataclass
class Case:
    id: str
    title: str  # may hold {placeholders} from the sizes
    make: object
    unit: str = "ms"
    per: object = None  # sz -> divisor of the time (ops per run), for per-op units
    rtol: float = 1e-5
    atol: float = 0.0
    repeats: int = 7
    frameworks: tuple = ()  # empty: all
    note: str = ""
    extra: dict = field(default_factory=dict)


def _rng(seed=0):
    return np.random.default_rng(seed)


def big(sz, lo=-1.0, hi=1.0):
    return _rng().uniform(lo, hi, sz["n_big"]).astype(np.float32)


def compile_fn(fw, fn, sz):
    """The framework's compiler applied to fn, or Unavailable."""
    if fw.name == "torch":
        check_torch_compile(sz)
        return fw.m.compile(fn)
    if fw.name == "jax":
        return fw.jax.jit(fn)
    if fw.name in ("mxgraph", "mlx"):
        if not hasattr(fw.m, "compile"):
            raise Unavailable(f"{fw.name} has no compile yet")
        return fw.m.compile(fn)
    raise Unavailable(f"{fw.name} has no compiler")


def check_torch_compile(sz):
    # torch.compile spends 30-60 s compiling on these machines: too long for --quick.
    if not sz.get("torch_compile", True):
        raise Unavailable("torch.compile skipped (--quick without --torch-compile)")


# --- dispatch and elementwise ---------------------------------------------------

def dispatch(fw, sz):
    x0 = fw.asarray(np.array([1.0, 2.0, 3.0, 4.0], dtype=np.float32))
    fw.sync(x0)
    n = sz["chain"]

    def run():
        x = x0
        for i in range(n):
            x = x * 1.0001 if i % 2 else x + 0.5
        fw.sync(x)
        return x
    return run


def chain8_fn(x):
    y = x * 1.5 + 0.5
    y = y * x - 0.25
    y = y * y + x
    return y / 3.0 - 1.0


def chain8(compiled):
    def make(fw, sz):
        if compiled and fw.name == "numpy":
            raise Unavailable("numpy has no compiler")
        x = fw.asarray(big(sz))
        fw.sync(x)
        f = compile_fn(fw, chain8_fn, sz) if compiled else chain8_fn

        def run():
            if fw.name == "torch":
                with fw.m.no_grad():
                    y = f(x)
            else:
                y = f(x)
            fw.sync(y)
            return y
        return run
    return make


def unary(op, make_x=None):
    """op over big(sz), or over make_x(fw, sz) when given."""
    def make(fw, sz):
        x = make_x(fw, sz) if make_x else fw.asarray(big(sz))
        fw.sync(x)
        f = getattr(fw.m, op)

        def run():
            y = f(x)
            fw.sync(y)
            return y
        return run
    return make


def total_sum(fw, sz, make_x=None):
    x = make_x(fw, sz) if make_x else fw.asarray(big(sz, 0.0, 1.0))
    fw.sync(x)

    def run():
        y = fw.m.sum(x)
        fw.sync(y)
        return y
    return run


def row_sums(fw, sz):
    r = sz["rows"]
    x = fw.asarray(_rng(2).uniform(0, 1, (r, r)).astype(np.float32))
    fw.sync(x)

    def run():
        y = fw.m.sum(x, 1)
        fw.sync(y)
        return y
    return run


def matmul(which):
    def make(fw, sz):
        n = sz["mm"][which]
        rng = _rng(1)
        a = fw.asarray(rng.standard_normal((n, n)).astype(np.float32))
        b = fw.asarray(rng.standard_normal((n, n)).astype(np.float32))
        fw.sync(a, b)

        def run():
            c = fw.m.matmul(a, b)
            fw.sync(c)
            return c
        return run
    return make


# --- linear algebra ---------------------------------------------------------------
# Results that do not depend on LAPACK's sign choices: R's magnitudes, singular values
# and eigenvalues, so every framework's answer can be checked against NumPy's.

def _linalg_calls(fw, op):
    m, name = fw.m, fw.name
    if name in ("mxgraph", "mlx"):
        L, cpu = m.linalg, m.cpu
        return {"inv": lambda a: L.inv(a, stream=cpu), "qr": lambda a: m.abs(L.qr(a, stream=cpu)[1]),
                "svd": lambda a: L.svd(a, stream=cpu)[1], "cholesky": lambda a: L.cholesky(a, stream=cpu),
                "solve": lambda a, b: L.solve(a, b, stream=cpu), "eigh": lambda a: L.eigh(a, stream=cpu)[0]}[op]
    if name == "torch":
        L = m.linalg
        return {"inv": L.inv, "qr": lambda a: L.qr(a)[1].abs(), "svd": lambda a: L.svd(a, full_matrices=False)[1],
                "cholesky": L.cholesky, "solve": L.solve, "eigh": lambda a: L.eigh(a)[0]}[op]
    L = m.linalg  # numpy and jax.numpy
    return {"inv": L.inv, "qr": lambda a: m.abs(L.qr(a)[1]), "svd": lambda a: L.svd(a, full_matrices=False)[1],
            "cholesky": L.cholesky, "solve": L.solve, "eigh": lambda a: L.eigh(a)[0]}[op]


def linalg_case(op):
    def make(fw, sz):
        n = sz["la"]
        rng = _rng(5)
        g = rng.standard_normal((n, n))
        a_np = (g @ g.T / n + np.eye(n)).astype(np.float32)  # symmetric positive definite
        args = [fw.asarray(a_np)]
        if op == "solve":
            args.append(fw.asarray(rng.standard_normal((n, 64)).astype(np.float32)))
        fw.sync(*args)
        fn = _linalg_calls(fw, op)

        def run():
            out = fn(*args)
            fw.sync(out)
            return out
        return run
    return make


# --- transforms -------------------------------------------------------------------

def value_and_grad(fw, sz):
    x_np = _rng(3).uniform(-2, 2, sz["vg_n"]).astype(np.float32)
    m = fw.m
    if fw.name == "numpy":
        # By hand: the closed-form gradient is the eager baseline.
        def run():
            s, c = np.sin(x_np), np.cos(x_np)
            x2 = x_np * x_np
            return np.sum(s * x2), c * x2 + 2 * x_np * s
        return run
    x = fw.asarray(x_np)
    if fw.name == "torch":
        x = x.requires_grad_(True)

        def run():
            v = m.sum(m.sin(x) * x ** 2)
            (g,) = m.autograd.grad(v, x)
            return v.detach(), g
        return run
    f = lambda x: m.sum(m.sin(x) * x ** 2)  # noqa: E731
    vg = fw.jax.value_and_grad(f) if fw.name == "jax" else m.value_and_grad(f)
    fw.sync(x)

    def run():
        v, g = vg(x)
        fw.sync(v, g)
        return v, g
    return run


def vmap_case(fw, sz):
    b, d = sz["vmap"]
    rng = _rng(4)
    a_np = rng.standard_normal((b, d)).astype(np.float32)
    b_np = rng.standard_normal((b, d)).astype(np.float32)
    if fw.name == "numpy":
        return lambda: np.einsum("ij,ij->i", a_np, b_np) + a_np.sum(axis=1)
    a, bb = fw.asarray(a_np), fw.asarray(b_np)
    fw.sync(a, bb)
    fn = lambda x, y: x @ y + x.sum()  # noqa: E731
    if fw.name == "torch":
        f = fw.m.func.vmap(fn)

        def run():
            with fw.m.no_grad():
                return f(a, bb)
        return run
    f = fw.jax.vmap(fn) if fw.name == "jax" else fw.m.vmap(fn)

    def run():
        y = f(a, bb)
        fw.sync(y)
        return y
    return run


# --- MLP training step ------------------------------------------------------------

def mlp_data(sz):
    rng = _rng(5)
    layers = []
    for n_in, n_out in zip(MLP_SIZES[:-1], MLP_SIZES[1:]):
        bound = 1 / np.sqrt(n_in)
        layers.append((rng.uniform(-bound, bound, (n_out, n_in)).astype(np.float32),
                       rng.uniform(-bound, bound, (n_out,)).astype(np.float32)))
    X = rng.standard_normal((sz["batch"], MLP_SIZES[0])).astype(np.float32)
    y = rng.integers(0, MLP_SIZES[-1], sz["batch"]).astype(np.int32)
    return layers, X, y


LR = 0.05


def mlp_numpy(layers, X, y):
    """Forward, cross-entropy, backward and SGD by hand, in float32."""
    params = [(W.copy(), b.copy()) for W, b in layers]
    n = len(y)
    rows = np.arange(n)

    def run():
        acts, pre = [X], []
        for i, (W, b) in enumerate(params):
            z = acts[-1] @ W.T + b
            pre.append(z)
            acts.append(np.maximum(z, 0) if i < len(params) - 1 else z)
        z = acts[-1] - acts[-1].max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        loss = -np.log(p[rows, y]).mean()
        d = p
        d[rows, y] -= 1
        d /= n
        for i in reversed(range(len(params))):
            W, b = params[i]
            gW, gb = d.T @ acts[i], d.sum(axis=0)
            if i:
                d = (d @ W) * (pre[i - 1] > 0)
            W -= LR * gW
            b -= LR * gb
        return np.float32(loss)
    return run


def mlp_torch(fw, layers, X_np, y_np, compiled, dtype=None):
    torch = fw.m
    mods = []
    for i, (W, b) in enumerate(layers):
        lin = torch.nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W))
            lin.bias.copy_(torch.from_numpy(b))
        mods += [lin] + ([torch.nn.ReLU()] if i < len(layers) - 1 else [])
    model = torch.nn.Sequential(*mods)
    X, y = torch.from_numpy(X_np), torch.from_numpy(y_np.astype(np.int64))
    if dtype is not None:
        model, X = model.to(dtype), X.to(dtype)
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    fwd = torch.compile(model) if compiled else model

    def run():
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(fwd(X), y)
        loss.backward()
        opt.step()
        return loss.detach()
    return run


def mlp_jax(fw, layers, X_np, y_np, compiled, dtype=None):
    jax, jnp = fw.jax, fw.m
    dt = dtype or jnp.float32
    params = [(jnp.asarray(W).astype(dt), jnp.asarray(b).astype(dt)) for W, b in layers]
    X, y = jnp.asarray(X_np).astype(dt), jnp.asarray(y_np)

    def loss_fn(params):
        h = X
        for i, (W, b) in enumerate(params):
            h = h @ W.T + b
            if i < len(params) - 1:
                h = jnp.maximum(h, 0)
        logp = jax.nn.log_softmax(h, axis=1)
        return -jnp.mean(jnp.take_along_axis(logp, y[:, None], axis=1))

    def step(params):
        loss, grads = jax.value_and_grad(loss_fn)(params)
        return loss, jax.tree_util.tree_map(lambda p, g: p - LR * g, params, grads)

    step = jax.jit(step) if compiled else step
    state = [params]

    def run():
        loss, state[0] = step(state[0])
        jax.block_until_ready(state[0])
        return loss
    return run


def mx_like_mlp(mx, nn, optim, tree_unflatten, sizes, layers, lr, dtype=None):
    """An MLP written the MLX way (mxgraph runs the same code): ReLU layers of `sizes`
    loaded with `layers` [(W, b), ...] (cast to dtype if given), SGD, and
    nn.value_and_grad of the mean cross-entropy. Returns (model, optimizer, loss_and_grad), parameters evaluated."""

    class MLP(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = [nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])]

        def __call__(self, x):
            for layer in self.layers[:-1]:
                x = nn.relu(layer(x))
            return self.layers[-1](x)

    def loss_fn(model, X, y):
        return nn.losses.cross_entropy(model(X), y, reduction="mean")

    model = MLP()
    flat = []
    for i, (W, b) in enumerate(layers):
        flat += [(f"layers.{i}.weight", mx.array(W)), (f"layers.{i}.bias", mx.array(b))]
    model.update(tree_unflatten(flat))
    if dtype is not None:
        model.set_dtype(dtype)
    mx.eval(model.parameters())
    return model, optim.SGD(learning_rate=lr), nn.value_and_grad(model, loss_fn)


def mlp_mx_like(fw, layers, X_np, y_np, compiled, dtype=None):
    mx = fw.m
    nn = __import__(f"{fw.name}.nn", fromlist=["nn"])
    optim = __import__(f"{fw.name}.optimizers", fromlist=["optimizers"])
    tree_unflatten = __import__(f"{fw.name}.utils", fromlist=["utils"]).tree_unflatten

    model, optimizer, loss_and_grad = mx_like_mlp(mx, nn, optim, tree_unflatten, MLP_SIZES, layers,
                                                  LR, dtype)
    X, y = mx.array(X_np), mx.array(y_np)
    if dtype is not None:
        X = X.astype(dtype)
    mx.eval(X, y)

    def step(X, y):
        loss, grads = loss_and_grad(model, X, y)
        optimizer.update(model, grads)
        return loss

    if compiled:
        if not hasattr(mx, "compile"):
            raise Unavailable(f"{fw.name} has no compile yet")
        state = [model.state, optimizer.state]
        step = mx.compile(step, inputs=state, outputs=state)

    def run():
        loss = step(X, y)
        mx.eval(loss, model.parameters(), optimizer.state)
        return loss
    return run


def mlp(compiled):
    def make(fw, sz):
        layers, X, y = mlp_data(sz)
        if fw.name == "numpy":
            if compiled:
                raise Unavailable("numpy has no compiler")
            return mlp_numpy(layers, X, y)
        if fw.name == "torch":
            if compiled:
                check_torch_compile(sz)
            return mlp_torch(fw, layers, X, y, compiled)
        if fw.name == "jax":
            return mlp_jax(fw, layers, X, y, compiled)
        return mlp_mx_like(fw, layers, X, y, compiled)
    return make


# --- fft --------------------------------------------------------------------------

def fft_module(fw):
    """The framework's FFT namespace; NumPy's column uses scipy.fft (float32 native,
    all cores) when SciPy is installed, else numpy.fft."""
    if fw.name == "numpy":
        try:
            import functools
            import os

            import scipy.fft as sf

            class Sci:
                fft = functools.partial(sf.fft, workers=os.cpu_count())
                rfft = functools.partial(sf.rfft, workers=os.cpu_count())
            return Sci
        except ImportError:
            return np.fft
    return fw.m.fft


def fft_case(which):
    """which: 0 complex64 FFT of length 2^20, 1 of a prime length, 2 rfft of rows x rows."""
    def make(fw, sz):
        n = sz["fft"][which]
        rng = _rng(4)
        if which == 2:
            x_np = rng.standard_normal((n, n)).astype(np.float32)
        else:
            x_np = (rng.standard_normal(n) + 1j * rng.standard_normal(n)).astype(np.complex64)
        x = fw.asarray(x_np)
        fw.sync(x)
        mod = fft_module(fw)
        f = mod.rfft if which == 2 else mod.fft

        def run():
            y = f(x)
            fw.sync(y)
            return y
        return run
    return make


CASES = [
    Case("dispatch", "dispatch: {chain}-op chain, 4 elems", dispatch, unit="us/op",
         per=lambda sz: sz["chain"], rtol=1e-4, repeats=15),
    Case("chain8", "8-op chain, {n_big_s} f32", chain8(False), rtol=1e-5, atol=1e-5),
    Case("chain8_compiled", "8-op chain, {n_big_s} f32, compiled", chain8(True),
         rtol=1e-5, atol=1e-5, note="torch.compile / jax.jit / mx.compile"),
    Case("exp", "exp {n_big_s} f32", unary("exp"), rtol=1e-5),
    Case("sin", "sin {n_big_s} f32", unary("sin"), rtol=1e-5, atol=1e-6),
    Case("tanh", "tanh {n_big_s} f32", unary("tanh"), rtol=1e-5, atol=1e-6),
    Case("sum", "sum {n_big_s} f32", total_sum, rtol=1e-4, repeats=9),
    Case("rowsum", "row sums {rows}x{rows} f32", row_sums, rtol=1e-4, repeats=9),
    Case("matmul_a", "matmul {mm0} f32", matmul(0), rtol=1e-3, atol=1e-3),
    Case("matmul_b", "matmul {mm1} f32", matmul(1), rtol=1e-3, atol=1e-3, repeats=5),
    Case("la_inv", "linalg.inv {la}x{la} f32", linalg_case("inv"), rtol=2e-3, atol=2e-3, repeats=5),
    Case("la_qr", "linalg.qr {la}x{la} f32", linalg_case("qr"), rtol=2e-3, atol=2e-3, repeats=5),
    Case("la_svd", "linalg.svd {la}x{la} f32 (values)", linalg_case("svd"), rtol=2e-3, atol=2e-3, repeats=5,
         note="U, S, Vt computed; S compared"),
    Case("la_cholesky", "linalg.cholesky {la}x{la} f32", linalg_case("cholesky"), rtol=2e-3, atol=2e-3,
         repeats=5),
    Case("la_solve", "linalg.solve {la}x{la}, 64 rhs f32", linalg_case("solve"), rtol=2e-3, atol=2e-3,
         repeats=5),
    Case("la_eigh", "linalg.eigh {la}x{la} f32 (values)", linalg_case("eigh"), rtol=2e-3, atol=2e-3, repeats=5),
    Case("mlp", "MLP 784-512-512-10 step, batch {batch}", mlp(False), rtol=1e-4,
         repeats=21),
    Case("mlp_compiled", "MLP 784-512-512-10 step, batch {batch}, compiled", mlp(True),
         rtol=1e-4, repeats=21),
    Case("value_and_grad", "value_and_grad sum(sin(x)x^2), {vg_n_s}", value_and_grad,
         rtol=1e-4, atol=1e-4, repeats=15),
    Case("vmap", "vmap x@y+x.sum() over {vmap0}x{vmap1}", vmap_case, rtol=1e-4, atol=1e-3,
         repeats=15),
    Case("fft_pow2", "fft complex64 length {fft0}", fft_case(0), rtol=1e-3, atol=0.05, repeats=9,
         note="NumPy column: scipy.fft (workers=all cores)"),
    Case("fft_prime", "fft complex64 prime length {fft1}", fft_case(1), rtol=1e-3, atol=0.05,
         repeats=7, note="NumPy column: scipy.fft (workers=all cores)"),
    Case("rfft_rows", "rfft of {fft2}x{fft2} f32 along the last axis", fft_case(2), rtol=1e-3,
         atol=0.02, repeats=7, note="NumPy column: scipy.fft (workers=all cores)"),
]


def human(n):
    for div, suf in ((1 << 20, "M"), (1 << 10, "K")):
        if n >= div and n % div == 0:
            return f"{n // div}{suf}"
    return str(n)


def title(case, sz):
    return case.title.format(n_big_s=human(sz["n_big"]), vg_n_s=human(sz["vg_n"]),
                             mm0=sz["mm"][0], mm1=sz["mm"][1], vmap0=sz["vmap"][0],
                             vmap1=sz["vmap"][1], fft0=human(sz["fft"][0]), fft1=sz["fft"][1],
                             fft2=sz["fft"][2], **sz)
