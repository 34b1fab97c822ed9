// import_function: read a .mxfn graph (not its constants), then rebuild the graph
// on each call's inputs. Constants are lazy Load arrays over the file.
#include <cstring>

#include "export/kinds.h"
#include "export/traces.h"
#include "ops/utils.h"
#include "primitives/io.h"
#include "mxgraph/ops/creation.h"

namespace mxg {
namespace {

const char* kOp = "import_function";

std::string spec_str(const ArraySpec& s) { return std::string(dtype_name(s.dtype)) + " " + shape_str(s.shape); }

// The recorded spec of every value id: inputs, constants, node outputs.
std::vector<const ArraySpec*> value_specs(const FunctionDesc& f) {
  std::vector<const ArraySpec*> v;
  for (const auto& s : f.inputs) v.push_back(&s);
  for (const auto& c : f.constants) v.push_back(&c.spec);
  for (const auto& n : f.nodes)
    for (const auto& s : n.outputs) v.push_back(&s);
  return v;
}

std::shared_ptr<const FunctionDesc> read_desc(const ByteSource& src) {
  uint64_t size = src.size();
  std::string head(static_cast<size_t>(std::min<uint64_t>(size, mxfn::kHeaderSize)), '\0');
  src.read(0, head.data(), head.size());
  uint64_t graph_end = head.size();
  if (head.size() == mxfn::kHeaderSize) {
    mxfn::Reader r(head.data() + 16, 8, "the header");
    uint64_t g = r.u64();
    if (g > head.size() && g <= size) graph_end = g; // else parse_function reports it
  }
  std::string bytes = head;
  if (graph_end > head.size()) {
    bytes.resize(static_cast<size_t>(graph_end));
    src.read(head.size(), bytes.data() + head.size(), bytes.size() - head.size());
  }
  return std::make_shared<FunctionDesc>(parse_function(bytes.data(), bytes.size(), size));
}

ImportedFunction checked(std::shared_ptr<const FunctionDesc> desc, std::shared_ptr<ByteSource> src) {
  ImportedFunction f(std::move(desc), std::move(src));
  // Build once on placeholders (broadcast zeros: nothing allocated) so a bad graph fails now.
  std::vector<array> ph;
  for (const auto& s : f.inputs()) ph.push_back(zeros(s.shape, s.dtype));
  f(ph);
  return f;
}

// A version-1 file, or each trace of a version-2 file read as one.
ImportedFunction read_function(const std::shared_ptr<ByteSource>& src) {
  auto table = mxfn::trace_table(*src);
  if (table.empty()) return checked(read_desc(*src), src);
  std::vector<ImportedFunction> traces;
  for (const auto& [at, n] : table) {
    auto w = mxfn::window(src, at, n);
    traces.push_back(checked(read_desc(*w), w));
  }
  return ImportedFunction(std::move(traces));
}

std::string specs_str(const std::vector<ArraySpec>& specs) {
  std::string s = "(";
  for (size_t i = 0; i < specs.size(); ++i) s += (i ? ", " : "") + spec_str(specs[i]);
  return s + ")";
}

} // namespace

ImportedFunction::ImportedFunction(std::shared_ptr<const FunctionDesc> desc, std::shared_ptr<ByteSource> source)
    : desc_(std::move(desc)) {
  Stream st = to_stream({}, kOp);
  for (const auto& c : desc_->constants) {
    LoadSpec spec;
    spec.source = source;
    spec.offset = c.offset;
    spec.nbytes = c.nbytes;
    spec.is_bool = c.spec.dtype == bool_;
    constants_.emplace_back(c.spec.shape, c.spec.dtype, std::make_shared<Load>(st, spec), std::vector<array>{});
  }
}

std::vector<ArraySpec> ImportedFunction::outputs() const {
  auto specs = value_specs(*desc_);
  std::vector<ArraySpec> out;
  for (auto id : desc_->outputs) out.push_back(*specs[id]);
  return out;
}

ImportedFunction::ImportedFunction(std::vector<ImportedFunction> traces) {
  if (traces.empty()) throw std::invalid_argument("[import_function] A function needs at least one trace.");
  desc_ = traces[0].desc_;
  constants_ = traces[0].constants_;
  if (traces.size() > 1) traces_ = std::make_shared<const std::vector<ImportedFunction>>(std::move(traces));
}

const ImportedFunction& ImportedFunction::trace(size_t i) const {
  if (i >= num_traces()) {
    throw std::out_of_range("[import_function] Trace " + std::to_string(i) + " is out of range for " +
                            std::to_string(num_traces()) + " traces.");
  }
  return traces_ ? (*traces_)[i] : *this;
}

bool ImportedFunction::accepts(const std::vector<array>& inputs) const {
  const auto& want = desc_->inputs;
  if (inputs.size() != want.size()) return false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].dtype() != want[i].dtype || (!desc_->shapeless && inputs[i].shape() != want[i].shape)) return false;
  }
  return true;
}

