// Per-primitive (de)serialisation for .mxfn: write_<Kind> encodes a primitive's
// parameters; build_<Kind> decodes them, checks them against the actual inputs and
// rebuilds the node. Declared for every registry entry (the tables in
// lib/export/kinds.cpp reference all of them, so a new kind without them fails to link).
#pragma once

#include <string>
#include <vector>

#include "export/codec.h"
#include "mxgraph/export.h"
#include "mxgraph/primitive.h"

namespace mxg::mxfn {

/// What building one node knows besides its parameters and inputs.
struct BuildCtx {
  Stream stream;
  const NodeDesc& node;
  const std::vector<const ArraySpec*>& in_specs; // the recorded specs of the inputs
  size_t index;                                  // the node's position, for messages
};

#define MXG_DECLARE_MXFN(name, family)                                        \
  void write_##name(Writer& w, const Primitive& p);                           \
  std::vector<array> build_##name(Reader& r, const std::vector<array>& in, const BuildCtx& c);
MXG_PRIMITIVES(MXG_DECLARE_MXFN)
#undef MXG_DECLARE_MXFN

/// Encodes p's parameters; throws std::invalid_argument "[export_function] ..." for
/// a primitive that cannot be exported.
void write_params(Writer& w, const Primitive& p);
/// Rebuilds a node on `in`; the outputs' dtypes (and shapes, for a non-shapeless
/// call on the exported shapes) must match the file's.
std::vector<array> build_node(const std::vector<array>& in, const BuildCtx& c);

} // namespace mxg::mxfn
