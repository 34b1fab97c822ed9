// Docstrings of dtypes, devices, streams and printing (dtype_device.cpp, array.cpp, ops_misc.cpp).
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_types() {
  static const std::vector<Doc> table = {
    {"Dtype", R"(The element type of an array: ``mx.bool_``, ``mx.int8`` ... ``mx.uint64``, ``mx.float16``, ``mx.bfloat16``, ``mx.float32``, ``mx.float64``, ``mx.complex64``.

Example:
    >>> mx.float32
    mxgraph.core.float32
    >>> mx.array([1, 2]).dtype == mx.int32
    True
    >>> mx.float16.size
    2
)"},
    {"Dtype.size", R"(Bytes per element.
)"},
    {"DtypeCategory", R"(Abstract kinds of dtypes (``mx.floating``, ``mx.integer``, ``mx.number``...), for :func:`issubdtype`.

Args:
    value (int): The category's code.

Example:
    >>> mx.issubdtype(mx.float16, mx.floating)
    True
)"},
    {"DtypeCategory.name", R"(The category's name.
)"},
    {"DtypeCategory.value", R"(The category's code.
)"},
    {"DeviceType", R"(The kind of a device: ``mx.cpu`` or ``mx.gpu``.

Args:
    value (int): The kind's code.

Example:
    >>> mx.cpu
    <DeviceType.cpu: 0>
    >>> mx.default_device() == mx.cpu
    True
)"},
    {"DeviceType.name", R"(The kind's name.
)"},
    {"DeviceType.value", R"(The kind's code.
)"},
    {"Device", R"(A device that runs computations: a kind and an index.

Args:
    type (DeviceType): ``mx.cpu`` or ``mx.gpu``.
    index (int, optional): Which device of that kind. Default: ``0``.

Example:
    >>> mx.Device(mx.cpu)
    Device(cpu, 0)
    >>> mx.Device(mx.cpu).type
    <DeviceType.cpu: 0>
)"},
    {"Device.type", R"(The device's kind (a :class:`DeviceType`).
)"},
    {"Device.index", R"(The device's index among those of its kind.
)"},
    {"Stream", R"(A queue of work on a device; ops take one as ``stream=``.

Example:
    >>> s = mx.default_stream(mx.cpu)
    >>> s.device
    Device(cpu, 0)
)"},
    {"Stream.device", R"(The device the stream runs on.
)"},
    {"Stream.index", R"(The stream's index.
)"},
    {"issubdtype", R"(Tells whether a dtype or category is a subtype of another, as NumPy's ``issubdtype``.

Args:
    arg1 (Dtype or DtypeCategory): The type to test.
    arg2 (Dtype or DtypeCategory): The type or category to test against.

Returns:
    bool: True when ``arg1`` is ``arg2`` or falls under it.

Example:
    >>> mx.issubdtype(mx.int8, mx.integer)
    True
    >>> mx.issubdtype(mx.float32, mx.integer)
    False
)"},
    {"promote_types", R"(The dtype two dtypes promote to in a binary operation.

Args:
    type1 (Dtype): First dtype.
    type2 (Dtype): Second dtype.

Returns:
    Dtype: The promoted dtype.

Example:
    >>> mx.promote_types(mx.int8, mx.uint8)
    mxgraph.core.int16
    >>> mx.promote_types(mx.int32, mx.float16)
    mxgraph.core.float16
)"},
    {"result_type", R"(The dtype an operation on the given arrays, dtypes and Python scalars produces (scalars are weak: they do not widen an array's type).

Args:
    *arrays_and_dtypes (array or Dtype or scalar): The operands.

Returns:
    Dtype: The result dtype.

Example:
    >>> mx.result_type(mx.array([1], dtype=mx.int8), 2)
    mxgraph.core.int8
    >>> mx.result_type(mx.int8, 1.0)
    mxgraph.core.float32
)"},
    {"can_cast", R"(Tells whether a value of one dtype converts to another without loss (NumPy's "safe" casting).

Args:
    from_ (Dtype or array): The source type (or an array's).
    to (Dtype): The target type.

Returns:
    bool: True for a safe cast.

Example:
    >>> mx.can_cast(mx.int8, mx.int32)
    True
    >>> mx.can_cast(mx.float32, mx.int32)
    False
)"},
    {"isdtype", R"(Tells whether a dtype is of a kind, as the array API's ``isdtype``.

Args:
    dtype (Dtype): The dtype to test.
    kind (str or Dtype or tuple): ``"bool"``, ``"signed integer"``, ``"unsigned integer"``, ``"integral"``, ``"real floating"``, ``"complex floating"``, ``"numeric"``, a dtype, or a tuple of these.

Returns:
    bool: True when ``dtype`` is of that kind.

Example:
    >>> mx.isdtype(mx.float32, "real floating")
    True
    >>> mx.isdtype(mx.uint8, ("bool", "signed integer"))
    False
)"},
    {"default_device", R"(The device that operations run on when given no stream.

Returns:
    Device: The default device.

Example:
    >>> mx.default_device()
    Device(cpu, 0)
)"},
    {"set_default_device", R"(Sets the device that operations run on when given no stream.

Args:
    device (Device or DeviceType): The new default.

Example:
    >>> mx.set_default_device(mx.cpu)
    >>> mx.default_device()
    Device(cpu, 0)
)"},
    {"default_stream", R"(The default stream of a device.

Args:
    device (Device or DeviceType): The device.

Returns:
    Stream: Its default stream.

Example:
    >>> mx.default_stream(mx.cpu)
    Stream(Device(cpu, 0), 0)
)"},
    {"set_default_stream", R"(Sets the default stream of its device (and makes that device the default).

Args:
    stream (Stream): The stream.

Example:
    >>> mx.set_default_stream(mx.default_stream(mx.cpu))
)"},
    {"new_stream", R"(Creates a new stream on a device.

Args:
    device (Device or DeviceType): The device.

Returns:
    Stream: The new stream.

Example:
    >>> s = mx.new_stream(mx.cpu)
    >>> mx.add(1, 2, stream=s)
    array(3, dtype=int32)
)"},
    {"is_available", R"(Tells whether a device can run computations here (the CPU always can; there is no GPU backend yet).

Args:
    device (Device or DeviceType): The device.

Returns:
    bool: True when it is available.

Example:
    >>> mx.is_available(mx.cpu)
    True
    >>> mx.is_available(mx.gpu)
    False
)"},
    {"device_info", R"(Facts about a device (architecture, memory size...).

Args:
    d (Device, optional): The device; ``None`` uses the default device.

Returns:
    dict(str, str): The facts by name.

Example:
    >>> "architecture" in mx.device_info()
    True
)"},
    {"device_count", R"(The number of devices of a kind that are available.

Args:
    device_type (DeviceType): ``mx.cpu`` or ``mx.gpu``.

Returns:
    int: How many there are.

Example:
    >>> mx.device_count(mx.cpu)
    1
)"},
    {"PrintOptions", R"(The options array printing uses, from :func:`get_printoptions`.

Example:
    >>> mx.get_printoptions().precision
    -1
)"},
    {"PrintOptions.precision", R"(Digits after the decimal point when printing floats; -1 means NumPy's default (shortest round-trip up to 4 significant decimals).
)"},
    {"set_printoptions", R"(Sets how arrays print.

Args:
    precision (int, optional): Digits after the decimal point; -1 restores the default. Default: ``-1``.

Example:
    >>> mx.set_printoptions(precision=2)
    >>> mx.array([1 / 3])
    array([0.33], dtype=float32)
    >>> mx.set_printoptions()
)"},
    {"get_printoptions", R"(The print options in effect.

Returns:
    PrintOptions: The options.

Example:
    >>> mx.get_printoptions().precision
    -1
)"},
    {"printoptions", R"(A context manager that sets print options for a block and restores them after.

Args:
    precision (int, optional): Digits after the decimal point. Default: ``-1``.

Returns:
    A context manager.

Example:
    >>> with mx.printoptions(precision=1):
    ...     print(mx.array([2 / 3]))
    array([0.7], dtype=float32)
)"},
  };
  return table;
}

} // namespace mxg::python
