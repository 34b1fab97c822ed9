"""nn.Module: members, parameter trees, freezing, update, modes, saving and loading,
and value_and_grad over a model (nn.value_and_grad and the mx.value_and_grad spellings)."""

import numpy as np
import pytest

import mxgraph.core as mx
import mxgraph.nn as nn
from mxgraph.utils import tree_flatten, tree_map


def shapes(tree):
    return tree_map(lambda a: tuple(a.shape), tree)


class Tree(nn.Module):
    """Members of every kind: arrays, private arrays, dicts, lists, tuples, plain values."""

    def __init__(self):
        super().__init__()
        self.w = mx.zeros((2,))
        self._hidden = mx.ones((1,))
        self.d = {"a": nn.Linear(1, 1), "b": mx.zeros((1,)), "c": [mx.zeros(3), {"z": nn.ReLU()}]}
        self.l = [mx.zeros((1,)), nn.Identity(), nn.Sequential(nn.LayerNorm(2), nn.BatchNorm(2))]
        self.t = (mx.zeros(1),)
        self.n = 5
        self.e = []


def test_members_are_dict_entries():
    m = Tree()
    assert isinstance(m, dict)
    assert list(m.keys()) == ["w", "_hidden", "d", "l", "t", "e"]
    assert m.n == 5 and "n" not in m
    assert m.w is m["w"] and m.state is m
    m.n = mx.array(1.0)  # becomes a member
    assert "n" in m and "n" not in m.__dict__
    m.n = 3  # and back
    assert "n" not in m and m.n == 3
    del m.w
    assert "w" not in m
    with pytest.raises(AttributeError):
        m.nothing


def test_parameter_trees():
    m = Tree()
    assert shapes(m.parameters()) == {
        "w": (2,),
        "d": {"a": {"weight": (1, 1), "bias": (1,)}, "b": (1,), "c": [(3,), {"z": {}}]},
        "l": [(1,), {}, {"layers": [{"weight": (2,), "bias": (2,)},
                                    {"weight": (2,), "bias": (2,), "running_mean": (2,), "running_var": (2,)}]}],
        "e": [],
    }
    # BatchNorm's running statistics are frozen
    flat = [k for k, _ in tree_flatten(m.trainable_parameters())]
    assert "l.2.layers.1.running_mean" not in flat and "l.2.layers.1.weight" in flat


def test_children_modules_and_names():
    m = Tree()
    kids = m.children()
    assert isinstance(kids["d"]["a"], nn.Linear) and kids["d"]["b"] == {}
    assert isinstance(kids["l"][1], nn.Identity) and kids["l"][0] == {}
    assert [k for k, _ in m.named_modules()] == [
        "", "l.2", "l.2.layers.1", "l.2.layers.0", "l.1", "d.c.1.z", "d.a"]
    assert [type(x).__name__ for x in m.modules()] == [
        "Tree", "Sequential", "BatchNorm", "LayerNorm", "Identity", "ReLU", "Linear"]
    leaves = m.leaf_modules()
    assert isinstance(leaves["l"][2], dict) and isinstance(leaves["l"][2]["layers"][0], nn.LayerNorm)


def test_repr_lists_children():
    m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Sequential(nn.LayerNorm(3), nn.Dropout(0.5)))
    assert repr(m) == (
        "Sequential(\n"
        "  (layers.0): Linear(input_dims=2, output_dims=3, bias=True)\n"
        "  (layers.1): ReLU()\n"
        "  (layers.2): Sequential(\n"
        "    (layers.0): LayerNorm(3, eps=1e-05, affine=True)\n"
        "    (layers.1): Dropout(p=0.5)\n"
        "  )\n"
        ")"
    )
    assert repr(nn.Module()) == "Module()"


def trainable(m):
    return [k for k, _ in tree_flatten(m.trainable_parameters())]


