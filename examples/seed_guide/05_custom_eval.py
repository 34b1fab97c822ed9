"""The guide's custom-evaluation block: evaluate some outputs now, the rest later.

Unpacking `mx.eval(y, z)` relies on mxgraph's eval returning its arguments (MLX's
returns None).
"""

import mxgraph.core as mx

# Build computation graph
x = mx.array([1.0, 2.0, 3.0])
y = mx.sin(x)
z = mx.cos(x)
w = y + z

# Evaluate only specific outputs
result_y, result_z = mx.eval(y, z)

# Later, evaluate combined result
result_w = mx.eval(w)

print("sin:", result_y.tolist())  # Added
print("cos:", result_z.tolist())
print("sin + cos:", result_w.tolist())
