// export_function: trace the function on placeholders, walk the graph from the
// outputs (iteratively), and write the .mxfn sections and the constants' data.
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "export/kinds.h"
#include "ops/utils.h"
#include "primitives/shape.h"
#include "transform_utils.h"
#include "mxgraph/ops/shape.h"

namespace mxg {
namespace {

using mxfn::Writer;

// Where a value comes from: an input, a constant, or output `pos` of a node.
struct Ref {
  enum Kind : uint8_t { Input, Constant, NodeOut } kind;
  uint32_t index;
  uint32_t pos = 0;
};

struct NodeRec {
  std::shared_ptr<Node> node;
  std::vector<Ref> inputs;
  std::vector<ArraySpec> outputs;
};

struct Graph {
  std::vector<array> constants;
  std::vector<NodeRec> nodes;
  std::vector<Ref> outputs;
};

bool is_custom(const array& a) { return a.has_primitive() && a.primitive().kind() == PrimitiveKind::Custom; }

// A custom function's outputs alias the last inputs of its node: export the traced
// forward graph behind them instead of the callbacks.
array resolve(array a) {
  while (is_custom(a)) {
    const Node& n = *a.node();
    a = n.inputs[n.inputs.size() - n.outputs.size() + a.output_index()];
  }
  return a;
}

std::vector<ArraySpec> output_specs(const array& a) {
  const Node& n = *a.node();
  std::vector<ArraySpec> specs;
  if (n.output_shapes.empty()) return {ArraySpec{a.shape(), a.dtype(), {}}};
  for (size_t i = 0; i < n.output_shapes.size(); ++i) specs.push_back({n.output_shapes[i], n.output_dtypes[i], {}});
  return specs;
}

class Walker {
 public:
  explicit Walker(const std::vector<array>& placeholders) {
    for (size_t i = 0; i < placeholders.size(); ++i) leaves_[placeholders[i].id()] = {Ref::Input, uint32_t(i)};
  }

  Graph walk(const std::vector<array>& outputs) {
    std::vector<std::pair<array, bool>> stack;
    for (auto it = outputs.rbegin(); it != outputs.rend(); ++it) stack.emplace_back(resolve(*it), false);
    while (!stack.empty()) {
      auto [a, expanded] = std::move(stack.back());
      stack.pop_back();
      if (known(a)) continue;
      if (!a.has_primitive() || a.primitive().kind() == PrimitiveKind::Load ||
          a.primitive().kind() == PrimitiveKind::Compiled) { // a captured compiled result is data
        add_constant(a);
      } else if (!expanded) {
        stack.emplace_back(a, true);
        const auto& ins = a.inputs();
        for (auto it = ins.rbegin(); it != ins.rend(); ++it) {
          array in = resolve(*it);
          if (!known(in)) stack.emplace_back(std::move(in), false);
        }
      } else {
        add_node(a);
      }
    }
    for (const auto& o : outputs) g_.outputs.push_back(ref(resolve(o)));
    return std::move(g_);
  }

 private:
  bool known(const array& a) const {
    return leaves_.count(a.id()) || (a.has_primitive() && nodes_.count(a.node().get()));
  }
  Ref ref(const array& a) const {
    auto it = leaves_.find(a.id());
    if (it != leaves_.end()) return it->second;
    return {Ref::NodeOut, nodes_.at(a.node().get()), a.output_index()};
  }
  void add_constant(array a) {
    const void* id = a.id();
    a.eval(); // a captured lazy load is read now
    leaves_[id] = {Ref::Constant, uint32_t(g_.constants.size())};
    g_.constants.push_back(std::move(a));
  }
  void add_node(const array& a) {
    NodeRec rec{a.node(), {}, output_specs(a)};
    for (const auto& in : a.inputs()) rec.inputs.push_back(ref(resolve(in)));
    nodes_[a.node().get()] = uint32_t(g_.nodes.size());
    g_.nodes.push_back(std::move(rec));
  }

  Graph g_;
  std::unordered_map<const void*, Ref> leaves_;
  std::unordered_map<const Node*, uint32_t> nodes_;
};

void write_spec(Writer& w, const ArraySpec& s) {
  w.u8(static_cast<uint8_t>(s.dtype));
  w.shape(s.shape);
}

class FileWriter {
 public:
  FileWriter(const Graph& g, const std::vector<array>& inputs, const ExportOptions& opt) : g_(g) {
    n_in_ = uint32_t(inputs.size());
    uint32_t base = n_in_ + uint32_t(g.constants.size());
    for (const auto& n : g.nodes) {
      first_.push_back(base);
      base += uint32_t(n.outputs.size());
    }
    Writer in;
    in.u32(n_in_);
    for (size_t i = 0; i < inputs.size(); ++i) {
      in.u32(opt.input_names.empty() ? mxfn::kNoString : string(opt.input_names[i]));
      write_spec(in, {inputs[i].shape(), inputs[i].dtype(), {}});
    }
    inputs_ = std::move(in.out);
    nodes_ = write_nodes();
    Writer out;
    out.u32(uint32_t(g.outputs.size()));
    for (const auto& r : g.outputs) out.u32(id(r));
    outputs_ = std::move(out.out);
    Writer meta;
    meta.u32(opt.metadata.empty() ? mxfn::kNoString : string(opt.metadata));
    meta.u32(opt.structure.empty() ? mxfn::kNoString : string(opt.structure));
    meta_ = std::move(meta.out);
  }

