// eval(): the one place where work happens.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <chrono>
#include <mutex>
#include <vector>

#include "backend/backend.h"
#include "mxgraph/eval_log.h"
#include "interrupt.h"
#include "mxgraph/primitive.h"
#include "mxgraph/transforms.h"
#include "ops/utils.h"

namespace mxg {
namespace {

std::atomic<uint64_t> g_evals{0}, g_nodes{0};
std::atomic<uint64_t> g_by_cause[kNumEvalCauses];
std::atomic<InterruptCheck> g_interrupt{nullptr};
std::atomic<EvalWaitHook> g_wait_hook{nullptr};
// One evaluation at a time: two threads evaluating graphs that share pending nodes
// would both run them and write the same arrays. Recursive: a kernel may evaluate.
std::recursive_mutex g_eval_mu;

std::unique_lock<std::recursive_mutex> lock_eval() {
  std::unique_lock<std::recursive_mutex> lock(g_eval_mu, std::try_to_lock);
  if (lock.owns_lock()) return lock;
  auto wait = [](void* l) { static_cast<std::unique_lock<std::recursive_mutex>*>(l)->lock(); };
  if (EvalWaitHook hook = g_wait_hook.load()) {
    hook(wait, &lock);
  } else {
    lock.lock();
  }
  return lock;
}

// The visited set of schedule(): open addressing over one flat table, because
// std::unordered_set costs a heap node (malloc + free) per graph node.
class NodeSet {
 public:
  /// True when `p` was not in the set yet.
  bool insert(const Node* p) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    if (place(slots_, p)) {
      ++count_;
      return true;
    }
    return false;
  }

 private:
  static bool place(std::vector<const Node*>& t, const Node* p) {
    size_t mask = t.size() - 1;
    size_t h = (reinterpret_cast<uintptr_t>(p) >> 4) * 0x9E3779B97F4A7C15ull;
    for (size_t i = (h >> 20) & mask;; i = (i + 1) & mask) {
      if (t[i] == p) return false;
      if (!t[i]) {
        t[i] = p;
        return true;
      }
    }
  }
  void grow() {
    std::vector<const Node*> bigger(slots_.empty() ? 64 : slots_.size() * 2, nullptr);
    for (const Node* p : slots_) {
      if (p) place(bigger, p);
    }
    slots_.swap(bigger);
  }
  std::vector<const Node*> slots_;
  size_t count_ = 0;
};

// Post-order of the pending nodes reachable from `outputs`, found with an explicit
// stack. Depth-first order finishes one independent subgraph before the next, so
// its intermediates are freed before the next subgraph allocates.
std::vector<std::shared_ptr<Node>> schedule(const std::vector<array>& outputs) {
  std::vector<std::shared_ptr<Node>> order;
  NodeSet seen;
  std::vector<std::pair<std::shared_ptr<Node>, size_t>> stack;
  for (const auto& out : outputs) {
    if (out.is_evaluated() || !seen.insert(out.node().get())) continue;
    stack.emplace_back(out.node(), 0);
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < node->inputs.size()) {
        const array& in = node->inputs[next++];
        if (!in.is_evaluated() && seen.insert(in.node().get())) {
          stack.emplace_back(in.node(), 0);
        }
      } else {
        order.push_back(std::move(node));
        stack.pop_back();
      }
    }
  }
  return order;
}

// After a kernel threw: inputs get back donated buffers, and outputs drop whatever
// data they got, so the node stays pending instead of holding half-written memory.
template <typename Donors>
void restore_failed(std::vector<array>& outs, const Donors& donors) {
  for (const auto& d : donors) {
    if (d.desc->buffer) continue;
    for (auto& o : outs) {
      if (o.buffer().get() == d.buffer) {
        d.desc->buffer = o.desc()->buffer;
        d.desc->data_ptr = d.data;
        break;
      }
    }
  }
  for (auto& o : outs) {
    o.desc()->buffer.reset();
    o.desc()->data_ptr = nullptr;
  }
}

// A kernel may give an input's buffer to an output, then fail: the donors are
// remembered so a failed node can be rerun.
struct Donor { ArrayDesc* desc; Buffer* buffer; char* data; };

