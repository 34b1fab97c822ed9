// The evaluation log's settings (MXGRAPH_EVAL_LOG, MXGRAPH_IMPLICIT_EVAL,
// MXGRAPH_GRAPH_THRESHOLD), applied as the library loads so that C, C++, the CLI and
// Python get them alike, and the summary the log prints.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <tuple>

#include "mxgraph/eval_log.h"
#include "mxgraph/settings.h"

namespace mxg {
namespace {

const char* via(EvalCause c) {
  switch (c) {
    case EvalCause::explicit_eval: return "eval()";
    case EvalCause::async_eval: return "async_eval()";
    case EvalCause::print: return "print()/repr()";
    case EvalCause::item: return "item()";
    case EvalCause::bool_: return "bool()/int()/float()";
    case EvalCause::tolist: return "tolist()";
    case EvalCause::numpy: return "NumPy conversion";
    case EvalCause::buffer: return "the buffer protocol (memoryview, np.array)";
    case EvalCause::save: return "save";
    case EvalCause::data: return "data access";
    default: return "the graph threshold";
  }
}

std::string short_site(const std::string& site) {
  if (site.empty()) return "<unknown>";
  size_t colon = site.rfind(':');
  size_t slash = site.find_last_of("/\\", colon);
  return slash == std::string::npos ? site : site.substr(slash + 1);
}

std::string eval_log_report(const std::vector<EvalRecord>& records) {
  std::string out = "mxgraph evaluation log:\n";
  for (const auto& r : records) {
    out += std::string(eval_cause_name(r.cause)) + "\t" + (is_implicit(r.cause) ? "implicit" : "explicit") +
           "\t" + r.call_site + "\tnodes=" + std::to_string(r.nodes_run) +
           "\tbytes=" + std::to_string(r.bytes_allocated) + "\twall_ns=" + std::to_string(r.wall_ns) + "\n";
  }
  return out + "summary:\n" + eval_log_summary(records) + "\n";
}

// MXGRAPH_EVAL_LOG's target; function-local because the settings apply during
// another file's static initialisation.
std::string& log_target() {
  static std::string target;
  return target;
}

void write_log_at_exit() {
  std::string text = eval_log_report(eval_log_records(0));
  const std::string& target = log_target();
  if (target == "1" || target == "stderr" || target == "true") {
    std::fputs(text.c_str(), stderr);
    return;
  }
  std::ofstream f(target);
  f << text;
  if (!f) std::fprintf(stderr, "mxgraph: [settings] Cannot write the evaluation log to '%s'.\n", target.c_str());
}

} // namespace

EvalCause eval_cause_from_name(const std::string& name) {
  for (int c = 0; c <= static_cast<int>(EvalCause::other); ++c) {
    if (name == eval_cause_name(static_cast<EvalCause>(c))) return static_cast<EvalCause>(c);
  }
  throw std::invalid_argument("[eval_log] Unknown evaluation cause '" + name + "'.");
}

std::string eval_log_summary(const std::vector<EvalRecord>& records) {
  std::map<std::tuple<std::string, std::string, bool>, int64_t> groups;
  for (const auto& r : records) ++groups[{r.call_site, eval_cause_name(r.cause), is_implicit(r.cause)}];
  std::vector<std::pair<int64_t, std::tuple<std::string, std::string, bool>>> rows;
  for (const auto& [key, n] : groups) rows.emplace_back(-n, key);
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const auto& [neg, key] : rows) {
    const auto& [site, cause, implicit] = key;
    out += (out.empty() ? "" : "\n") + std::to_string(-neg) + (implicit ? " implicit " : " explicit ") +
           (neg == -1 ? "evaluation" : "evaluations") + " via " + via(eval_cause_from_name(cause)) + " at " +
           short_site(site);
  }
  return out;
}

EvalPolicy parse_eval_policy(const std::string& name) {
  if (name == "allow") return EvalPolicy::allow;
  if (name == "log") return EvalPolicy::log;
  if (name == "warn") return EvalPolicy::warn;
  if (name == "raise") return EvalPolicy::raise;
  throw std::invalid_argument("[eval_guard] Unknown policy '" + name +
                              "'; use \"allow\", \"log\", \"warn\" or \"raise\".");
}

ThresholdAction parse_threshold_action(const std::string& name) {
  if (name == "warn") return ThresholdAction::warn;
  if (name == "eval") return ThresholdAction::eval;
  if (name == "raise") return ThresholdAction::raise;
  throw std::invalid_argument("[set_graph_threshold] Unknown action '" + name +
                              "'; use \"warn\", \"eval\" or \"raise\".");
}

void set_graph_threshold_from_text(const std::string& text) {
  int64_t nodes = 0, bytes = 0;
  ThresholdAction action = ThresholdAction::warn;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = std::min(text.find(',', start), text.size());
    std::string part = text.substr(start, end - start);
    part.erase(0, part.find_first_not_of(" \t"));
    part.erase(part.find_last_not_of(" \t") + 1);
    size_t eq = part.find('=');
    std::string key = eq == std::string::npos ? "nodes" : part.substr(0, eq);
    std::string val = eq == std::string::npos ? part : part.substr(eq + 1);
    if (key == "action") {
      action = parse_threshold_action(val);
    } else if (key == "nodes" || key == "bytes") {
      char* stop = nullptr;
      double v = std::strtod(val.c_str(), &stop);
      if (val.empty() || *stop != '\0' || !(v >= 0 && v < 9.2e18)) {
        throw std::invalid_argument("[MXGRAPH_GRAPH_THRESHOLD] '" + val + "' is not a count for " + key + ".");
      }
      (key == "nodes" ? nodes : bytes) = static_cast<int64_t>(v);
    } else {
      throw std::invalid_argument("[MXGRAPH_GRAPH_THRESHOLD] Unknown key '" + key +
                                  "'; use nodes=, bytes=, action=.");
    }
    start = end + 1;
  }
  set_graph_threshold(nodes, bytes, action);
}

namespace detail {

std::vector<std::string>& eval_settings_errors() {
  static std::vector<std::string> errors;
  return errors;
}

bool apply_eval_settings() {
  // Nothing may throw while the library loads: a bad value is reported and ignored.
  auto guarded = [](auto&& fn) {
    try {
      fn();
    } catch (const std::exception& e) {
      eval_settings_errors().push_back(e.what());
      std::fprintf(stderr, "mxgraph: %s The setting is ignored.\n", e.what());
    }
  };
  guarded([] {
    const std::string& p = setting_text(Setting::ImplicitEval);
    if (!p.empty()) set_implicit_eval_policy(parse_eval_policy(p));
  });
  guarded([] {
    const std::string& t = setting_text(Setting::GraphThreshold);
    if (!t.empty()) set_graph_threshold_from_text(t);
  });
  guarded([] {
    log_target() = setting_text(Setting::EvalLog);
    if (log_target().empty() || log_target() == "0") return;
    eval_log_begin();
    std::atexit(write_log_at_exit);
  });
  return true;
}

} // namespace detail
} // namespace mxg
