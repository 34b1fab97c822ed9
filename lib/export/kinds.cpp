// Per-primitive parameter encodings (documented in docs/mxfn-format.md) and the
// checks that make a node rebuilt from a file safe to evaluate: every parameter is
// checked against the actual inputs before the primitive is made.
#include "export/kinds.h"

#include <algorithm>

#include "export/fields.h"

#include "mxgraph/ops/creation.h"
#include "mxgraph/ops/elementwise.h"
#include "ops/utils.h"
#include "primitives/creation.h"
#include "primitives/compiled.h"
#include "primitives/custom.h"
#include "primitives/distributed.h"
#include "primitives/elementwise.h"
#include "primitives/fft.h"
#include "primitives/indexing.h"
#include "primitives/io.h"
#include "primitives/linalg.h"
#include "primitives/random.h"
#include "primitives/reduction.h"
#include "primitives/shape.h"
#include "primitives/sort.h"

namespace mxg::mxfn {
namespace {

using i128 = __int128;

[[noreturn]] void bad(const BuildCtx& c, const std::string& msg) {
  fail("Node " + std::to_string(c.index) + " (" + primitive_kind_name(c.node.kind) + "): " + msg);
}
void check(bool ok, const BuildCtx& c, const std::string& msg) {
  if (!ok) bad(c, msg);
}
void arity(const std::vector<array>& in, const BuildCtx& c, size_t n_in, size_t n_out = 1) {
  check(in.size() == n_in, c, "expects " + std::to_string(n_in) + " inputs, the file gives " +
                                  std::to_string(in.size()) + ".");
  check(c.node.outputs.size() == n_out, c, "expects " + std::to_string(n_out) + " outputs.");
}
Dtype out_dtype(const BuildCtx& c, size_t i = 0) { return c.node.outputs[i].dtype; }
int axis_in(int axis, int ndim, const BuildCtx& c) {
  check(axis >= 0 && axis < ndim, c, "axis " + std::to_string(axis) + " is out of range for " +
                                         std::to_string(ndim) + " dimensions.");
  return axis;
}
// Primitives whose parameters encode shapes run only on the shapes they were exported with.
void fixed_shapes(const std::vector<array>& in, const BuildCtx& c) {
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i].shape() != c.in_specs[i]->shape) {
      bad(c, "its parameters encode the exported shapes, so it cannot run on an input of shape " +
                 shape_str(in[i].shape()) + " (exported with " + shape_str(c.in_specs[i]->shape) +
                 "). Export the function again with these shapes.");
    }
  }
}
std::vector<array> one(const BuildCtx& c, Shape shape, std::shared_ptr<Primitive> p, std::vector<array> in) {
  return {array(std::move(shape), out_dtype(c), std::move(p), std::move(in))};
}
Shape broadcast_or_fail(const Shape& a, const Shape& b, const BuildCtx& c) {
  Shape out(std::max(a.size(), b.size()));
  for (size_t i = 0; i < out.size(); ++i) {
    int64_t x = i < out.size() - a.size() ? 1 : a[i - (out.size() - a.size())];
    int64_t y = i < out.size() - b.size() ? 1 : b[i - (out.size() - b.size())];
    check(x == y || x == 1 || y == 1, c, "shapes " + shape_str(a) + " and " + shape_str(b) + " do not broadcast.");
    out[i] = x == 1 ? y : x;
  }
  return out;
}
// Decodes declared parameters; an unknown enum code fails naming the node.
template <typename P>
P read_params(Reader& r, const BuildCtx& c) {
  return read_fields<P>(r, [&](const std::string& msg) { bad(c, msg); });
}
void integer_indices(const std::vector<array>& idx, const BuildCtx& c) {
  for (auto& i : idx) check(is_integral(i.dtype()), c, "index arrays must be integers.");
}
// A window start/stop/step per axis: its size must be `window` and all of it inside `shape`.
void check_window(const Shape& shape, const WindowParams& w, const Shape& window, const BuildCtx& c) {
  const Shape &start = w.start, &stop = w.stop, &step = w.strides;
  check(start.size() == shape.size() && stop.size() == shape.size() && step.size() == shape.size() &&
            window.size() == shape.size(), c, "the window's rank does not match the input's.");
  for (size_t i = 0; i < shape.size(); ++i) {
    check(step[i] != 0, c, "a slice step is zero.");
    i128 span = step[i] > 0 ? i128(stop[i]) - start[i] : i128(start[i]) - stop[i];
    i128 st = step[i] > 0 ? i128(step[i]) : -i128(step[i]);
    i128 n = span <= 0 ? 0 : (span + st - 1) / st;
    check(n == window[i], c, "a window's size does not match its start, stop and step.");
    if (n == 0) continue;
    i128 last = i128(start[i]) + (n - 1) * i128(step[i]);
    check(start[i] >= 0 && start[i] < shape[i] && last >= 0 && last < shape[i], c,
          "a window reaches outside the input.");
  }
}

} // namespace

