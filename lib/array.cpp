#include "mxgraph/array.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "cpu/cast.h"
#include "mxgraph/primitive.h"
#include "mxgraph/eval_log.h"
#include "mxgraph/transforms.h"

namespace mxg {
namespace {

// A per-thread cache of small blocks for pending arrays' ArrayDesc and Node (with
// their shared_ptr control blocks). A 1000-op graph allocates and then frees
// thousands of them; glibc caches 7 blocks per size per thread, and the rest took
// its slow, coalescing path (malloc and free were ~30% of a tiny op's samples).
constexpr size_t kBlock = 160; // an ArrayDesc or a Node with its control block (144, 128 bytes)
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define MXG_BLOCK_CACHE_OFF 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(MXG_BLOCK_CACHE_OFF)
constexpr size_t kMaxCachedBlocks = 0; // the sanitizers see every free
#else
constexpr size_t kMaxCachedBlocks = size_t(1) << 16; // at most 10 MiB per thread
#endif

// Plain data (no constructor or destructor), so an access is one TLS address
// lookup; a guarded thread_local (a std::vector) cost four __tls_get_addr calls per
// block. BlockReaper, registered on the first growth, frees the blocks at thread exit.
struct BlockCache {
  void** items;
  size_t n, cap;
  bool gone; // this thread's cache was freed: blocks go straight to the heap
};
thread_local BlockCache t_cache{};

struct BlockReaper {
  ~BlockReaper() {
    BlockCache& c = t_cache;
    for (size_t i = 0; i < c.n; ++i) ::operator delete(c.items[i]);
    std::free(c.items);
    c = BlockCache{nullptr, 0, 0, true};
  }
};

// Room for more cached blocks (false: keep none).
bool grow_block_cache(BlockCache& c) {
  if (c.gone || c.cap >= kMaxCachedBlocks) return false;
  thread_local BlockReaper reaper; // constructed once per thread, on this first growth
  (void)reaper;
  size_t cap = std::min<size_t>(c.cap ? c.cap * 2 : 256, kMaxCachedBlocks);
  void* items = std::realloc(c.items, cap * sizeof(void*));
  if (!items) return false;
  c.items = static_cast<void**>(items);
  c.cap = cap;
  return true;
}

void* block_alloc() {
  BlockCache& c = t_cache;
  if (c.n) return c.items[--c.n];
  return ::operator new(kBlock);
}

void block_free(void* p) {
  BlockCache& c = t_cache;
  if (c.n < c.cap || grow_block_cache(c)) {
    c.items[c.n++] = p;
    return;
  }
  ::operator delete(p);
}

template <typename T>
struct BlockAllocator {
  using value_type = T;
  BlockAllocator() = default;
  template <typename U>
  BlockAllocator(const BlockAllocator<U>&) {}
  T* allocate(size_t n) {
    static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);
    return static_cast<T*>(n * sizeof(T) <= kBlock ? block_alloc() : ::operator new(n * sizeof(T)));
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) <= kBlock) {
      block_free(p);
    } else {
      ::operator delete(p);
    }
  }
  template <typename U>
  bool operator==(const BlockAllocator<U>&) const { return true; }
  template <typename U>
  bool operator!=(const BlockAllocator<U>&) const { return false; }
};

std::shared_ptr<ArrayDesc> new_desc() { return std::allocate_shared<ArrayDesc>(BlockAllocator<ArrayDesc>()); }
std::shared_ptr<Node> new_node() { return std::allocate_shared<Node>(BlockAllocator<Node>()); }

} // namespace

Node::~Node() {
  if (detail::g_threshold_on.load(std::memory_order_relaxed)) detail::forget_node(this);
  // Inputs released while another Node is being destroyed on this thread are queued
  // instead, so a long chain unwinds in this loop rather than on the stack.
  thread_local std::vector<array>* pending = nullptr;
  if (pending) {
    for (auto& a : inputs) pending->push_back(std::move(a));
    return;
  }
  // The inputs are released here first, so the queue (and its malloc) is only used
  // when a release frees another node: eval frees one node per kernel, and a fresh
  // queue each time was a malloc/free pair per node.
  std::vector<array> queue;
  pending = &queue;
  for (auto& a : inputs) {
    array dying = std::move(a);
  }
  inputs.clear();
  while (!queue.empty()) {
    array a = std::move(queue.back());
    queue.pop_back();
  }
  pending = nullptr;
}

Strides row_strides(const Shape& shape) {
  Strides s(shape.size());
  int64_t acc = 1;
  for (int i = static_cast<int>(shape.size()) - 1; i >= 0; --i) {
    s[i] = acc;
    // Wrapping: only an empty array's product can overflow (e.g. (0, 2^40, 2^40) from a
    // file), and its strides address nothing. Signed overflow would be UB (fuzzing).
    acc = static_cast<int64_t>(static_cast<uint64_t>(acc) * static_cast<uint64_t>(shape[i]));
  }
  return s;
}

int64_t shape_size(const Shape& shape, const char* op) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) {
      throw std::invalid_argument("[" + std::string(op) + "] Negative dimension " +
                                  std::to_string(d) + " in shape.");
    }
    if (d != 0 && n > std::numeric_limits<int64_t>::max() / d) {
      throw std::invalid_argument("[" + std::string(op) +
                                  "] The shape's number of elements overflows 64 bits.");
    }
    n *= d;
  }
  return n;
}

