// The commands: dump (the graph as DOT/SVG/PNG/JSON/text), stats, run.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>

#include "cli/cli_internal.h"
#include "export/codec.h"
#include "mxgraph/export.h"
#include "mxgraph/graph.h"
#include "mxgraph/io.h"
#include "mxgraph/ops/creation.h"
#include "mxgraph/printing.h"
#include "mxgraph/transforms.h"
#include "ops/utils.h"

namespace mxg::cli {
namespace {

using Names = std::vector<std::pair<std::string, array>>;

// The one FILE.mxfn argument of a command.
const std::string& mxfn_path(const Args& args) {
  if (args.positional.empty()) throw UsageError("no FILE.mxfn given");
  if (args.positional.size() > 1) throw UsageError("unexpected argument '" + args.positional[1] + "'");
  return args.positional[0];
}

std::string input_name(const ArraySpec& s, size_t i) {
  return s.name.empty() ? "in" + std::to_string(i) : s.name;
}

std::string spec_str(const ArraySpec& s) { return std::string(dtype_name(s.dtype)) + " " + shape_str(s.shape); }

int64_t spec_bytes(const ArraySpec& s) {
  int64_t n = size_of(s.dtype);
  for (auto d : s.shape) n *= d;
  return n;
}

// The function's graph on placeholder inputs: evaluated broadcast zeros, which hold
// one element each, so the inputs show as inputs and nothing big is allocated.
struct Traced {
  std::vector<array> inputs;
  std::vector<array> outputs;
  Names names;
};

Traced trace(const ImportedFunction& f) {
  Traced t;
  for (const auto& s : f.inputs()) t.inputs.push_back(zeros(s.shape, s.dtype));
  eval(t.inputs);
  t.outputs = f(t.inputs);
  std::unordered_set<const void*> named;
  for (size_t i = 0; i < t.inputs.size(); ++i) {
    t.names.emplace_back(input_name(f.inputs()[i], i), t.inputs[i]);
    named.insert(t.inputs[i].id());
  }
  for (size_t i = 0; i < t.outputs.size(); ++i) {
    if (named.insert(t.outputs[i].id()).second) t.names.emplace_back("out" + std::to_string(i), t.outputs[i]);
  }
  return t;
}

// Writes bytes to a file, or to `out` for "" and "-".
void write_result(const std::string& path, const std::string& bytes, std::ostream& out) {
  if (path.empty() || path == "-") {
    out.write(bytes.data(), std::streamsize(bytes.size()));
    return;
  }
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (f) f.write(bytes.data(), std::streamsize(bytes.size()));
  if (f) f.close();
  if (!f) throw std::runtime_error("Cannot write " + path + ": " + std::strerror(errno) + ".");
}

std::string extension(const std::string& path) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string e = path.substr(dot + 1);
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

std::string dump_format(const Args& args, const std::string& out_path) {
  static const std::vector<std::string> formats = {"dot", "svg", "png", "json", "txt"};
  if (auto f = args.last("format")) {
    for (const auto& k : formats) {
      if (*f == k) return k;
    }
    throw UsageError("unknown --format '" + *f + "' (use dot, svg, png, json or txt)");
  }
  if (out_path.empty() || out_path == "-") return "dot";
  std::string e = extension(out_path);
  if (e == "gv") return "dot";
  for (const auto& k : formats) {
    if (e == k) return k;
  }
  throw UsageError("cannot tell the format from the name '" + out_path + "'; give --format");
}

size_t max_nodes_option(const Args& args) {
  auto v = args.last("max-nodes");
  if (!v) return 2000;
  size_t used = 0;
  long long n = -1;
  try {
    n = std::stoll(*v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != v->size() || n < 1) throw UsageError("--max-nodes needs a positive integer, not '" + *v + "'");
  return static_cast<size_t>(n);
}

std::string rankdir_option(const Args& args) {
  auto v = args.last("rankdir");
  if (!v) return "TB";
  for (const char* d : {"TB", "LR", "BT", "RL"}) {
    if (*v == d) return d;
  }
  throw UsageError("--rankdir must be TB, LR, BT or RL, not '" + *v + "'");
}

// Input i of `run`: the arrays given with --input, by position or NAME=FILE.
std::vector<array> run_inputs(const ImportedFunction& f, const std::vector<std::string>& given) {
  const auto& specs = f.inputs();
  std::map<std::string, size_t> by_name;
  for (size_t i = 0; i < specs.size(); ++i) by_name.emplace(input_name(specs[i], i), i);
  std::vector<std::string> paths(specs.size());
  std::vector<std::string> positional;
  for (const auto& g : given) {
    size_t eq = g.find('=');
    auto it = eq == std::string::npos ? by_name.end() : by_name.find(g.substr(0, eq));
    if (it == by_name.end()) {
      positional.push_back(g);
      continue;
    }
    if (!paths[it->second].empty()) throw std::invalid_argument("Input '" + it->first + "' is given twice.");
    paths[it->second] = g.substr(eq + 1);
  }
  size_t next = 0;
  for (const auto& p : positional) {
    while (next < paths.size() && !paths[next].empty()) ++next;
    if (next == paths.size()) {
      throw std::invalid_argument("The function takes " + std::to_string(specs.size()) + " input" +
                                  (specs.size() == 1 ? "" : "s") + "; " + std::to_string(given.size()) +
                                  " were given.");
    }
    paths[next++] = p;
  }
  std::vector<array> inputs;
  for (size_t i = 0; i < specs.size(); ++i) {
    if (paths[i].empty()) {
      throw std::invalid_argument("Missing input '" + input_name(specs[i], i) + "' (" + spec_str(specs[i]) +
                                  "): give it with --input FILE.npy.");
    }
    try {
      inputs.push_back(load(paths[i]));
    } catch (const std::exception& e) {
      // Say which input: load's own messages need not name the file.
      throw std::invalid_argument("Input '" + input_name(specs[i], i) + "' (" + paths[i] + "): " + e.what());
    }
  }
  return inputs;
}

} // namespace

int dump_command(const Args& args, std::ostream& out) {
  const std::string& path = mxfn_path(args);
  std::string out_path = args.last("output").value_or("");
  std::string format = dump_format(args, out_path);
  DotOptions dot_opts;
  dot_opts.max_nodes = max_nodes_option(args);
  dot_opts.rankdir = rankdir_option(args);
  PrintGraphOptions text_opts;
  text_opts.max_nodes = dot_opts.max_nodes;

  Traced t = trace(import_function(path));
  std::string result;
  if (format == "json") {
    result = graph_to_json(t.outputs, t.names, text_opts);
    if (result.empty() || result.back() != '\n') result += '\n';
  } else if (format == "txt") {
    std::ostringstream os;
    print_graph(os, t.outputs, t.names, text_opts);
    result = os.str();
  } else {
    std::ostringstream os;
    export_to_dot(os, t.outputs, t.names, dot_opts);
    result = os.str();
    if (format != "dot") result = render_with_dot(result, format);
  }
  write_result(out_path, result, out);
  return 0;
}

// The stats of one trace (the whole file when it holds one).
static void trace_stats(const ImportedFunction& f, std::ostream& os) {
  const FunctionDesc& d = f.desc();
  Traced t = trace(f);
  os << "inputs:            " << d.inputs.size() << "\n";
  int64_t input_bytes = 0;
  for (size_t i = 0; i < d.inputs.size(); ++i) {
    os << "  " << input_name(d.inputs[i], i) << ": " << spec_str(d.inputs[i]) << "\n";
    input_bytes += spec_bytes(d.inputs[i]);
  }
  auto outs = f.outputs();
  os << "outputs:           " << outs.size() << "\n";
  for (size_t i = 0; i < outs.size(); ++i) os << "  out" << i << ": " << spec_str(outs[i]) << "\n";
  uint64_t const_bytes = 0;
  for (const auto& c : d.constants) const_bytes += c.nbytes;
  os << "constants:         " << d.constants.size() << " (" << const_bytes << " bytes)\n"
     << "nodes in the file: " << d.nodes.size() << "\n";
  if (!d.metadata.empty()) os << "metadata:          " << d.metadata << "\n";

  // The placeholders hold one element each; a real call holds the inputs' full bytes.
  GraphStats s = graph_stats(t.outputs);
  s.input_bytes_held = input_bytes;
  os << "graph of one call (constants are Load nodes):\n" << to_string(s);
}

int stats_command(const Args& args, std::ostream& out) {
  const std::string& path = mxfn_path(args);
  ImportedFunction f = import_function(path);
  const FunctionDesc& d = f.desc();
  size_t n = f.num_traces();
  std::ostringstream os;
  os << "file:              " << path << "\n"
     << "format version:    " << (n > 1 ? mxfn::kContainerVersion : d.version) << (d.shapeless ? " (shapeless)" : "")
     << "\n";
  if (n > 1) os << "traces:            " << n << "\n";
  for (size_t i = 0; i < n; ++i) {
    if (n > 1) os << "trace " << i + 1 << ":\n";
    trace_stats(f.trace(i), os);
  }
  out << os.str();
  return 0;
}

// The trace the given --input files fit; else the file itself, whose call reports
// the traces it has (or the first trace's message on reading the inputs).
static std::pair<const ImportedFunction*, std::vector<array>> pick_trace(const ImportedFunction& f,
                                                                          const std::vector<std::string>& given) {
  for (size_t i = 0; i < f.num_traces(); ++i) {
    const ImportedFunction& t = f.trace(i);
    try {
      auto in = run_inputs(t, given);
      if (t.accepts(in)) return {&t, std::move(in)};
    } catch (const std::exception&) {
      // Not this trace: its inputs have other names or counts.
    }
  }
  return {&f, run_inputs(f.trace(0), given)};
}

int run_command(const Args& args, std::ostream& out) {
  const std::string& path = mxfn_path(args);
  std::string out_path = args.last("output").value_or("");
  std::string ext = extension(out_path);
  if (!out_path.empty() && ext != "npz" && ext != "npy") {
    throw UsageError("--output must name an .npz or .npy file, not '" + out_path + "'");
  }
  ImportedFunction file = import_function(path);
  auto [f, inputs] = pick_trace(file, args.all("input"));
  if (ext == "npy" && f->outputs().size() != 1) {
    throw UsageError("the function has " + std::to_string(f->outputs().size()) +
                     " outputs; write them to an .npz file");
  }
  std::vector<array> outputs = (*f)(inputs);
  eval(outputs);
  if (ext == "npy") {
    save(out_path, outputs[0]);
  } else if (ext == "npz") {
    NamedArrays named;
    for (size_t i = 0; i < outputs.size(); ++i) named.emplace_back("out" + std::to_string(i), outputs[i]);
    savez(out_path, named);
  } else {
    std::ostringstream os;
    for (size_t i = 0; i < outputs.size(); ++i) os << "out" << i << " = " << array_repr(outputs[i]) << "\n";
    out << os.str();
  }
  return 0;
}

} // namespace mxg::cli
