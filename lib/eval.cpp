// eval(): the one place where work happens.
#include <atomic>
#include <chrono>
#include <mutex>
#include <unordered_set>

#include "backend/backend.h"
#include "interrupt.h"
#include "mxgraph/primitive.h"
#include "mxgraph/transforms.h"

namespace mxg {
namespace {

std::atomic<uint64_t> g_evals{0}, g_nodes{0};
std::atomic<uint64_t> g_by_cause[kNumEvalCauses];
std::atomic<InterruptCheck> g_interrupt{nullptr};

// Post-order of the pending nodes reachable from `outputs`, found with an explicit
// stack. Depth-first order finishes one independent subgraph before the next, so
// its intermediates are freed before the next subgraph allocates.
std::vector<std::shared_ptr<Node>> schedule(const std::vector<array>& outputs) {
  std::vector<std::shared_ptr<Node>> order;
  std::unordered_set<const Node*> seen;
  std::vector<std::pair<std::shared_ptr<Node>, size_t>> stack;
  for (const auto& out : outputs) {
    if (out.is_evaluated() || !seen.insert(out.node().get()).second) continue;
    stack.emplace_back(out.node(), 0);
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < node->inputs.size()) {
        const array& in = node->inputs[next++];
        if (!in.is_evaluated() && seen.insert(in.node().get()).second) {
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

void run_node(Node& node) {
  std::vector<array> outs;
  outs.reserve(node.outputs.size());
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
  // A kernel may give an input's buffer to an output, then fail: remember the donors
  // so a failed node can be rerun.
  struct Donor { ArrayDesc* desc; Buffer* buffer; char* data; };
  std::vector<Donor> donors;
  for (const auto& in : node.inputs) {
    if (in.is_donatable()) donors.push_back({in.desc().get(), in.buffer().get(), in.desc()->data_ptr});
  }
  try {
    backend->eval(p, node.inputs, outs);
  } catch (...) {
    restore_failed(outs, donors);
    throw;
  }
  for (auto& o : outs) {
    // A running transform still needs its tracers' graphs; once it is done, nothing does.
    if (!o.is_tracer() || !detail::in_transform()) o.detach();
  }
}

} // namespace

const char* eval_cause_name(EvalCause cause) {
  static const char* names[] = {"explicit", "async", "print", "item",  "bool", "tolist",
                                "numpy",    "buffer", "save", "data", "other"};
  return names[static_cast<int>(cause)];
}

void eval(std::vector<array> outputs, EvalCause cause) {
  auto order = schedule(outputs);
  if (order.empty()) return;
  g_evals++;
  g_by_cause[static_cast<int>(cause)]++;
  InterruptCheck check = g_interrupt.load(std::memory_order_relaxed);
  // Evaluations shorter than one period never call the check.
  auto next_check = std::chrono::steady_clock::now() + std::chrono::milliseconds(20);
  for (auto& node : order) {
    if (check && std::chrono::steady_clock::now() >= next_check) {
      check(); // may throw; the nodes not yet run stay pending
      next_check = std::chrono::steady_clock::now() + std::chrono::milliseconds(20);
    }
    run_node(*node);
    g_nodes++;
    node.reset(); // drop inputs: intermediates die after their last consumer
  }
}

void set_interrupt_check(InterruptCheck check) { g_interrupt.store(check); }

void async_eval(std::vector<array> outputs) { eval(std::move(outputs), EvalCause::async_eval); }

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
