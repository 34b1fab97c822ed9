// Building, rewriting, replaying and listing the compile graph (see graph.h).
#include "compile/graph.h"

#include <algorithm>
#include <queue>
#include <stdexcept>
#include <sstream>
#include <unordered_map>

namespace mxg::compiler {

namespace {

struct Builder {
  Graph g;
  std::unordered_map<const void*, int> val_of;   // array desc -> value (leaves)
  std::unordered_map<const Node*, int> node_of;  // node -> node index

  bool is_leaf(const array& a) const {
    return val_of.count(a.id()) || !(a.has_primitive() && a.is_tracer());
  }
  bool known(const array& a) const {
    return val_of.count(a.id()) || (a.node() && node_of.count(a.node().get()));
  }
  int value(const array& a) const {
    auto it = val_of.find(a.id());
    if (it != val_of.end()) return it->second;
    return g.nodes[node_of.at(a.node().get())].outs[a.output_index()];
  }
  void add_leaf(const array& a) {
    Value v;
    v.shape = a.shape();
    v.dtype = a.dtype();
    v.constant = a;
    val_of[a.id()] = g.add_value(std::move(v));
  }
  void add_node(const array& a) {
    const Node& n = *a.node();
    GNode gn{n.primitive, {}, {}};
    for (const auto& in : n.inputs) gn.args.push_back(value(in));
    int idx = static_cast<int>(g.nodes.size());
    size_t nout = n.outputs.size();
    for (size_t p = 0; p < nout; ++p) {
      Value v;
      v.shape = nout == 1 ? a.shape() : n.output_shapes.at(p);
      v.dtype = nout == 1 ? a.dtype() : n.output_dtypes.at(p);
      v.node = idx;
      v.pos = static_cast<int>(p);
      gn.outs.push_back(g.add_value(std::move(v)));
    }
    g.nodes.push_back(std::move(gn));
    node_of[a.node().get()] = idx;
  }
  // Depth-first with an explicit stack: a node is added after all its inputs.
  void visit(const array& root) {
    if (known(root)) return;
    if (is_leaf(root)) return add_leaf(root);
    std::vector<std::pair<array, size_t>> stack{{root, 0}};
    while (!stack.empty()) {
      auto& [a, i] = stack.back();
      if (node_of.count(a.node().get())) {
        stack.pop_back();
        continue;
      }
      const auto& ins = a.node()->inputs;
      if (i < ins.size()) {
        const array in = ins[i++];
        if (known(in)) continue;
        if (is_leaf(in)) {
          add_leaf(in);
        } else {
          stack.emplace_back(in, 0);
        }
        continue;
      }
      add_node(a);
      stack.pop_back();
    }
  }
};

int find(std::vector<int>& subst, int v) {
  int r = v;
  while (subst[r] >= 0 && subst[r] != r) r = subst[r];
  while (subst[v] >= 0 && subst[v] != v) { // path compression
    int next = subst[v];
    subst[v] = r;
    v = next;
  }
  return r;
}

} // namespace

Graph build_graph(const std::vector<array>& placeholders, const std::vector<array>& outputs) {
  Builder b;
  for (size_t i = 0; i < placeholders.size(); ++i) {
    const array& p = placeholders[i];
    if (b.val_of.count(p.id())) throw std::invalid_argument("[compile] An input is passed twice.");
    Value v;
    v.shape = p.shape();
    v.dtype = p.dtype();
    v.input = static_cast<int>(i);
    int id = b.g.add_value(std::move(v));
    b.val_of[p.id()] = id;
    b.g.inputs.push_back(id);
  }
  for (const auto& o : outputs) {
    b.visit(o);
    b.g.outputs.push_back(b.value(o));
  }
  return std::move(b.g);
}

void rewrite(Graph& g, std::vector<int> subst) {
  subst.resize(g.values.size(), -1);
  for (auto& n : g.nodes) {
    for (auto& a : n.args) a = find(subst, a);
  }
  for (auto& o : g.outputs) o = find(subst, o);
  // Live nodes: reachable backwards from the outputs (any order; marks are monotone).
  size_t nn = g.nodes.size();
  std::vector<char> live(nn, 0), needed(g.values.size(), 0);
  std::vector<int> work;
  for (int o : g.outputs) {
    if (!needed[o]) needed[o] = 1, work.push_back(o);
  }
  while (!work.empty()) {
    int v = work.back();
    work.pop_back();
    int n = g.values[v].node;
    if (n < 0 || live[n]) continue;
    live[n] = 1;
    for (int a : g.nodes[n].args) {
      if (!needed[a]) needed[a] = 1, work.push_back(a);
    }
  }
  // Kahn's algorithm, ties broken by the old position: keeps the order stable.
  std::vector<int> pending(nn, 0);
  std::vector<std::vector<int>> users(nn);
  for (size_t i = 0; i < nn; ++i) {
    if (!live[i]) continue;
    for (int a : g.nodes[i].args) {
      int p = g.values[a].node;
      if (p >= 0) {
        ++pending[i];
        users[p].push_back(static_cast<int>(i));
      }
    }
  }
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (size_t i = 0; i < nn; ++i) {
    if (live[i] && pending[i] == 0) ready.push(static_cast<int>(i));
  }
  std::vector<GNode> order;
  while (!ready.empty()) {
    int i = ready.top();
    ready.pop();
    for (int u : users[i]) {
      if (--pending[u] == 0) ready.push(u);
    }
    order.push_back(std::move(g.nodes[i]));
  }
  // A cycle would leave live nodes unplaced and outputs without a producer.
  if (order.size() != static_cast<size_t>(std::count(live.begin(), live.end(), 1))) {
    throw std::logic_error("[compile] Internal error: a graph pass created a cycle.");
  }
  g.nodes = std::move(order);
  for (auto& v : g.values) v.node = -1;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    for (int o : g.nodes[i].outs) g.values[o].node = static_cast<int>(i);
  }
}

