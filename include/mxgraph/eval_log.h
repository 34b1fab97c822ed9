// The evaluation log, implicit-evaluation guards and the graph-size threshold.
// All are off by default; off costs one relaxed atomic load per eval() (and per
// new pending array for the threshold).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "mxgraph/array.h"
#include "mxgraph/transforms.h"

namespace mxg {

/// One evaluation that had pending work.
struct EvalRecord {
  EvalCause cause = EvalCause::explicit_eval;
  std::string call_site;       // "file:line" of the code that triggered it ("" if unknown)
  int64_t nodes_run = 0;       // primitives executed
  int64_t bytes_allocated = 0; // change in the allocator's active bytes over the evaluation
  int64_t wall_ns = 0;         // wall time of the evaluation
};

/// True for the causes that are not a call to eval() / async_eval().
inline bool is_implicit(EvalCause c) {
  return c != EvalCause::explicit_eval && c != EvalCause::async_eval;
}

/// What happens on an implicit evaluation.
enum class EvalPolicy : uint8_t { allow, log, warn, raise };

/// Raised (before anything runs, so the arrays stay pending) by the "raise" policy.
class implicit_eval_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Starts recording evaluations (nests: recording stops at the last end).
void eval_log_begin();
void eval_log_end();
/// Number of records so far; records from index `from` on. Records are dropped
/// when the last recording scope ends.
size_t eval_log_size();
std::vector<EvalRecord> eval_log_records(size_t from = 0);

/// Sets the policy for implicit evaluations; returns the previous one.
EvalPolicy set_implicit_eval_policy(EvalPolicy policy);
EvalPolicy implicit_eval_policy();

/// What the graph-size threshold does when passed.
enum class ThresholdAction : uint8_t { warn, eval, raise };
/// When a new pending array's graph passes `nodes` primitives or `bytes` bytes to
/// allocate (0 = no limit on that measure), warn once, evaluate it, or throw
/// std::runtime_error. Both 0 switches the threshold off. Arrays built inside a
/// transform (grad, vmap) are never evaluated early.
void set_graph_threshold(int64_t nodes, int64_t bytes, ThresholdAction action);

/// One line per (call site, cause), most evaluations first, e.g.
/// "900 implicit evaluations via bool()/int()/float() at train.py:41".
std::string eval_log_summary(const std::vector<EvalRecord>& records);
/// The cause whose eval_cause_name() is `name` (std::invalid_argument otherwise).
EvalCause eval_cause_from_name(const std::string& name);
/// "allow", "log", "warn" or "raise" (std::invalid_argument otherwise).
EvalPolicy parse_eval_policy(const std::string& name);
/// "warn", "eval" or "raise" (std::invalid_argument otherwise).
ThresholdAction parse_threshold_action(const std::string& name);
/// Sets the threshold from MXGRAPH_GRAPH_THRESHOLD's syntax,
/// "nodes[,bytes=B][,action=warn|eval|raise]" (e.g. "nodes=1e5,bytes=4e9,action=eval").
void set_graph_threshold_from_text(const std::string& text);

/// Hooks a host language installs: where the evaluation was triggered from, and
/// how to report a "log"/"warn" policy or a threshold warning to the user.
struct EvalHooks {
  std::function<std::string()> call_site;
  std::function<void(EvalPolicy, const std::string& message, const std::string& call_site)> notify;
};
void set_eval_hooks(EvalHooks hooks);

namespace detail {
extern std::atomic<bool> g_eval_hooks_on;  // a log or a guard is on
extern std::atomic<bool> g_threshold_on;

/// Wraps one evaluation of `nodes` nodes: checks the guard (may throw) and records.
class EvalWatch {
 public:
  EvalWatch(EvalCause cause, size_t nodes) {
    if (g_eval_hooks_on.load(std::memory_order_relaxed)) start(cause, nodes);
  }
  ~EvalWatch() {
    if (on_) finish();
  }
  EvalWatch(const EvalWatch&) = delete;
  EvalWatch& operator=(const EvalWatch&) = delete;
  /// Call once every node ran (an evaluation that failed is not recorded).
  void done() { done_ = true; }

 private:
  void start(EvalCause cause, size_t nodes);
  void finish();
  bool on_ = false, done_ = false;
  EvalRecord rec_;
  int64_t t0_ = 0, mem0_ = 0;
};

/// Applies MXGRAPH_IMPLICIT_EVAL, MXGRAPH_GRAPH_THRESHOLD and MXGRAPH_EVAL_LOG (run
/// once as the library loads); values that do not parse are reported on stderr,
/// ignored, and kept here.
bool apply_eval_settings();
std::vector<std::string>& eval_settings_errors();

/// Called for each new pending node while the threshold is on.
void check_graph_threshold(std::shared_ptr<Node> node);
/// Called as a node dies while the threshold is on (drops its estimate).
void forget_node(const Node* node);
} // namespace detail

} // namespace mxg
