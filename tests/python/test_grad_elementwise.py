"""vjp/jvp of the elementwise ops against finite differences, through the harness."""

import pytest

from harness import check_grads, case_ids
from test_ops_elementwise import CASES

# Ops whose outputs are floating and differentiable over the case's domain.
# stop_gradient is the identity as a function but has zero derivative by design.
GRAD_CASES = [
    c for c in CASES
    if any(d in ("float32", "float64") for d in c.dtypes) and c.name != "stop_gradient"
]


@pytest.mark.parametrize("case", GRAD_CASES, ids=case_ids(GRAD_CASES))
def test_grads(case):
    check_grads(case)
