// Deep graphs: million-op chains with multi-output primitives and broadcasting, through
// eval, freeing, the transforms and the DOT dump, none of which may recurse.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

#include "mxgraph/graph.h"
#include "mxgraph/mxgraph.h"

using namespace mxg;

namespace {

// MXGRAPH_DEEP_N shortens the chains (e.g. under sanitizers); the default is the
// issue's million.
int depth() {
  const char* env = std::getenv("MXGRAPH_DEEP_N");
  return env ? std::atoi(env) : 1000000;
}

} // namespace

// Multi-output chains take n / 4 steps: with the divmod, the add and the constant,
// that is still over a million arrays.
TEST_CASE("deep chain through divmod (two outputs per node) evaluates") {
  int n = depth() / 4;
  array x({7.0f, 9.0f});
  array q = x;
  for (int i = 0; i < n; ++i) {
    auto [d, m] = divmod(q, array(1.0f));
    q = d + m; // both outputs feed the next node; m is 0
  }
  q.eval();
  CHECK(q.data<float>()[0] == 7.0f);
  CHECK(q.data<float>()[1] == 9.0f);
}

TEST_CASE("deep chain that keeps only one output of each multi-output node") {
  int n = depth() / 4;
  array x({3.0f, 5.0f});
  for (int i = 0; i < n; ++i) x = divmod(x + 2.0f, array(1.0f)).first;
  x.eval();
  CHECK(x.data<float>()[0] == 3.0f + 2.0f * n);
}

TEST_CASE("deep chain with sort and argsort alternating") {
  int n = depth() / 20; // six nodes a step
  array x({3.0f, 1.0f, 2.0f});
  for (int i = 0; i < n; ++i) {
    x = sort(-x) + astype(argsort(x), float32) * 0.0f;
  }
  x.eval();
  // Each step sorts the negation: the values alternate sign and stay sorted.
  const float* p = x.data<float>();
  CHECK(p[0] <= p[1]);
  CHECK(p[1] <= p[2]);
}

TEST_CASE("deep chain with broadcasting at every step") {
  int n = depth() / 2; // two nodes a step
  array x = zeros({2, 1}, float32);
  array row({1.0f, 2.0f, 3.0f});
  array y = x;
  for (int i = 0; i < n; ++i) y = (y + row) - row; // shape (2, 3) from the first step on
  CHECK(y.shape() == Shape{2, 3});
  array yc = contiguous(y);
  yc.eval();
  CHECK(yc.data<float>()[5] == 0.0f);
}

TEST_CASE("a deep pending chain with multi-output nodes frees without evaluation") {
  size_t base = get_active_memory();
  {
    array x = ones({4}, float32);
    for (int i = 0; i < depth() / 4; ++i) x = divmod(x, array(1.0f)).second + x;
  }
  CHECK(get_active_memory() == base);
}

TEST_CASE("vjp, jvp, grad and vmap over a deep chain") {
  int n = depth();
  ArrayFn f = [n](const std::vector<array>& in) {
    array y = in[0];
    for (int i = 0; i < n / 2; ++i) y = y * 1.0f + 0.0f; // two nodes a step
    return std::vector<array>{sum(y)};
  };
  array x({1.0f, 2.0f});
  auto [outs, cts] = vjp(f, {x}, {array(1.0f)});
  array ct = contiguous(cts[0]); // the gradient of a sum may be a broadcast view
  ct.eval();
  CHECK(ct.data<float>()[1] == 1.0f);
  auto [o2, tangents] = jvp(f, {x}, {array({1.0f, 1.0f})});
  eval(tangents);
  CHECK(tangents[0].item<float>() == 2.0f);
  auto g = grad(f)({x});
  array g0 = contiguous(g[0]);
  g0.eval();
  CHECK(g0.data<float>()[1] == 1.0f);
  auto v = vmap(f, {0}, {0})({reshape(array({1.0f, 2.0f, 3.0f, 4.0f}), {2, 2})});
  array v0 = contiguous(v[0]);
  v0.eval();
  CHECK(v0.data<float>()[1] == 7.0f);
}

TEST_CASE("the DOT dump of a deep multi-output chain is bounded") {
  array x = ones({2}, float32);
  for (int i = 0; i < depth() / 4; ++i) {
    auto [d, m] = divmod(x, array(3.0f));
    x = d + m;
  }
  std::ostringstream os;
  export_to_dot(os, {x});
  CHECK(os.str().size() < 2000000);
  CHECK(os.str().find("digraph") != std::string::npos);
}
