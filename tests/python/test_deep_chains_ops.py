"""The harness's deep-chain check for every op family: a chain at least 100,000 graph
nodes deep cycling through the family's ops is evaluated, differentiated and vmapped,
and one such chain through the ops of all families is dumped, dropped pending and
compiled (closed forms; see harness.check_deep_chain and check_deep_chain_tools)."""

import pytest

from harness import check_deep_chain, check_deep_chain_tools
from test_indexing import INDEX_CASES
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
    "indexing": INDEX_CASES,
    "linalg": LINALG,
    "sort": SORTS,
    "misc": MISC,
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_deep_chain_of_every_family(family):
    steps = check_deep_chain(FAMILIES[family])
    assert steps >= 10_000


def test_deep_chain_of_all_families_through_the_graph_tools():
    steps = check_deep_chain_tools([case for cases in FAMILIES.values() for case in cases])
    assert steps >= 10_000
