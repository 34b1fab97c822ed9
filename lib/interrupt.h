// A hook eval() calls between nodes so a host (the Python binding) can stop a long
// evaluation, e.g. on Ctrl-C. Nodes not yet run stay pending and can be evaluated again.
#pragma once

namespace mxg {

/// Called by eval() between nodes, at most about every 20 ms; it stops the evaluation
/// by throwing. nullptr (the default) turns the check off.
using InterruptCheck = void (*)();
void set_interrupt_check(InterruptCheck check);

/// Evaluations run one at a time. A host whose threads may hold a lock that a running
/// evaluation needs (Python's GIL, taken by the interrupt check) installs a hook that
/// calls `wait(ctx)` with that lock released; eval() uses it only when it must wait.
using EvalWaitHook = void (*)(void (*wait)(void*), void* ctx);
void set_eval_wait_hook(EvalWaitHook hook);

} // namespace mxg
