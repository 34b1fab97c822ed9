"""The guide's control-flow block: a scalar array in `if` evaluates each time.

The guide leaves `some_condition` undefined and the bodies as comments; this script
sets the condition and counts how often each body runs.
"""

import mxgraph.core as mx

some_condition = True  # Added
hits = [0, 0]  # Added: how often each loop's body ran

# Avoid this pattern in tight loops
for i in range(1000):
    if mx.array(some_condition):  # Each triggers evaluation!
        # do something
        hits[0] += 1

# Better approach: use NumPy for control flow decisions
for i in range(1000):
    condition_value = mx.array(some_condition).item()
    if condition_value:
        # do something
        hits[1] += 1

print("bodies run:", hits)  # Added
