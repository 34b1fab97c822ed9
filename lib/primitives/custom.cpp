// The Custom primitive's evaluation (buffer sharing only) and `depends`.
#include "primitives/custom.h"

#include "primitives/grad_rules.h"

namespace mxg {

void Custom::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  size_t first = inputs.size() - outputs.size();
  for (size_t j = 0; j < outputs.size(); ++j) {
    const array& v = inputs[first + j];
    outputs[j].copy_shared_buffer(v, v.strides(), v.flags(), v.data_size());
  }
}

void Custom::print(std::ostream& os) const { os << "Custom(" << name_ << ")"; }

std::vector<array> depends(const std::vector<array>& inputs,
                           const std::vector<array>& dependencies) {
  if (inputs.empty()) return {};
  int nd = static_cast<int>(dependencies.size());
  // The dependencies get zero cotangents; the inputs pass theirs straight through.
  auto vjp = [nd](const std::vector<array>& ins, const std::vector<array>& cots,
                  const std::vector<int>& argnums, const std::vector<array>&) {
    std::vector<array> out;
    for (int a : argnums) {
      out.push_back(a < nd ? zeros_of(ins[a].shape(), ins[a].dtype()) : cots[a - nd]);
    }
    return out;
  };
  auto jvp = [nd](const std::vector<array>& ins, const std::vector<array>& tangents,
                  const std::vector<int>& argnums) {
    std::vector<array> out;
    for (size_t j = nd; j < ins.size(); ++j) out.push_back(zeros_of(ins[j].shape(), ins[j].dtype()));
    for (size_t i = 0; i < argnums.size(); ++i) {
      if (argnums[i] >= nd) out[argnums[i] - nd] = tangents[i];
    }
    return out;
  };
  std::vector<array> all = dependencies;
  all.insert(all.end(), inputs.begin(), inputs.end());
  std::vector<Shape> shapes;
  std::vector<Dtype> dtypes;
  for (const auto& in : inputs) {
    shapes.push_back(in.shape());
    dtypes.push_back(in.dtype());
  }
  auto prim = std::make_shared<Custom>(to_stream({}, "depends"), "depends",
                                       static_cast<int>(all.size()), vjp, jvp);
  return array::make_arrays(std::move(shapes), std::move(dtypes), std::move(prim), std::move(all));
}

} // namespace mxg
