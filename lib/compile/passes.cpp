// The compile passes over the traced graph. Each is one loop over the nodes in
// topological order that records replacements, then rewrite() applies them.
#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>

#include "compile/graph.h"
#include "primitives/compiled.h"
#include "primitives/elementwise.h"
#include "primitives/shape.h"

namespace mxg::compiler {

int merge_scalar_constants(Graph& g) {
  std::vector<int> subst(g.values.size(), -1);
  std::map<std::pair<std::pair<Dtype, Shape>, uint64_t>, int> first;
  int merged = 0;
  auto visit = [&](int v) {
    const Value& val = g.values[v];
    if (!val.constant || subst[v] >= 0 || val.constant->size() != 1 || !val.constant->is_evaluated()) return;
    uint64_t bits = 0; // the element's bytes (itemsize <= 8)
    std::memcpy(&bits, val.constant->raw_data(), std::min<size_t>(val.constant->itemsize(), 8));
    auto key = std::make_pair(std::make_pair(val.dtype, val.shape), bits);
    auto [it, fresh] = first.emplace(key, v);
    if (!fresh && it->second != v) subst[v] = it->second, ++merged;
  };
  for (const auto& n : g.nodes) {
    for (int a : n.args) visit(a);
  }
  for (int o : g.outputs) visit(o);
  if (merged) rewrite(g, std::move(subst));
  return merged;
}

namespace {

bool is_noop(const Graph& g, const GNode& n) {
  if (n.outs.size() != 1 || n.args.empty()) return false;
  const Value& in = g.values[n.args[0]];
  const Value& out = g.values[n.outs[0]];
  if (in.shape != out.shape || in.dtype != out.dtype) return false;
  switch (n.prim->kind()) {
    case PrimitiveKind::Reshape:
    case PrimitiveKind::Broadcast:
    case PrimitiveKind::AsType:
      return true;
    case PrimitiveKind::Transpose: {
      const auto& axes = static_cast<const Transpose&>(*n.prim).axes();
      for (size_t i = 0; i < axes.size(); ++i) {
        if (axes[i] != static_cast<int>(i)) return false;
      }
      return true;
    }
    case PrimitiveKind::Copy: { // a copy of a copy is already row-contiguous
      int p = in.node;
      return p >= 0 && g.nodes[p].prim->kind() == PrimitiveKind::Copy;
    }
    default:
      return false;
  }
}

} // namespace

int remove_noops(Graph& g) {
  std::vector<int> subst(g.values.size(), -1);
  int removed = 0;
  for (const auto& n : g.nodes) {
    if (is_noop(g, n)) subst[n.outs[0]] = n.args[0], ++removed;
  }
  if (removed) rewrite(g, std::move(subst));
  return removed;
}

int eliminate_common_subexpressions(Graph& g) {
  std::vector<int> subst(g.values.size(), -1);
  auto resolve = [&](int v) {
    while (subst[v] >= 0) v = subst[v];
    return v;
  };
  // (hash of kind and parameters, args) -> nodes: only equal hashes can be equivalent
  std::map<std::pair<uint64_t, std::vector<int>>, std::vector<int>> seen;
  int replaced = 0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    GNode& n = g.nodes[i];
    for (auto& a : n.args) a = resolve(a);
    auto& bucket = seen[{primitive_hash(*n.prim), n.args}];
    bool merged = false;
    for (int j : bucket) {
      const GNode& m = g.nodes[j];
      if (m.outs.size() != n.outs.size() || !n.prim->is_equivalent(*m.prim)) continue;
      bool same = true;
      for (size_t k = 0; k < n.outs.size() && same; ++k) {
        same = g.values[n.outs[k]].shape == g.values[m.outs[k]].shape &&
               g.values[n.outs[k]].dtype == g.values[m.outs[k]].dtype;
      }
      if (!same) continue;
      for (size_t k = 0; k < n.outs.size(); ++k) subst[n.outs[k]] = m.outs[k];
      replaced += static_cast<int>(n.outs.size());
      merged = true;
      break;
    }
    if (!merged) bucket.push_back(static_cast<int>(i));
  }
  if (replaced) rewrite(g, std::move(subst));
  return replaced;
}

