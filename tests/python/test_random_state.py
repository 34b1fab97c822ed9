"""mx.random.state (MLX's _RandomState: the calling thread's key as a list of one
array) and random draws under mx.compile, with and without the state captured."""

import functools
import threading

import numpy as np
import pytest

import mxgraph.core as mx

STATE = mx.random.state


def key_words(seed):
    return [seed >> 32, seed & 0xFFFFFFFF]


def split_words(key):
    """split(key) as NumPy: row 0 is the key's successor, row 1 the subkey."""
    return np.array(mx.random.split(mx.array(np.array(key, np.uint32)))).tolist()


def dropout(x):
    return x * mx.random.bernoulli(0.5, x.shape) * 2.0


def test_state_is_a_list_of_one_key():
    mx.random.seed(2**40 + 7)
    assert len(STATE) == 1
    assert STATE[0].dtype == mx.uint32 and STATE[0].shape == (2,)
    assert STATE[0].tolist() == key_words(2**40 + 7)
    assert STATE[-1].tolist() == key_words(2**40 + 7)
    assert [k.tolist() for k in STATE] == [key_words(2**40 + 7)]
    assert mx.random.state is STATE and type(STATE).__name__ == "_RandomState"
    with pytest.raises(IndexError):
        STATE[1]
    with pytest.raises(TypeError):
        STATE["a"]
    with pytest.raises(TypeError):
        STATE[0] = mx.random.key(1)


def test_state_advances_by_split():
    mx.random.seed(3)
    k0 = STATE[0].tolist()
    u = mx.random.uniform(shape=(5,))
    nxt, sub = split_words(k0)
    assert STATE[0].tolist() == nxt
    ref = mx.random.uniform(shape=(5,), key=mx.array(np.array(sub, np.uint32)))
    np.testing.assert_array_equal(np.array(u), np.array(ref))


def test_compiled_draws_advance_the_captured_state():
    x = mx.ones((64,))
    mx.random.seed(11)
    plain = [np.array(dropout(x)) for _ in range(4)]
    key_after_plain = STATE[0].tolist()
    mx.random.seed(11)
    mx._core._reset_compile_counters()
    step = mx.compile(dropout, inputs=mx.random.state, outputs=mx.random.state)
    compiled = [np.array(step(x)) for _ in range(4)]
    for p, c in zip(plain, compiled):
        np.testing.assert_array_equal(p, c)
    # A different mask per call: the masks of 64 fair coins do not repeat.
    assert len({c.tobytes() for c in compiled}) == 4
    assert set(np.unique(compiled[0])) == {0.0, 2.0}
    assert STATE[0].tolist() == key_after_plain
    counts = mx._core._compile_counters()
    assert counts["traces"] == 1 and counts["hits"] == 3, counts


def test_state_in_a_list_with_other_state():
    counter = [mx.array(0.0)]
    state = [mx.random.state, counter]

    @functools.partial(mx.compile, inputs=state, outputs=state)
    def step(x):
        counter[0] = counter[0] + 1
        return x * mx.random.uniform(shape=(3,))

    mx.random.seed(5)
    got = [np.array(step(mx.ones((3,)))) for _ in range(3)]
    mx.random.seed(5)
    want = [np.array(mx.random.uniform(shape=(3,))) for _ in range(3)]
    np.testing.assert_array_equal(np.stack(got), np.stack(want))
    assert counter[0].item() == 3.0


def test_uncaptured_draws_are_constants_of_the_trace():
    # As in MLX: without inputs=/outputs= the key read while tracing is baked in,
    # every call returns the same numbers, and the thread's key advanced once.
    x = mx.ones((4,))
    mx.random.seed(0)
    f = mx.compile(lambda x: x * mx.random.uniform(shape=(4,)))
    a, b = np.array(f(x)), np.array(f(x))
    after = mx.random.uniform(shape=(4,))
    mx.random.seed(0)
    first, second = np.array(mx.random.uniform(shape=(4,))), np.array(mx.random.uniform(shape=(4,)))
    np.testing.assert_array_equal(a, first)
    np.testing.assert_array_equal(b, first)
    np.testing.assert_array_equal(np.array(after), second)


def test_state_as_inputs_only_or_outputs_only():
    x = mx.ones((2,))
    mx.random.seed(3)
    first = np.array(mx.random.uniform(shape=(2,)))
    # inputs= only: the key is read but not written back, so each call repeats.
    # (MLX 0.32 leaves a tracer in its state here; the key is restored instead.)
    mx.random.seed(3)
    f = mx.compile(lambda x: x * mx.random.uniform(shape=(2,)), inputs=mx.random.state)
    np.testing.assert_array_equal(np.array(f(x)), first)
    np.testing.assert_array_equal(np.array(f(x)), first)
    assert STATE[0].tolist() == key_words(3)
    # outputs= only: the traced key is a constant, the advanced key is written.
    mx.random.seed(3)
    g = mx.compile(lambda x: x * mx.random.uniform(shape=(2,)), outputs=mx.random.state)
    np.testing.assert_array_equal(np.array(g(x)), first)
    np.testing.assert_array_equal(np.array(g(x)), first)
    assert STATE[0].tolist() == split_words(key_words(3))[0]


def test_pending_state_evaluates_and_stays_small():
    step = mx.compile(dropout, inputs=mx.random.state, outputs=mx.random.state)
    x = mx.ones((8,))
    for _ in range(50):
        mx.eval(step(x))
    # The key left by a compiled call is pending; it reads through one split.
    assert mx.graph_stats(STATE[0]).pending_nodes <= 4
    mx.eval(mx.random.state)
    assert mx.graph_stats(STATE[0]).pending_nodes == 0
    mx.eval([mx.random.state, {"x": x}])


def test_threads_have_their_own_advancing_state():
    step = mx.compile(dropout, inputs=mx.random.state, outputs=mx.random.state)
    x = mx.ones((64,))
    mx.random.seed(21)
    want = [np.array(dropout(x)) for _ in range(3)]
    mx.random.seed(99)
    main_key = STATE[0].tolist()
    got, first_draws, errors = {}, {}, []

    def run(i):
        try:
            first_draws[i] = np.array(mx.random.uniform(shape=(8,)))  # fresh per thread
            mx.random.seed(21)  # seeds this thread only
            got[i] = [np.array(step(x)) for _ in range(3)]
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for i in range(4):
        for g, w in zip(got[i], want):
            np.testing.assert_array_equal(g, w)
    assert len({d.tobytes() for d in first_draws.values()}) == 4
    assert STATE[0].tolist() == main_key


def test_setting_a_bad_key_raises():
    with pytest.raises(ValueError, match=r"^\[random.state\]"):
        mx.random._state_set(mx.array([1, 2, 3], mx.uint32))
    with pytest.raises(ValueError, match=r"^\[random.state\]"):
        mx.random._state_set(mx.array([1, 2], mx.int32))


def test_compiled_dropout_layer_with_module_state():
    import mxgraph.nn as nn

    model = nn.Sequential(nn.Linear(6, 32), nn.Dropout(0.5))
    x = mx.ones((4, 6))
    state = [model.state, mx.random.state]
    step = functools.partial(mx.compile, inputs=state, outputs=state)(lambda x: model(x))
    mx.random.seed(8)
    plain = [np.array(model(x)) for _ in range(3)]
    mx.random.seed(8)
    compiled = [np.array(step(x)) for _ in range(3)]
    for p, c in zip(plain, compiled):
        np.testing.assert_allclose(c, p, rtol=1e-6)
    zeros = [tuple(np.flatnonzero(c == 0)) for c in compiled]
    assert len(set(zeros)) == 3  # a new mask every step