def test_freeze_and_unfreeze():
    m = Tree()
    all_keys = trainable(m)
    m.freeze(keys="w")
    assert "w" not in trainable(m) and len(trainable(m)) == len(all_keys) - 1
    m.freeze()
    assert trainable(m) == []
    # frozen entries inside containers leave {} behind, as in MLX
    assert m.trainable_parameters()["l"][0] == {}
    m.unfreeze()
    # unfreeze() clears every module's frozen set, BatchNorm's statistics included (as in MLX)
    everything = [k for k, _ in tree_flatten(m.parameters())]
    assert trainable(m) == everything
    m.l[2].layers[1].unfreeze()  # BatchNorm's own unfreeze keeps them frozen
    assert trainable(m) == all_keys
    m.freeze(recurse=False)  # only this module's own arrays
    assert trainable(m) == [k for k in all_keys if k.startswith("d.a.") or k.startswith("l.2.")]
    m.unfreeze()
    m.freeze(keys=["weight"])
    assert not any(k.endswith("weight") for k in trainable(m))
    m.unfreeze(keys="weight", recurse=False)  # nothing named weight on the top module
    assert not any(k.endswith("weight") for k in trainable(m))
    m.unfreeze(keys="weight")
    assert trainable(m) == everything
    with pytest.raises(KeyError, match="nope"):
        m.freeze(keys="nope", strict=True)
    m.freeze(keys="bias", strict=True)  # exists somewhere: fine
    with pytest.raises(KeyError, match="bias"):
        m.freeze(keys="bias", strict=True, recurse=False)


def test_batchnorm_unfreeze_keeps_statistics_frozen():
    bn = nn.BatchNorm(3)
    bn.unfreeze()
    assert sorted(bn.trainable_parameters()) == ["bias", "weight"]


def test_train_and_eval_reach_every_module():
    m = Tree()
    assert m.training
    assert m.eval() is m
    assert all(not x.training for x in m.modules())
    m.train()
    assert all(x.training for x in m.modules())
    m.train(False)
    assert not m.l[2].layers[1].training


def test_update_replaces_arrays():
    m = nn.Linear(2, 3)
    w = mx.ones((3, 2))
    assert m.update({"weight": w}) is m
    assert m.weight is w
    seq = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
    seq.update({"layers": [{}, {}, {"bias": mx.array([5.0])}]})
    assert seq.layers[2].bias.tolist() == [5.0]


@pytest.mark.parametrize("params,match", [
    ({"nope": mx.zeros(1)}, 'parameter named "nope"'),
    ({"weight": mx.zeros((2, 2))}, r"shape \(3, 2\).*\(2, 2\).*weight"),
    ({"bias": 3.0}, "invalid type: float.*bias"),
    ({"weight": [mx.zeros(1)]}, "weight"),
    ([mx.zeros(1)], "invalid type: list"),
])
def test_update_strict_errors(params, match):
    m = nn.Linear(2, 3)
    with pytest.raises(ValueError, match=match):
        m.update(params)


def test_update_errors_in_lists_and_non_strict():
    seq = nn.Sequential(nn.Linear(2, 2))
    with pytest.raises(ValueError, match="out of bounds"):
        seq.update({"layers": [{}, {}]})
    with pytest.raises(ValueError, match=r"layers\.0\.bias"):
        seq.update({"layers": [{"bias": mx.zeros(5)}]})
    seq.update({"nope": mx.zeros(1), "layers": [{}, {"x": 1}]}, strict=False)
    assert "nope" not in seq
    seq.update({"layers": [{"bias": mx.zeros(5)}]}, strict=False)  # shapes unchecked
    assert seq.layers[0].bias.shape == (5,)


def test_apply_and_update_modules():
    m = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
    m.apply(lambda a: a * 0 + 1)
    assert all(np.all(np.array(v) == 1) for _, v in tree_flatten(m.parameters()))
    m.apply(lambda a: a * 0, filter_fn=lambda mod, k, v: k == "bias" or isinstance(v, (list, nn.Module)))
    assert np.all(np.array(m.layers[0].bias) == 0) and np.all(np.array(m.layers[0].weight) == 1)
    m.set_dtype(mx.float16)
    assert m.layers[0].weight.dtype == mx.float16
    m.update_modules({"layers": [{}, nn.Tanh()]})
    assert isinstance(m.layers[1], nn.Tanh)
    with pytest.raises(ValueError, match='sub-module named "x"'):
        m.update_modules({"x": nn.ReLU()})
    with pytest.raises(ValueError, match="invalid type"):
        m.update_modules({"layers": [1]})
    m.update_modules({"x": nn.ReLU()}, strict=False)
    seen = []
    m.apply_to_modules(lambda name, mod: seen.append((name, type(mod).__name__)))
    assert seen == [("", "Sequential"), ("layers.1", "Tanh"), ("layers.0", "Linear")]