namespace {

constexpr size_t kMaxRegion = 1024;   // steps per fused kernel
constexpr size_t kSearchBudget = 4096; // nodes a cycle check may visit

bool fusable(const GNode& n) {
  if (n.outs.size() != 1) return false;
  using op_traits::Fusion;
  switch (n.prim->kind()) {
    case PrimitiveKind::Unary: // per op, from the registry's fusion column
      return traits(static_cast<const Unary&>(*n.prim).op()).fusion == Fusion::Fuse;
    case PrimitiveKind::Binary:
      return traits(static_cast<const Binary&>(*n.prim).op()).fusion == Fusion::Fuse;
    case PrimitiveKind::Select:
    case PrimitiveKind::AsType:
      return true;
    default:
      return false;
  }
}

struct Region {
  Shape shape;
  int first = 0;                // smallest node index
  std::vector<int> nodes;
  std::vector<int> ext;         // producers of its inputs outside it
};

struct Fuser {
  Graph& g;
  std::vector<int> region_of;   // per node, -1 if none
  std::vector<Region> regions;
  std::vector<int> mark;        // per node: search stamp
  int stamp = 0;

  explicit Fuser(Graph& graph) : g(graph), region_of(graph.nodes.size(), -1), mark(graph.nodes.size(), 0) {}

  // The value a fused kernel reads for `v`: broadcasts are taken in (the kernel
  // broadcasts its inputs itself).
  int source(int v) const {
    // Only shape-changing broadcasts: an equal-shape one may read the region itself.
    while (g.values[v].node >= 0 && g.nodes[g.values[v].node].prim->kind() == PrimitiveKind::Broadcast) {
      int in = g.nodes[g.values[v].node].args[0];
      if (g.values[in].shape == g.values[v].shape) break;
      v = in;
    }
    return v;
  }
  int producer(int v) const { return g.values[source(v)].node; }

  // True when some node in `ext` (outside the would-be region) depends on a node of
  // `members`, which fusing would turn into a cycle. Gives up (true) past a budget.
  bool creates_cycle(const std::vector<int>& ext, int first, const std::vector<char>& member) {
    ++stamp;
    std::vector<int> work;
    for (int p : ext) {
      if (p >= first && mark[p] != stamp) mark[p] = stamp, work.push_back(p);
    }
    size_t visited = 0;
    while (!work.empty()) {
      int p = work.back();
      work.pop_back();
      if (member[p]) return true;
      if (++visited > kSearchBudget) return true;
      for (int a : g.nodes[p].args) {
        int q = g.values[a].node;
        if (q >= first && mark[q] != stamp) mark[q] = stamp, work.push_back(q);
      }
    }
    return false;
  }

  // Tries to put node i into the union of `cands` (regions of its inputs).
  bool join(int i, std::vector<int> cands, std::vector<char>& member) {
    Region merged;
    merged.shape = g.values[g.nodes[i].outs[0]].shape;
    merged.first = i;
    for (int r : cands) {
      merged.first = std::min(merged.first, regions[r].first);
      merged.nodes.insert(merged.nodes.end(), regions[r].nodes.begin(), regions[r].nodes.end());
      merged.ext.insert(merged.ext.end(), regions[r].ext.begin(), regions[r].ext.end());
    }
    if (merged.nodes.size() + 1 > kMaxRegion) return false;
    for (int a : g.nodes[i].args) {
      int p = producer(a);
      if (p >= 0 && std::find(cands.begin(), cands.end(), region_of[p]) == cands.end()) merged.ext.push_back(p);
    }
    merged.nodes.push_back(i);
    for (int m : merged.nodes) member[m] = 1;
    bool cycle = creates_cycle(merged.ext, merged.first, member);
    for (int m : merged.nodes) member[m] = 0;
    if (cycle) return false;
    int target = cands.empty() ? static_cast<int>(regions.size()) : cands[0];
    if (cands.empty()) regions.emplace_back();
    for (size_t k = 1; k < cands.size(); ++k) regions[cands[k]] = Region{};
    std::sort(merged.nodes.begin(), merged.nodes.end());
    std::sort(merged.ext.begin(), merged.ext.end());
    merged.ext.erase(std::unique(merged.ext.begin(), merged.ext.end()), merged.ext.end());
    for (int m : merged.nodes) region_of[m] = target;
    regions[target] = std::move(merged);
    return true;
  }

