// A hook eval() calls between nodes so a host (the Python binding) can stop a long
// evaluation, e.g. on Ctrl-C. Nodes not yet run stay pending and can be evaluated again.
#pragma once

namespace mxg {

/// Called by eval() between nodes, at most about every 20 ms; it stops the evaluation
/// by throwing. nullptr (the default) turns the check off.
using InterruptCheck = void (*)();
void set_interrupt_check(InterruptCheck check);

} // namespace mxg