void convert_elements(const void* src, Dtype src_dtype, void* dst, Dtype dst_dtype, int64_t n) {
  if (n <= 0) return; // empty arrays may have no data pointer; memcpy(null, 0) is UB
  if (src_dtype == dst_dtype) { // memmove: a fused kernel may convert in place
    std::memmove(dst, src, static_cast<size_t>(n) * size_of(src_dtype));
    return;
  }
  dispatch_dtype(src_dtype, [&](auto s) {
    using S = decltype(s);
    dispatch_dtype(dst_dtype, [&](auto d) {
      using D = decltype(d);
      const S* in = static_cast<const S*>(src);
      D* out = static_cast<D*>(dst);
      for (int64_t i = 0; i < n; ++i) out[i] = cast_value<D>(in[i]);
    });
  });
}

void array::init_copy(const void* src, Dtype src_dtype, const Shape& shape, Dtype dtype) {
  desc_->shape = shape;
  desc_->dtype = dtype;
  desc_->size = shape_size(shape);
  auto buf = allocate(static_cast<size_t>(desc_->size) * size_of(dtype));
  convert_elements(src, src_dtype, buf->ptr(), dtype, desc_->size);
  set_data(std::move(buf));
}

array::array(std::complex<float> val, Dtype dtype) : desc_(std::make_shared<ArrayDesc>()) {
  init_copy(&val, complex64, {}, dtype);
}

array::array(std::shared_ptr<Buffer> buffer, const Shape& shape, Dtype dtype)
    : desc_(std::make_shared<ArrayDesc>()) {
  desc_->shape = shape;
  desc_->dtype = dtype;
  desc_->size = shape_size(shape);
  set_data(std::move(buffer));
}

array::array(Shape shape, Dtype dtype, std::shared_ptr<Primitive> primitive,
             std::vector<array> inputs)
    : desc_(new_desc()) {
  desc_->size = shape_size(shape);
  desc_->shape = std::move(shape);
  desc_->dtype = dtype;
  auto node = new_node();
  for (const auto& in : inputs) desc_->tracer |= in.is_tracer();
  node->primitive = std::move(primitive);
  node->inputs = std::move(inputs);
  node->outputs.push_back(desc_);
  desc_->node = std::move(node);
  if (detail::g_threshold_on.load(std::memory_order_relaxed)) detail::check_graph_threshold(desc_->node);
}

std::vector<array> array::make_arrays(std::vector<Shape> shapes, std::vector<Dtype> dtypes,
                                      std::shared_ptr<Primitive> primitive,
                                      std::vector<array> inputs) {
  auto node = new_node();
  bool tracer = false;
  for (const auto& in : inputs) tracer |= in.is_tracer();
  node->primitive = std::move(primitive);
  node->inputs = std::move(inputs);
  std::vector<array> outs;
  for (size_t i = 0; i < shapes.size(); ++i) {
    auto d = new_desc();
    d->size = shape_size(shapes[i]);
    d->shape = shapes[i];
    d->dtype = dtypes[i];
    d->node = node;
    d->position = static_cast<uint32_t>(i);
    d->tracer = tracer;
    node->outputs.push_back(d);
    outs.emplace_back(std::move(d));
  }
  node->output_shapes = std::move(shapes);
  node->output_dtypes = std::move(dtypes);
  if (detail::g_threshold_on.load(std::memory_order_relaxed)) detail::check_graph_threshold(node);
  return outs;
}

array array::empty_like(const Shape& shape, Dtype dtype) {
  auto d = new_desc();
  d->size = shape_size(shape);
  d->shape = shape;
  d->dtype = dtype;
  return array(std::move(d));
}

int64_t array::shape(int dim) const {
  int nd = ndim();
  if (dim < -nd || dim >= nd) {
    throw std::out_of_range("[shape] Dimension " + std::to_string(dim) +
                            " is out of range for an array with " + std::to_string(nd) +
                            " dimensions.");
  }
  return desc_->shape[dim < 0 ? dim + nd : dim];
}

void array::eval() {
  if (!is_evaluated()) mxg::eval({*this});
}

Primitive& array::primitive() const { return *desc_->node->primitive; }
const std::shared_ptr<Primitive>& array::primitive_ptr() const { return desc_->node->primitive; }

const std::vector<array>& array::inputs() const {
  static const std::vector<array> none;
  return desc_->node ? desc_->node->inputs : none;
}

std::vector<array> array::outputs() const {
  if (!desc_->node || desc_->node->outputs.size() == 1) return {*this};
  std::vector<array> outs;
  for (auto& w : desc_->node->outputs) {
    auto d = w.lock();
    outs.push_back(d ? array(d) : array::empty_like({}, float32));
  }
  return outs;
}

void array::set_data(std::shared_ptr<Buffer> buffer) {
  char* p = static_cast<char*>(buffer->ptr());
  Flags f;
  set_data(std::move(buffer), p, desc_->size, row_strides(desc_->shape), f);
}

void array::set_data(std::shared_ptr<Buffer> buffer, char* data, int64_t data_size,
                     Strides strides, Flags flags) {
  desc_->buffer = std::move(buffer);
  desc_->data_ptr = data;
  desc_->data_size = data_size;
  desc_->strides = std::move(strides);
  desc_->flags = flags;
}

void array::copy_shared_buffer(const array& other, Strides strides, Flags flags,
                               int64_t data_size, int64_t offset_elements) {
  set_data(other.buffer(), other.desc_->data_ptr + offset_elements * other.itemsize(), data_size,
           std::move(strides), flags);
}

void array::move_shared_buffer(array& other) {
  set_data(std::move(other.desc_->buffer), other.desc_->data_ptr, other.desc_->data_size,
           other.desc_->strides, other.desc_->flags);
  other.desc_->data_ptr = nullptr;
}

bool array::is_donatable() const {
  return desc_.use_count() == 1 && desc_->buffer && desc_->buffer.use_count() == 1 &&
         desc_->buffer->from_allocator();
}

void array::detach() { desc_->node.reset(); }

} // namespace mxg