  void form_regions() {
    std::vector<char> member(g.nodes.size(), 0);
    for (size_t i = 0; i < g.nodes.size(); ++i) {
      if (!fusable(g.nodes[i])) continue;
      const Shape& shape = g.values[g.nodes[i].outs[0]].shape;
      std::vector<int> cands;
      for (int a : g.nodes[i].args) {
        int p = g.values[a].node; // direct producers only: a broadcast result is not fused itself
        if (p >= 0 && region_of[p] >= 0 && regions[region_of[p]].shape == shape &&
            std::find(cands.begin(), cands.end(), region_of[p]) == cands.end()) {
          cands.push_back(region_of[p]);
        }
      }
      int me = static_cast<int>(i);
      if (cands.size() > 1 && join(me, cands, member)) continue;
      bool done = false;
      for (int r : cands) {
        if ((done = join(me, {r}, member))) break;
      }
      if (!done) join(me, {}, member);
    }
  }

  // Joins are checked one at a time against the unfused graph, so two regions can
  // still wait on each other once each runs as one node (A reads a value computed
  // from B's members and B one computed from A's). Kahn's algorithm over the
  // contracted graph finds the regions it cannot place; the latest of them is
  // dissolved, until every region can be placed.
  void dissolve_cyclic_regions() {
    for (int stuck = latest_unplaceable_region(); stuck >= 0; stuck = latest_unplaceable_region()) {
      for (int m : regions[stuck].nodes) region_of[m] = -1;
      regions[stuck] = Region{};
    }
  }

  int latest_unplaceable_region() const {
    const int nr = static_cast<int>(regions.size()), nn = static_cast<int>(g.nodes.size());
    auto unit = [&](int n) {
      int r = region_of[n];
      return r >= 0 && regions[r].nodes.size() >= 2 ? r : nr + n;
    };
    std::vector<int> pending(nr + nn, 0);
    std::vector<std::vector<int>> users(nr + nn);
    for (int n = 0; n < nn; ++n) {
      for (int a : g.nodes[n].args) {
        int p = g.values[a].node;
        if (p < 0 || unit(p) == unit(n)) continue;
        users[unit(p)].push_back(unit(n));
        ++pending[unit(n)];
      }
    }
    std::vector<int> ready;
    for (int u = 0; u < nr + nn; ++u) {
      if (pending[u] == 0) ready.push_back(u);
    }
    while (!ready.empty()) {
      int u = ready.back();
      ready.pop_back();
      for (int v : users[u]) {
        if (--pending[v] == 0) ready.push_back(v);
      }
    }
    int latest = -1;
    for (int r = 0; r < nr; ++r) {
      if (pending[r] > 0 && (latest < 0 || regions[r].first > regions[latest].first)) latest = r;
    }
    return latest;
  }

