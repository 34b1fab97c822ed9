#include "backend/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace mxg {
namespace {

class Pool {
 public:
  Pool() {
    int n = static_cast<int>(std::thread::hardware_concurrency());
    if (const char* env = std::getenv("MXGRAPH_NUM_THREADS")) n = std::atoi(env);
    resize(std::max(1, n));
  }

  int size() const { return nthreads_; }

  void resize(int n) {
    stop_workers();
    nthreads_ = std::max(1, n);
    stop_ = false;
    for (int i = 1; i < nthreads_; ++i) workers_.emplace_back([this] { work(); });
  }

  void run(int64_t chunks, const std::function<void(int64_t)>& task) {
    std::unique_lock<std::mutex> job_lock(job_mu_); // one parallel job at a time
    {
      std::lock_guard<std::mutex> lk(mu_);
      task_ = &task;
      total_ = chunks;
      next_.store(0);
      done_ = 0;
      error_ = nullptr;
      ++generation_;
    }
    cv_.notify_all();
    drain();
    std::unique_lock<std::mutex> lk(mu_);
    done_cv_.wait(lk, [&] { return done_ == total_; });
    task_ = nullptr;
    if (error_) std::rethrow_exception(error_);
  }

  ~Pool() { stop_workers(); }

 private:
  void drain() {
    int64_t i;
    while ((i = next_.fetch_add(1)) < total_) {
      try {
        (*task_)(i);
      } catch (...) {
        std::lock_guard<std::mutex> lk(mu_);
        if (!error_) error_ = std::current_exception();
      }
      std::lock_guard<std::mutex> lk(mu_);
      if (++done_ == total_) done_cv_.notify_all();
    }
  }

  void work() {
    uint64_t seen = 0;
    while (true) {
      {
        std::unique_lock<std::mutex> lk(mu_);
        cv_.wait(lk, [&] { return stop_ || (generation_ != seen && task_); });
        if (stop_) return;
        seen = generation_;
      }
      drain();
    }
  }

  void stop_workers() {
    {
      std::lock_guard<std::mutex> lk(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
    workers_.clear();
  }

  int nthreads_ = 1;
  std::vector<std::thread> workers_;
  std::mutex mu_, job_mu_;
  std::condition_variable cv_, done_cv_;
  const std::function<void(int64_t)>* task_ = nullptr;
  std::atomic<int64_t> next_{0};
  int64_t total_ = 0, done_ = 0;
  uint64_t generation_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

Pool& pool() {
  static Pool* p = new Pool(); // leaked on purpose: no join at static destruction
  return *p;
}

thread_local bool t_in_parallel = false;

} // namespace

int num_threads() { return pool().size(); }
void set_num_threads(int n) { pool().resize(n); }

void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
  if (n <= 0) return;
  int threads = pool().size();
  grain = std::max<int64_t>(grain, 1);
  if (threads <= 1 || n < 2 * grain || t_in_parallel) {
    fn(0, n);
    return;
  }
  int64_t chunks = std::min<int64_t>(n / grain, int64_t(threads) * 4);
  chunks = std::max<int64_t>(chunks, 1);
  int64_t per = (n + chunks - 1) / chunks;
  chunks = (n + per - 1) / per;
  std::function<void(int64_t)> task = [&](int64_t c) {
    bool prev = t_in_parallel;
    t_in_parallel = true;
    int64_t b = c * per, e = std::min(n, b + per);
    try {
      fn(b, e);
    } catch (...) {
      t_in_parallel = prev;
      throw;
    }
    t_in_parallel = prev;
  };
  pool().run(chunks, task);
}

} // namespace mxg