// `outs` and `donors` are eval()'s scratch vectors, reused from node to node: fresh
// ones were two malloc/free pairs per node, a fifth of a tiny op's eval cost.
void run_node(Node& node, std::vector<array>& outs, std::vector<Donor>& donors) {
  outs.clear();
  donors.clear();
  for (size_t i = 0; i < node.outputs.size(); ++i) {
    auto d = node.outputs[i].lock();
    if (d) {
      outs.emplace_back(std::move(d));
    } else {
      // Nobody holds this output any more; the kernel still needs somewhere to write.
      outs.push_back(array::empty_like(node.output_shapes.at(i), node.output_dtypes.at(i)));
    }
  }
  Primitive& p = *node.primitive;
  Backend* backend = backend_for(p.device().type);
  if (!backend) {
    throw std::runtime_error("[eval] No backend for " + p.device().str() + ".");
  }
  // A tracer node's inputs stay in the graph a transform walks: holding them here
  // keeps the kernel from donating their buffers to the outputs.
  std::vector<array> keep;
  if (!outs.empty() && outs[0].is_tracer()) keep = node.inputs;
  for (const auto& in : node.inputs) {
    if (in.is_donatable()) donors.push_back({in.desc().get(), in.buffer().get(), in.desc()->data_ptr});
  }
  try {
    backend->eval(p, node.inputs, outs);
  } catch (...) {
    restore_failed(outs, donors);
    outs.clear();
    throw;
  }
  for (auto& o : outs) {
    // A running transform still needs its tracers' graphs; once it is done, nothing does.
    if (!o.is_tracer() || !detail::in_transform()) o.detach();
  }
  outs.clear(); // the outputs' last holders may be the caller's; drop ours now
}

// Adds the nodes run to the global counter once per evaluation (also when a kernel
// throws), not with an atomic add per node.
struct NodeCount {
  uint64_t n = 0;
  ~NodeCount() { g_nodes.fetch_add(n, std::memory_order_relaxed); }
};

} // namespace

const char* eval_cause_name(EvalCause cause) {
  static const char* names[] = {"explicit", "async", "print", "item",  "bool", "tolist",
                                "numpy",    "buffer", "save", "data", "other"};
  return names[static_cast<int>(cause)];
}

namespace detail {
thread_local const char* t_no_eval = nullptr;
NoEvalScope::NoEvalScope(const char* who) : prev_(t_no_eval) { t_no_eval = who; }
NoEvalScope::~NoEvalScope() { t_no_eval = prev_; }
const char* no_eval_owner() { return t_no_eval; }
} // namespace detail

void eval(std::vector<array> outputs, EvalCause cause) {
  if (const char* who = detail::t_no_eval) {
    for (const auto& o : outputs) {
      if (o.is_tracer() && !o.is_evaluated()) {
        throw_value(who, std::string("Cannot evaluate an array while tracing the function (") +
                             eval_cause_name(cause) +
                             "): its value is not known yet. Return the array instead, or "
                             "move .item(), print or Python control flow on it out of the function.");
      }
    }
  }
  auto lock = lock_eval();
  auto order = schedule(outputs);
  if (order.empty()) return;
  detail::EvalWatch watch(cause, order.size()); // guards and the log; off: one load
  g_evals++;
  g_by_cause[static_cast<int>(cause)]++;
  InterruptCheck check = g_interrupt.load(std::memory_order_relaxed);
  // Evaluations shorter than one period never call the check. The clock is read
  // every `stride` nodes: the stride doubles (up to 64) while nodes are fast and drops
  // to 1 after a slow stretch, since a read per node cost more than a tiny kernel.
  using Clock = std::chrono::steady_clock;
  auto last = Clock::now();
  auto next_check = last + std::chrono::milliseconds(20);
  uint32_t stride = 1, since = 0;
  std::vector<array> outs;
  std::vector<Donor> donors;
  NodeCount count;
  for (auto& node : order) {
    if (check && ++since >= stride) {
      auto now = Clock::now();
      stride = now - last < std::chrono::milliseconds(1) ? std::min<uint32_t>(stride * 2, 64) : 1;
      since = 0;
      last = now;
      if (now >= next_check) {
        check(); // may throw; the nodes not yet run stay pending
        next_check = Clock::now() + std::chrono::milliseconds(20);
      }
    }
    run_node(*node, outs, donors);
    count.n++;
    node.reset(); // drop inputs: intermediates die after their last consumer
  }
  watch.done();
}

void set_interrupt_check(InterruptCheck check) { g_interrupt.store(check); }
void set_eval_wait_hook(EvalWaitHook hook) { g_wait_hook.store(hook); }

void async_eval(std::vector<array> outputs) {
  // As in MLX: a traced array cannot be evaluated asynchronously (eval inside grad can).
  if (detail::in_transform() || detail::t_no_eval) {
    for (const auto& o : outputs) {
      if (o.is_tracer() && !o.is_evaluated()) throw_value("async_eval", "Not allowed inside a graph transformation.");
    }
  }
  eval(std::move(outputs), EvalCause::async_eval);
}

EvalCounters eval_counters() {
  EvalCounters c;
  c.evals = g_evals.load();
  c.nodes_run = g_nodes.load();
  for (int i = 0; i < kNumEvalCauses; ++i) c.by_cause[i] = g_by_cause[i].load();
  return c;
}

void reset_eval_counters() {
  g_evals = 0;
  g_nodes = 0;
  for (auto& c : g_by_cause) c = 0;
}

} // namespace mxg