  // Replaces one region by a Compiled node; returns the substitutions it implies.
  void emit(const Region& r, const std::vector<char>& used_outside, std::vector<int>& subst) {
    FusedProgram prog;
    std::unordered_map<int, int> reg; // value -> register
    std::vector<int> in_vals;
    auto input_reg = [&](int v) {
      int s = source(v);
      auto it = reg.find(s);
      if (it != reg.end()) return it->second;
      in_vals.push_back(s);
      return reg[s] = -static_cast<int>(in_vals.size()); // fixed up below
    };
    struct Pending { FusedProgram::Step step; int out; };
    std::vector<Pending> steps;
    for (int i : r.nodes) {
      const GNode& n = g.nodes[i];
      FusedProgram::Step st;
      const Primitive& p = *n.prim;
      switch (p.kind()) {
        case PrimitiveKind::Unary:
          st.op = FusedProgram::Op::Unary;
          st.code = static_cast<uint8_t>(static_cast<const Unary&>(p).op());
          break;
        case PrimitiveKind::Binary:
          st.op = FusedProgram::Op::Binary;
          st.code = static_cast<uint8_t>(static_cast<const Binary&>(p).op());
          break;
        case PrimitiveKind::Select: st.op = FusedProgram::Op::Select; break;
        default: st.op = FusedProgram::Op::Cast; break;
      }
      st.dtype = g.values[n.outs[0]].dtype;
      for (size_t a = 0; a < n.args.size(); ++a) {
        int v = n.args[a];
        int p2 = g.values[v].node;
        st.args[a] = (p2 >= 0 && region_of[p2] == region_of[i] && reg.count(v)) ? reg[v] : input_reg(v);
      }
      reg[n.outs[0]] = static_cast<int>(steps.size()) + (1 << 20); // step index, fixed up below
      steps.push_back({st, n.outs[0]});
    }
    // Registers: inputs first (negative marks), then steps (marks from 1 << 20).
    prog.num_inputs = static_cast<int>(in_vals.size());
    auto fix = [&](int m) { return m < 0 ? -m - 1 : prog.num_inputs + (m - (1 << 20)); };
    for (int v : in_vals) prog.input_dtypes.push_back(g.values[v].dtype);
    std::vector<int> out_vals;
    for (auto& ps : steps) {
      for (int a = 0; a < prog.num_args(ps.step); ++a) ps.step.args[a] = fix(ps.step.args[a]);
      prog.steps.push_back(ps.step);
      if (used_outside[ps.out]) {
        prog.outputs.push_back(prog.num_inputs + static_cast<int>(prog.steps.size()) - 1);
        out_vals.push_back(ps.out);
      }
    }
    GNode node{std::make_shared<Compiled>(g.nodes[r.nodes[0]].prim->stream(), std::move(prog)), in_vals, {}};
    for (int v : out_vals) {
      Value nv;
      nv.shape = g.values[v].shape;
      nv.dtype = g.values[v].dtype;
      nv.node = static_cast<int>(g.nodes.size());
      nv.pos = static_cast<int>(node.outs.size());
      int id = g.add_value(std::move(nv));
      node.outs.push_back(id);
      subst.resize(g.values.size(), -1);
      subst[v] = id;
    }
    // Placed where the region's last node was; rewrite() re-sorts.
    g.nodes.push_back(std::move(node));
  }
};

} // namespace

int fuse_elementwise(Graph& g) {
  Fuser f(g);
  f.form_regions();
  f.dissolve_cyclic_regions();
  // Values of region nodes that something outside the region (or the graph's
  // outputs) reads.
  std::vector<char> used_outside(g.values.size(), 0);
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    for (int a : g.nodes[i].args) {
      int p = g.values[a].node;
      if (p >= 0 && f.region_of[p] >= 0 && f.region_of[p] != f.region_of[i]) used_outside[a] = 1;
    }
  }
  for (int o : g.outputs) used_outside[o] = 1;
  std::vector<int> subst(g.values.size(), -1);
  int fused = 0;
  for (const auto& r : f.regions) {
    if (r.nodes.size() < 2) continue;
    f.emit(r, used_outside, subst);
    ++fused;
  }
  if (!fused) return 0;
  rewrite(g, std::move(subst));
  return fused;
}

} // namespace mxg::compiler
