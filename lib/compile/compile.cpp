// mx.compile: a cache of traced, simplified and fused graphs per input signature,
// replayed on new inputs.
#include "mxgraph/compile.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <unordered_set>

#include "compile/graph.h"
#include "ops/utils.h"
#include "primitives/shape.h"
#include "transform_utils.h"
#include "mxgraph/settings.h"

namespace mxg {
namespace {

bool enabled_at_start() { return !setting_bool(Setting::DisableCompile); }

std::atomic<bool> g_enabled{enabled_at_start()};
std::atomic<uint64_t> g_traces{0}, g_hits{0}, g_plain{0};

using Signature = std::vector<std::pair<Shape, int>>;

Signature signature_of(const std::vector<array>& xs) {
  Signature s;
  s.reserve(xs.size());
  for (const auto& x : xs) s.emplace_back(x.shape(), static_cast<int>(x.dtype()));
  return s;
}

// As in MLX, a function must read its inputs through their traced stand-ins: a
// constant of the graph that is, or depends on, an input is refused (its value would
// be frozen at the first call's).
void check_captured(const compiler::Graph& g, const std::vector<array>& inputs) {
  std::unordered_set<const void*> originals, seen;
  for (const auto& x : inputs) originals.insert(x.id());
  std::vector<array> stack;
  for (const auto& v : g.values) {
    if (v.constant) stack.push_back(*v.constant);
  }
  while (!stack.empty()) {
    array a = std::move(stack.back());
    stack.pop_back();
    if (!seen.insert(a.id()).second) continue;
    if (originals.count(a.id())) {
      throw_value("compile", "Attempting to compile a function with uncaptured inputs is not allowed.");
    }
    if (a.is_evaluated()) continue;
    for (const auto& in : a.inputs()) stack.push_back(in);
  }
}

// Runs `fun` on tracer handles of `inputs` and returns the graph after the passes.
compiler::Graph trace(const ArrayFn& fun, const std::vector<array>& inputs, const CompileOptions& opt,
                      CompileStats* stats) {
  std::vector<array> holders;
  Stream s = to_stream({}, "compile");
  for (const auto& x : inputs) {
    array t(x.shape(), x.dtype(), std::make_shared<Copy>(s), {x});
    t.set_tracer(true);
    holders.push_back(t);
  }
  std::vector<array> outs;
  {
    detail::NoEvalScope no_eval("compile");
    outs = detail::call_traced(fun, holders);
  }
  compiler::Graph g = compiler::build_graph(holders, outs);
  detail::untrace(holders); // the function may have stored them (compile's inputs= state)
  check_captured(g, inputs);
  CompileStats st;
  st.nodes_traced = static_cast<int>(g.nodes.size());
  if (opt.simplify) compiler::merge_scalar_constants(g);
  st.after_constants = static_cast<int>(g.nodes.size());
  if (opt.simplify) compiler::remove_noops(g);
  st.after_noops = static_cast<int>(g.nodes.size());
  if (opt.simplify) compiler::eliminate_common_subexpressions(g);
  st.after_cse = static_cast<int>(g.nodes.size());
  if (opt.fuse) compiler::fuse_elementwise(g);
  st.after_fusion = static_cast<int>(g.nodes.size());
  st.fused_kernels = compiler::count_kind(g, PrimitiveKind::Compiled);
  st.constants = compiler::count_constants(g);
  if (stats) *stats = st;
  return g;
}

struct State {
  ArrayFn fun;
  CompileOptions options;
  std::mutex mutex;
  std::map<Signature, std::shared_ptr<const compiler::Graph>> cache;
};

} // namespace

void disable_compile() { g_enabled = false; }
void enable_compile() { g_enabled = true; }
bool compile_enabled() { return g_enabled; }

CompileCounters compile_counters() { return {g_traces.load(), g_hits.load(), g_plain.load()}; }
void reset_compile_counters() { g_traces = g_hits = g_plain = 0; }

ArrayFn compile(ArrayFn fun, CompileOptions options) {
  auto state = std::make_shared<State>();
  state->fun = std::move(fun);
  state->options = options;
  return [state](const std::vector<array>& inputs) {
    // Inside a transform the plain function runs, so the transform sees its graph.
    if (!g_enabled || detail::in_transform()) {
      ++g_plain;
      return state->fun(inputs);
    }
    Signature key = signature_of(inputs);
    std::shared_ptr<const compiler::Graph> graph;
    {
      std::lock_guard<std::mutex> lock(state->mutex);
      auto it = state->cache.find(key);
      if (it != state->cache.end()) graph = it->second;
    }
    if (graph) {
      ++g_hits;
    } else {
      // Traced without the lock: the function may call other compiled functions.
      graph = std::make_shared<const compiler::Graph>(trace(state->fun, inputs, state->options, nullptr));
      ++g_traces;
      std::lock_guard<std::mutex> lock(state->mutex);
      state->cache.emplace(key, graph);
    }
    return compiler::replay(*graph, inputs);
  };
}

std::pair<CompileStats, std::string> compile_inspect(const ArrayFn& fun, const std::vector<array>& inputs,
                                                     CompileOptions options) {
  CompileStats st;
  compiler::Graph g = trace(fun, inputs, options, &st);
  return {st, compiler::listing(g)};
}

} // namespace mxg
