// apply_docs: puts the docstring tables (docs_<area>.cpp) on the extension's objects.
#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "docs.h"

namespace mxg::python {
namespace {

// Parameters whose meaning is the same wherever they appear; an entry's Args: overrides.
const std::map<std::string, std::string>& vocabulary() {
  static const std::map<std::string, std::string> v = {
      {"a", "a (array): Input array (or a Python scalar)."},
      {"b", "b (array): Second input (array or Python scalar), broadcast against ``a``."},
      {"stream", "stream (Stream, optional): Stream or device to run on; ``None`` uses the "
                 "default stream of the default device."},
      {"keepdims", "keepdims (bool, optional): Keep the reduced axes as axes of size one. "
                   "Default: ``False``."},
      {"dtype", "dtype (Dtype, optional): Data type of the result."},
      {"shape", "shape (tuple(int)): Shape of the result."},
      {"key", "key (array, optional): A PRNG key from :func:`key`; ``None`` uses the "
              "global generator."},
  };
  return v;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The parameter names of one pybind11 signature line, "f(a: array, /, *, stream=None) -> x".
std::vector<std::string> parameters(const std::string& sig) {
  std::vector<std::string> out;
  size_t open = sig.find('(');
  if (open == std::string::npos) return out;
  int depth = 0;
  std::string cur;
  auto flush = [&] {
    size_t b = cur.find_first_not_of(" *");
    std::string p = b == std::string::npos ? "" : cur.substr(b);
    p = p.substr(0, p.find_first_of(":= "));
    if (!p.empty() && p != "/" && p != "self") out.push_back(p);
    cur.clear();
  };
  for (size_t i = open + 1; i < sig.size(); ++i) {
    char c = sig[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    if ((c == ')' || c == ']' || c == '}') && depth-- == 0) break;
    if (c == ',' && depth == 0) flush();
    else cur += c;
  }
  flush();
  return out;
}

bool is_section(const std::string& line) {
  return !line.empty() && line[0] != ' ' && line.back() == ':';
}

// The entry split into: text before Args:, its items by name (in order), the rest.
struct Parsed {
  std::string head, tail;
  std::vector<std::pair<std::string, std::string>> args;
};

Parsed parse(const std::string& text) {
  Parsed p;
  auto lines = split_lines(text);
  size_t i = 0;
  for (; i < lines.size() && lines[i] != "Args:"; ++i) {
    if (is_section(lines[i])) break;
    p.head += lines[i] + "\n";
  }
  if (i < lines.size() && lines[i] == "Args:") {
    for (++i; i < lines.size() && !is_section(lines[i]); ++i) {
      const std::string& l = lines[i];
      if (l.rfind("    ", 0) == 0 && l.size() > 4 && l[4] != ' ') {
        std::string name = l.substr(4, l.find_first_of(" :(", 4) - 4);
        if (name.rfind('*', 0) == 0) name = name.substr(name.find_first_not_of('*'));
        p.args.emplace_back(name, l.substr(4));
      } else if (!p.args.empty() && !l.empty()) {
        p.args.back().second += "\n" + l.substr(std::min<size_t>(4, l.size()));
      }
    }
  }
  for (; i < lines.size(); ++i) p.tail += lines[i] + "\n";
  return p;
}

// "Args:" for `params`: the entry's own items, else the vocabulary's, in signature order;
// items the signature does not name (MLX's names for *args) stand where *args is.
std::string args_section(const std::vector<std::string>& params, const Parsed& p) {
  std::vector<std::string> items;
  std::vector<bool> used(p.args.size(), false);
  for (const auto& name : params) {
    bool found = false;
    for (size_t k = 0; k < p.args.size(); ++k)
      if (p.args[k].first == name) { items.push_back(p.args[k].second); used[k] = found = true; }
    if (found) continue;
    if (name == "args" || name == "kwargs") {
      for (size_t k = 0; k < p.args.size(); ++k) {
        bool named = false;
        for (const auto& q : params) named = named || q == p.args[k].first;
        if (!used[k] && !named) { items.push_back(p.args[k].second); used[k] = true; }
      }
      continue;
    }
    auto v = vocabulary().find(name);
    if (v != vocabulary().end()) items.push_back(v->second);
  }
  for (size_t k = 0; k < p.args.size(); ++k)
    if (!used[k]) items.push_back(p.args[k].second);
  if (items.empty()) return "";
  std::string out = "Args:\n";
  for (const auto& it : items) {
    for (const auto& l : split_lines(it)) out += "    " + l + "\n";
  }
  return out + "\n";
}

// pybind11's signature lines at the top of a function's docstring.
std::string signature_block(const std::string& doc) {
  auto lines = split_lines(doc);
  if (lines.empty()) return "";
  if (lines.size() > 1 && lines[1] == "Overloaded function.") {
    std::string out = lines[0] + "\n" + lines[1] + "\n\n";
    for (size_t i = 2; i < lines.size(); ++i) {
      const auto& l = lines[i];
      size_t dot = l.find(". ");
      if (dot != std::string::npos && dot > 0 && l.find_first_not_of("0123456789") == dot)
        out += l + "\n\n";
    }
    return out;
  }
  return lines[0] + "\n\n";
}

std::string compose(const std::string& signatures, const char* text) {
  std::vector<std::string> params;
  for (const auto& l : split_lines(signatures)) {
    for (const auto& q : parameters(l)) {
      bool seen = false;
      for (const auto& r : params) seen = seen || r == q;
      if (!seen) params.push_back(q);
    }
  }
  Parsed p = parse(text);
  std::string head = p.head;
  while (!head.empty() && head.back() == '\n') head.pop_back();
  return head + "\n\n" + args_section(params, p) + p.tail;
}

void set_function_doc(py::handle f, const char* text) {
  auto* cf = reinterpret_cast<PyCFunctionObject*>(f.ptr());
  std::string doc = cf->m_ml->ml_doc ? cf->m_ml->ml_doc : "";
  std::string sig = signature_block(doc);
  std::string body = compose(sig, text);
  // pybind11 owns ml_doc as a strdup'ed string and frees it with the function.
  std::free(const_cast<char*>(cf->m_ml->ml_doc));
  cf->m_ml->ml_doc = strdup((sig + body).c_str());
}

void apply_one(py::module_& m, const Doc& d) {
  std::string name = d.name;
  py::object owner = m, obj;
  size_t start = 0;
  for (size_t dot; (dot = name.find('.', start)) != std::string::npos; start = dot + 1) {
    owner = owner.attr(name.substr(start, dot - start).c_str());
  }
  std::string last = name.substr(start);
  if (!py::hasattr(owner, last.c_str())) return;
  if (PyType_Check(owner.ptr())) {
    py::dict members = owner.attr("__dict__");
    obj = members.contains(last) ? py::object(members[last.c_str()]) : owner.attr(last.c_str());
    if (py::hasattr(obj, "__func__")) obj = obj.attr("__func__");
  } else {
    obj = owner.attr(last.c_str());
  }
  if (PyCFunction_Check(obj.ptr())) {
    set_function_doc(obj, d.text);
  } else if (PyType_Check(obj.ptr())) {
    std::string sig;
    if (py::hasattr(obj, "__init__") && PyCFunction_Check(obj.attr("__init__").ptr())) {
      auto* cf = reinterpret_cast<PyCFunctionObject*>(obj.attr("__init__").ptr());
      sig = signature_block(cf->m_ml->ml_doc ? cf->m_ml->ml_doc : "");
    }
    std::string body = compose(sig, d.text);
    // type.__doc__ of a heap type reads its dict; pybind11's metaclass refuses setattr.
    auto* type = reinterpret_cast<PyTypeObject*>(obj.ptr());
    py::str doc(body.substr(body.find_first_not_of('\n')));
    if (PyDict_SetItemString(type->tp_dict, "__doc__", doc.ptr()) != 0) throw py::error_already_set();
    PyType_Modified(type);
  } else {
    std::string body = compose("", d.text);
    obj.attr("__doc__") = py::str(body.substr(body.find_first_not_of('\n')));
  }
}

} // namespace

void apply_docs(py::module_& m) {
  for (auto* table : {&docs_elementwise, &docs_reductions, &docs_shapes, &docs_indexing,
                      &docs_linalg, &docs_fft, &docs_creation, &docs_random, &docs_transforms,
                      &docs_io, &docs_graph_tools, &docs_array, &docs_types, &docs_distributed}) {
    for (const Doc& d : (*table)()) apply_one(m, d);
  }
}

} // namespace mxg::python
