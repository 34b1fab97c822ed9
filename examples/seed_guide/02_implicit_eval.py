"""The guide's second block: printing, NumPy conversion and .item() evaluate.

`c.numpy()` is a spelling mxgraph accepts beyond MLX (MLX: `np.array(c)`).
"""

import mxgraph.core as mx

a = mx.random.normal((100, 100))
b = mx.random.normal((100, 100))
c = a @ b

# These trigger evaluation automatically
print(c)                    # Printing
numpy_array = c.numpy()    # NumPy conversion
item_value = c[0, 0].item()  # Scalar extraction

# Added for this example: what the triggers produced.
print("numpy:", type(numpy_array).__name__, numpy_array.shape, "item:", item_value)
