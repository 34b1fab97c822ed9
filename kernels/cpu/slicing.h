// Byte-moving helpers shared by the slicing, concatenation and gather/scatter kernels.
#pragma once

#include "mxgraph/array.h"

namespace mxg {

/// Copies the elements of `shape` (of `itemsize` bytes) from `src` to `dst`, each
/// addressed through its own strides (in elements; negative allowed).
void copy_elements(const void* src, const Strides& src_strides, void* dst,
                   const Strides& dst_strides, const Shape& shape, int itemsize);

/// Makes `out` a view of `in`'s buffer starting `offset` elements after in's data,
/// with `strides`; sets data_size and the contiguity flags from the layout.
void make_view(array& out, const array& in, Strides strides, int64_t offset);

/// Gives `out` a row-major buffer holding a copy of `in` (in's buffer itself when
/// `in` is row-contiguous and donatable).
void copy_or_donate(const array& in, array& out);

} // namespace mxg
