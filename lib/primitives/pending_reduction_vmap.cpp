// TEMPORARY: batching rules not written yet; deleted when they are. Never lands.
#include <stdexcept>
#include "primitives/vmap_rules.h"
namespace mxg {
VmapResult vmap_Reduce(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Reduce: no rule yet"); }
VmapResult vmap_ArgReduce(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] ArgReduce: no rule yet"); }
VmapResult vmap_Scan(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Scan: no rule yet"); }
VmapResult vmap_Sort(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Sort: no rule yet"); }
VmapResult vmap_ArgSort(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] ArgSort: no rule yet"); }
VmapResult vmap_Partition(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] Partition: no rule yet"); }
VmapResult vmap_ArgPartition(const Primitive&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vmap] ArgPartition: no rule yet"); }
}