// ---- creation, io, random, custom ----

std::vector<array> build_Arange(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 0);
  auto prm = read_params<ArangeParams>(r, c);
  const ArraySpec& o = c.node.outputs[0];
  check(o.shape.size() == 1 && o.dtype != bool_ && !is_complex(o.dtype), c, "bad output spec.");
  auto p = std::make_shared<Arange>(c.stream, prm);
  return one(c, o.shape, p, {});
}

void write_Load(Writer&, const Primitive&) {
  throw std::invalid_argument("[export_function] A Load node is written as a constant.");
}
std::vector<array> build_Load(Reader&, const std::vector<array>&, const BuildCtx& c) {
  bad(c, "loads are stored as constants, never as nodes.");
}
void write_Custom(Writer&, const Primitive&) {
  throw std::invalid_argument("[export_function] A custom function is written as its traced graph.");
}
std::vector<array> build_Custom(Reader&, const std::vector<array>&, const BuildCtx& c) {
  bad(c, "custom functions are stored as their traced graphs, never as nodes.");
}

void write_Compiled(Writer&, const Primitive&) {
  throw std::invalid_argument("[export_function] A compiled result is written as a constant.");
}
std::vector<array> build_Compiled(Reader&, const std::vector<array>&, const BuildCtx& c) {
  bad(c, "compiled kernels are stored as constants or their plain graphs, never as nodes.");
}

// Collectives belong to a running job (a communicator), not to a function of its
// inputs: a file would not know the peers. Export the per-rank computation instead.
#define MXG_MXFN_COLLECTIVE(name)                                                              \
  void write_##name(Writer&, const Primitive&) {                                               \
    throw std::invalid_argument("[export_function] " #name                                     \
                                " (a collective of mx.distributed) cannot be exported: export "  \
                                "the per-rank computation and run the collective around it."); \
  }                                                                                            \
  std::vector<array> build_##name(Reader&, const std::vector<array>&, const BuildCtx& c) {     \
    bad(c, "collectives are never stored in a file.");                                          \
  }
MXG_MXFN_COLLECTIVE(AllReduce)
MXG_MXFN_COLLECTIVE(AllGather)
MXG_MXFN_COLLECTIVE(ReduceScatter)
MXG_MXFN_COLLECTIVE(Send)
MXG_MXFN_COLLECTIVE(Recv)
#undef MXG_MXFN_COLLECTIVE

std::vector<array> build_RandomBits(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  auto prm = read_params<RandomBitsParams>(r, c);
  const Shape& shape = prm.shape;
  int width = prm.width;
  check(width == 4 || width == 8, c, "the width must be 4 or 8.");
  // A batch of keys (vmap) has shape (B..., 2), and B... leads the output shape.
  const Shape& ks = in[0].shape();
  bool key_ok = in[0].dtype() == uint32 && !ks.empty() && ks.back() == 2 && ks.size() <= shape.size() + 1 &&
                std::equal(ks.begin(), ks.end() - 1, shape.begin());
  check(key_ok, c, "the key must be a uint32 array of shape (2,), or (B..., 2) with B... leading the shape.");
  check(out_dtype(c) == (width == 4 ? uint32 : uint64), c, "the output dtype does not match the width.");
  for (auto d : shape) check(d >= 0, c, "a negative dimension.");
  check(shape_size(shape, "import_function") <= (int64_t{1} << 32) / (width / 4), c, "too many bits.");
  return one(c, shape, std::make_shared<RandomBits>(c.stream, prm), in);
}

