"""The harness's deep-chain check for every op family: about 100,000 graph nodes
cycling through the family's ops, evaluated, differentiated and vmapped (closed
forms; see harness.check_deep_chain)."""

import pytest

from harness import check_deep_chain
from test_ops_elementwise import CASES as ELEMENTWISE
from test_ops_linalg import CASES as LINALG
from test_ops_misc import VALUE_CASES as MISC
from test_ops_reduction import ARGS, REDUCTIONS, SCANS
from test_ops_shape import CASES as SHAPE
from test_ops_sort import SORTS

FAMILIES = {
    "elementwise": ELEMENTWISE,
    "reduction": REDUCTIONS + ARGS + SCANS,
    "shape": SHAPE,
    "linalg": LINALG,
    "sort": SORTS,
    "misc": MISC,
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_deep_chain_of_every_family(family):
    steps = check_deep_chain(FAMILIES[family])
    assert steps >= 5_000
