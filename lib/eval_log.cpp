// Evaluation log, implicit-evaluation guards and the graph-size threshold.
#include "mxgraph/eval_log.h"

#include <chrono>
#include <mutex>
#include <unordered_map>

#include "mxgraph/graph.h"
#include "mxgraph/memory.h"
#include "mxgraph/primitive.h"

namespace mxg {
namespace detail {
std::atomic<bool> g_eval_hooks_on{false};
std::atomic<bool> g_threshold_on{false};
} // namespace detail

namespace {

std::mutex g_mu; // guards everything below
int g_log_depth = 0;
std::vector<EvalRecord> g_records;
EvalPolicy g_policy = EvalPolicy::allow;
EvalHooks g_hooks;

struct Threshold {
  int64_t nodes = 0, bytes = 0;
  ThresholdAction action = ThresholdAction::warn;
  bool warned = false;
  int64_t since_count = 0, last_count = 0; // amortises exact recounts
} g_threshold;

void update_on() { detail::g_eval_hooks_on = g_log_depth > 0 || g_policy != EvalPolicy::allow; }

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The hooks are copied out so they run without the lock (they take the GIL).
EvalHooks hooks() {
  std::lock_guard<std::mutex> lk(g_mu);
  return g_hooks;
}

std::string site() {
  auto h = hooks();
  return h.call_site ? h.call_site() : std::string();
}

std::string at(const std::string& site) { return site.empty() ? "" : " at " + site; }

} // namespace

void eval_log_begin() {
  std::lock_guard<std::mutex> lk(g_mu);
  g_log_depth++;
  update_on();
}

void eval_log_end() {
  std::lock_guard<std::mutex> lk(g_mu);
  if (g_log_depth > 0 && --g_log_depth == 0) g_records.clear();
  update_on();
}

size_t eval_log_size() {
  std::lock_guard<std::mutex> lk(g_mu);
  return g_records.size();
}

std::vector<EvalRecord> eval_log_records(size_t from) {
  std::lock_guard<std::mutex> lk(g_mu);
  if (from >= g_records.size()) return {};
  return {g_records.begin() + static_cast<std::ptrdiff_t>(from), g_records.end()};
}

EvalPolicy set_implicit_eval_policy(EvalPolicy policy) {
  std::lock_guard<std::mutex> lk(g_mu);
  EvalPolicy old = g_policy;
  g_policy = policy;
  update_on();
  return old;
}

EvalPolicy implicit_eval_policy() {
  std::lock_guard<std::mutex> lk(g_mu);
  return g_policy;
}

void set_eval_hooks(EvalHooks h) {
  std::lock_guard<std::mutex> lk(g_mu);
  g_hooks = std::move(h);
}

namespace detail {

void EvalWatch::start(EvalCause cause, size_t nodes) {
  EvalPolicy policy;
  bool logging;
  {
    std::lock_guard<std::mutex> lk(g_mu);
    policy = g_policy;
    logging = g_log_depth > 0;
  }
  bool implicit = is_implicit(cause);
  if (!logging && (!implicit || policy == EvalPolicy::allow)) return;
  rec_.cause = cause;
  rec_.call_site = site();
  rec_.nodes_run = static_cast<int64_t>(nodes);
  if (implicit && policy != EvalPolicy::allow) {
    std::string msg = std::string("[eval] Implicit evaluation via ") + eval_cause_name(cause) +
                      at(rec_.call_site) + " (" + std::to_string(nodes) + " nodes).";
    if (policy == EvalPolicy::raise) {
      throw implicit_eval_error(msg + " Implicit evaluations are forbidden here (eval_guard "
                                      "\"raise\"); call mx.eval() explicitly first.");
    }
    auto h = hooks();
    if (h.notify) h.notify(policy, msg, rec_.call_site);
  }
  if (!logging) return;
  on_ = true;
  mem0_ = static_cast<int64_t>(get_active_memory());
  t0_ = now_ns();
}

void EvalWatch::finish() {
  if (!done_) return;
  rec_.wall_ns = now_ns() - t0_;
  rec_.bytes_allocated = static_cast<int64_t>(get_active_memory()) - mem0_;
  std::lock_guard<std::mutex> lk(g_mu);
  if (g_log_depth > 0) g_records.push_back(std::move(rec_));
}

namespace {

// Saturating upper bounds on each live node's pending graph (shared parts counted
// once per path), kept only while the threshold is on. 0 = not known.
struct Estimate {
  uint64_t nodes = 0, bytes = 0;
};
std::unordered_map<const Node*, Estimate> g_estimates; // guarded by g_mu

uint64_t sat_add(uint64_t a, uint64_t b) { return a + b < a ? UINT64_MAX : a + b; }

uint64_t own_bytes(const Node& n) {
  uint64_t b = 0;
  if (!n.output_shapes.empty()) {
    for (size_t i = 0; i < n.output_shapes.size(); ++i) {
      b += static_cast<uint64_t>(shape_size(n.output_shapes[i]) * size_of(n.output_dtypes[i]));
    }
  } else if (auto d = n.outputs.empty() ? nullptr : n.outputs[0].lock()) {
    b = static_cast<uint64_t>(d->size * size_of(d->dtype));
  }
  return b;
}

// The estimate from the inputs' ones; `known` is false when an input has none
// (its graph was built before the threshold was set).
Estimate estimate(const Node& n, bool& known) {
  Estimate e{1, own_bytes(n)};
  known = true;
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    const auto& in = n.inputs[i];
    if (in.is_evaluated()) continue;
    bool repeat = false;
    for (size_t j = 0; j < i && j < 8 && !repeat; ++j) repeat = n.inputs[j].node() == in.node();
    if (repeat) continue;
    auto it = g_estimates.find(in.node().get());
    if (it == g_estimates.end()) {
      known = false;
      continue;
    }
    e.nodes = sat_add(e.nodes, it->second.nodes);
    e.bytes = sat_add(e.bytes, it->second.bytes);
  }
  return e;
}

// Runs f with the re-entry flag set (an auto-eval or recount builds no checked arrays).
template <typename F>
void guarded(bool& busy, F f) {
  busy = true;
  try {
    f();
  } catch (...) {
    busy = false;
    throw;
  }
  busy = false;
}

} // namespace

void forget_node(const Node* node) {
  std::lock_guard<std::mutex> lk(g_mu);
  g_estimates.erase(node);
}

void check_graph_threshold(std::shared_ptr<Node> node) {
  thread_local bool busy = false;
  if (busy) return;
  Threshold t;
  {
    std::lock_guard<std::mutex> lk(g_mu);
    t = g_threshold;
    bool known;
    Estimate e = estimate(*node, known);
    g_estimates[node.get()] = e;
    bool over = !known || (t.nodes > 0 && e.nodes >= static_cast<uint64_t>(t.nodes)) ||
                (t.bytes > 0 && e.bytes >= static_cast<uint64_t>(t.bytes));
    if (!over || (t.warned && t.action == ThresholdAction::warn)) return;
    // The estimate overcounts shared subgraphs: recount exactly, but only after
    // a quarter as many new arrays as the last count visited (O(1) per array).
    if (4 * g_threshold.since_count++ < g_threshold.last_count) return;
    g_threshold.since_count = 0;
  }
  auto d = node->outputs.empty() ? nullptr : node->outputs[0].lock();
  if (!d) return;
  array a(d);
  GraphStats s;
  guarded(busy, [&] { s = graph_stats({a}); });
  bool over = (t.nodes > 0 && s.pending_nodes >= t.nodes) || (t.bytes > 0 && s.bytes_to_allocate >= t.bytes);
  {
    std::lock_guard<std::mutex> lk(g_mu);
    g_estimates[node.get()] = {static_cast<uint64_t>(s.pending_nodes), static_cast<uint64_t>(s.bytes_to_allocate)};
    g_threshold.last_count = s.pending_nodes;
    if (!over) return;
    if (t.action == ThresholdAction::warn) {
      if (g_threshold.warned) return;
      g_threshold.warned = true;
    }
  }
  std::string where = site();
  std::string msg = "[graph threshold] The pending graph behind a new array has " +
                    std::to_string(s.pending_nodes) + " nodes and " +
                    std::to_string(s.bytes_to_allocate) + " bytes to allocate" + at(where) +
                    " (threshold: " + std::to_string(t.nodes) + " nodes, " +
                    std::to_string(t.bytes) + " bytes).";
  if (t.action == ThresholdAction::raise) {
    throw std::runtime_error(msg + " Evaluate (mx.eval) more often, or raise the threshold.");
  }
  if (t.action == ThresholdAction::eval) {
    if (!a.is_tracer() && !in_transform()) guarded(busy, [&] { eval({a}, EvalCause::other); });
    return;
  }
  auto h = hooks();
  if (h.notify) h.notify(EvalPolicy::warn, msg + " Evaluate (mx.eval) more often.", where);
}

} // namespace detail

void set_graph_threshold(int64_t nodes, int64_t bytes, ThresholdAction action) {
  std::lock_guard<std::mutex> lk(g_mu);
  g_threshold = Threshold{};
  g_threshold.nodes = nodes > 0 ? nodes : 0;
  g_threshold.bytes = bytes > 0 ? bytes : 0;
  g_threshold.action = action;
  detail::g_estimates.clear();
  detail::g_threshold_on = g_threshold.nodes > 0 || g_threshold.bytes > 0;
}

namespace {
// The settings apply as this file's objects are set up, after those above (this
// file is linked into every program that evaluates anything).
[[maybe_unused]] const bool g_settings_applied = detail::apply_eval_settings();
} // namespace

} // namespace mxg
