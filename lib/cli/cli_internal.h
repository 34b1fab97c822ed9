// Internals of the `mxgraph` command-line program shared by its source files.
#pragma once

#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mxg::cli {

/// A bad command line: exit code 2, with the command's name for the hint.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Graphviz's `dot` could not be started: exit code 2.
struct GraphvizMissing : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  const char* name;   // long name without "--"
  char short_name;    // 0 when none
  bool takes_value;
};

/// A parsed command line: positional arguments and options in the order given.
struct Args {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> options;
  bool help = false;

  /// The last value of an option (options given twice: the last wins).
  std::optional<std::string> last(const std::string& name) const;
  /// Every value of a repeatable option, in order.
  std::vector<std::string> all(const std::string& name) const;
};

/// Parses `args` (the command's own arguments) against `specs`; "-h"/"--help" set
/// `help`, "--" ends the options, "--name=value" and "--name value" both work.
Args parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

// The commands. Each returns its exit code and throws UsageError, GraphvizMissing
// or std::exception (a bad file or a runtime error).
int dump_command(const Args& args, std::ostream& out);
int stats_command(const Args& args, std::ostream& out);
int run_command(const Args& args, std::ostream& out);
int settings_command(const Args& args, std::ostream& out);

/// Renders DOT text with Graphviz (`dot -T<format>`, found on PATH, run without a
/// shell) and returns the rendered bytes.
std::string render_with_dot(const std::string& dot_text, const std::string& format);

} // namespace mxg::cli
