// The array: a cheap handle to either data (evaluated) or a primitive applied to
// input arrays (pending). Operations build pending arrays; eval() computes them.
#pragma once

#include <complex>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "mxgraph/device.h"
#include "mxgraph/dtype.h"
#include "mxgraph/memory.h"

namespace mxg {

using Shape = std::vector<int64_t>;
using Strides = std::vector<int64_t>;

class Primitive;
class array;
struct ArrayDesc;

/// Layout facts about an evaluated array's data.
struct Flags {
  bool contiguous = true;     // the data_size elements are dense (any order)
  bool row_contiguous = true; // C order, no gaps
  bool col_contiguous = true; // Fortran order, no gaps
};

/// One application of a primitive: its inputs and the arrays it produces.
/// Released iteratively, so a million-deep chain frees without recursion.
struct Node {
  std::shared_ptr<Primitive> primitive;
  std::vector<array> inputs;
  std::vector<std::weak_ptr<ArrayDesc>> outputs;
  std::vector<Shape> output_shapes; // kept for multi-output nodes only
  std::vector<Dtype> output_dtypes;
  ~Node();
};

/// The state behind an array handle.
struct ArrayDesc {
  Shape shape;
  Strides strides;
  Dtype dtype = float32;
  int64_t size = 1;
  // Data, once evaluated.
  std::shared_ptr<Buffer> buffer;
  char* data_ptr = nullptr;
  int64_t data_size = 0; // elements spanned by the data
  Flags flags;
  // The computation, while pending.
  std::shared_ptr<Node> node;
  uint32_t position = 0; // which output of the node
  // Built from the inputs of a transform (vjp/jvp/vmap): eval keeps its graph.
  bool tracer = false;
};

/// Row-major strides (in elements) for a shape.
Strides row_strides(const Shape& shape);
/// Number of elements of a shape; throws std::invalid_argument on overflow.
int64_t shape_size(const Shape& shape, const char* op = "array");

class array {
 public:
  /// A 0-d array holding a scalar.
  template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  explicit array(T val, Dtype dtype = dtype_of<T>::value);
  array(std::complex<float> val, Dtype dtype = complex64);
  /// A 1-d array from a list.
  template <typename T>
  array(std::initializer_list<T> data, Dtype dtype = dtype_of<T>::value);
  /// An array copied from `data` (elements of type T) with the given shape.
  template <typename T>
  array(const T* data, const Shape& shape, Dtype dtype = dtype_of<T>::value);
  /// An array over an existing buffer (row-major), without copying.
  array(std::shared_ptr<Buffer> buffer, const Shape& shape, Dtype dtype);
  /// A pending array: output 0 of `primitive` applied to `inputs`.
  array(Shape shape, Dtype dtype, std::shared_ptr<Primitive> primitive, std::vector<array> inputs);
  /// Several pending arrays sharing one primitive application.
  static std::vector<array> make_arrays(std::vector<Shape> shapes, std::vector<Dtype> dtypes,
                                        std::shared_ptr<Primitive> primitive,
                                        std::vector<array> inputs);
  /// An unevaluated array with no data yet, for kernels that produce outputs.
  static array empty_like(const Shape& shape, Dtype dtype);

  const Shape& shape() const { return desc_->shape; }
  int64_t shape(int dim) const;
  int ndim() const { return static_cast<int>(desc_->shape.size()); }
  int64_t size() const { return desc_->size; }
  Dtype dtype() const { return desc_->dtype; }
  int itemsize() const { return size_of(desc_->dtype); }
  int64_t nbytes() const { return size() * itemsize(); }
  const Strides& strides() const { return desc_->strides; }
  int64_t strides(int dim) const { return desc_->strides.at(dim); }

  /// Computes the array if it is pending (an explicit evaluation).
  void eval();
  /// The single element, converted to T; evaluates. Throws if size() != 1.
  template <typename T>
  T item();

