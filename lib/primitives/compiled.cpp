// The Compiled primitive's printing and its transform rules. The rules replay the
// fused program with ops (the unfused graph) and transform that, so they need no
// per-step derivative table of their own and stay differentiable and batchable.
#include <sstream>

#include "mxgraph/ops.h"
#include "mxgraph/transforms.h"
#include "primitives/compiled.h"
#include "primitives/grad_rules.h"
#include "primitives/vmap_rules.h"

namespace mxg {

bool FusedProgram::operator==(const FusedProgram& o) const {
  if (num_inputs != o.num_inputs || input_dtypes != o.input_dtypes || outputs != o.outputs ||
      steps.size() != o.steps.size()) {
    return false;
  }
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step &a = steps[i], &b = o.steps[i];
    if (a.op != b.op || a.code != b.code || a.dtype != b.dtype || a.args[0] != b.args[0] ||
        a.args[1] != b.args[1] || a.args[2] != b.args[2]) {
      return false;
    }
  }
  return true;
}

void Compiled::print(std::ostream& os) const {
  const auto& p = program_;
  os << "Compiled(";
  for (size_t k = 0; k < p.steps.size(); ++k) {
    const auto& s = p.steps[k];
    os << (k ? "; " : "") << "r" << p.num_inputs + k << " = ";
    switch (s.op) {
      case FusedProgram::Op::Unary: os << unary_op_name(static_cast<UnaryOp>(s.code)); break;
      case FusedProgram::Op::Binary: os << binary_op_name(static_cast<BinaryOp>(s.code)); break;
      case FusedProgram::Op::Select: os << "where"; break;
      case FusedProgram::Op::Cast: os << "astype<" << dtype_name(s.dtype) << ">"; break;
    }
    os << "(";
    for (int a = 0; a < p.num_args(s); ++a) os << (a ? ", r" : "r") << s.args[a];
    os << ")";
  }
  os << " -> [";
  for (size_t i = 0; i < p.outputs.size(); ++i) os << (i ? ", r" : "r") << p.outputs[i];
  os << "])";
}

std::vector<array> apply_program_ops(const FusedProgram& p, const std::vector<array>& inputs,
                                     const Stream& s) {
  std::vector<array> regs(inputs.begin(), inputs.end());
  for (const auto& st : p.steps) {
    const array& a = regs[st.args[0]];
    switch (st.op) {
      case FusedProgram::Op::Unary: regs.push_back(unary(static_cast<UnaryOp>(st.code), a, s)); break;
      case FusedProgram::Op::Binary:
        regs.push_back(binary(static_cast<BinaryOp>(st.code), a, regs[st.args[1]], s));
        break;
      case FusedProgram::Op::Select: regs.push_back(where(a, regs[st.args[1]], regs[st.args[2]], s)); break;
      case FusedProgram::Op::Cast: regs.push_back(astype(a, st.dtype, s)); break;
    }
  }
  std::vector<array> outs;
  for (int r : p.outputs) outs.push_back(regs[r]);
  return outs;
}

namespace {

// The fused program as a function whose outputs have the node's shape (inputs that
// the fusion took before a broadcast are smaller).
ArrayFn program_fn(const Primitive& prim, const std::vector<array>& outputs) {
  const auto& c = static_cast<const Compiled&>(prim);
  Shape shape = outputs[0].shape();
  Stream s = prim.stream();
  return [&c, shape, s](const std::vector<array>& xs) {
    auto outs = apply_program_ops(c.program(), xs, s);
    for (auto& o : outs) o = broadcast_to(o, shape, s);
    return outs;
  };
}

} // namespace

std::vector<array> vjp_Compiled(const Primitive& p, const std::vector<array>& primals,
                                const std::vector<array>& cotangents,
                                const std::vector<int>& argnums,
                                const std::vector<array>& outputs) {
  auto grads = vjp(program_fn(p, outputs), primals, cotangents).second;
  std::vector<array> res;
  for (int a : argnums) res.push_back(astype(grads[a], primals[a].dtype()));
  return res;
}

std::vector<array> jvp_Compiled(const Primitive& p, const std::vector<array>& primals,
                                const std::vector<array>& tangents,
                                const std::vector<int>& argnums,
                                const std::vector<array>& outputs) {
  std::vector<array> ts;
  for (const auto& x : primals) ts.push_back(zeros_of(x.shape(), x.dtype()));
  for (size_t i = 0; i < argnums.size(); ++i) ts[argnums[i]] = tangents[i];
  auto outs = jvp(program_fn(p, outputs), primals, ts).second;
  for (size_t i = 0; i < outs.size(); ++i) outs[i] = astype(outs[i], outputs[i].dtype());
  return outs;
}

VmapResult vmap_Compiled(const Primitive& p, const std::vector<array>& inputs,
                         const std::vector<int>& axes, const std::vector<array>& outputs) {
  // Batch axis in front; per-example dims right-aligned to the output's rank, so
  // NumPy broadcasting inside the kernel lines every input up with (batch, out...).
  int64_t b = batch_size(inputs, axes);
  const Shape& out = outputs[0].shape();
  std::vector<array> xs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (axes[i] < 0) {
      xs.push_back(inputs[i]);
      continue;
    }
    array x = batch_to_front(inputs[i], axes[i]);
    Shape s{x.shape()[0]};
    s.resize(1 + out.size() - (x.ndim() - 1), 1);
    s.insert(s.end(), x.shape().begin() + 1, x.shape().end());
    xs.push_back(reshape(x, s, p.stream()));
  }
  const auto& c = static_cast<const Compiled&>(p);
  std::vector<Shape> shapes(outputs.size(), with_batch(b, out));
  std::vector<Dtype> dtypes;
  for (const auto& o : outputs) dtypes.push_back(o.dtype());
  auto prim = std::make_shared<Compiled>(p.stream(), c.program());
  return {array::make_arrays(shapes, dtypes, prim, xs), std::vector<int>(outputs.size(), 0)};
}

} // namespace mxg
