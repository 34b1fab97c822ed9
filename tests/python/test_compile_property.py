"""Transforms against the plain function on randomly generated graphs of the
elementwise, matmul, where, reduction, broadcast and cast families: compile(f),
compile(grad(f)) and grad(compile(f)) (a fused kernel that overran its own bool
condition gave wrong compiled gradients; hand-picked cases had missed it), vmap(f),
vmap(compile(f)) and compile(vmap(f)) against a Python loop, vjp against jvp, grad
against central finite differences in float64, and export -> import -> call.

Each graph is built from a seed by `Program`, which records the ops it draws so that
a failure prints the program. Values are float32; the tolerance is relative to the
magnitude of the result."""

import os
import tempfile

import numpy as np
import pytest

import mxgraph.core as mx

SEEDS_PER_CHUNK = 30
CHUNKS = 10  # 300 graphs
SMALL, LARGE = (4, 3), (70, 130)  # LARGE spans several 4096-element tiles


class Program:
    """A random function of two float32 arguments (a (m, n) matrix and an (n, n)
    weight) that also reads captured constants (an array and a bool mask)."""

    def __init__(self, seed, dtype=np.float32, n_ops=None, extended=False):
        """n_ops: the number of ops (default 3 to 15, drawn); extended: also draw from
        the shape, scan and normalisation families (test_difftest_transforms.py)."""
        self.seed = seed
        self.dtype = dtype
        self.extended = extended
        self.rng = np.random.default_rng(seed)
        self.shape = LARGE if self.rng.random() < 0.25 else SMALL
        m, n = self.shape
        self.mx_dtype = mx.float64 if dtype == np.float64 else mx.float32
        self.captured = mx.array(self.rng.standard_normal((m, n)), dtype=self.mx_dtype)
        self.mask = mx.array(self.rng.random(n) < 0.5)
        self.ops = [self._draw() for _ in range(n_ops or self.rng.integers(3, 16))]
        self.weights = [float(v) for v in self.rng.standard_normal(4)]

    def args(self):
        m, n = self.shape
        return (mx.array(self.rng.standard_normal((m, n)), dtype=self.mx_dtype),
                mx.array(self.rng.standard_normal((n, n)) / np.sqrt(n), dtype=self.mx_dtype))

    def _draw(self):
        if self.extended and self.rng.random() < 0.3:
            return ("extended", str(self.rng.choice(EXTENDED_OPS)))
        fam = self.rng.choice(["unary", "binary", "where", "reduce", "broadcast", "matmul", "cast"],
                              p=[0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1])
        if fam == "unary":
            return ("unary", str(self.rng.choice(["sin", "cos", "tanh", "sigmoid", "abs", "negative",
                                                    "exp_tanh", "square_tanh", "log1p_abs"])))
        if fam == "binary":
            return ("binary", str(self.rng.choice(["add", "subtract", "multiply", "maximum", "minimum",
                                                     "divide"])))
        if fam == "where":
            return ("where", str(self.rng.choice(["mask", "compare"])),
                    str(self.rng.choice(["scalar0", "scalar1", "value"])), bool(self.rng.random() < 0.5))
        if fam == "reduce":
            return ("reduce", str(self.rng.choice(["sum", "mean", "max", "min"])), int(self.rng.integers(2)))
        if fam == "broadcast":
            return ("broadcast", str(self.rng.choice(["row", "col", "scalar"])))
        if fam == "matmul":
            return ("matmul", str(self.rng.choice(["weight", "gram"])))
        return ("cast", str(self.rng.choice(["float16", "bool"])))

    def __call__(self, x, w):
        pool = [x, self.captured]
        pick = np.random.default_rng(self.seed)  # the same choices on every call
        take = lambda: pool[int(pick.integers(len(pool)))]  # noqa: E731
        for op in self.ops:
            a, b = take(), take()
            kind = op[0]
            if kind == "unary":
                name = op[1]
                if name == "exp_tanh":
                    y = mx.exp(mx.tanh(a))
                elif name == "square_tanh":
                    y = mx.square(mx.tanh(a))
                elif name == "log1p_abs":
                    y = mx.log1p(mx.abs(a))
                else:
                    y = getattr(mx, name)(a)
            elif kind == "extended":
                y = extended_op(op[1], a, b)
            elif kind == "binary":
                y = (a / (1.0 + mx.abs(b))) if op[1] == "divide" else getattr(mx, op[1])(a, b)
            elif kind == "where":
                cond = self.mask if op[1] == "mask" else a > b
                other = {"scalar0": 0.0, "scalar1": 1.5, "value": b}[op[2]]
                y = mx.where(cond, other, a) if op[3] else mx.where(cond, a, other)
            elif kind == "reduce":
                r = getattr(mx, op[1])(a, axis=op[2], keepdims=True)
                y = r + b  # broadcasts the reduced axis back
            elif kind == "broadcast":
                part = {"row": a[:1], "col": a[:, :1], "scalar": a[:1, :1].reshape(())}[op[1]]
                y = mx.broadcast_to(part, a.shape) * b
            elif kind == "matmul":
                y = a @ w if op[1] == "weight" else a @ mx.tanh(a.T @ b / a.shape[0])
            else:  # cast
                if op[1] == "float16" and self.dtype == np.float64:
                    y = a * b  # rounding to float16 would defeat finite differences
                elif op[1] == "float16":
                    y = a.astype(mx.float16).astype(mx.float32) + b
                else:
                    y = mx.where(mx.abs(a) > 0.5, 1.0, 0.0) + (a > b).astype(a.dtype) * b
            pool.append(y)
        outs = pool[2:]
        loss = mx.sum(outs[-1] * self.weights[0])
        for k, o in enumerate(outs[-3:-1]):
            loss = loss + mx.mean(o) * self.weights[1 + k]
        return loss, outs[-1]

    def describe(self):
        return f"shape={self.shape} ops={self.ops}"