  std::string bytes(uint32_t flags) {
    Writer strs;
    strs.u32(uint32_t(strings_.size()));
    for (const auto& s : strings_) {
      strs.u32(uint32_t(s.size()));
      strs.bytes(s);
    }
    // The constants section's size does not depend on the offsets it holds.
    size_t const_size = 4;
    for (const auto& c : g_.constants) const_size += 1 + 4 + 8 * c.ndim() + 16;
    uint64_t graph_end = mxfn::kHeaderSize + 6 * 12 + strs.out.size() + inputs_.size() + const_size +
                         nodes_.size() + outputs_.size() + meta_.size();
    Writer cn;
    cn.u32(uint32_t(g_.constants.size()));
    uint64_t at = graph_end;
    for (const auto& c : g_.constants) {
      at = (at + mxfn::kDataAlign - 1) / mxfn::kDataAlign * mxfn::kDataAlign;
      write_spec(cn, {c.shape(), c.dtype(), {}});
      cn.u64(at);
      cn.u64(uint64_t(c.nbytes()));
      at += c.nbytes();
    }
    Writer f;
    f.out.reserve(at);
    f.out.append(mxfn::kMagic, 8);
    f.u32(mxfn::kVersion);
    f.u32(flags);
    f.u64(graph_end);
    f.u64(0);
    section(f, "STRS", strs.out);
    section(f, "INPT", inputs_);
    section(f, "CNST", cn.out);
    section(f, "NODE", nodes_);
    section(f, "OUTP", outputs_);
    section(f, "META", meta_);
    for (const auto& c : g_.constants) {
      f.out.resize((f.out.size() + mxfn::kDataAlign - 1) / mxfn::kDataAlign * mxfn::kDataAlign, '\0');
      array d = contiguous(c);
      d.eval();
      f.out.append(static_cast<const char*>(d.raw_data()), size_t(d.nbytes()));
    }
    return std::move(f.out);
  }

 private:
  uint32_t id(const Ref& r) const {
    switch (r.kind) {
      case Ref::Input: return r.index;
      case Ref::Constant: return n_in_ + r.index;
      default: return first_[r.index] + r.pos;
    }
  }
  uint32_t string(const std::string& s) {
    strings_.push_back(s);
    return uint32_t(strings_.size() - 1);
  }
  std::string write_nodes() {
    Writer w;
    w.u32(uint32_t(g_.nodes.size()));
    for (const auto& n : g_.nodes) {
      w.u16(static_cast<uint16_t>(n.node->primitive->kind()));
      w.u32(uint32_t(n.inputs.size()));
      for (const auto& r : n.inputs) w.u32(id(r));
      w.u32(uint32_t(n.outputs.size()));
      for (const auto& s : n.outputs) write_spec(w, s);
      Writer p;
      mxfn::write_params(p, *n.node->primitive);
      w.u32(uint32_t(p.out.size()));
      w.bytes(p.out);
    }
    return std::move(w.out);
  }
  static void section(Writer& f, const char (&t)[5], const std::string& payload) {
    f.u32(mxfn::tag(t));
    f.u64(payload.size());
    f.bytes(payload);
  }

  const Graph& g_;
  uint32_t n_in_ = 0;
  std::vector<uint32_t> first_;
  std::vector<std::string> strings_;
  std::string inputs_, nodes_, outputs_, meta_;
};

} // namespace

std::string export_function_bytes(const ArrayFn& fun, const std::vector<array>& example_inputs,
                                  const ExportOptions& opt) {
  const char* op = "export_function";
  if (!opt.input_names.empty() && opt.input_names.size() != example_inputs.size()) {
    throw_value(op, "Got " + std::to_string(opt.input_names.size()) + " input names for " +
                        std::to_string(example_inputs.size()) + " inputs.");
  }
  std::vector<array> placeholders;
  for (const auto& x : example_inputs) {
    array t(x.shape(), x.dtype(), std::make_shared<Copy>(to_stream({}, op)), {x});
    t.set_tracer(true);
    placeholders.push_back(t);
  }
  std::vector<array> outputs = detail::call_traced(fun, placeholders);
  Graph g = Walker(placeholders).walk(outputs);
  return FileWriter(g, example_inputs, opt).bytes(opt.shapeless ? mxfn::kFlagShapeless : 0);
}

void export_function(std::ostream& os, const ArrayFn& fun, const std::vector<array>& example_inputs,
                     const ExportOptions& options) {
  std::string b = export_function_bytes(fun, example_inputs, options);
  os.write(b.data(), std::streamsize(b.size()));
  if (!os) throw std::runtime_error("[export_function] Writing the function failed.");
}

void export_function(const std::string& path, const ArrayFn& fun,
                     const std::vector<array>& example_inputs, const ExportOptions& options) {
  std::string b = export_function_bytes(fun, example_inputs, options);
  std::ofstream f(path, std::ios::binary);
  if (!f) throw file_not_found("[export_function] Cannot open " + path + " for writing.");
  f.write(b.data(), std::streamsize(b.size()));
  if (!f) throw std::runtime_error("[export_function] Writing " + path + " failed.");
}

void export_function(const std::string& path, const ArrayFn& fun,
                     const std::vector<array>& example_inputs, bool shapeless,
                     const std::vector<std::string>& input_names) {
  ExportOptions opt;
  opt.shapeless = shapeless;
  opt.input_names = input_names;
  export_function(path, fun, example_inputs, opt);
}

} // namespace mxg
