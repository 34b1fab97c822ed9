"""The guide's first block: explicit evaluation with mx.eval.

mxgraph's mx.eval returns what it evaluated, so `result` is `w` and the print shows
its values (MLX's returns None).
"""

import mxgraph.core as mx

# Create lazy computation
x = mx.array([1.0, 2.0, 3.0])
y = mx.array([4.0, 5.0, 6.0])
z = x + y
w = z * 2

# Explicitly force evaluation
result = mx.eval(w)
print(result)  # Computation happens here
