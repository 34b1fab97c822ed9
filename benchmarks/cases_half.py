"""The suite's half-precision cases: bfloat16/float16 `x @ w.T` at batch 1 and 64, the
float32 matrix-vector product they are measured against, bfloat16 exp and sum, and
the MLP training step with bfloat16 weights.

NumPy has no bfloat16: its column computes in float32 on the same rounded values.
It is the reference the others are checked against, not a half-precision peer (the
markdown's best-peer ratio leaves it out of these rows).
"""

import numpy as np

import cases as C

def bf16_round(x):
    """float32 values rounded to the nearest bfloat16 (ties to even), as float32."""
    u = np.asarray(x, dtype=np.float32).view(np.uint32).astype(np.uint64)
    r = (((u + 0x7FFF + ((u >> 16) & 1)) >> 16) << 16).astype(np.uint32)
    return r.view(np.float32)


def round_to(x, dtype):
    return bf16_round(x) if dtype == "bfloat16" else x.astype(np.float16).astype(np.float32)


def cast(fw, x, dtype):
    """A framework array of dtype ("bfloat16" or "float16") from float32 x."""
    if fw.name == "numpy":
        return round_to(x, dtype)
    if fw.name == "torch":
        return fw.m.from_numpy(x.copy()).to(getattr(fw.m, dtype))
    return fw.asarray(x).astype(getattr(fw.m, dtype))


def matmul_wt(dtype, batch):
    """x (batch x n) @ w.T with w n x n: a linear layer's forward."""
    def make(fw, sz):
        n = sz["w_n"]
        rng = C._rng(11)
        w_np = rng.standard_normal((n, n)).astype(np.float32) / np.float32(np.sqrt(n))
        x_np = rng.standard_normal((batch, n)).astype(np.float32)
        if dtype == "float32":
            w, x = fw.asarray(w_np), fw.asarray(x_np)
        else:
            w, x = cast(fw, w_np, dtype), cast(fw, x_np, dtype)
        fw.sync(w, x)

        def run():
            if fw.name == "torch":
                with fw.m.no_grad():
                    return x @ w.T
            y = x @ w.T
            fw.sync(y)
            return y
        return run
    return make


def big_bf16(lo, hi):
    return lambda fw, sz: cast(fw, C.big(sz, lo, hi), "bfloat16")


def sum_bf16(fw, sz):
    return C.total_sum(fw, sz, big_bf16(0.0, 1.0))


def mlp_bf16(fw, sz):
    layers, X, y = C.mlp_data(sz)
    layers = [(bf16_round(W), bf16_round(b)) for W, b in layers]
    X = bf16_round(X)
    if fw.name == "numpy":
        return C.mlp_numpy(layers, X, y)  # the float32 reference on the rounded values
    if fw.name == "torch":
        run = C.mlp_torch(fw, layers, X, y, False, dtype=fw.m.bfloat16)
    elif fw.name == "jax":
        run = C.mlp_jax(fw, layers, X, y, False, dtype=fw.m.bfloat16)
    else:
        run = C.mlp_mx_like(fw, layers, X, y, False, dtype=fw.m.bfloat16)
    return run


HALF_NOTE = "numpy: float32 on the rounded values (the reference, not a peer)"

CASES = [
    C.Case("half_mm_bf16_b1", "bf16 x@w.T, x 1x{w_n}, w {w_n}x{w_n}", matmul_wt("bfloat16", 1),
           rtol=2e-2, atol=2e-2, repeats=15, note=HALF_NOTE, extra={"ref_only": ["numpy"]}),
    C.Case("half_mm_f16_b1", "f16 x@w.T, x 1x{w_n}, w {w_n}x{w_n}", matmul_wt("float16", 1),
           rtol=2e-3, atol=2e-3, repeats=15, note=HALF_NOTE, extra={"ref_only": ["numpy"]}),
    C.Case("half_matvec_f32", "f32 x@w.T, x 1x{w_n}, w {w_n}x{w_n}", matmul_wt("float32", 1),
           rtol=1e-4, atol=1e-4, repeats=15),
    C.Case("half_mm_bf16_b64", "bf16 x@w.T, x 64x{w_n}, w {w_n}x{w_n}", matmul_wt("bfloat16", 64),
           rtol=2e-2, atol=2e-2, repeats=7, note=HALF_NOTE, extra={"ref_only": ["numpy"]}),
    C.Case("half_mm_f16_b64", "f16 x@w.T, x 64x{w_n}, w {w_n}x{w_n}", matmul_wt("float16", 64),
           rtol=2e-3, atol=2e-3, repeats=7, note=HALF_NOTE, extra={"ref_only": ["numpy"]}),
    C.Case("half_exp_bf16", "exp {n_big_s} bf16", C.unary("exp", big_bf16(-4.0, 4.0)), rtol=1e-2, repeats=9,
           note=HALF_NOTE, extra={"ref_only": ["numpy"]}),
    C.Case("half_sum_bf16", "sum {n_big_s} bf16", sum_bf16, rtol=1e-2, repeats=9,
           note=HALF_NOTE, extra={"ref_only": ["numpy"]}),
    C.Case("half_mlp_bf16", "MLP 784-512-512-10 step, bf16 weights, batch {batch}", mlp_bf16,
           rtol=3e-2, repeats=21, note=HALF_NOTE, extra={"ref_only": ["numpy"]}),
]