// ---- elementwise ----

// A Unary/Binary node must be the node the op itself makes on inputs of these dtypes
// (same kind, no conversion, same output dtype): the kernels are written for those
// dtype pairs only (e.g. a file's arctan2 giving bool made Select read non-0/1 bools).
template <typename MakeOp>
void check_like_op(const std::vector<array>& in, const BuildCtx& c, MakeOp make) {
  std::vector<array> ph;
  for (const auto& a : in) ph.push_back(zeros({}, a.dtype()));
  array probe = ph[0];
  try {
    probe = make(ph);
  } catch (const std::exception& e) {
    bad(c, std::string("the op rejects these inputs: ") + e.what());
  }
  bool ok = probe.has_primitive() && probe.primitive().kind() == c.node.kind && probe.dtype() == out_dtype(c);
  for (size_t i = 0; ok && i < in.size(); ++i) ok = probe.inputs()[i].dtype() == in[i].dtype();
  check(ok, c, "the dtypes do not fit the op.");
}

std::vector<array> build_Unary(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  UnaryOp op = read_params<UnaryParams>(r, c).op;
  check_like_op(in, c, [op](const std::vector<array>& x) { return unary(op, x[0]); });
  return one(c, in[0].shape(), std::make_shared<Unary>(c.stream, op), in);
}

std::vector<array> build_Binary(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 2);
  BinaryOp op = read_params<BinaryParams>(r, c).op;
  check(in[0].dtype() == in[1].dtype(), c, "the inputs' dtypes differ.");
  check_like_op(in, c, [op](const std::vector<array>& x) { return binary(op, x[0], x[1]); });
  return one(c, broadcast_or_fail(in[0].shape(), in[1].shape(), c), std::make_shared<Binary>(c.stream, op), in);
}

void write_Select(Writer&, const Primitive&) {}
std::vector<array> build_Select(Reader&, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 3);
  check(in[0].dtype() == bool_ && in[1].dtype() == out_dtype(c) && in[2].dtype() == out_dtype(c), c,
        "the inputs' dtypes do not fit.");
  Shape s = broadcast_or_fail(broadcast_or_fail(in[0].shape(), in[1].shape(), c), in[2].shape(), c);
  return one(c, s, std::make_shared<Select>(c.stream), in);
}

std::vector<array> build_AsType(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  Dtype d = read_params<DtypeParams>(r, c).dtype;
  check(d == out_dtype(c), c, "the output dtype differs from the parameter.");
  return one(c, in[0].shape(), std::make_shared<AsType>(c.stream, d), in);
}

void write_DivMod(Writer&, const Primitive&) {}
std::vector<array> build_DivMod(Reader&, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 2, 2);
  Dtype t = in[0].dtype();
  check(in[1].dtype() == t && out_dtype(c, 0) == t && out_dtype(c, 1) == t, c, "the dtypes differ.");
  Shape s = broadcast_or_fail(in[0].shape(), in[1].shape(), c);
  return array::make_arrays({s, s}, {t, t}, std::make_shared<DivMod>(c.stream), in);
}

std::vector<array> build_View(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  Dtype d = read_params<DtypeParams>(r, c).dtype;
  check(d == out_dtype(c), c, "the output dtype differs from the parameter.");
  Shape s = in[0].shape();
  int ib = size_of(in[0].dtype()), ob = size_of(d);
  if (ib != ob) {
    check(!s.empty() && (s.back() * ib) % ob == 0, c, "the input cannot be viewed as " + std::string(dtype_name(d)) + ".");
    s.back() = s.back() * ib / ob;
  }
  return one(c, s, std::make_shared<View>(c.stream, d), in);
}

// ---- reduction ----

std::vector<array> build_Reduce(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  auto [op, axes] = read_params<ReduceParams>(r, c);
  Shape s = in[0].shape();
  for (size_t i = 0; i < axes.size(); ++i) {
    axis_in(axes[i], in[0].ndim(), c);
    check(i == 0 || axes[i] > axes[i - 1], c, "the axes must be sorted and unique.");
    s[axes[i]] = 1;
  }
  Dtype t = in[0].dtype(), o = out_dtype(c);
  bool logical = op == ReduceOp::And || op == ReduceOp::Or;
  bool widen = (op == ReduceOp::Sum || op == ReduceOp::Prod) && !is_inexact(t) && is_integral(o);
  check(o == t || (logical && o == bool_) || widen, c, "the output dtype does not fit the op.");
  return one(c, s, std::make_shared<Reduce>(c.stream, op, axes), in);
}

