// TEMPORARY: rules not written yet; this file is deleted when they are. Never lands.
#include <stdexcept>
#include "primitives/grad_rules.h"
namespace mxg {
std::vector<array> vjp_Slice(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] Slice: no rule yet"); }
std::vector<array> jvp_Slice(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] Slice: no rule yet"); }
std::vector<array> vjp_AsStrided(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] AsStrided: no rule yet"); }
std::vector<array> jvp_AsStrided(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] AsStrided: no rule yet"); }
std::vector<array> vjp_Concatenate(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] Concatenate: no rule yet"); }
std::vector<array> jvp_Concatenate(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] Concatenate: no rule yet"); }
std::vector<array> vjp_SliceUpdate(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] SliceUpdate: no rule yet"); }
std::vector<array> jvp_SliceUpdate(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] SliceUpdate: no rule yet"); }
std::vector<array> vjp_View(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] View: no rule yet"); }
std::vector<array> jvp_View(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] View: no rule yet"); }
std::vector<array> vjp_Gather(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] Gather: no rule yet"); }
std::vector<array> jvp_Gather(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] Gather: no rule yet"); }
std::vector<array> vjp_Scatter(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] Scatter: no rule yet"); }
std::vector<array> jvp_Scatter(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] Scatter: no rule yet"); }
std::vector<array> vjp_GatherAxis(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] GatherAxis: no rule yet"); }
std::vector<array> jvp_GatherAxis(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] GatherAxis: no rule yet"); }
std::vector<array> vjp_ScatterAxis(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[vjp] ScatterAxis: no rule yet"); }
std::vector<array> jvp_ScatterAxis(const Primitive&, const std::vector<array>&, const std::vector<array>&, const std::vector<int>&, const std::vector<array>&) { throw std::logic_error("[jvp] ScatterAxis: no rule yet"); }
}
