// Evaluation, and (later) the graph transforms built on it.
#pragma once

#include <cstdint>
#include <vector>

#include "mxgraph/array.h"

namespace mxg {

/// Why an evaluation happened; every evaluation goes through eval() with one.
enum class EvalCause : uint8_t {
  explicit_eval, // eval()
  async_eval,    // async_eval()
  print,         // printing / repr
  item,          // .item()
  bool_,         // bool(), int(), float() of an array
  tolist,        // tolist()
  numpy,         // .numpy(), np.array(x)
  buffer,        // memoryview / buffer protocol
  save,          // saving to a file
  data,          // C or C++ data access
  other,
};
inline constexpr int kNumEvalCauses = 11;
const char* eval_cause_name(EvalCause cause);

/// Computes every pending array reachable from `outputs`, in one pass, without
/// recursion. Nodes not needed by `outputs` do not run. A kernel error propagates
/// as an exception and leaves the arrays not yet computed pending.
void eval(std::vector<array> outputs, EvalCause cause = EvalCause::explicit_eval);
/// Starts evaluating; the arrays are ready when their data is next accessed.
void async_eval(std::vector<array> outputs);

/// Counters of evaluation work since start-up (or the last reset).
struct EvalCounters {
  uint64_t evals = 0;                        // calls that had pending work
  uint64_t nodes_run = 0;                    // primitives executed
  uint64_t by_cause[kNumEvalCauses] = {0};   // calls that had pending work, per cause
};
EvalCounters eval_counters();
void reset_eval_counters();

} // namespace mxg