std::vector<array> build_ArgReduce(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  auto [op, axis] = read_params<ArgReduceParams>(r, c);
  axis_in(axis, in[0].ndim(), c);
  check(out_dtype(c) == uint32, c, "the output must be uint32.");
  Shape s = in[0].shape();
  s[axis] = 1;
  return one(c, s, std::make_shared<ArgReduce>(c.stream, op, axis), in);
}

std::vector<array> build_Scan(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  auto prm = read_params<ScanParams>(r, c);
  axis_in(prm.axis, in[0].ndim(), c);
  ScanOp op = prm.op;
  Dtype t = in[0].dtype(), o = out_dtype(c);
  bool widen = (op == ScanOp::Sum || op == ScanOp::Prod) && !is_inexact(t) && is_integral(o);
  check(o == t || widen, c, "the output dtype does not fit the op.");
  return one(c, in[0].shape(), std::make_shared<Scan>(c.stream, prm), in);
}

// ---- shape ----

// A reshape that only drops or inserts size-1 axes (squeeze, expand_dims, a reduction
// without keepdims) carries over to new input shapes: the same axes go, the same come.
std::optional<Shape> squeeze_pattern(const Shape& from, const Shape& to, const Shape& now) {
  if (now.size() != from.size()) return std::nullopt;
  Shape out;
  size_t i = 0, j = 0;
  while (i < from.size() || j < to.size()) {
    if (i < from.size() && j < to.size() && from[i] == to[j]) {
      out.push_back(now[i++]);
      ++j;
    } else if (i < from.size() && from[i] == 1) {
      if (now[i++] != 1) return std::nullopt;
    } else if (j < to.size() && to[j] == 1) {
      out.push_back(1);
      ++j;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::vector<array> build_Reshape(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  Shape s = read_params<ShapeParams>(r, c).shape;
  if (in[0].shape() != c.in_specs[0]->shape) {
    auto moved = squeeze_pattern(c.in_specs[0]->shape, s, in[0].shape());
    if (moved && shape_size(*moved, "import_function") == in[0].size()) {
      return one(c, *moved, std::make_shared<Reshape>(c.stream, *moved), in);
    }
  }
  fixed_shapes(in, c);
  for (auto d : s) check(d >= 0, c, "a negative dimension.");
  check(shape_size(s, "import_function") == in[0].size() && out_dtype(c) == in[0].dtype(), c,
        "the new shape does not fit the input.");
  return one(c, s, std::make_shared<Reshape>(c.stream, s), in);
}

std::vector<array> build_Transpose(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  auto axes = read_params<PermutationParams>(r, c).axes;
  int nd = in[0].ndim();
  check(static_cast<int>(axes.size()) == nd, c, "the permutation's length differs from the rank.");
  std::vector<bool> seen(nd, false);
  Shape s(nd);
  for (int i = 0; i < nd; ++i) {
    int a = axis_in(axes[i], nd, c);
    check(!seen[a], c, "the permutation repeats an axis.");
    seen[a] = true;
    s[i] = in[0].shape(a);
  }
  check(out_dtype(c) == in[0].dtype(), c, "the dtype changes.");
  return one(c, s, std::make_shared<Transpose>(c.stream, axes), in);
}

std::vector<array> build_Broadcast(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  Shape s = read_params<ShapeParams>(r, c).shape;
  fixed_shapes(in, c);
  for (auto d : s) check(d >= 0, c, "a negative dimension.");
  check(broadcast_or_fail(in[0].shape(), s, c) == s && out_dtype(c) == in[0].dtype(), c,
        "the input does not broadcast to the shape.");
  return one(c, s, std::make_shared<Broadcast>(c.stream, s), in);
}

void write_Copy(Writer&, const Primitive&) {}
std::vector<array> build_Copy(Reader&, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  check(out_dtype(c) == in[0].dtype(), c, "the dtype changes.");
  return one(c, in[0].shape(), std::make_shared<Copy>(c.stream), in);
}

std::vector<array> build_Slice(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  auto w = read_params<WindowParams>(r, c);
  fixed_shapes(in, c);
  const Shape& out = c.node.outputs[0].shape;
  check_window(in[0].shape(), w, out, c);
  check(out_dtype(c) == in[0].dtype(), c, "the dtype changes.");
  return one(c, out, std::make_shared<Slice>(c.stream, w), in);
}

std::vector<array> build_AsStrided(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  auto [s, st, off] = read_params<AsStridedParams>(r, c);
  fixed_shapes(in, c);
  check(st.size() == s.size() && out_dtype(c) == in[0].dtype(), c, "the strides do not fit the shape.");
  i128 lo = off, hi = off;
  bool empty = false;
  for (size_t i = 0; i < s.size(); ++i) {
    check(s[i] >= 0, c, "a negative dimension.");
    empty |= s[i] == 0;
    i128 ext = i128(st[i]) * (s[i] - 1);
    (ext < 0 ? lo : hi) += ext;
  }
  check(empty || (lo >= 0 && hi < in[0].size()), c, "the view reaches outside the input.");
  return one(c, s, std::make_shared<AsStrided>(c.stream, s, st, off), in);
}

std::vector<array> build_Concatenate(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  check(!in.empty() && c.node.outputs.size() == 1, c, "needs inputs and one output.");
  int axis = axis_in(read_params<AxisParams>(r, c).axis, in[0].ndim(), c);
  Shape s = in[0].shape();
  s[axis] = 0;
  for (auto& x : in) {
    check(x.dtype() == out_dtype(c) && x.ndim() == in[0].ndim(), c, "the inputs' dtypes or ranks differ.");
    for (int i = 0; i < x.ndim(); ++i) {
      check(i == axis || x.shape(i) == s[i], c, "the inputs' shapes differ off the axis.");
    }
    s[axis] += x.shape(axis);
  }
  return one(c, s, std::make_shared<Concatenate>(c.stream, axis), in);
}

std::vector<array> build_SliceUpdate(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 2);
  auto w = read_params<WindowParams>(r, c);
  fixed_shapes(in, c);
  check_window(in[0].shape(), w, in[1].shape(), c);
  check(in[1].dtype() == in[0].dtype() && out_dtype(c) == in[0].dtype(), c, "the dtypes differ.");
  return one(c, in[0].shape(), std::make_shared<SliceUpdate>(c.stream, w), in);
}

// ---- indexing ----

std::vector<array> build_Gather(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  auto [axes, sizes] = read_params<GatherParams>(r, c);
  arity(in, c, axes.size() + 1);
  fixed_shapes(in, c);
  const array& a = in[0];
  std::vector<array> idx(in.begin() + 1, in.end());
  integer_indices(idx, c);
  std::vector<bool> seen(a.ndim(), false);
  for (int ax : axes) {
    check(!seen[axis_in(ax, a.ndim(), c)], c, "an axis repeats.");
    seen[ax] = true;
  }
  check(static_cast<int>(sizes.size()) == a.ndim() && out_dtype(c) == a.dtype(), c, "bad slice sizes.");
  for (int i = 0; i < a.ndim(); ++i) check(sizes[i] >= 0 && sizes[i] <= a.shape(i), c, "a slice size exceeds the input.");
  Shape s = idx.empty() ? Shape{} : idx[0].shape();
  for (auto& i : idx) check(i.shape() == s, c, "the index arrays' shapes differ.");
  s.insert(s.end(), sizes.begin(), sizes.end());
  return one(c, s, std::make_shared<Gather>(c.stream, axes, sizes), in);
}

std::vector<array> build_Scatter(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  auto [axes, red] = read_params<ScatterParams>(r, c);
  arity(in, c, axes.size() + 2);
  const array& a = in[0];
  const array& upd = in.back();
  std::vector<array> idx(in.begin() + 1, in.end() - 1);
  integer_indices(idx, c);
  std::vector<bool> seen(a.ndim(), false);
  for (int ax : axes) {
    check(!seen[axis_in(ax, a.ndim(), c)], c, "an axis repeats.");
    seen[ax] = true;
  }
  Shape ishape = idx.empty() ? Shape{} : idx[0].shape();
  for (auto& i : idx) check(i.shape() == ishape, c, "the index arrays' shapes differ.");
  check(upd.ndim() == static_cast<int>(ishape.size()) + a.ndim() && upd.dtype() == a.dtype() &&
            out_dtype(c) == a.dtype(), c, "the updates do not fit.");
  for (size_t i = 0; i < ishape.size(); ++i) check(upd.shape(i) == ishape[i], c, "the updates do not fit the indices.");
  for (int i = 0; i < a.ndim(); ++i) {
    check(upd.shape(ishape.size() + i) <= a.shape(i), c, "an update window exceeds the input.");
  }
  return one(c, a.shape(), std::make_shared<Scatter>(c.stream, axes, red), in);
}

std::vector<array> build_GatherAxis(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 2);
  int axis = axis_in(read_params<AxisParams>(r, c).axis, in[0].ndim(), c);
  integer_indices({in[1]}, c);
  check(in[1].ndim() == in[0].ndim() && out_dtype(c) == in[0].dtype(), c, "the indices do not fit.");
  for (int i = 0; i < in[0].ndim(); ++i) {
    check(i == axis || in[1].shape(i) == in[0].shape(i), c, "the indices' shape does not fit.");
  }
  return one(c, in[1].shape(), std::make_shared<GatherAxis>(c.stream, axis), in);
}

std::vector<array> build_ScatterAxis(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 3);
  auto [axis, red] = read_params<ScatterAxisParams>(r, c);
  axis_in(axis, in[0].ndim(), c);
  integer_indices({in[1]}, c);
  check(in[1].shape() == in[2].shape() && in[1].ndim() == in[0].ndim() && in[2].dtype() == in[0].dtype() &&
            out_dtype(c) == in[0].dtype(), c, "the indices or updates do not fit.");
  for (int i = 0; i < in[0].ndim(); ++i) {
    check(i == axis || in[1].shape(i) == in[0].shape(i), c, "the indices' shape does not fit.");
  }
  return one(c, in[0].shape(), std::make_shared<ScatterAxis>(c.stream, axis, red), in);
}