std::vector<array> ImportedFunction::operator()(const std::vector<array>& inputs) const {
  if (!traces_) return call_trace(inputs);
  for (const auto& t : *traces_) {
    if (t.accepts(inputs)) return t.call_trace(inputs);
  }
  std::vector<ArraySpec> given;
  for (const auto& x : inputs) given.push_back({x.shape(), x.dtype(), {}});
  std::string msg = "No trace of the function takes the inputs " + specs_str(given) + ". The traces take:";
  for (size_t i = 0; i < traces_->size(); ++i) msg += " " + std::to_string(i + 1) + ". " + specs_str((*traces_)[i].inputs());
  throw_value(kOp, msg + ". Export a trace for these inputs.");
}

std::vector<array> ImportedFunction::call_trace(const std::vector<array>& inputs) const {
  const auto& want = desc_->inputs;
  if (inputs.size() != want.size()) {
    throw_value(kOp, "The function takes " + std::to_string(want.size()) + " arrays; " +
                         std::to_string(inputs.size()) + " were given.");
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    bool shape_ok = desc_->shapeless || inputs[i].shape() == want[i].shape;
    if (inputs[i].dtype() != want[i].dtype || !shape_ok) {
      std::string name = want[i].name.empty() ? "Input " + std::to_string(i) : "Input '" + want[i].name + "'";
      throw_value(kOp, name + " must be " + (desc_->shapeless ? dtype_name(want[i].dtype) : spec_str(want[i])) +
                           "; got " + spec_str({inputs[i].shape(), inputs[i].dtype(), {}}) + ".");
    }
  }
  auto specs = value_specs(*desc_);
  std::vector<array> values(inputs);
  values.reserve(specs.size());
  values.insert(values.end(), constants_.begin(), constants_.end());
  Stream st = to_stream({}, kOp);
  std::vector<const ArraySpec*> in_specs;
  std::vector<array> in;
  for (size_t k = 0; k < desc_->nodes.size(); ++k) {
    const NodeDesc& n = desc_->nodes[k];
    in.clear();
    in_specs.clear();
    for (auto id : n.inputs) {
      in.push_back(values[id]);
      in_specs.push_back(specs[id]);
    }
    mxfn::BuildCtx ctx{st, n, in_specs, k};
    for (auto& o : mxfn::build_node(in, ctx)) values.push_back(std::move(o));
  }
  std::vector<array> out;
  for (auto id : desc_->outputs) out.push_back(values[id]);
  return out;
}

ImportedFunction import_function(const std::string& path) {
  return read_function(open_file_source(path));
}

ImportedFunction import_function_from_buffer(const char* data, size_t size) {
  return read_function(memory_source(std::string(data, size), "<mxfn bytes>"));
}

void check_function_bytes(const char* data, size_t size) { import_function_from_buffer(data, size); }

} // namespace mxg
