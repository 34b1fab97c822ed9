// The `mxgraph` command-line program (dump, stats, run on .mxfn files), as a function
// so that the native executable, the Python console script and tests share it.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mxg {

/// Runs the command line `args` (without the program name, e.g. {"dump", "f.mxfn"}),
/// writing results to `out` and messages to `err`. Returns the exit code: 0 success,
/// 1 a bad input file or a runtime error (one line on `err` starting "mxgraph: "),
/// 2 a usage error or Graphviz's `dot` missing. Never throws. See docs/cli.md.
int cli_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace mxg
