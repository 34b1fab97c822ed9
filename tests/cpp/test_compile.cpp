// compile: node counts after each pass, fused kernel counts, replay values, the
// cache, and a 1,000,000-op chain.
#include <catch2/catch.hpp>

#include <cmath>

#include "compile/graph.h"
#include "mxgraph/compile.h"
#include "mxgraph/mxgraph.h"
#include "primitives/elementwise.h"
#include "primitives/shape.h"

using namespace mxg;

namespace {

using Fn = std::function<std::vector<array>(const std::vector<array>&)>;

CompileStats stats_of(const Fn& f, const std::vector<array>& xs) { return compile_inspect(f, xs).first; }

array vec(std::initializer_list<float> v) { return array(v); }

} // namespace

TEST_CASE("merge scalar constants: equal scalars become one leaf") {
  auto f = [](const std::vector<array>& xs) { return std::vector<array>{xs[0] * 2.0f + xs[0] * 2.0f + 3.0f}; };
  CompileOptions no_fuse;
  no_fuse.fuse = false;
  auto [s, text] = compile_inspect(f, {vec({1, 2})}, no_fuse);
  CHECK(s.nodes_traced == 4);
  CHECK(s.after_constants == 4);
  CHECK(s.constants == 2); // 2.0 and 3.0
  CHECK(s.after_cse == 3);  // the two x * 2 are now the same node
}

TEST_CASE("remove no-ops: same-shape reshape / broadcast, same-dtype astype, identity transpose") {
  // The primitives are built directly: the ops already skip some of these themselves.
  auto f = [](const std::vector<array>& xs) {
    const array& x = xs[0];
    Stream s = to_stream({});
    array r(x.shape(), x.dtype(), std::make_shared<Reshape>(s, x.shape()), {x});
    array b(x.shape(), x.dtype(), std::make_shared<Broadcast>(s, x.shape()), {r});
    array c(x.shape(), x.dtype(), std::make_shared<AsType>(s, x.dtype()), {b});
    array t(x.shape(), x.dtype(), std::make_shared<Transpose>(s, std::vector<int>{0, 1}), {c});
    array u(x.shape(), x.dtype(), std::make_shared<Transpose>(s, std::vector<int>{1, 0}), {t});
    return std::vector<array>{exp(u)};
  };
  array x = reshape(arange(0.0, 4.0, 1.0, float32), {2, 2});
  auto s = stats_of(f, {x});
  CHECK(s.nodes_traced == 6);
  CHECK(s.after_noops == 2); // the real transpose and exp stay
  auto out = compile(f)({x})[0];
  auto want = exp(transpose(x));
  CHECK(allclose(out, want).item<bool>());
}

TEST_CASE("CSE merges equivalent nodes on the same inputs, not different ones") {
  auto f = [](const std::vector<array>& xs) {
    return std::vector<array>{exp(xs[0]) + exp(xs[0]) + exp(xs[1]) + sin(xs[0])};
  };
  CompileOptions no_fuse;
  no_fuse.fuse = false;
  auto s = compile_inspect(f, {vec({1, 2}), vec({3, 4})}, no_fuse).first;
  CHECK(s.nodes_traced == 7);
  CHECK(s.after_cse == 6);
}

TEST_CASE("fusion: a chain, a diamond and broadcast inputs give one kernel") {
  auto chain = [](const std::vector<array>& xs) {
    array x = xs[0];
    array y = exp(x * 0.5f) + 1.0f;
    y = tanh(y) * y - 0.25f;
    return std::vector<array>{sqrt(abs(y)) / (y + 3.0f)};
  };
  auto s = stats_of(chain, {vec({1, 2, 3})});
  CHECK(s.nodes_traced == 10);
  CHECK(s.after_fusion == 1);
  CHECK(s.fused_kernels == 1);

  auto diamond = [](const std::vector<array>& xs) {
    array a = xs[0], b = xs[1];
    return std::vector<array>{(a + b) * (a - b)};
  };
  CHECK(stats_of(diamond, {vec({1, 2}), vec({3, 4})}).after_fusion == 1);

  auto bcast = [](const std::vector<array>& xs) {
    array y = broadcast_to(xs[1], {2, 3});
    return std::vector<array>{exp(xs[0]) * y + y};
  };
  auto sb = stats_of(bcast, {reshape(arange(0.0, 6.0, 1.0, float32), {2, 3}), vec({1, 2, 3})});
  CHECK(sb.after_fusion == 1); // the broadcast is read by the kernel itself
}

TEST_CASE("fusion stops at a reduction that reads the region (no cycle)") {
  auto f = [](const std::vector<array>& xs) {
    array y = exp(xs[0]) + 1.0f;
    array s = sum(y);
    return std::vector<array>{(y * s) - 1.0f};
  };
  auto s = stats_of(f, {vec({1, 2, 3})});
  CHECK(s.fused_kernels == 2);
  CHECK(s.after_fusion == 4); // Compiled, Reduce, Reshape (sum to 0-d), Compiled
  array x = vec({0.1f, 0.2f, 0.3f});
  auto got = compile(f)({x})[0];
  CHECK(allclose(got, f({x})[0]).item<bool>());
}

