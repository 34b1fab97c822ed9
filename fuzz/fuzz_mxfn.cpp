// Fuzz target: .mxfn (exported functions). Parses and builds the graph from bytes
// (import_function_from_buffer, which must raise only std::invalid_argument on a bad
// file); when it parses, calls the function on small inputs and evaluates the outputs.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "harness.h"
#include "mxgraph/export.h"

namespace {

// Inputs of the recorded specs (small ascending values, so divisions and gathers see
// varied data); nullopt when they would be too large to be worth evaluating.
std::optional<std::vector<mxg::array>> small_inputs(const mxg::ImportedFunction& f) {
  std::vector<mxg::array> in;
  uint64_t total = 0;
  for (const auto& s : f.inputs()) {
    int64_t n = 1;
    for (auto d : s.shape) n *= d; // the parser bounds each shape's size
    total += uint64_t(n) * mxg::size_of(s.dtype);
    if (total > mxg::fuzz::kMaxEvalBytes) return std::nullopt;
    in.push_back(mxg::reshape(mxg::astype(mxg::arange(static_cast<double>(n)) - 1.0, s.dtype), s.shape));
  }
  return in;
}

uint64_t elements(const mxg::ArraySpec& s) {
  uint64_t n = 1;
  for (auto d : s.shape) n *= uint64_t(d); // the parser bounds each shape's size
  return n;
}

// A hostile file can describe a legitimately huge computation (a sum over a broadcast
// to 2^40 elements, a vast matmul): that is not a bug, so such graphs are only built.
// The built graph has the file's shapes (build checks them), so its work is bounded
// by every node's input and output sizes, and for a matmul, output times inner size.
bool small_work(const mxg::FunctionDesc& d) {
  std::vector<const mxg::ArraySpec*> spec; // by value id
  for (const auto& s : d.inputs) spec.push_back(&s);
  for (const auto& c : d.constants) spec.push_back(&c.spec);
  uint64_t work = 0;
  const uint64_t limit = uint64_t(1) << 22;
  for (const auto& n : d.nodes) {
    for (auto id : n.inputs) work += elements(*spec[id]);
    for (const auto& s : n.outputs) spec.push_back(&s), work += elements(s);
    if (work > limit) return false;
    if (n.kind == mxg::PrimitiveKind::Matmul && !n.inputs.empty()) {
      const auto& a = spec[n.inputs[0]]->shape;
      uint64_t inner = a.empty() ? 1 : uint64_t(a.back());
      if (inner > limit) return false; // (and no overflow below)
      work += elements(n.outputs[0]) * inner;
      if (work > limit) return false;
    }
  }
  return true;
}

} // namespace

int mxg_fuzz_one(const uint8_t* data, size_t size) {
  std::optional<mxg::ImportedFunction> f;
  try {
    f.emplace(mxg::import_function_from_buffer(reinterpret_cast<const char*>(data), size));
  } catch (const std::invalid_argument&) {
    return 0; // a bad file, rejected as documented
  } catch (const std::exception& e) {
    // export.h promises std::invalid_argument for any bad file: anything else is a bug.
    std::fprintf(stderr, "import_function raised something other than invalid_argument: %s\n", e.what());
    std::abort();
  }
  try {
    if (!small_work(f->desc())) return 0;
    if (auto in = small_inputs(*f)) mxg::fuzz::eval_bounded((*f)(*in));
  } catch (const std::exception&) {
    // A graph that parses may still fail on values (e.g. an index out of range).
  }
  return 0;
}
