// Deep graphs: million-op chains with multi-output primitives and broadcasting, through
// eval, freeing, the transforms, compile, the graph tools (DOT, text, JSON, statistics)
// and function export, none of which may recurse.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

#include "mxgraph/compile.h"
#include "mxgraph/export.h"
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

// depth() / 4 steps of divmod (both outputs used) and a broadcasting add: over
// depth() arrays, a (2,) input growing to (3, 2) at the first step.
std::vector<array> divmod_broadcast_chain(const std::vector<array>& in) {
  array row = reshape(array({0.0f, 0.0f, 0.0f}), {3, 1});
  array x = in[0];
  for (int i = 0; i < depth() / 4; ++i) {
    auto [d, m] = divmod(x, array(1.0f));
    x = d + m + row;
  }
  return {x};
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

TEST_CASE("compile traces, fuses and replays a deep multi-output broadcasting chain") {
  auto f = compile(divmod_broadcast_chain);
  for (float start : {4.0f, 6.0f}) { // a trace, then a replay
    array y = contiguous(f({array({start, 1.0f})})[0]);
    y.eval();
    CHECK(y.shape() == Shape{3, 2});
    CHECK(y.data<float>()[4] == start);
    CHECK(y.data<float>()[5] == 1.0f);
  }
}

TEST_CASE("graph statistics, the text dump and JSON of a deep multi-output chain") {
  array y = divmod_broadcast_chain({array({2.0f, 3.0f})})[0];
  GraphStats st = graph_stats({y});
  int steps = depth() / 4;
  CHECK(st.pending_nodes == 3 * int64_t(steps) + 1); // divmod and two adds a step, the reshape of row
  CHECK(st.depth == 3 * int64_t(steps));
  std::ostringstream os;
  print_graph(os, {y});
  CHECK(os.str().size() < 2000000); // elided past max_nodes
  CHECK(os.str().find("DivMod") != std::string::npos);
  std::string json = graph_to_json({y});
  CHECK(json.size() < 2000000);
  CHECK(json.find("\"elided\"") != std::string::npos);
  CHECK(!to_string(st).empty());
}

TEST_CASE("a deep multi-output chain exports and imports, and the import runs") {
  ExportOptions opt;
  std::string bytes = export_function_bytes(divmod_broadcast_chain, {array({5.0f, 7.0f})}, opt);
  ImportedFunction g = import_function_from_buffer(bytes.data(), bytes.size());
  CHECK(g.desc().nodes.size() >= 3 * size_t(depth() / 4));
  array y = contiguous(g({array({8.0f, 9.0f})})[0]);
  y.eval();
  CHECK(y.shape() == Shape{3, 2});
  CHECK(y.data<float>()[0] == 8.0f);
  CHECK(y.data<float>()[1] == 9.0f);
  // Dropping an imported million-node graph (pending) must not recurse either.
  array pending = g({array({1.0f, 2.0f})})[0];
  CHECK(graph_stats({pending}).pending_nodes >= 3 * int64_t(depth() / 4));
}