TEST_CASE("a region used outside gives a multi-output kernel") {
  auto f = [](const std::vector<array>& xs) {
    array y = exp(xs[0]) * 2.0f;
    array z = y + 1.0f;
    return std::vector<array>{y, sin(z), sum(z)};
  };
  auto [s, text] = compile_inspect(f, {vec({1, 2, 3})});
  CHECK(s.fused_kernels == 1);
  CHECK(s.after_fusion == 3); // Compiled(2 outputs), Reduce, Reshape
  CHECK(text.find("Compiled(") != std::string::npos);
  array x = vec({0.5f, -1.0f, 2.0f});
  auto got = compile(f)({x});
  auto want = f({x});
  for (int i = 0; i < 3; ++i) CHECK(allclose(got[i], want[i]).item<bool>());
}

TEST_CASE("the listing is deterministic") {
  auto f = [](const std::vector<array>& xs) { return std::vector<array>{exp(xs[0]) + 1.0f}; };
  auto a = compile_inspect(f, {vec({1, 2})}).second;
  auto b = compile_inspect(f, {vec({5, 6})}).second;
  CHECK(a == b);
  CHECK(a == "v0 = input : float32[2]\nv1 = constant : float32[]\n"
             "v2 = Compiled(r2 = exp(r0); r3 = add(r2, r1) -> [r3])(v0, v1) : float32[2]\nreturn v2\n");
}

TEST_CASE("the cache traces once per signature and replays") {
  reset_compile_counters();
  int calls = 0;
  auto f = compile([&](const std::vector<array>& xs) {
    ++calls;
    return std::vector<array>{xs[0] * xs[0] + 1.0f};
  });
  auto r1 = f({vec({1, 2})})[0];
  auto r2 = f({vec({3, 4})})[0];
  CHECK(calls == 1);
  CHECK(r2.data<float>() == nullptr); // still pending
  r2.eval();
  r1.eval();
  CHECK(r2.data<float>()[0] == 10.0f); // 3 * 3 + 1
  CHECK(r1.data<float>()[1] == 5.0f);
  f({vec({1, 2, 3})});
  f({array({1.0, 2.0}, float64)});
  CHECK(calls == 3);
  auto c = compile_counters();
  CHECK(c.traces == 3);
  CHECK(c.hits == 1);
  disable_compile();
  f({vec({1, 2})});
  enable_compile();
  CHECK(calls == 4);
  CHECK(compile_counters().plain_calls == 1);
}

TEST_CASE("compiled inside grad and vmap behaves like the plain function") {
  auto plain = [](const std::vector<array>& xs) { return std::vector<array>{sum(sin(xs[0]) * xs[0])}; };
  auto f = compile(plain);
  array x = vec({0.5f, 1.0f, 2.0f});
  auto g = grad(f)({x})[0];
  auto want = grad(plain)({x})[0];
  CHECK(allclose(g, want).item<bool>());
  auto ew = compile([](const std::vector<array>& xs) { return std::vector<array>{exp(xs[0]) * 2.0f}; });
  array b = reshape(arange(0.0, 6.0, 1.0, float32), {2, 3});
  auto v = vmap(ew, {0})({b})[0];
  CHECK(allclose(v, exp(b) * 2.0f).item<bool>());
}

TEST_CASE("the Compiled primitive's own rules: grad, jvp and vmap of a replayed graph") {
  auto f = compile([](const std::vector<array>& xs) {
    return std::vector<array>{exp(xs[0]) * xs[1] + xs[1]};
  });
  array x = vec({0.5f, 1.0f}), y = vec({2.0f, 3.0f});
  // Differentiate a function whose graph holds a Compiled node built outside it.
  auto out = f({x, y})[0];
  REQUIRE(out.primitive().kind() == PrimitiveKind::Compiled);
  REQUIRE(out.inputs().size() == 2);
  REQUIRE(out.inputs()[0].id() == x.id());
  auto [vals, cots] = vjp([&](const std::vector<array>& a) {
    return std::vector<array>{array(out.shape(), out.dtype(), out.primitive_ptr(), a)};
  }, {x, y}, {vec({1, 1})});
  CHECK(allclose(cots[0], exp(x) * y).item<bool>());
  CHECK(allclose(cots[1], exp(x) + 1.0f).item<bool>());
  auto [v2, tans] = jvp([&](const std::vector<array>& a) {
    return std::vector<array>{array(out.shape(), out.dtype(), out.primitive_ptr(), a)};
  }, {x, y}, {vec({1, 0}), vec({0, 1})});
  CHECK(allclose(tans[0], vec({std::exp(0.5f) * 2.0f, std::exp(1.0f) + 1.0f})).item<bool>());
  array bx = reshape(arange(0.0, 4.0, 1.0, float32), {2, 2});
  auto bv = vmap([&](const std::vector<array>& a) {
    return std::vector<array>{array(out.shape(), out.dtype(), out.primitive_ptr(), a)};
  }, {0, kUnmapped})({bx, y})[0];
  CHECK(allclose(bv, exp(bx) * y + y).item<bool>());
}

TEST_CASE("a 1,000,000-op chain compiles and runs") {
  auto f = compile([](const std::vector<array>& xs) {
    array x = xs[0];
    for (int i = 0; i < 1000000; ++i) x = x + 1.0f;
    return std::vector<array>{x};
  });
  auto out = f({vec({0.0f, 1.0f})})[0];
  out.eval();
  CHECK(out.data<float>()[1] == 1000001.0f);
}
