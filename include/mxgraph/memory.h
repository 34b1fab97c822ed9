// Buffers, the allocator with its cache, and memory counters.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <new>
#include <string>

namespace mxg {

/// Raised when an allocation would pass the memory limit or the system has no memory.
class out_of_memory : public std::bad_alloc {
 public:
  explicit out_of_memory(std::string msg) : msg_(std::move(msg)) {}
  const char* what() const noexcept override { return msg_.c_str(); }

 private:
  std::string msg_;
};

/// A block of bytes. Owned by the allocator (returned to its cache on release) or
/// borrowed from elsewhere (a NumPy array, a memory map) with a deleter.
class Buffer {
 public:
  Buffer(void* ptr, size_t size, bool from_allocator, std::function<void(void*)> deleter = {});
  ~Buffer();
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  void* ptr() const { return ptr_; }
  size_t size() const { return size_; }
  /// True for allocator-owned memory (safe to reuse for an output).
  bool from_allocator() const { return from_allocator_; }

 private:
  void* ptr_;
  size_t size_;
  bool from_allocator_;
  std::function<void(void*)> deleter_;
};

/// Allocates `bytes` (counted in active memory) from the cache or the system.
/// Throws out_of_memory past the memory limit.
std::shared_ptr<Buffer> allocate(size_t bytes);
/// Wraps memory owned elsewhere; `deleter` runs when the last array lets go.
std::shared_ptr<Buffer> wrap_buffer(void* ptr, size_t bytes, std::function<void(void*)> deleter);

size_t get_active_memory();
size_t get_peak_memory();
void reset_peak_memory();
size_t get_cache_memory();
void clear_cache();
/// Sets the limit on active memory; returns the previous one. 0 means the default.
size_t set_memory_limit(size_t limit);
size_t get_memory_limit();
/// Sets the cache limit; returns the previous one.
size_t set_cache_limit(size_t limit);

} // namespace mxg
