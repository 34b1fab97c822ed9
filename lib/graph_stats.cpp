// graph_stats(): one explicit-stack post-order over the pending nodes (as eval's
// schedule), so depth comes from inputs already visited.
#include <algorithm>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "mxgraph/graph.h"
#include "mxgraph/primitive.h"

namespace mxg {
namespace {

bool is_view(PrimitiveKind k) {
  switch (k) {
    case PrimitiveKind::Reshape: case PrimitiveKind::Transpose: case PrimitiveKind::Broadcast:
    case PrimitiveKind::Slice: case PrimitiveKind::AsStrided: case PrimitiveKind::View:
      return true;
    default:
      return false;
  }
}

int64_t output_bytes(const Node& n) {
  if (is_view(n.primitive->kind())) return 0;
  int64_t bytes = 0;
  if (!n.output_shapes.empty()) {
    for (size_t i = 0; i < n.output_shapes.size(); ++i) {
      bytes += shape_size(n.output_shapes[i]) * size_of(n.output_dtypes[i]);
    }
    return bytes;
  }
  for (auto& o : n.outputs) {
    if (auto d = o.lock()) bytes += d->size * size_of(d->dtype);
  }
  return bytes;
}

struct Counter {
  GraphStats s;
  std::unordered_map<const Node*, int64_t> depth;
  std::unordered_set<const void*> inputs;
  std::unordered_set<const Buffer*> buffers;
  std::map<std::string, int64_t> kinds;

  void leaf(const array& in) {
    if (!inputs.insert(in.id()).second) return;
    s.inputs_held++;
    const auto& b = in.buffer();
    if (b && buffers.insert(b.get()).second) s.input_bytes_held += static_cast<int64_t>(b->size());
  }
  void finish(const Node& n) {
    int64_t d = 0;
    for (const auto& in : n.inputs) {
      if (!in.is_evaluated()) d = std::max(d, depth[in.node().get()]);
    }
    depth[&n] = d + 1;
    s.depth = std::max(s.depth, d + 1);
    s.pending_nodes++;
    for (auto& o : n.outputs) s.pending_arrays += o.expired() ? 0 : 1;
    s.bytes_to_allocate += output_bytes(n);
    kinds[primitive_kind_name(n.primitive->kind())]++;
  }
};

} // namespace

GraphStats graph_stats(const std::vector<array>& outputs) {
  Counter c;
  std::vector<std::pair<const Node*, size_t>> stack;
  for (const auto& out : outputs) {
    if (out.is_evaluated()) {
      c.leaf(out);
      continue;
    }
    if (c.depth.count(out.node().get())) continue;
    c.depth[out.node().get()] = 0;
    stack.emplace_back(out.node().get(), 0);
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < node->inputs.size()) {
        const array& in = node->inputs[next++];
        if (in.is_evaluated()) {
          c.leaf(in);
        } else if (c.depth.emplace(in.node().get(), 0).second) {
          stack.emplace_back(in.node().get(), 0);
        }
        continue;
      }
      c.finish(*node);
      stack.pop_back();
    }
  }
  c.s.per_primitive.assign(c.kinds.begin(), c.kinds.end());
  return c.s;
}

std::string to_string(const GraphStats& s) {
  std::ostringstream os;
  os << "pending nodes:     " << s.pending_nodes << "\n"
     << "pending arrays:    " << s.pending_arrays << "\n"
     << "depth:             " << s.depth << "\n"
     << "bytes to allocate: " << s.bytes_to_allocate << "\n"
     << "inputs held:       " << s.inputs_held << " (" << s.input_bytes_held << " bytes)\n"
     << "per primitive:\n";
  for (const auto& [name, n] : s.per_primitive) os << "  " << name << ": " << n << "\n";
  return os.str();
}

} // namespace mxg
