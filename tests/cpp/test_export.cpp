// Exported functions at the engine level: the pure parser, specs, parameters only C++
// reaches (addmm's alpha/beta, linspace's endpoint), bad bytes, and a million-node chain.
#include <catch2/catch.hpp>

#include <cstring>

#include "mxgraph/export.h"
#include "mxgraph/mxgraph.h"
#include "mxgraph/distributed.h"
#include "primitives/distributed.h"
#include <sstream>

using namespace mxg;

namespace {

bool same(array a, array b) {
  return array_equal(a, b).item<bool>();
}

} // namespace

TEST_CASE("export: the parser describes the graph") {
  array w = ones({3, 2});
  w.eval(); // an evaluated capture is a constant (a pending one stays a graph)
  ArrayFn f = [w](const std::vector<array>& xs) { return std::vector<array>{matmul(xs[0], w) + xs[1]}; };
  ExportOptions opt;
  opt.input_names = {"x", "b"};
  opt.metadata = "hello";
  std::string bytes = export_function_bytes(f, {zeros({4, 3}), zeros({2}, float32)}, opt);
  FunctionDesc d = parse_function(bytes.data(), bytes.size(), bytes.size());
  CHECK(d.version == 1);
  CHECK_FALSE(d.shapeless);
  REQUIRE(d.inputs.size() == 2);
  CHECK(d.inputs[0].name == "x");
  CHECK(d.inputs[0].shape == Shape{4, 3});
  REQUIRE(d.constants.size() == 1);
  CHECK(d.constants[0].offset % 64 == 0);
  CHECK(d.constants[0].nbytes == 24);
  REQUIRE(d.nodes.size() == 2);
  CHECK(d.nodes[0].kind == PrimitiveKind::Matmul);
  CHECK(d.nodes[1].kind == PrimitiveKind::Binary);
  CHECK(d.metadata == "hello");
  ImportedFunction g = import_function_from_buffer(bytes.data(), bytes.size());
  REQUIRE(g.outputs().size() == 1);
  CHECK(g.outputs()[0].shape == Shape{4, 2});
  array x = arange(0.0, 12.0, 1.0, float32);
  x = reshape(x, {4, 3});
  array b = array({1.0f, 2.0f});
  CHECK(same(g({x, b})[0], f({x, b})[0]));
}

TEST_CASE("export: addmm alpha/beta and linspace round trip") {
  ArrayFn f = [](const std::vector<array>& xs) {
    return std::vector<array>{addmm(xs[2], xs[0], xs[1], 0.5f, 2.0f),
                              xs[2] + linspace(0.0, 1.0, 3, true, float32)};
  };
  std::vector<array> in = {random::normal({3, 4}), random::normal({4, 3}), random::normal({3, 3})};
  std::string bytes = export_function_bytes(f, in, {});
  ImportedFunction g = import_function_from_buffer(bytes.data(), bytes.size());
  std::vector<array> in2 = {random::normal({3, 4}), random::normal({4, 3}), random::normal({3, 3})};
  auto got = g(in2);
  auto want = f(in2);
  CHECK(allclose(got[0], want[0]).item<bool>());
  CHECK(same(got[1], want[1]));
}

TEST_CASE("export: file round trip and wrong calls") {
  std::string path = "/tmp/mxgraph_test_export.mxfn";
  export_function(path, [](const std::vector<array>& xs) { return std::vector<array>{exp(xs[0])}; },
                  {zeros({2, 2})}, /*shapeless=*/true);
  ImportedFunction g = import_function(path);
  CHECK(g.shapeless());
  CHECK(g({ones({5})})[0].shape() == Shape{5});
  CHECK_THROWS_WITH(g({ones({2, 2}, int32)}), Catch::Contains("must be float32"));
  CHECK_THROWS_WITH(g({}), Catch::Contains("takes 1 arrays; 0 were given"));
  std::remove(path.c_str());
}

