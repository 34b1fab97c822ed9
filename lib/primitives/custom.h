// The Custom primitive: a node whose outputs are values computed elsewhere in the
// graph and whose derivative rules are callbacks (custom_function, checkpoint).
#pragma once

#include <functional>
#include <string>

#include "mxgraph/primitive.h"
#include "mxgraph/transforms.h"

namespace mxg {

/// Inputs: `num_args` differentiable arguments, then the values the outputs alias
/// (the last outputs.size() inputs; they may overlap the arguments). Evaluation
/// only shares those values' buffers. The rules see all the node's inputs.
class Custom : public Primitive {
 public:
  /// Cotangents for inputs[argnums[i]] (each argnum < num_args).
  using VjpFn = std::function<std::vector<array>(
      const std::vector<array>& inputs, const std::vector<array>& cotangents,
      const std::vector<int>& argnums, const std::vector<array>& outputs)>;
  /// Tangents of every output, given tangents[i] for inputs[argnums[i]].
  using JvpFn = std::function<std::vector<array>(const std::vector<array>& inputs,
                                                 const std::vector<array>& tangents,
                                                 const std::vector<int>& argnums)>;

  /// `fun` computes the outputs from the arguments again (vmap batches it); empty
  /// for `depends`, whose outputs are its last inputs.
  Custom(Stream s, std::string name, int num_args, VjpFn vjp, JvpFn jvp, ArrayFn fun = nullptr)
      : Primitive(s), name_(std::move(name)), num_args_(num_args), vjp_(std::move(vjp)),
        jvp_(std::move(jvp)), fun_(std::move(fun)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Custom; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;

  int num_args() const { return num_args_; }
  const VjpFn& vjp() const { return vjp_; }
  const JvpFn& jvp() const { return jvp_; }
  const ArrayFn& fun() const { return fun_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_; // "custom_function", "checkpoint", "depends"
  int num_args_;
  VjpFn vjp_;
  JvpFn jvp_;
  ArrayFn fun_;
};

/// `inputs`, unchanged, but computed only after `dependencies` (recomputation in
/// checkpoint waits for the cotangents, so it does not run early and hold memory).
std::vector<array> depends(const std::vector<array>& inputs,
                           const std::vector<array>& dependencies);

} // namespace mxg
