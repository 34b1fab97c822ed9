// Graph inspection (stats, text, JSON, DOT ids), the evaluation log, guards and
// the graph-size threshold, at the engine level.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "mxgraph/eval_log.h"
#include "mxgraph/graph.h"
#include "mxgraph/mxgraph.h"

using namespace mxg;

namespace {
int64_t count_of(const GraphStats& s, const std::string& kind) {
  for (const auto& [k, n] : s.per_primitive) {
    if (k == kind) return n;
  }
  return 0;
}
} // namespace

TEST_CASE("graph_stats counts pending nodes, depth, bytes and held inputs") {
  array x({1.0f, 2.0f, 3.0f});        // 12 bytes
  array w({1.0f, 2.0f, 3.0f, 4.0f});  // 16 bytes
  array y = exp(x) + x;               // 2 nodes of 3 float32
  array z = reshape(y, {3, 1});       // a view: 0 bytes
  auto s = graph_stats({z, w});
  CHECK(s.pending_nodes == 3);
  CHECK(s.pending_arrays == 3);
  CHECK(s.depth == 3);
  CHECK(s.bytes_to_allocate == 24);
  CHECK(s.inputs_held == 2);
  CHECK(s.input_bytes_held >= 28);
  CHECK(count_of(s, "Unary") == 1);
  CHECK(count_of(s, "Binary") == 1);
  CHECK(count_of(s, "Reshape") == 1);
  CHECK(s.per_primitive.front().first == "Binary"); // sorted by name
  CHECK(to_string(s).find("pending nodes:     3") != std::string::npos);
  z.eval();
  CHECK(graph_stats({z}).pending_nodes == 0);
}

TEST_CASE("multi-output nodes count once, with every output's bytes") {
  array a({7.0f, 8.0f});
  auto [q, r] = divmod(a, array(3.0f));
  auto s = graph_stats({q});
  CHECK(s.pending_nodes == 1);
  CHECK(s.pending_arrays == 2);
  CHECK(s.bytes_to_allocate == 16);
}

TEST_CASE("print_graph: inputs, one line per primitive, outputs, DOT ids") {
  array x({1.0f, 2.0f});
  array y = exp(x) - x;
  std::ostringstream os;
  print_graph(os, {y}, {{"x", x}});
  CHECK(os.str() ==
        "inputs:\n"
        "  %0 x : float32[2]\n"
        "%1 = Unary(exp)(%0) : float32[2]\n"
        "%2 = Binary(subtract)(%1, %0) : float32[2]\n"
        "outputs: %2\n");
  std::ostringstream dot;
  export_to_dot(dot, {y}, {{"x", x}});
  CHECK(dot.str().find("a2 [label=\"(2,) float32\", shape=ellipse, style=bold") != std::string::npos);
  std::string json = graph_to_json({y}, {{"x", x}});
  CHECK(json.find("{\"id\": \"a0\", \"kind\": \"array\", \"shape\": [2], \"dtype\": \"float32\", "
                  "\"state\": \"input\", \"name\": \"x\", \"output\": false}") != std::string::npos);
  CHECK(json.find("{\"from\": \"a1\", \"to\": \"p1\", \"arg\": 0}") != std::string::npos);
}

TEST_CASE("DOT rankdir") {
  array x({1.0f});
  DotOptions o;
  o.rankdir = "LR";
  std::ostringstream os;
  export_to_dot(os, {exp(x)}, {}, o);
  CHECK(os.str().find("rankdir=LR;") != std::string::npos);
}

TEST_CASE("a 1,000,000-node chain gives stats and an elided dump without recursion") {
  array x(1.0f);
  for (int i = 0; i < 1000000; ++i) x = x + 1.0f;
  auto s = graph_stats({x});
  CHECK(s.pending_nodes == 1000000);
  CHECK(s.depth == 1000000);
  std::ostringstream os;
  print_graph(os, {x});
  std::string text = os.str();
  CHECK(text.find("not shown") != std::string::npos);
  CHECK(std::count(text.begin(), text.end(), '\n') < 3000);
}

TEST_CASE("the evaluation log records cause, nodes and bytes") {
  eval_log_begin();
  size_t start = eval_log_size();
  array x({1.0f, 2.0f});
  array y = exp(x) * 2.0f;
  eval({y}, EvalCause::print);
  eval({y}, EvalCause::print); // nothing pending: not an evaluation
  auto recs = eval_log_records(start);
  eval_log_end();
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].cause == EvalCause::print);
  CHECK(recs[0].nodes_run == 2);
  CHECK(recs[0].wall_ns > 0);
  CHECK(eval_log_size() == 0); // the last scope dropped them
}

TEST_CASE("the raise guard throws before running and leaves the array pending") {
  array y = exp(array({1.0f}));
  auto old = set_implicit_eval_policy(EvalPolicy::raise);
  CHECK_THROWS_AS(eval({y}, EvalCause::item), implicit_eval_error);
  CHECK_FALSE(y.is_evaluated());
  eval({y}); // explicit is always allowed
  CHECK(y.is_evaluated());
  set_implicit_eval_policy(old);
}

TEST_CASE("the graph threshold raises or evaluates") {
  array x(1.0f);
  set_graph_threshold(100, 0, ThresholdAction::raise);
  auto build = [&] {
    for (int i = 0; i < 200; ++i) x = x + 1.0f;
  };
  CHECK_THROWS_WITH(build(), Catch::Contains("graph threshold"));
  set_graph_threshold(100, 0, ThresholdAction::eval);
  array y(0.0f);
  for (int i = 0; i < 250; ++i) y = y + 1.0f;
  CHECK(graph_stats({y}).pending_nodes < 100);
  set_graph_threshold(0, 0, ThresholdAction::warn);
  y.eval();
  CHECK(y.item<float>() == 250.0f);
}
