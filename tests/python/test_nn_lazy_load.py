"""The guide's memory claim: load a model's weights and cast them to lower precision,
and memory is spent only at evaluation, so the float32 weights never all exist at once.

A model of ten Linear(2240, 2240) layers holds about 200 MB of float32 parameters.
After save_weights, a fresh model (its random initialisation never evaluated) loads
them lazily and casts them to float16 (about 100 MB). Evaluating reads and casts one
tensor at a time and frees each float32 tensor after its cast, so the peak stays near
the float16 size: at worst every float16 result plus one float32 tensor and its cast,
(n + 2) / n = 1.2 times it for n = 10 layers. Loading everything first, or evaluating
the fresh model's initialisation, would need 3 times.
"""

import gc

import numpy as np
import pytest

import mxgraph.core as mx

LAYERS, DIM = 10, 2240


def make_model():
    import mxgraph.nn as nn

    class Stack(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = [nn.Linear(DIM, DIM) for _ in range(LAYERS)]

        def __call__(self, x):
            for layer in self.layers:
                x = layer(x)
            return x

    return Stack()


def test_load_and_cast_to_float16_peaks_near_the_float16_size(tmp_path):
    from mxgraph.utils import tree_flatten

    path = str(tmp_path / "model.safetensors")
    model = make_model()
    mx.eval(model.parameters())
    model.save_weights(path)
    first_w = np.array(model.layers[0].weight)
    last_b = np.array(model.layers[-1].bias)
    del model
    gc.collect()

    mx.reset_peak_memory()
    base = mx.get_active_memory()
    fresh = make_model()
    fresh.load_weights(path)
    fresh.apply(lambda p: p.astype(mx.float16))
    params = tree_flatten(fresh.parameters())
    assert mx.get_peak_memory() - base < (1 << 20)  # nothing read or computed yet
    mx.eval(fresh.parameters())
    peak = mx.get_peak_memory() - base
    active = mx.get_active_memory() - base

    assert len(params) == 2 * LAYERS
    assert all(p.dtype == mx.float16 for _, p in params)
    f16_bytes = sum(p.nbytes for _, p in params)
    assert f16_bytes == LAYERS * (DIM * DIM + DIM) * 2
    assert peak < 1.3 * f16_bytes, f"peak {peak / 1e6:.1f} MB for {f16_bytes / 1e6:.1f} MB of float16"
    assert active <= 1.05 * f16_bytes  # the float32 tensors are gone
    np.testing.assert_array_equal(np.array(fresh.layers[0].weight), first_w.astype(np.float16))
    np.testing.assert_array_equal(np.array(fresh.layers[-1].bias), last_b.astype(np.float16))