// ---- linalg ----

std::vector<array> build_Matmul(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  auto prm = read_params<MatmulParams>(r, c);
  check((in.size() == 2 || in.size() == 3) && c.node.outputs.size() == 1, c, "expects 2 or 3 inputs.");
  const array &a = in[0], &b = in[1];
  check(a.ndim() >= 2 && b.ndim() >= 2 && a.shape(-1 + a.ndim()) == b.shape(b.ndim() - 2), c,
        "the operands' shapes do not fit.");
  check(is_inexact(out_dtype(c)), c, "the output must be floating or complex.");
  Shape batch = broadcast_or_fail(Shape(a.shape().begin(), a.shape().end() - 2),
                                  Shape(b.shape().begin(), b.shape().end() - 2), c);
  batch.push_back(a.shape(a.ndim() - 2));
  batch.push_back(b.shape(b.ndim() - 1));
  if (in.size() == 3) check(broadcast_or_fail(in[2].shape(), batch, c) == batch, c, "c does not broadcast.");
  return one(c, batch, std::make_shared<Matmul>(c.stream, prm), in);
}

std::vector<array> build_Linalg(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  auto p = read_params<LinalgParams>(r, c);
  std::vector<std::pair<Shape, Dtype>> specs;
  try {
    specs = linalg_outputs(p.op, in);
  } catch (const std::exception& e) {
    bad(c, e.what());
  }
  arity(in, c, in.size(), specs.size());
  std::vector<Shape> shapes;
  std::vector<Dtype> dtypes;
  for (auto& [s, t] : specs) shapes.push_back(s), dtypes.push_back(t);
  return array::make_arrays(shapes, dtypes, std::make_shared<Linalg>(c.stream, p), in);
}

