// Docstrings of the file formats (io.cpp).
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_io() {
  static const std::vector<Doc> table = {
    {"save", R"(Saves one array to a NumPy ``.npy`` file (``.npy`` is appended to a path without it).

Args:
    file (str or file): A path or a binary file object.
    arr (array): The array to save.

Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "x.npy")
    >>> mx.save(path, mx.array([1, 2, 3]))
    >>> mx.load(path)
    array([1, 2, 3], dtype=int32)
)"},
    {"savez", R"(Saves arrays to an uncompressed ``.npz`` archive; positional arrays are named ``arr_0``, ``arr_1``...

Args:
    file (str or file): A path or a binary file object.
    *args (array): Arrays saved as ``arr_0``, ``arr_1``...
    **kwargs (array): Arrays saved under their keyword.

Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "w.npz")
    >>> mx.savez(path, mx.zeros(2), bias=mx.ones(1))
    >>> sorted(mx.load(path))
    ['arr_0', 'bias']
)"},
    {"savez_compressed", R"(As :func:`savez`, with every array deflate-compressed.

Args:
    file (str or file): A path or a binary file object.
    *args (array): Arrays saved as ``arr_0``, ``arr_1``...
    **kwargs (array): Arrays saved under their keyword.

Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "w.npz")
    >>> mx.savez_compressed(path, w=mx.zeros(1000))
    >>> mx.load(path)["w"].shape
    (1000,)
)"},
    {"save_safetensors", R"(Saves a dict of arrays to a ``.safetensors`` file (``.safetensors`` is appended to a path without it).

Args:
    file (str or file): A path or a binary file object.
    arrays (dict(str, array)): The arrays by name.
    metadata (dict(str, str), optional): Text metadata stored in the header.

Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "m.safetensors")
    >>> mx.save_safetensors(path, {"w": mx.ones((2, 2))}, {"step": "3"})
    >>> mx.load(path, return_metadata=True)[1]
    {'step': '3'}
)"},
    {"save_gguf", R"(Saves a dict of arrays to a GGUF file (``.gguf`` is appended to a path without it).

Args:
    file (str or file): A path or a binary file object.
    arrays (dict(str, array)): The arrays by name.
    metadata (dict, optional): Metadata values (str, numbers, lists, arrays) by key.

Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "m.gguf")
    >>> mx.save_gguf(path, {"w": mx.ones((2,))})
    >>> mx.load(path)["w"]
    array([1, 1], dtype=float32)
)"},
    {"load", R"(Loads arrays from a ``.npy``, ``.npz``, ``.safetensors`` or ``.gguf`` file. Loading is lazy: the data is read (memory-mapped where possible) when an array is evaluated.

Args:
    file (str or file): A path or a binary file object.
    format (str, optional): ``"npy"``, ``"npz"``, ``"safetensors"`` or ``"gguf"``; ``None`` goes by the file's extension.
    return_metadata (bool, optional): Also return the file's metadata (safetensors and GGUF). Default: ``False``.

Returns:
    array or dict(str, array): One array for ``.npy``, else a dict by name; with ``return_metadata``, a ``(arrays, metadata)`` pair.

Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "a.npz")
    >>> mx.savez(path, x=mx.arange(3))
    >>> mx.load(path)
    {'x': array([0, 1, 2], dtype=int32)}
)"},
  };
  return table;
}

} // namespace mxg::python
