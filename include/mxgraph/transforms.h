// Evaluation, and (later) the graph transforms built on it.
#pragma once

#include <climits>
#include <cstdint>
#include <functional>
#include <utility>
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

/// A function of arrays, as the transforms take it.
using ArrayFn = std::function<std::vector<array>(const std::vector<array>&)>;

/// Reverse mode: returns (fun(primals), cotangents of the primals) for the given
/// output cotangents. The results are pending graphs; nothing is evaluated.
std::pair<std::vector<array>, std::vector<array>> vjp(const ArrayFn& fun,
                                                      const std::vector<array>& primals,
                                                      const std::vector<array>& cotangents);

/// Forward mode: returns (fun(primals), tangents of the outputs).
std::pair<std::vector<array>, std::vector<array>> jvp(const ArrayFn& fun,
                                                      const std::vector<array>& primals,
                                                      const std::vector<array>& tangents);

/// (values, gradients of output 0 with respect to the primals in `argnums`).
/// Output 0 must be a scalar.
using ValueAndGradFn =
    std::function<std::pair<std::vector<array>, std::vector<array>>(const std::vector<array>&)>;
ValueAndGradFn value_and_grad(const ArrayFn& fun, const std::vector<int>& argnums = {0});

/// Gradients only (see value_and_grad).
std::function<std::vector<array>(const std::vector<array>&)> grad(
    const ArrayFn& fun, const std::vector<int>& argnums = {0});

/// A custom reverse-mode rule: the cotangents of every primal, given the primals,
/// the cotangents of the outputs and the outputs.
using CustomVjpFn = std::function<std::vector<array>(const std::vector<array>& primals,
                                                     const std::vector<array>& cotangents,
                                                     const std::vector<array>& outputs)>;
/// A custom forward-mode rule: the tangents of every output, given the primals and
/// tangents[i] for primals[argnums[i]].
using CustomJvpFn = std::function<std::vector<array>(const std::vector<array>& primals,
                                                     const std::vector<array>& tangents,
                                                     const std::vector<int>& argnums)>;

/// `fun`, with the given rules used when it is differentiated. A rule left empty
/// falls back to differentiating `fun` (recomputing it). Arrays `fun` captures
/// rather than takes as arguments are constants to the transforms.
ArrayFn custom_function(ArrayFn fun, CustomVjpFn vjp_fn = nullptr, CustomJvpFn jvp_fn = nullptr);

/// `fun`, recomputed in the backward pass instead of keeping its intermediates
/// from the forward pass alive until then (trades compute for memory).
ArrayFn checkpoint(ArrayFn fun);

/// The in_axes / out_axes value for an argument that is not mapped (None).
inline constexpr int kUnmapped = INT32_MIN;

/// Vectorises `fun` over the axes `in_axes` of its arguments (kUnmapped: not
/// mapped), placing the batch axis of each output at `out_axes` (one entry for all
/// outputs, or one per output; empty means 0). Outputs that depend on no mapped
/// argument are broadcast along the batch axis.
ArrayFn vmap(const ArrayFn& fun, const std::vector<int>& in_axes,
             const std::vector<int>& out_axes = {});

namespace detail {
/// True while a transform traces its function on this thread (its tracers' graphs
/// must then survive evaluation).
bool in_transform();

/// While alive, evaluating a tracer on this thread raises ValueError naming `who`:
/// vmap and compile trace on stand-ins whose values are not the ones the function
/// later runs on, so a value read then (`.item()`, `print`, `if x:`) would be wrong.
class NoEvalScope {
 public:
  explicit NoEvalScope(const char* who);
  ~NoEvalScope();
  NoEvalScope(const NoEvalScope&) = delete;
  NoEvalScope& operator=(const NoEvalScope&) = delete;

 private:
  const char* prev_;
};
/// The transform of the innermost NoEvalScope on this thread, or nullptr.
const char* no_eval_owner();
} // namespace detail

} // namespace mxg