// ---- sort ----

namespace {
template <typename P>
std::vector<array> build_sort(Reader& r, const std::vector<array>& in, const BuildCtx& c, bool partition, bool indices) {
  arity(in, c, 1);
  auto prm = read_params<typename P::Params>(r, c);
  int axis = axis_in(prm.axis, in[0].ndim(), c);
  int kth = prm.kth;
  int64_t start = prm.start;
  int64_t n = in[0].shape(axis);
  if (!partition) check(kth == 0 && start == 0, c, "a sort has no kth or start.");
  check(start >= 0 && start <= n && (n == 0 ? kth == 0 : (kth >= 0 && kth < n)), c, "kth or start is out of range.");
  check(out_dtype(c) == (indices ? uint32 : in[0].dtype()), c, "the output dtype does not fit.");
  Shape s = in[0].shape();
  s[axis] = n - start;
  return one(c, s, std::make_shared<P>(c.stream, prm), in);
}
} // namespace

std::vector<array> build_Sort(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  return build_sort<Sort>(r, in, c, false, false);
}
std::vector<array> build_ArgSort(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  return build_sort<ArgSort>(r, in, c, false, true);
}
std::vector<array> build_Partition(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  return build_sort<Partition>(r, in, c, true, false);
}
std::vector<array> build_ArgPartition(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  return build_sort<ArgPartition>(r, in, c, true, true);
}

