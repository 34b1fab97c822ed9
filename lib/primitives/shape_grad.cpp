// vjp / jvp rules for the view primitives Reshape, Transpose, Broadcast, Copy.
#include "mxgraph/ops.h"
#include "primitives/grad_rules.h"
#include "primitives/shape.h"

namespace mxg {

std::vector<array> vjp_Reshape(const Primitive&, const std::vector<array>& primals,
                               const std::vector<array>& cotangents, const std::vector<int>&,
                               const std::vector<array>&) {
  return {reshape(cotangents[0], primals[0].shape())};
}

std::vector<array> jvp_Reshape(const Primitive&, const std::vector<array>&,
                               const std::vector<array>& tangents, const std::vector<int>&,
                               const std::vector<array>& outputs) {
  return {reshape(tangents[0], outputs[0].shape())};
}

std::vector<array> vjp_Transpose(const Primitive& p, const std::vector<array>&,
                                 const std::vector<array>& cotangents, const std::vector<int>&,
                                 const std::vector<array>&) {
  const auto& axes = static_cast<const Transpose&>(p).axes();
  std::vector<int> inverse(axes.size());
  for (size_t i = 0; i < axes.size(); ++i) inverse[axes[i]] = static_cast<int>(i);
  return {transpose(cotangents[0], inverse)};
}

std::vector<array> jvp_Transpose(const Primitive& p, const std::vector<array>&,
                                 const std::vector<array>& tangents, const std::vector<int>&,
                                 const std::vector<array>&) {
  return {transpose(tangents[0], static_cast<const Transpose&>(p).axes())};
}

std::vector<array> vjp_Broadcast(const Primitive&, const std::vector<array>& primals,
                                 const std::vector<array>& cotangents, const std::vector<int>&,
                                 const std::vector<array>&) {
  return {unbroadcast(cotangents[0], primals[0].shape())};
}

std::vector<array> jvp_Broadcast(const Primitive&, const std::vector<array>&,
                                 const std::vector<array>& tangents, const std::vector<int>&,
                                 const std::vector<array>& outputs) {
  return {broadcast_to(tangents[0], outputs[0].shape())};
}

std::vector<array> vjp_Copy(const Primitive&, const std::vector<array>&,
                            const std::vector<array>& cotangents, const std::vector<int>&,
                            const std::vector<array>&) {
  return {cotangents[0]};
}

std::vector<array> jvp_Copy(const Primitive&, const std::vector<array>&,
                            const std::vector<array>& tangents, const std::vector<int>&,
                            const std::vector<array>&) {
  return {tangents[0]};
}

} // namespace mxg