# Shape-preserving ops of the shape, scan and normalisation families, drawn by
# Program(extended=True): each maps (a, b) of one shape to that shape.
EXTENDED_OPS = ["roll", "flip", "transpose_reshape", "concat_halves", "pad_slice", "cumsum", "logcumsumexp",
                "softmax", "logsumexp", "sort", "power", "strided", "clip", "erf"]


def extended_op(name, a, b):
    m, n = a.shape
    if name == "roll":
        return mx.roll(a, 1, axis=1) * b
    if name == "flip":
        return mx.flip(a, axis=0) + b
    if name == "transpose_reshape":
        return mx.reshape(mx.transpose(a), (m, n)) + b
    if name == "concat_halves":
        k = n // 2
        return mx.concatenate([a[:, k:], a[:, :k]], axis=1) - b
    if name == "pad_slice":
        return mx.pad(a[1:], [(0, 1), (0, 0)]) + b
    if name == "cumsum":
        return mx.cumsum(a, axis=1) / n + b
    if name == "logcumsumexp":
        return mx.logcumsumexp(mx.tanh(a), axis=0) * b
    if name == "softmax":
        return mx.softmax(a, axis=-1) * n + b
    if name == "logsumexp":
        return mx.logsumexp(a, axis=0, keepdims=True) + b
    if name == "sort":
        return mx.sort(a, axis=1) + b
    if name == "power":
        return mx.power(mx.abs(a) + 0.5, mx.tanh(b))
    if name == "strided":
        return mx.repeat(a[:, ::2], 2, axis=1)[:, :n] + b if n % 2 == 0 else a[::-1] * b
    if name == "clip":
        return mx.clip(a, -0.7, 0.9) + b
    return mx.erf(a) * b


def close(a, b, what, prog):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = 1.0 + np.abs(b).max(initial=0.0)
    np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5 * scale,
                               err_msg=f"{what} differs from the plain function: {prog.describe()}")


