// TEMPORARY: batching rules not written yet; deleted when they are. Never lands.
#include <stdexcept>
#include "primitives/vmap_rules.h"
namespace mxg {
VmapResult vmap_Reshape(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Reshape: no rule yet"); }
VmapResult vmap_Transpose(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Transpose: no rule yet"); }
VmapResult vmap_Broadcast(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Broadcast: no rule yet"); }
VmapResult vmap_Slice(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Slice: no rule yet"); }
VmapResult vmap_AsStrided(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] AsStrided: no rule yet"); }
VmapResult vmap_Copy(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Copy: no rule yet"); }
VmapResult vmap_Concatenate(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Concatenate: no rule yet"); }
VmapResult vmap_SliceUpdate(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] SliceUpdate: no rule yet"); }
VmapResult vmap_Gather(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Gather: no rule yet"); }
VmapResult vmap_Scatter(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Scatter: no rule yet"); }
VmapResult vmap_GatherAxis(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] GatherAxis: no rule yet"); }
VmapResult vmap_ScatterAxis(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] ScatterAxis: no rule yet"); }
}
