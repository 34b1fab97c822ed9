"""vmap of the elementwise and linalg ops against a Python loop, through the harness."""

import pytest

from harness import case_ids, check_vmap
from test_ops_elementwise import CASES as ELEMENTWISE
from test_ops_linalg import CASES as LINALG

CASES = [c for c in ELEMENTWISE if c.name not in ("view",)] + list(LINALG)


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_vmap(case):
    check_vmap(case)
