// cli_main: the command table, the argument parser, help texts and exit codes.
#include "mxgraph/cli.h"

#include <exception>
#include <new>

#include "cli/cli_internal.h"
#include "export/codec.h"
#include "mxgraph/version.h"

namespace mxg {
namespace cli {
namespace {

const char* kToolHelp =
    "usage: mxgraph <command> [options]\n"
    "\n"
    "Looks at and runs functions exported with mx.export_function (.mxfn files).\n"
    "\n"
    "commands:\n"
    "  dump FILE.mxfn   draw the function's graph as DOT, SVG, PNG, JSON or text\n"
    "  stats FILE.mxfn  its inputs, outputs, constants and graph statistics\n"
    "  run FILE.mxfn    run it on arrays from .npy files\n"
    "  settings         the MXGRAPH_* environment variables and their values\n"
    "\n"
    "options:\n"
    "  -h, --help       this help; `mxgraph <command> --help` for a command's\n"
    "  --version        the versions of mxgraph and of the .mxfn format\n"
    "\n"
    "exit codes: 0 success; 1 a bad input file or a runtime error (one line on\n"
    "stderr); 2 a usage error, or Graphviz's `dot` missing for SVG/PNG.\n";

const char* kDumpHelp =
    "usage: mxgraph dump FILE.mxfn [-o OUT] [--format dot|svg|png|json|txt]\n"
    "                   [--rankdir TB|LR|BT|RL] [--max-nodes N]\n"
    "\n"
    "Draws the graph of an exported function: its inputs (named as in the file,\n"
    "see `mxgraph stats`), one node per operation with its parameters, and its\n"
    "outputs out0, out1, ... Nothing is computed and no constant is read.\n"
    "\n"
    "options:\n"
    "  -o, --output OUT  write to OUT (\"-\": standard output, the default)\n"
    "  --format FMT      dot, svg, png, json or txt; by default from OUT's\n"
    "                    extension (.dot/.gv, .svg, .png, .json, .txt), else dot\n"
    "  --rankdir DIR     layout direction of dot/svg/png: TB (default), LR, BT, RL\n"
    "  --max-nodes N     at most N nodes (arrays plus operations); those farthest\n"
    "                    from the outputs are elided into a summary (default 2000)\n"
    "  -h, --help        this help\n"
    "\n"
    "SVG and PNG are rendered by Graphviz's `dot` program, found on PATH (Debian:\n"
    "apt-get install graphviz); without it they exit with code 2, DOT still works.\n";

const char* kStatsHelp =
    "usage: mxgraph stats FILE.mxfn\n"
    "\n"
    "Prints the file's format version, inputs (name, dtype, shape), outputs,\n"
    "constants and node count, then the statistics of its graph as a call on inputs\n"
    "of the recorded shapes would build it: pending nodes, depth, bytes an\n"
    "evaluation would allocate, input bytes held, nodes per primitive.\n"
    "\n"
    "options:\n"
    "  -h, --help  this help\n";

const char* kRunHelp =
    "usage: mxgraph run FILE.mxfn --input A.npy [--input B.npy ...] [--output OUT]\n"
    "\n"
    "Runs an exported function on arrays read from .npy files and prints its\n"
    "outputs (out0, out1, ...), or writes them to OUT.\n"
    "\n"
    "options:\n"
    "  -i, --input [NAME=]FILE.npy  one input: in the order of the function's inputs,\n"
    "                               or by NAME (an input's name in the file, see\n"
    "                               `mxgraph stats`); shapes and dtypes must match\n"
    "  -o, --output OUT             write the outputs to OUT: .npz (members out0,\n"
    "                               out1, ...) or .npy (a function of one output)\n"
    "  -h, --help                   this help\n";

const char* kSettingsHelp =
    "usage: mxgraph settings\n"
    "\n"
    "Lists the settings mxgraph reads from the environment (docs/settings.md): each\n"
    "variable with the value in effect, its type and default, and what it does.\n"
    "\n"
    "options:\n"
    "  -h, --help  this help\n";

struct Command {
  const char* name;
  const char* help;
  std::vector<OptionSpec> options;
  int (*run)(const Args&, std::ostream&);
};

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"dump", kDumpHelp,
       {{"output", 'o', true}, {"format", 0, true}, {"rankdir", 0, true}, {"max-nodes", 0, true}},
       dump_command},
      {"stats", kStatsHelp, {}, stats_command},
      {"run", kRunHelp, {{"input", 'i', true}, {"output", 'o', true}}, run_command},
      {"settings", kSettingsHelp, {}, settings_command},
  };
  return table;
}