std::vector<array> replay(const Graph& g, const std::vector<array>& inputs) {
  std::vector<std::optional<array>> vals(g.values.size());
  for (size_t i = 0; i < g.values.size(); ++i) {
    const Value& v = g.values[i];
    if (v.input >= 0) {
      vals[i] = inputs[v.input];
    } else if (v.constant) {
      vals[i] = *v.constant;
    }
  }
  for (const auto& n : g.nodes) {
    std::vector<array> args;
    args.reserve(n.args.size());
    for (int a : n.args) args.push_back(*vals[a]);
    if (n.outs.size() == 1) {
      const Value& v = g.values[n.outs[0]];
      vals[n.outs[0]] = array(v.shape, v.dtype, n.prim, std::move(args));
      continue;
    }
    std::vector<Shape> shapes;
    std::vector<Dtype> dtypes;
    for (int o : n.outs) {
      shapes.push_back(g.values[o].shape);
      dtypes.push_back(g.values[o].dtype);
    }
    auto outs = array::make_arrays(shapes, dtypes, n.prim, std::move(args));
    for (size_t k = 0; k < outs.size(); ++k) vals[n.outs[k]] = outs[k];
  }
  std::vector<array> res;
  for (int o : g.outputs) res.push_back(*vals[o]);
  return res;
}

namespace {
void put_type(std::ostream& os, const Value& v) {
  os << dtype_name(v.dtype) << "[";
  for (size_t i = 0; i < v.shape.size(); ++i) os << (i ? "," : "") << v.shape[i];
  os << "]";
}
} // namespace

std::string listing(const Graph& g) {
  // Values are renumbered in order of appearance, so the text does not depend on
  // the ids the passes left behind.
  std::vector<int> name(g.values.size(), -1);
  int next = 0;
  std::ostringstream os;
  auto leaf = [&](int v) {
    if (name[v] >= 0) return;
    name[v] = next++;
    os << "v" << name[v] << " = " << (g.values[v].input >= 0 ? "input" : "constant") << " : ";
    put_type(os, g.values[v]);
    os << "\n";
  };
  for (int v : g.inputs) leaf(v);
  for (const auto& n : g.nodes) {
    for (int a : n.args) {
      if (g.values[a].node < 0) leaf(a);
    }
    for (int o : n.outs) name[o] = next++;
    for (size_t k = 0; k < n.outs.size(); ++k) os << (k ? ", v" : "v") << name[n.outs[k]];
    os << " = ";
    n.prim->print(os);
    os << "(";
    for (size_t k = 0; k < n.args.size(); ++k) os << (k ? ", v" : "v") << name[n.args[k]];
    os << ") : ";
    put_type(os, g.values[n.outs[0]]);
    os << "\n";
  }
  for (int o : g.outputs) leaf(o);
  os << "return";
  for (int o : g.outputs) os << " v" << name[o];
  os << "\n";
  return os.str();
}

int count_kind(const Graph& g, PrimitiveKind k) {
  int c = 0;
  for (const auto& n : g.nodes) c += n.prim->kind() == k;
  return c;
}

int count_constants(const Graph& g) {
  std::vector<char> seen(g.values.size(), 0);
  int c = 0;
  auto see = [&](int v) {
    if (g.values[v].constant && !seen[v]) seen[v] = 1, ++c;
  };
  for (const auto& n : g.nodes) {
    for (int a : n.args) see(a);
  }
  for (int o : g.outputs) see(o);
  return c;
}

} // namespace mxg::compiler
