#include "backend/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>
#include "mxgraph/settings.h"

namespace mxg {
namespace {

// One parallel_for call. Workers take a shared reference, so a worker still leaving
// an old job never reads the counters of the next one.
struct Job {
  const std::function<void(int64_t)>* task = nullptr;
  int64_t total = 0;
  std::atomic<int64_t> next{0};
  int64_t done = 0;         // guarded by Pool::mu_
  std::exception_ptr error; // guarded by Pool::mu_
};

class Pool {
 public:
  Pool() {
    int64_t want = setting_int(Setting::NumThreads);
    int n = want > 0 ? static_cast<int>(std::min<int64_t>(want, 1024))
                     : static_cast<int>(std::thread::hardware_concurrency());
    resize(std::max(1, n));
  }

  int size() const { return nthreads_.load(std::memory_order_relaxed); }

  void resize(int n) {
    std::lock_guard<std::mutex> job_lock(job_mu_); // not while a job runs
    stop_workers();
    nthreads_ = std::max(1, n);
    stop_ = false;
    for (int i = 1; i < nthreads_; ++i) workers_.emplace_back([this] { work(); });
  }

  void run(int64_t chunks, const std::function<void(int64_t)>& task) {
    std::unique_lock<std::mutex> job_lock(job_mu_); // one parallel job at a time
    auto job = std::make_shared<Job>();
    job->task = &task;
    job->total = chunks;
    {
      std::lock_guard<std::mutex> lk(mu_);
      job_ = job;
      ++generation_;
    }
    cv_.notify_all();
    drain(*job);
    std::unique_lock<std::mutex> lk(mu_);
    done_cv_.wait(lk, [&] { return job->done == job->total; });
    job_.reset();
    // Take the exception out of the job: a worker may drop the job's last reference, and
    // the exception must be freed here, where it is read, not on that worker.
    std::exception_ptr error = std::move(job->error);
    job->error = nullptr;
    lk.unlock();
    if (error) std::rethrow_exception(error);
  }

  ~Pool() { stop_workers(); }

 private:
  void drain(Job& job) {
    int64_t i;
    while ((i = job.next.fetch_add(1)) < job.total) {
      try {
        (*job.task)(i);
      } catch (...) {
        std::lock_guard<std::mutex> lk(mu_);
        if (!job.error) job.error = std::current_exception();
      }
      std::lock_guard<std::mutex> lk(mu_);
      if (++job.done == job.total) done_cv_.notify_all();
    }
  }

  void work() {
    uint64_t seen = 0;
    while (true) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock<std::mutex> lk(mu_);
        cv_.wait(lk, [&] { return stop_ || (generation_ != seen && job_); });
        if (stop_) return;
        seen = generation_;
        job = job_;
      }
      drain(*job);
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

  std::atomic<int> nthreads_{1};
  std::vector<std::thread> workers_;
  std::mutex mu_, job_mu_;
  std::condition_variable cv_, done_cv_;
  std::shared_ptr<Job> job_; // the running job, guarded by mu_
  uint64_t generation_ = 0;
  bool stop_ = false;
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
