// The Compiled primitive: one fused elementwise region (unary, binary, select and
// cast steps) that mx.compile builds. Its kernel runs the small program over
// cache-sized tiles, so intermediates never reach main memory.
#pragma once

#include <cstdint>
#include <vector>

#include "mxgraph/primitive.h"

namespace mxg {

/// A straight-line program over registers: registers [0, num_inputs) are the
/// node's inputs, register num_inputs + k is the result of step k.
struct FusedProgram {
  enum class Op : uint8_t { Unary, Binary, Select, Cast };
  struct Step {
    Op op;
    uint8_t code = 0;    // UnaryOp or BinaryOp
    Dtype dtype;         // the result's dtype
    int args[3] = {-1, -1, -1};
  };
  int num_inputs = 0;
  std::vector<Dtype> input_dtypes;
  std::vector<Step> steps;
  std::vector<int> outputs; // registers the node returns, in order

  Dtype reg_dtype(int r) const { return r < num_inputs ? input_dtypes[r] : steps[r - num_inputs].dtype; }
  int num_args(const Step& s) const { return s.op == Op::Binary ? 2 : s.op == Op::Select ? 3 : 1; }
  bool operator==(const FusedProgram& o) const;
};

/// All outputs have the node's one output shape; inputs broadcast to it.
class Compiled : public Primitive {
 public:
  Compiled(Stream s, FusedProgram program) : Primitive(s), program_(std::move(program)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Compiled; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  /// "Compiled(r2 = exp(r0); r3 = add(r2, r1) -> [r3])".
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == kind() && static_cast<const Compiled&>(o).program_ == program_;
  }
  const FusedProgram& program() const { return program_; }

 private:
  FusedProgram program_;
};

/// Runs `program` with ops on `inputs` (the unfused graph), for the transform rules.
std::vector<array> apply_program_ops(const FusedProgram& program, const std::vector<array>& inputs,
                                     const Stream& s);

} // namespace mxg