// ---- fft ----

std::vector<array> build_FFT(Reader& r, const std::vector<array>& in, const BuildCtx& c) {
  arity(in, c, 1);
  auto p = read_params<FFTParams>(r, c);
  check(p.real || p.n == 0, c, "a complex transform has no real length.");
  Dtype want_in = p.real && !p.inverse ? float32 : complex64;
  check(in[0].dtype() == want_in, c, std::string("the input must be ") + dtype_name(want_in) + ".");
  Shape shape;
  std::string why;
  check(fft_output_shape(in[0].shape(), p, shape, why), c, why);
  return one(c, shape, std::make_shared<FFT>(c.stream, std::move(p)), in);
}

// ---- the tables ----

namespace {
using WriteFn = void (*)(Writer&, const Primitive&);
using BuildFn = std::vector<array> (*)(Reader&, const std::vector<array>&, const BuildCtx&);
template <typename K>
void write_declared(Writer& w, const Primitive& p) {
  write_fields(w, static_cast<const K&>(p).params());
}
// A kind with declared parameters gets the derived writer; others keep their
// hand-written write_<Kind> (only named, so only needed, for those).
template <typename K, typename Hand>
WriteFn pick_writer(Hand hand) {
  if constexpr (std::is_base_of_v<DeclaredParams, K>) {
    return &write_declared<K>;
  } else {
    return static_cast<WriteFn>(hand);
  }
}
const WriteFn kWrite[] = {
#define MXG_WRITE_ENTRY(name, family) \
  pick_writer<name>([](Writer& w, const auto& p) { write_##name(w, p); }),
    MXG_PRIMITIVES(MXG_WRITE_ENTRY)
#undef MXG_WRITE_ENTRY
};
const BuildFn kBuild[] = {
#define MXG_BUILD_ENTRY(name, family) &build_##name,
    MXG_PRIMITIVES(MXG_BUILD_ENTRY)
#undef MXG_BUILD_ENTRY
};
static_assert(sizeof(kWrite) / sizeof(kWrite[0]) == kNumPrimitiveKinds);
} // namespace

void write_params(Writer& w, const Primitive& p) { kWrite[static_cast<int>(p.kind())](w, p); }

std::vector<array> build_node(const std::vector<array>& in, const BuildCtx& c) {
  Reader r(c.node.params.data(), c.node.params.size(), "the parameters of node " + std::to_string(c.index));
  std::vector<array> out = kBuild[static_cast<int>(c.node.kind)](r, in, c);
  r.done();
  bool same_inputs = true;
  for (size_t i = 0; i < in.size(); ++i) same_inputs &= in[i].shape() == c.in_specs[i]->shape;
  for (size_t i = 0; i < out.size(); ++i) {
    const ArraySpec& want = c.node.outputs[i];
    check(out[i].dtype() == want.dtype, c, "the output dtype differs from the file's.");
    if (same_inputs && out[i].shape() != want.shape) {
      bad(c, "the output shape " + shape_str(out[i].shape()) + " differs from the file's " + shape_str(want.shape) + ".");
    }
  }
  return out;
}

} // namespace mxg::mxfn