def check_seed(seed, **kw):
    prog = Program(seed, **kw)
    loss = lambda x, w: prog(x, w)[0]  # noqa: E731
    both = lambda x, w: prog(x, w)  # noqa: E731
    g_plain = mx.grad(loss, argnums=[0, 1])
    g_compiled = mx.compile(g_plain)
    g_of_compiled = mx.grad(mx.compile(loss), argnums=[0, 1])
    f_compiled = mx.compile(both)
    for _ in range(2):  # the second call replays the cached trace on new inputs
        x, w = prog.args()
        ref_loss, ref_out = both(x, w)
        ref_g = g_plain(x, w)
        c_loss, c_out = f_compiled(x, w)
        close(c_loss, ref_loss, "compile(f) loss", prog)
        close(c_out, ref_out, "compile(f) output", prog)
        for got, what in ((g_compiled(x, w), "compile(grad(f))"), (g_of_compiled(x, w), "grad(compile(f))")):
            for k in range(2):
                close(got[k], ref_g[k], f"{what} argument {k}", prog)


def check_vmap_seed(seed, batch=3, **kw):
    """vmap over x (w unmapped), plain, of the compiled function and compiled."""
    prog = Program(seed, **kw)
    fn = lambda x, w: prog(x, w)  # noqa: E731
    w = prog.args()[1]
    xs = mx.stack([prog.args()[0] for _ in range(batch)])
    loop = [fn(xs[b], w) for b in range(batch)]
    expected = [mx.stack([r[k] for r in loop]) for k in range(2)]
    for what, vf in (("vmap(f)", mx.vmap(fn, in_axes=(0, None))),
                     ("vmap(compile(f))", mx.vmap(mx.compile(fn), in_axes=(0, None))),
                     ("compile(vmap(f))", mx.compile(mx.vmap(fn, in_axes=(0, None))))):
        got = vf(xs, w)
        for k in range(2):
            close(got[k], expected[k], f"{what} output {k}", prog)


def check_jvp_vjp_seed(seed, **kw):
    """<u, jvp(v)> == <vjp(u), v> for the program's array output."""
    prog = Program(seed, **kw)
    fn = lambda x, w: prog(x, w)[1]  # noqa: E731
    primals, tangents = prog.args(), prog.args()
    cot = mx.array(prog.rng.standard_normal(prog.shape).astype(np.float32))
    _, (jv,) = mx.jvp(fn, list(primals), list(tangents))
    _, vj = mx.vjp(fn, list(primals), [cot])
    lhs = float(mx.sum(cot * jv))
    rhs = float(sum(mx.sum(g * t) for g, t in zip(vj, tangents)))
    # Relative to the sum of the terms' magnitudes: float16 casts round the
    # tangents and cotangents (2^-11), and the terms may cancel.
    scale = float(mx.sum(mx.abs(cot * jv))) + float(sum(mx.sum(mx.abs(g * t)) for g, t in zip(vj, tangents)))
    assert abs(lhs - rhs) <= 2e-3 * (1.0 + scale), f"jvp/vjp disagree ({lhs} vs {rhs}): {prog.describe()}"


def check_finite_differences_seed(seed, eps=1e-6, **kw):
    """<grad f, v> against a central difference along a random direction, in float64."""
    prog = Program(seed, dtype=np.float64, **kw)
    loss = lambda x, w: prog(x, w)[0]  # noqa: E731
    x, w = prog.args()
    vx, vw = prog.args()
    assert loss(x, w).dtype == mx.float64, prog.describe()
    gx, gw = mx.grad(loss, argnums=[0, 1])(x, w)
    analytic = float(mx.sum(gx * vx) + mx.sum(gw * vw))
    numeric = (float(loss(x + eps * vx, w + eps * vw)) - float(loss(x - eps * vx, w - eps * vw))) / (2 * eps)
    assert abs(analytic - numeric) <= 1e-5 * (1.0 + abs(numeric)), \
        f"grad {analytic} vs finite difference {numeric}: {prog.describe()}"


