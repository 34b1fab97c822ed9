// mx.compile: trace a function once per input signature, simplify and fuse the
// traced graph, and replay it on new inputs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mxgraph/transforms.h"

namespace mxg {

struct CompileOptions {
  /// Accepted for MLX compatibility. The graph is still traced once per distinct
  /// input shape (a shape change re-traces; see docs/compile.md).
  bool shapeless = false;
  bool simplify = true; // constant merging, no-op removal, CSE
  bool fuse = true;     // elementwise regions into Compiled nodes
};

/// `fun`, traced on its first call for each input signature (shapes and dtypes),
/// simplified, fused and cached; later calls with that signature replay the cached
/// graph on the new inputs. Inside grad / vjp / jvp / vmap, and while compilation
/// is disabled, it simply calls `fun`.
ArrayFn compile(ArrayFn fun, CompileOptions options = {});

/// Switches compilation off / on for the whole process (compiled functions then
/// call their plain function). MXGRAPH_DISABLE_COMPILE=1 (or any value but 0 or
/// empty) starts with it off.
void disable_compile();
void enable_compile();
bool compile_enabled();

/// Counters of compiled calls since start-up (or the last reset).
struct CompileCounters {
  uint64_t traces = 0;     // cache misses: the function was traced
  uint64_t hits = 0;       // calls replayed from the cache
  uint64_t plain_calls = 0; // calls that ran the plain function
};
CompileCounters compile_counters();
void reset_compile_counters();

/// What the passes did to one traced graph (for tests and the docs).
struct CompileStats {
  int nodes_traced = 0;
  int after_constants = 0; // merge equal scalar constants
  int after_noops = 0;     // remove no-ops
  int after_cse = 0;       // common subexpression elimination
  int after_fusion = 0;    // fuse elementwise regions
  int fused_kernels = 0;   // Compiled nodes in the result
  int constants = 0;       // distinct constant leaves left
};

/// Traces `fun` on `inputs` and runs the passes, returning their statistics and a
/// text listing of the resulting graph (one node per line, deterministic).
std::pair<CompileStats, std::string> compile_inspect(const ArrayFn& fun, const std::vector<array>& inputs,
                                                     CompileOptions options = {});

} // namespace mxg