def test_base_call_is_not_implemented():
    with pytest.raises(NotImplementedError):
        nn.Module()(1)


# ---- saving and loading ----

def model():
    return nn.Sequential(nn.Linear(6, 5), nn.ReLU(), nn.LayerNorm(5), nn.Linear(5, 2, bias=False))


@pytest.mark.parametrize("ext", [".npz", ".safetensors"])
def test_save_load_round_trip(tmp_path, ext):
    a, b = model(), model()
    path = str(tmp_path / f"w{ext}")
    a.save_weights(path)
    assert b.load_weights(path) is b
    for (ka, va), (kb, vb) in zip(tree_flatten(a.parameters()), tree_flatten(b.parameters())):
        assert ka == kb
        np.testing.assert_array_equal(np.array(va), np.array(vb))
    x = mx.array(np.random.default_rng(0).standard_normal((3, 6)).astype(np.float32))
    np.testing.assert_array_equal(np.array(a(x)), np.array(b(x)))


def test_save_rejects_other_extensions(tmp_path):
    with pytest.raises(ValueError, match="Unsupported file extension"):
        model().save_weights(str(tmp_path / "w.bin"))


@pytest.mark.parametrize("ext", [".npz", ".safetensors"])
def test_load_is_lazy(tmp_path, ext):
    big = nn.Sequential(nn.Linear(100, 200), nn.Linear(200, 50))
    path = str(tmp_path / f"w{ext}")
    big.save_weights(path)
    fresh = nn.Sequential(nn.Linear(100, 200), nn.Linear(200, 50))
    mx.eval(fresh.parameters())
    before = mx._core._io_bytes_read()
    fresh.load_weights(path)
    after_load = mx._core._io_bytes_read()
    assert after_load - before < 4096  # the header/directory, not the 80 KB of weights
    mx.eval(fresh.layers[1].bias)
    assert mx._core._io_bytes_read() - after_load == 50 * 4  # only that parameter's bytes
    np.testing.assert_array_equal(np.array(fresh.layers[1].bias), np.array(big.layers[1].bias))


def test_load_from_a_list_of_pairs():
    m = nn.Linear(2, 2)
    m.load_weights([("weight", mx.ones((2, 2))), ("bias", mx.zeros(2))])
    assert m.weight.tolist() == [[1, 1], [1, 1]]
    m.load_weights([("weight", mx.zeros((2, 2)))], strict=False)
    assert m.weight.tolist() == [[0, 0], [0, 0]]
    m.load_weights([("other", mx.zeros(3))], strict=False)
    assert "other" not in m


@pytest.mark.parametrize("weights,match", [
    ([("weight", mx.zeros((2, 2)))], r"Missing 1 parameters: \nbias\."),
    ([("weight", mx.zeros((2, 2))), ("bias", mx.zeros(3))], r"Expected shape \(2,\) but received shape \(3,\) for parameter bias"),
    ([("weight", mx.zeros((2, 2))), ("bias", mx.zeros(2)), ("x", mx.zeros(2)), ("y", mx.zeros(1))],
     r"Received 2 parameters not in model: \nx,\ny\."),
    ([("weight", mx.zeros((2, 2))), ("bias", 1.0)], "Expected mx.array.*bias"),
])
def test_load_strict_errors(weights, match):
    with pytest.raises(ValueError, match=match):
        nn.Linear(2, 2).load_weights(weights)


def test_load_strict_errors_from_a_file(tmp_path):
    path = str(tmp_path / "w.safetensors")
    nn.Linear(3, 2).save_weights(path)
    with pytest.raises(ValueError, match=r"Expected shape \(2, 2\) but received shape \(2, 3\) for parameter weight"):
        nn.Linear(2, 2).load_weights(path)
    with pytest.raises(ValueError, match="Missing 1 parameters"):
        nn.Linear(3, 2, bias=True).update({}).load_weights([("weight", mx.zeros((2, 3)))])


# ---- value_and_grad over a model ----

class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear1 = nn.Linear(10, 20)
        self.linear2 = nn.Linear(20, 5)

    def __call__(self, x):
        return self.linear2(mx.relu(self.linear1(x)))