def check_export_seed(seed, folder, **kw):
    prog = Program(seed, **kw)
    fn = lambda x, w: prog(x, w)  # noqa: E731
    x, w = prog.args()
    path = os.path.join(folder, f"g{seed}.mxfn")
    mx.export_function(path, fn, x, w)
    imported = mx.import_function(path)
    x, w = prog.args()  # new values through the imported graph
    got, expected = imported(x, w), fn(x, w)
    for k in range(2):
        close(got[k], expected[k], f"export/import output {k}", prog)


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_random_graphs(chunk):
    for seed in range(chunk * SEEDS_PER_CHUNK, (chunk + 1) * SEEDS_PER_CHUNK):
        check_seed(seed)


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_random_graphs_vmap_jvp(chunk):
    for seed in range(chunk * SEEDS_PER_CHUNK, (chunk + 1) * SEEDS_PER_CHUNK):
        check_vmap_seed(seed)
        check_jvp_vjp_seed(seed)
        check_finite_differences_seed(seed)


def test_random_graphs_export_import():
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(0, CHUNKS * SEEDS_PER_CHUNK, 3):
            check_export_seed(seed, folder)


def test_issue_example_where_with_scalar_and_shared_value():
    """The reported case: a shared matmul result, where(mask, 0.0, y), and the weight
    passed as an argument; compile(grad) gave different numbers."""
    rng = np.random.default_rng(0)
    x, w1, w2 = (rng.standard_normal(s).astype(np.float32) for s in ((4, 2), (2, 2), (2, 2)))
    m = np.array([True, False])

    def loss(a, b):
        y = mx.array(x) @ b
        return mx.sum(y) + mx.sum(mx.where(mx.array(m), 0.0, y) @ a)

    expected = x.T @ (np.where(m, 0.0, np.ones((4, 2), np.float32) @ w1.T) + 1.0)
    g = mx.grad(loss, argnums=1)
    for fn in (g, mx.compile(g)):
        np.testing.assert_allclose(np.asarray(fn(mx.array(w1), mx.array(w2))), expected, rtol=1e-5, atol=1e-6)


def test_fused_where_reads_its_condition_before_overwriting():
    """where(bool cond broadcast from a row, 0.0, x) + 1 in one fused kernel: the
    float result must not reuse the bool condition's tile buffer (it is 4x wider)."""
    rng = np.random.default_rng(1)
    for m, n in ((4, 2), (70, 130), (3, 4097)):
        cond = rng.random(n) < 0.5
        x = rng.standard_normal((m, n)).astype(np.float32)
        f = mx.compile(lambda c, a: mx.where(c, 0.0, a) + 1.0)
        np.testing.assert_array_equal(np.asarray(f(mx.array(cond), mx.array(x))),
                                      np.where(cond, 0.0, x).astype(np.float32) + 1.0)


def test_fused_regions_that_would_wait_on_each_other():
    """Region A (the comparison and both wheres) reads a row sliced from region B
    (abs, sin, multiply), and B's tail reads a reduction of A: fusing both would make
    a cycle, which the old pass left unplaced (the output became a stale constant and
    replay read freed memory). One region is dissolved instead."""
    def h(x, c, k):
        m = x > c
        a = mx.abs(x)
        s = mx.sin(a) * k
        row = mx.broadcast_to(s[:1], s.shape)
        t = mx.where(m, c * row, 0.0) + k
        u = mx.sum(k * mx.where(m, x, c), axis=0, keepdims=True)
        z = mx.zeros_like(x)
        z[:1] = u
        return t + (c + z) * k * mx.cos(a) * mx.sign(x)

    rng = np.random.default_rng(0)
    xs = [mx.array(rng.standard_normal((4, 3)).astype(np.float32)) for _ in range(3)]
    stats, text = mx._core._compile_inspect(lambda a: [h(*a)], xs, True, True)
    assert stats["fused_kernels"] >= 1, text
    np.testing.assert_allclose(np.asarray(mx.compile(h)(*xs)), np.asarray(h(*xs)), rtol=1e-5, atol=1e-6)
