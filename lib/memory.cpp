// The allocator: a size-bucketed cache of freed blocks, with counters and limits.
#include "mxgraph/memory.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace mxg {
namespace {

size_t physical_memory() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page = sysconf(_SC_PAGE_SIZE);
  return (pages > 0 && page > 0) ? static_cast<size_t>(pages) * static_cast<size_t>(page)
                                 : (size_t(8) << 30);
}

// Rounds a request to its bucket so near-equal sizes reuse one another's blocks.
size_t bucket_size(size_t n) {
  if (n <= 64) return 64;
  if (n < (size_t(1) << 20)) return (n + 255) & ~size_t(255);
  return (n + 4095) & ~size_t(4095);
}

// Buckets up to kSmallMax bytes (64, 256, 512, ...) have their own free lists in a
// flat array: tiny arrays (scalars, short vectors) skip the hash map lookup.
constexpr size_t kSmallMax = 4096;
constexpr size_t kSmallClasses = kSmallMax / 256 + 1;
size_t small_class(size_t bucket) { return bucket == 64 ? 0 : bucket / 256; }

class Allocator {
 public:
  Allocator() : limit_(physical_memory()), cache_limit_(physical_memory() / 4) {}

  void* alloc(size_t bytes, size_t& actual) {
    actual = bucket_size(bytes);
    std::lock_guard<std::mutex> lk(mu_);
    if (active_ + actual > limit_) {
      free_cache_locked(cache_bytes_);
      throw out_of_memory("[malloc] Allocating " + std::to_string(bytes) +
                          " bytes would exceed the memory limit of " + std::to_string(limit_) +
                          " bytes (" + std::to_string(active_) +
                          " in use). Free arrays, evaluate sooner, or raise it with "
                          "set_memory_limit.");
    }
    void* p = nullptr;
    std::vector<void*>* list = free_list(actual, false);
    if (list && !list->empty()) {
      p = list->back();
      list->pop_back();
      cache_bytes_ -= actual;
    } else {
      p = system_alloc(actual);
      if (!p) {
        free_cache_locked(cache_bytes_);
        p = system_alloc(actual);
      }
      if (!p) {
        throw out_of_memory("[malloc] The system could not provide " + std::to_string(bytes) +
                            " bytes.");
      }
    }
    active_ += actual;
    peak_ = std::max(peak_, active_);
    return p;
  }

  void release(void* p, size_t actual) {
    std::lock_guard<std::mutex> lk(mu_);
    active_ -= actual;
    if (actual <= cache_limit_) {
      free_list(actual, true)->push_back(p);
      cache_bytes_ += actual;
      if (cache_bytes_ > cache_limit_) free_cache_locked(cache_bytes_ - cache_limit_);
    } else {
      std::free(p);
    }
  }

  size_t active() { std::lock_guard<std::mutex> lk(mu_); return active_; }
  size_t peak() { std::lock_guard<std::mutex> lk(mu_); return peak_; }
  void reset_peak() { std::lock_guard<std::mutex> lk(mu_); peak_ = active_; }
  size_t cache() { std::lock_guard<std::mutex> lk(mu_); return cache_bytes_; }
  void clear() { std::lock_guard<std::mutex> lk(mu_); free_cache_locked(cache_bytes_); }
  size_t set_limit(size_t l) {
    std::lock_guard<std::mutex> lk(mu_);
    size_t old = limit_;
    limit_ = l ? l : physical_memory();
    return old;
  }
  size_t limit() { std::lock_guard<std::mutex> lk(mu_); return limit_; }
  size_t set_cache_limit(size_t l) {
    std::lock_guard<std::mutex> lk(mu_);
    size_t old = cache_limit_;
    cache_limit_ = l;
    if (cache_bytes_ > cache_limit_) free_cache_locked(cache_bytes_ - cache_limit_);
    return old;
  }

 private:
  // The cached blocks of one bucket size (nullptr if none and !create).
  std::vector<void*>* free_list(size_t bucket, bool create) {
    if (bucket <= kSmallMax) return &small_[small_class(bucket)];
    if (create) return &cache_[bucket];
    auto it = cache_.find(bucket);
    return it == cache_.end() ? nullptr : &it->second;
  }
  static void* system_alloc(size_t n) {
    void* p = nullptr;
    return posix_memalign(&p, 64, n) == 0 ? p : nullptr;
  }
  // Frees at least `want` bytes of cached blocks, largest first.
  void free_cache_locked(size_t want) {
    std::vector<size_t> sizes;
    for (auto& kv : cache_) sizes.push_back(kv.first);
    for (size_t c = 0; c < kSmallClasses; ++c) sizes.push_back(c ? c * 256 : 64);
    std::sort(sizes.rbegin(), sizes.rend());
    size_t freed = 0;
    for (size_t s : sizes) {
      auto& v = *free_list(s, true);
      while (!v.empty() && freed < want) {
        std::free(v.back());
        v.pop_back();
        freed += s;
        cache_bytes_ -= s;
      }
      if (freed >= want) break;
    }
  }

  std::mutex mu_;
  std::unordered_map<size_t, std::vector<void*>> cache_; // buckets over kSmallMax
  std::vector<void*> small_[kSmallClasses];
  size_t active_ = 0, peak_ = 0, cache_bytes_ = 0;
  size_t limit_, cache_limit_;
};

Allocator& allocator() {
  static Allocator* a = new Allocator(); // never destroyed: buffers may outlive statics
  return *a;
}

} // namespace

Buffer::Buffer(void* ptr, size_t size, bool from_allocator, std::function<void(void*)> deleter)
    : ptr_(ptr), size_(size), from_allocator_(from_allocator), deleter_(std::move(deleter)) {}

Buffer::~Buffer() {
  if (from_allocator_) {
    allocator().release(ptr_, size_);
  } else if (deleter_) {
    deleter_(ptr_);
  }
}

std::shared_ptr<Buffer> allocate(size_t bytes) {
  size_t actual = 0;
  void* p = allocator().alloc(bytes, actual);
  return std::make_shared<Buffer>(p, actual, true);
}

std::shared_ptr<Buffer> wrap_buffer(void* ptr, size_t bytes, std::function<void(void*)> deleter) {
  return std::make_shared<Buffer>(ptr, bytes, false, std::move(deleter));
}

size_t get_active_memory() { return allocator().active(); }
size_t get_peak_memory() { return allocator().peak(); }
void reset_peak_memory() { allocator().reset_peak(); }
size_t get_cache_memory() { return allocator().cache(); }
void clear_cache() { allocator().clear(); }
size_t set_memory_limit(size_t limit) { return allocator().set_limit(limit); }
size_t get_memory_limit() { return allocator().limit(); }
size_t set_cache_limit(size_t limit) { return allocator().set_cache_limit(limit); }

} // namespace mxg