TEST_CASE("export: bad bytes raise invalid_argument") {
  std::string bytes = export_function_bytes(
      [](const std::vector<array>& xs) { return std::vector<array>{sum(xs[0] * 2.0f, 0)}; }, {ones({3, 2})}, {});
  for (size_t n = 0; n < bytes.size(); ++n) {
    CHECK_THROWS_AS(check_function_bytes(bytes.data(), n), std::invalid_argument);
  }
  CHECK_NOTHROW(check_function_bytes(bytes.data(), bytes.size()));
  std::string junk(100, '\xff');
  CHECK_THROWS_WITH(check_function_bytes(junk.data(), junk.size()), Catch::StartsWith("[import_function] Not an .mxfn"));
}

TEST_CASE("export: elementwise nodes must have the dtypes their op gives (found by fuzzing)") {
  // logical_not / isnan of floats give bool: these round trip.
  ArrayFn f = [](const std::vector<array>& xs) {
    return std::vector<array>{logical_not(xs[0]), isnan(xs[0]), xs[0] > 1.0f};
  };
  std::string bytes = export_function_bytes(f, {zeros({2})}, {});
  ImportedFunction g = import_function_from_buffer(bytes.data(), bytes.size());
  auto out = g({array({0.0f, 2.0f})});
  CHECK(same(out[0], array({true, false})));
  CHECK(same(out[2], array({false, true})));
  // A comparison's node turned into arctan2 still claiming bool (the kernel would
  // write floats where bools are read) is rejected at import.
  FunctionDesc d = parse_function(bytes.data(), bytes.size(), bytes.size());
  size_t k = d.nodes.size() - 1;
  REQUIRE(d.nodes[k].kind == PrimitiveKind::Binary);
  REQUIRE(d.nodes[k].params.size() == 1); // the op code, the last byte of the NODE section
  size_t at = 32, node_end = 0;
  while (at + 12 <= bytes.size() && node_end == 0) {
    uint64_t len = 0;
    std::memcpy(&len, bytes.data() + at + 4, 8);
    if (std::memcmp(bytes.data() + at, "NODE", 4) == 0) node_end = at + 12 + len;
    at += 12 + len;
  }
  REQUIRE(node_end > 0);
  REQUIRE(bytes[node_end - 1] == static_cast<char>(BinaryOp::Greater));
  bytes[node_end - 1] = static_cast<char>(BinaryOp::ArcTan2);
  CHECK_THROWS_WITH(check_function_bytes(bytes.data(), bytes.size()), Catch::Contains("do not fit the op"));
}

TEST_CASE("export: a million-node chain exports and imports without recursion") {
  ArrayFn f = [](const std::vector<array>& xs) {
    array x = xs[0];
    for (int i = 0; i < 1000000; ++i) x = -x;
    return std::vector<array>{x};
  };
  std::string bytes = export_function_bytes(f, {zeros({3})}, {});
  ImportedFunction g = import_function_from_buffer(bytes.data(), bytes.size());
  CHECK(g.desc().nodes.size() == 1000000);
  array x = array({1.0f, -2.0f, 3.0f});
  CHECK(same(g({x})[0], x));
}

TEST_CASE("a collective in the traced graph is an export error, not a silent drop") {
  auto group = distributed::init();
  auto f = [&](const std::vector<array>& xs) {
    // A one-process group makes no node; build the primitive as a larger group would.
    array y(xs[0].shape(), xs[0].dtype(),
            std::make_shared<AllReduce>(default_stream(Device{}), group, AllReduce::Op::Sum), {xs[0]});
    return std::vector<array>{y};
  };
  std::ostringstream os;
  CHECK_THROWS_WITH(export_function(os, f, {array({1.0f, 2.0f})}, ExportOptions{}),
                    Catch::Contains("[export_function] AllReduce") && Catch::Contains("cannot be exported"));
}
