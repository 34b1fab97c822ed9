// Creation operations: arrays filled with constants, ranges, identity-like
// matrices and grids. Constant fills are broadcast views of one scalar (no copy).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mxgraph/array.h"

namespace mxg {

/// Values in [start, stop) spaced by step, of the given dtype. Throws on a zero or
/// non-finite step and on non-finite bounds; an empty range gives an empty array.
array arange(double start, double stop, double step, Dtype dtype, StreamOrDevice s = {});
/// Float bounds give float32.
array arange(double start, double stop, double step = 1.0, StreamOrDevice s = {});
array arange(double stop, StreamOrDevice s = {});
/// Integer bounds give int32.
array arange(int start, int stop, int step = 1, StreamOrDevice s = {});
array arange(int stop, StreamOrDevice s = {});

/// `num` evenly spaced values from start to stop (stop included when endpoint).
array linspace(double start, double stop, int num = 50, bool endpoint = true,
               Dtype dtype = float32, StreamOrDevice s = {});

/// `vals` broadcast to `shape` (cast to dtype when given).
array full(Shape shape, const array& vals, std::optional<Dtype> dtype = std::nullopt,
           StreamOrDevice s = {});
array zeros(const Shape& shape, Dtype dtype = float32, StreamOrDevice s = {});
array ones(const Shape& shape, Dtype dtype = float32, StreamOrDevice s = {});
array zeros_like(const array& a, std::optional<Dtype> dtype = std::nullopt, StreamOrDevice s = {});
array ones_like(const array& a, std::optional<Dtype> dtype = std::nullopt, StreamOrDevice s = {});
/// `vals` broadcast to a's shape, with a's dtype unless dtype is given.
array full_like(const array& a, const array& vals, std::optional<Dtype> dtype = std::nullopt,
                StreamOrDevice s = {});

/// n x m matrix with ones on diagonal k.
array eye(int n, std::optional<int> m = std::nullopt, int k = 0, Dtype dtype = float32,
          StreamOrDevice s = {});
array identity(int n, Dtype dtype = float32, StreamOrDevice s = {});
/// n x m matrix with ones at and below diagonal k.
array tri(int n, std::optional<int> m = std::nullopt, int k = 0, Dtype dtype = float32,
          StreamOrDevice s = {});
/// Zeroes the elements above (tril) / below (triu) diagonal k of the last two axes.
array tril(const array& x, int k = 0, StreamOrDevice s = {});
array triu(const array& x, int k = 0, StreamOrDevice s = {});

/// Coordinate grids from 1-d coordinate arrays (inputs are flattened);
/// indexing "xy" (Cartesian) or "ij" (matrix).
std::vector<array> meshgrid(const std::vector<array>& arrays, bool sparse = false,
                            const std::string& indexing = "xy", StreamOrDevice s = {});

} // namespace mxg