def loss_fn(model, x, y):
    return mx.mean(mx.square(model(x) - y))


def numpy_grads(model, x, y):
    """The gradients of loss_fn for SimpleModel, by hand in NumPy."""
    w1, b1 = np.array(model.linear1.weight), np.array(model.linear1.bias)
    w2, b2 = np.array(model.linear2.weight), np.array(model.linear2.bias)
    x, y = np.array(x), np.array(y)
    h = x @ w1.T + b1
    r = np.maximum(h, 0)
    out = r @ w2.T + b2
    d_out = 2 * (out - y) / out.size
    d_r = d_out @ w2
    d_h = d_r * (h > 0)
    loss = np.mean((out - y) ** 2)
    return loss, {"linear1": {"weight": d_h.T @ x, "bias": d_h.sum(0)},
                  "linear2": {"weight": d_out.T @ r, "bias": d_out.sum(0)}}


def assert_tree_close(got, want, rtol=1e-4, atol=1e-6):
    got, want = tree_flatten(got), tree_flatten(want)
    assert [k for k, _ in got] == [k for k, _ in want]
    for (k, g), (_, w) in zip(got, want):
        np.testing.assert_allclose(np.array(g), w, rtol=rtol, atol=atol, err_msg=k)


def data():
    rng = np.random.default_rng(0)
    return (mx.array(rng.standard_normal((8, 10)).astype(np.float32)),
            mx.array(rng.standard_normal((8, 5)).astype(np.float32)))


@pytest.mark.parametrize("spelling", ["nn", "mx-model-first", "mx-module-argument"])
def test_value_and_grad_spellings(spelling):
    model = SimpleModel()
    x, y = data()
    want_loss, want = numpy_grads(model, x, y)
    if spelling == "nn":
        loss, grads = nn.value_and_grad(model, loss_fn)(model, x, y)
    elif spelling == "mx-model-first":
        loss, grads = mx.value_and_grad(model, loss_fn)(model, x, y)
    else:
        loss, grads = mx.value_and_grad(loss_fn)(model, x, y)
    np.testing.assert_allclose(loss.item(), want_loss, rtol=1e-5)
    assert_tree_close(grads, want)
    assert type(model) is SimpleModel  # still the model, with its values
    np.testing.assert_allclose(loss_fn(model, x, y).item(), want_loss, rtol=1e-5)


def test_grad_of_a_module_argument_skips_frozen_parameters():
    model = SimpleModel()
    model.freeze(keys="bias")
    x, y = data()
    _, want = numpy_grads(model, x, y)
    grads = mx.grad(loss_fn)(model, x, y)
    assert_tree_close(grads, {"linear1": {"weight": want["linear1"]["weight"]},
                              "linear2": {"weight": want["linear2"]["weight"]}})
    _, g2 = nn.value_and_grad(model, loss_fn)(model, x, y)
    assert_tree_close(g2, grads)


def test_module_argument_with_argnums_and_aux():
    model = SimpleModel()
    x, y = data()

    def f(scale, model):
        out = loss_fn(model, x, y) * scale
        return out, model(x)

    (loss, aux), (g_scale, g_model) = mx.value_and_grad(f, argnums=[0, 1])(mx.array(2.0), model)
    want_loss, want = numpy_grads(model, x, y)
    np.testing.assert_allclose(g_scale.item(), want_loss, rtol=1e-5)
    assert_tree_close(g_model, tree_map(lambda a: 2 * a, want))
    assert aux.shape == (8, 5)


def test_value_and_grad_trains_the_guide_model():
    model = SimpleModel()
    x, y = data()
    step = nn.value_and_grad(model, loss_fn)
    first = None
    for _ in range(30):
        loss, grads = step(model, x, y)
        first = first if first is not None else loss.item()
        model.update(tree_map(lambda p, g: p - 0.1 * g, model.trainable_parameters(), grads))
        mx.eval(model.parameters())
    assert loss.item() < 0.7 * first


def test_module_as_a_keyword_argument():
    model = SimpleModel()
    x, y = data()
    _, want = numpy_grads(model, x, y)
    _, (none, by_name) = mx.value_and_grad(lambda x, y, model: loss_fn(model, x, y), argnames="model")(x, y, model=model)
    assert none is None
    assert_tree_close(by_name["model"], want)
