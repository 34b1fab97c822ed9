// The traced graph mx.compile works on: values (inputs, constants, node outputs)
// and nodes in topological order, as plain indices so that every pass is a loop
// (no recursion) and the graph can be replayed on new inputs.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mxgraph/primitive.h"

namespace mxg::compiler {

struct Value {
  Shape shape;
  Dtype dtype = float32;
  int node = -1;                 // producing node, -1 for inputs and constants
  int pos = 0;                   // which output of that node
  int input = -1;                // index among the graph's inputs
  std::optional<array> constant; // a captured array
};

struct GNode {
  std::shared_ptr<Primitive> prim;
  std::vector<int> args; // value ids
  std::vector<int> outs; // value ids
};

struct Graph {
  std::vector<Value> values;
  std::vector<GNode> nodes;  // topological order
  std::vector<int> inputs;   // value ids of the placeholders
  std::vector<int> outputs;  // value ids returned (may repeat)
  int add_value(Value v) {
    values.push_back(std::move(v));
    return static_cast<int>(values.size()) - 1;
  }
};

/// The graph between `placeholders` and `outputs` (arrays that are not tracers
/// become constants).
Graph build_graph(const std::vector<array>& placeholders, const std::vector<array>& outputs);

/// Replaces value v by subst[v] (chains followed; -1 keeps v) everywhere, drops
/// nodes no output needs and restores a topological order.
void rewrite(Graph& g, std::vector<int> subst);

/// Runs the graph's nodes on `inputs` (new pending arrays; nothing is evaluated).
std::vector<array> replay(const Graph& g, const std::vector<array>& inputs);

/// One line per input, constant and node: deterministic, for tests and docs.
std::string listing(const Graph& g);

int count_kind(const Graph& g, PrimitiveKind k);
/// Distinct constants the nodes or outputs use.
int count_constants(const Graph& g);

// The passes; each returns how many values it replaced (fusion: regions fused).
int merge_scalar_constants(Graph& g);
int remove_noops(Graph& g);
int eliminate_common_subexpressions(Graph& g);
int fuse_elementwise(Graph& g);

} // namespace mxg::compiler