  bool is_evaluated() const { return desc_->buffer != nullptr || !desc_->node; }
  /// True for arrays built from a transform's inputs (their graph outlives eval).
  bool is_tracer() const { return desc_->tracer; }
  void set_tracer(bool t) { desc_->tracer = t; }
  bool has_primitive() const { return static_cast<bool>(desc_->node); }
  Primitive& primitive() const;
  const std::shared_ptr<Primitive>& primitive_ptr() const;
  const std::vector<array>& inputs() const;
  /// All outputs of this array's node (itself included), in order.
  std::vector<array> outputs() const;
  uint32_t output_index() const { return desc_->position; }
  const std::shared_ptr<Node>& node() const { return desc_->node; }

  // Data access (valid once evaluated).
  template <typename T>
  T* data() { return reinterpret_cast<T*>(desc_->data_ptr); }
  template <typename T>
  const T* data() const { return reinterpret_cast<const T*>(desc_->data_ptr); }
  void* raw_data() const { return desc_->data_ptr; }
  const Flags& flags() const { return desc_->flags; }
  int64_t data_size() const { return desc_->data_size; }
  const std::shared_ptr<Buffer>& buffer() const { return desc_->buffer; }

  // For kernels: give an output its data.
  /// Allocates a fresh row-major buffer for all elements.
  void set_data(std::shared_ptr<Buffer> buffer);
  /// Sets data with an explicit layout; `data` points inside `buffer`.
  void set_data(std::shared_ptr<Buffer> buffer, char* data, int64_t data_size, Strides strides,
                Flags flags);
  /// Shares `other`'s buffer with a new layout (views: reshape, transpose, slice).
  void copy_shared_buffer(const array& other, Strides strides, Flags flags, int64_t data_size,
                          int64_t offset_elements = 0);
  /// Takes over `other`'s buffer and layout (donation).
  void move_shared_buffer(array& other);
  /// True when this array is the only holder of its buffer, so an output may reuse it.
  bool is_donatable() const;
  /// Drops the primitive and inputs (after evaluation).
  void detach();

  /// Identity of the handle's state (same for copies of the handle).
  const void* id() const { return desc_.get(); }
  long use_count() const { return desc_.use_count(); }
  const std::shared_ptr<ArrayDesc>& desc() const { return desc_; }
  explicit array(std::shared_ptr<ArrayDesc> desc) : desc_(std::move(desc)) {}

 private:
  void init_copy(const void* src, Dtype src_dtype, const Shape& shape, Dtype dtype);
  std::shared_ptr<ArrayDesc> desc_;
};

/// Copies `n` elements of type `src_dtype` to `dst` converting to `dst_dtype`.
void convert_elements(const void* src, Dtype src_dtype, void* dst, Dtype dst_dtype, int64_t n);

template <typename T, typename>
array::array(T val, Dtype dtype) : desc_(std::make_shared<ArrayDesc>()) {
  init_copy(&val, dtype_of<T>::value, {}, dtype);
}

template <typename T>
array::array(std::initializer_list<T> data, Dtype dtype) : desc_(std::make_shared<ArrayDesc>()) {
  init_copy(data.begin(), dtype_of<T>::value, {static_cast<int64_t>(data.size())}, dtype);
}

template <typename T>
array::array(const T* data, const Shape& shape, Dtype dtype)
    : desc_(std::make_shared<ArrayDesc>()) {
  init_copy(data, dtype_of<T>::value, shape, dtype);
}

template <typename T>
T array::item() {
  if (size() != 1) {
    throw std::invalid_argument("[item] Only arrays with one element can be converted to a scalar; this one has " +
                                std::to_string(size()) + " elements.");
  }
  eval();
  T out;
  // data_ptr points at the single element whatever the strides.
  convert_elements(desc_->data_ptr, dtype(), &out, dtype_of<T>::value, 1);
  return out;
}

} // namespace mxg
