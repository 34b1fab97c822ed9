// TEMPORARY: rules not written yet; this file is deleted when they are. Never lands.
#include <stdexcept>
#include "primitives/grad_rules.h"
namespace mxg {
std::vector<array> vjp_Reduce(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] Reduce: no rule yet"); }
std::vector<array> jvp_Reduce(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] Reduce: no rule yet"); }
std::vector<array> vjp_Scan(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] Scan: no rule yet"); }
std::vector<array> jvp_Scan(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] Scan: no rule yet"); }
std::vector<array> vjp_Sort(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] Sort: no rule yet"); }
std::vector<array> jvp_Sort(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] Sort: no rule yet"); }
std::vector<array> vjp_Partition(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] Partition: no rule yet"); }
std::vector<array> jvp_Partition(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] Partition: no rule yet"); }
}