// Messages are one line: newlines from deeper layers become spaces.
std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

const OptionSpec* find_long(const std::vector<OptionSpec>& specs, const std::string& name) {
  for (const auto& s : specs) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

const OptionSpec* find_short(const std::vector<OptionSpec>& specs, char c) {
  for (const auto& s : specs) {
    if (s.short_name != 0 && s.short_name == c) return &s;
  }
  return nullptr;
}

int run_command_line(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << "mxgraph: no command given (try `mxgraph --help`).\n";
    return 2;
  }
  const std::string& first = args[0];
  if (first == "-h" || first == "--help" || first == "help") {
    if (first == "help" && args.size() > 1) {
      for (const auto& c : commands()) {
        if (args[1] == c.name) {
          out << c.help;
          return 0;
        }
      }
      err << "mxgraph: unknown command '" << args[1] << "' (the commands are dump, stats, run, settings).\n";
      return 2;
    }
    out << kToolHelp;
    return 0;
  }
  if (first == "--version") {
    out << "mxgraph " << MXGRAPH_VERSION_STRING << " (.mxfn format version " << mxfn::kVersion << ")\n";
    return 0;
  }
  for (const auto& c : commands()) {
    if (first != c.name) continue;
    try {
      Args parsed = parse_args(std::vector<std::string>(args.begin() + 1, args.end()), c.options);
      if (parsed.help) {
        out << c.help;
        return 0;
      }
      return c.run(parsed, out);
    } catch (const UsageError& e) {
      err << "mxgraph " << c.name << ": " << one_line(e.what()) << " (see `mxgraph " << c.name
          << " --help`).\n";
      return 2;
    }
  }
  err << "mxgraph: unknown command '" << first << "' (the commands are dump, stats, run, settings; see `mxgraph --help`).\n";
  return 2;
}

} // namespace

std::optional<std::string> Args::last(const std::string& name) const {
  std::optional<std::string> v;
  for (const auto& [k, val] : options) {
    if (k == name) v = val;
  }
  return v;
}

std::vector<std::string> Args::all(const std::string& name) const {
  std::vector<std::string> v;
  for (const auto& [k, val] : options) {
    if (k == name) v.push_back(val);
  }
  return v;
}

Args parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  Args r;
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || a == "-" || a.size() < 2 || a[0] != '-') {
      r.positional.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      r.help = true;
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::optional<std::string> inline_value;
    if (a[1] == '-') {
      std::string name = a.substr(2);
      size_t eq = name.find('=');
      if (eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name.resize(eq);
      }
      spec = find_long(specs, name);
    } else {
      spec = find_short(specs, a[1]);
      if (spec && a.size() > 2) inline_value = a.substr(2); // -ofile
    }
    if (!spec) throw UsageError("unknown option '" + a + "'");
    if (!spec->takes_value) {
      if (inline_value) throw UsageError("option --" + std::string(spec->name) + " takes no value");
      r.options.emplace_back(spec->name, "");
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) throw UsageError("option --" + std::string(spec->name) + " needs a value");
      inline_value = args[++i];
    }
    r.options.emplace_back(spec->name, *inline_value);
  }
  return r;
}

} // namespace cli

int cli_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    int rc = cli::run_command_line(args, out, err);
    out.flush();
    return rc;
  } catch (const cli::GraphvizMissing& e) {
    err << "mxgraph: " << cli::one_line(e.what()) << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    err << "mxgraph: out of memory.\n";
    return 1;
  } catch (const std::exception& e) {
    err << "mxgraph: " << cli::one_line(e.what()) << "\n";
    return 1;
  } catch (...) {
    err << "mxgraph: unexpected error.\n";
    return 1;
  }
}

} // namespace mxg
