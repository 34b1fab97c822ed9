// The settings mxgraph reads from the environment, in one table. Each is read once,
// at its first use, by C++, the C ABI, the CLI and Python alike; docs/settings.md
// lists the same rows (a test compares them).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mxg {

/// X(Name, "ENVIRONMENT_VARIABLE", Type, "default", "what it does")
#define MXG_SETTINGS(X)                                                                                 \
  X(NumThreads, "MXGRAPH_NUM_THREADS", Int, "0",                                                       \
    "Worker threads of the kernel thread pool; 0 means one per hardware thread.")                      \
  X(Cpu, "MXGRAPH_CPU", String, "",                                                                    \
    "`baseline` forces the SSE2 kernels instead of the AVX2+FMA ones the CPU would get.")               \
  X(DisableCompile, "MXGRAPH_DISABLE_COMPILE", Bool, "0",                                              \
    "Starts with compilation off: compiled functions call their plain function.")                      \
  X(EvalLog, "MXGRAPH_EVAL_LOG", String, "",                                                           \
    "`1` (or `stderr`) prints every evaluation record and a summary to stderr at exit; a path writes " \
    "them to that file.")                                                                               \
  X(ImplicitEval, "MXGRAPH_IMPLICIT_EVAL", String, "",                                                 \
    "Policy for implicit evaluations: `allow`, `log`, `warn` or `raise`.")                             \
  X(GraphThreshold, "MXGRAPH_GRAPH_THRESHOLD", String, "",                                             \
    "Graph-size threshold `nodes[,bytes=B][,action=A]` with A one of `warn`, `eval`, `raise`, e.g. "   \
    "`nodes=100000,bytes=4e9,action=eval`.")                                                            \
  X(DistTimeout, "MXGRAPH_DIST_TIMEOUT", Double, "300",                                                \
    "Seconds a distributed transfer may wait before it fails naming the rank and op; 0 blocks.")      \
  X(DistNoMpi, "MXGRAPH_DIST_NO_MPI", Bool, "0",                                                       \
    "Hides MPI, as on a machine without it (distributed groups have size 1).")                         \
  X(MpiLibrary, "MXGRAPH_MPI_LIBRARY", String, "",                                                     \
    "Path of the MPI library to load, tried before libmpi.so.40 and libmpi.so.")

enum class Setting {
#define MXG_SETTING_ENUM(name, env, type, def, doc) name,
  MXG_SETTINGS(MXG_SETTING_ENUM)
#undef MXG_SETTING_ENUM
};

/// One row of the table.
struct SettingInfo {
  const char* env;           // environment variable
  const char* type;          // "Int", "Double", "Bool" or "String"
  const char* default_value; // used when the variable is unset or empty
  const char* doc;
};

/// Every row, in the table's order.
const std::vector<SettingInfo>& settings_table();

/// The setting's text: the environment's value (read at the first call), or its
/// default when unset or empty.
const std::string& setting_text(Setting s);
/// Typed reads. A value that does not parse throws std::invalid_argument naming the
/// variable ("[settings] MXGRAPH_NUM_THREADS must be an integer, not 'x'.").
int64_t setting_int(Setting s);
double setting_double(Setting s);
/// True unless the text is empty or "0".
bool setting_bool(Setting s);

} // namespace mxg
