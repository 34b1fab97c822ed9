// The registry's trait columns against what the code does, op by op: the dtype rules
// and the kernels' accepted types agree, the kernel column matches the vectorised
// loops, every fusable op runs in the fused kernel with the unfused values, and the
// grad column matches the derivative rules.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "cpu/elementwise_span.h"
#include "cpu/simd.h"
#include "mxgraph/compile.h"
#include "mxgraph/mxgraph.h"

using namespace mxg;
using op_traits::Accepts;
using op_traits::Fusion;
using op_traits::Grad;
using op_traits::Kernel;

namespace {

std::vector<UnaryOp> all_unary() {
  return {
#define MXG_LIST(e, ...) UnaryOp::e,
      MXG_UNARY_OPS(MXG_LIST)
#undef MXG_LIST
  };
}
std::vector<BinaryOp> all_binary() {
  return {
#define MXG_LIST(e, ...) BinaryOp::e,
      MXG_BINARY_OPS(MXG_LIST)
#undef MXG_LIST
  };
}
std::vector<Dtype> all_dtypes() {
  return {
#define MXG_LIST(e, ...) Dtype::e,
      MXG_DTYPES(MXG_LIST)
#undef MXG_LIST
  };
}

/// Values in (0.1, 0.9): inside every op's domain except arccosh (NaN there, which
/// the comparisons accept).
array sample(Dtype t, int n = 300) {
  array x = linspace(0.1, 0.9, n, true, float32);
  return t == Dtype::bool_ ? greater(x, array(0.5f)) : astype(x * array(t == Dtype::float32 ? 1.0f : 7.0f), t);
}

/// A dtype the op accepts: float32, or int32 for integer-only ops.
Dtype input_dtype(const OpTraits& t) { return t.accepts == Accepts::Integer ? Dtype::int32 : Dtype::float32; }

bool same_values(const array& a, const array& b) {
  return a.dtype() == b.dtype() && array_equal(a, b, /*equal_nan=*/true).item<bool>();
}

} // namespace

TEST_CASE("op traits: every dtype an op's rules accept runs in its kernel, and the others raise ValueError") {
  for (UnaryOp op : all_unary()) {
    for (Dtype t : all_dtypes()) {
      INFO(unary_op_name(op) << " " << dtype_name(t));
      array x = sample(t, 5);
      bool accepted = true;
      array y = x;
      try {
        y = unary(op, x);
      } catch (const std::invalid_argument&) {
        accepted = false;
      }
      if (accepted) CHECK_NOTHROW(eval({y}));
    }
  }
  for (BinaryOp op : all_binary()) {
    for (Dtype t : all_dtypes()) {
      INFO(binary_op_name(op) << " " << dtype_name(t));
      array x = sample(t, 5);
      bool accepted = true;
      array y = x;
      try {
        y = binary(op, x, x);
      } catch (const std::invalid_argument&) {
        accepted = false;
      }
      if (accepted) CHECK_NOTHROW(eval({y}));
    }
  }
}

TEST_CASE("op traits: the kernel column is exactly the set of ops with a vectorised float32 loop") {
  std::vector<float> in(64, 0.5f), out(64);
  for (const char* level : {"baseline", "avx2"}) {
    std::string saved = simd_level();
    set_simd_level(level);
    const SimdKernels& k = simd_kernels();
    for (UnaryOp op : all_unary()) {
      INFO(level << " " << unary_op_name(op));
      CHECK(k.unary_f32(op, in.data(), out.data(), 64) == (traits(op).kernel == Kernel::Simd));
    }
    for (BinaryOp op : all_binary()) {
      INFO(level << " " << binary_op_name(op));
      bool simd = traits(op).kernel == Kernel::Simd;
      CHECK(k.binary(op, Dtype::float32, in.data(), false, in.data(), true, out.data(), 64) == simd);
    }
    set_simd_level(saved.c_str());
  }
}

TEST_CASE("op traits: every fusable op runs in the fused kernel and matches the unfused op") {
  for (UnaryOp op : all_unary()) {
    if (traits(op).fusion != Fusion::Fuse) continue;
    INFO(unary_op_name(op));
    // x + x puts the op into a region of two steps (a lone node is not fused).
    auto f = [op](const std::vector<array>& xs) { return std::vector<array>{unary(op, xs[0] + xs[0])}; };
    // Real and conjugate of a real array are no node at all: take complex input.
    bool cplx = op == UnaryOp::Real || op == UnaryOp::Conjugate;
    array x = sample(cplx ? Dtype::complex64 : input_dtype(traits(op)));
    CHECK(compile_inspect(f, {x}).first.fused_kernels == 1);
    CHECK(same_values(compile(f)({x})[0], f({x})[0]));
  }
  for (BinaryOp op : all_binary()) {
    if (traits(op).fusion != Fusion::Fuse) continue;
    INFO(binary_op_name(op));
    auto f = [op](const std::vector<array>& xs) {
      return std::vector<array>{binary(op, xs[0] + xs[0], xs[1])};
    };
    Dtype t = input_dtype(traits(op));
    array x = sample(t), y = astype(array(t == Dtype::float32 ? 0.375f : 3.0f), t);
    CHECK(compile_inspect(f, {x, y}).first.fused_kernels == 1);
    CHECK(same_values(compile(f)({x, y})[0], f({x, y})[0]));
  }
}

TEST_CASE("op traits: the grad column: Diff ops have a derivative, Zero ops give zeros, NoGrad ops raise") {
  auto check = [](const OpTraits& tr, const ArrayFn& f, const array& x) {
    array out = f({x})[0];
    array ct = ones_like(out);
    auto take_vjp = [&] { return vjp(f, {x}, {ct}).second[0]; };
    auto take_jvp = [&] { return jvp(f, {x}, {x}).second[0]; }; // x: nonzero real and imaginary parts
    switch (tr.grad) {
      case Grad::NoGrad:
        CHECK_THROWS_AS(take_vjp(), std::invalid_argument);
        CHECK_THROWS_AS(take_jvp(), std::invalid_argument);
        break;
      case Grad::Zero:
        CHECK_FALSE(any(not_equal(take_vjp(), array(0.0f))).item<bool>());
        CHECK_FALSE(any(not_equal(take_jvp(), array(0.0f))).item<bool>());
        break;
      case Grad::Diff: // some element has a nonzero derivative at these points
        CHECK(any(not_equal(take_vjp(), array(0.0f))).item<bool>());
        CHECK(any(not_equal(take_jvp(), array(0.0f))).item<bool>());
        break;
    }
  };
  for (UnaryOp op : all_unary()) {
    INFO(unary_op_name(op));
    const OpTraits& tr = traits(op);
    // Real and imag of a real array are the identity and zero; take complex input.
    bool cplx = op == UnaryOp::Real || op == UnaryOp::Imag || op == UnaryOp::Conjugate;
    array x = cplx ? sample(Dtype::float32) * array(complex64_t(1.0f, 0.5f)) : sample(input_dtype(tr));
    auto f = [op, cplx](const std::vector<array>& xs) {
      array y = unary(op, xs[0]);
      return std::vector<array>{cplx ? real(y) + imag(y) : y};
    };
    check(tr, f, x);
  }
  for (BinaryOp op : all_binary()) {
    INFO(binary_op_name(op));
    const OpTraits& tr = traits(op);
    Dtype t = input_dtype(tr);
    array y = astype(array(t == Dtype::float32 ? 0.375f : 3.0f), t);
    auto f = [op, y](const std::vector<array>& xs) { return std::vector<array>{binary(op, xs[0], y)}; };
    check(tr, f, sample(t));
  }
}
