// Collectives and point-to-point transfers on contiguous buffers. Every transfer
// is non-blocking and polled against a deadline, so a rank whose peers never
// arrive gets an error naming itself and the operation instead of hanging.
#include <chrono>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <vector>

#include "distributed/backend.h"
#include "distributed/mpi_abi.h"
#include "ops/utils.h"
#include "mxgraph/settings.h"

namespace mxg::distributed::detail {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kHeader = 13;       // op, dtype, ndim, 8 dims, size, a hash of all dims
constexpr int kTagHeader = 0x6d78;
constexpr int kTagData = 0x6d7a;

const MpiApi& api() { return *load_mpi(); }

std::string who(const GroupImpl& g) {
  return "Rank " + std::to_string(g.rank) + " of " + std::to_string(g.size);
}

void check_usable(const GroupImpl& g, const char* op) {
  if (!g.broken.empty()) {
    throw std::runtime_error(std::string("[") + op + "] " + who(g) +
                             ": the group is unusable after an earlier failure (" + g.broken +
                             "). Restart the job.");
  }
}

// Runs the MPI call (which fills `reqs`) and waits for every request, polling
// until the deadline; a timeout breaks the group.
void wait_all(GroupImpl& g, std::vector<MpiHandle>& reqs, const char* op) {
  double limit = timeout_seconds();
  auto start = Clock::now();
  const MpiApi& m = api();
  for (auto& r : reqs) {
    for (long spins = 0;; ++spins) {
      int done = 0;
      int rc = m.Test(&r, &done, nullptr);
      if (rc != 0) g.broken = "an MPI error";
      check_mpi(rc, g.rank, op);
      if (done) break;
      if ((spins & 255) != 255) continue;
      double waited = std::chrono::duration<double>(Clock::now() - start).count();
      if (limit > 0 && waited > limit) {
        g.broken = std::string("a timeout in ") + op;
        throw std::runtime_error(
            std::string("[") + op + "] " + who(g) + ": timed out after " +
            std::to_string(static_cast<int>(limit)) +
            " s waiting for the other ranks (did every rank call it in the same order?). "
            "Set MXGRAPH_DIST_TIMEOUT (seconds) to wait longer.");
      }
      // Spin while the transfer is likely in flight (MPI progresses only inside
      // MPI_Test); a long wait means a late peer: stop burning the CPU it may need.
      if (waited > 0.2) std::this_thread::sleep_for(std::chrono::microseconds(200));
      else if (waited > 0.02) std::this_thread::yield();
    }
  }
}

// A collective: blocking MPI when there is no deadline (the fastest path), else
// non-blocking and polled by wait_all.
template <class Blocking, class Start>
void collective(GroupImpl& g, const char* op, Blocking blocking, Start start) {
  if (timeout_seconds() <= 0) {
    int rc = blocking();
    if (rc != 0) g.broken = "an MPI error";
    check_mpi(rc, g.rank, op);
    return;
  }
  std::vector<MpiHandle> req(1);
  check_mpi(start(&req[0]), g.rank, op);
  wait_all(g, req, op);
}

MpiHandle mpi_type(Dtype t) {
  const MpiApi& m = api();
  if (t == bool_) return m.t_bool;
  if (t == int8) return m.t_int8;
  if (t == uint8) return m.t_uint8;
  if (t == int16) return m.t_int16;
  if (t == uint16 || t == float16 || t == bfloat16) return m.t_uint16; // moved as bits
  if (t == int32) return m.t_int32;
  if (t == uint32) return m.t_uint32;
  if (t == int64) return m.t_int64;
  if (t == uint64) return m.t_uint64;
  if (t == float32) return m.t_float;
  if (t == float64) return m.t_double;
  return m.t_complex;
}

int count_of(const GroupImpl& g, int64_t n, const char* op) {
  if (n > INT_MAX) {
    throw std::invalid_argument(std::string("[") + op + "] " + who(g) +
                                ": arrays over 2^31-1 elements per message are not supported; "
                                "split the array.");
  }
  return static_cast<int>(n);
}

// The description every rank must agree on.
std::vector<int64_t> header(int opcode, const array& x) {
  std::vector<int64_t> h(kHeader, -1);
  h[0] = opcode;
  h[1] = static_cast<int64_t>(x.dtype());
  h[2] = x.ndim();
  uint64_t hash = 1469598103934665603ull;
  for (int i = 0; i < x.ndim(); ++i) {
    if (i < 8) h[3 + i] = x.shape()[i];
    hash = (hash ^ static_cast<uint64_t>(x.shape()[i])) * 1099511628211ull;
  }
  h[11] = x.size();
  h[12] = static_cast<int64_t>(hash >> 1);
  return h;
}

std::string describe(const array& x) { return shape_str(x.shape()) + " " + dtype_name(x.dtype()); }

[[noreturn]] void mismatch(const GroupImpl& g, const char* op, const std::string& msg) {
  throw std::invalid_argument(std::string("[") + op + "] " + who(g) + ": " + msg);
}

// One small all-reduce (max of h and of -h) tells every rank whether all agree.
void agree(GroupImpl& g, int opcode, const array& x, const char* op) {
  auto h = header(opcode, x);
  std::vector<int64_t> buf(2 * kHeader);
  for (int i = 0; i < kHeader; ++i) buf[i] = h[i], buf[kHeader + i] = -h[i];
  const MpiApi& m = api();
  collective(
      g, op, [&] { return m.Allreduce(kMpiInPlace, buf.data(), 2 * kHeader, m.t_int64, m.op_max, g.comm); },
      [&](MpiHandle* r) {
        return m.Iallreduce(kMpiInPlace, buf.data(), 2 * kHeader, m.t_int64, m.op_max, g.comm, r);
      });
  for (int i = 0; i < kHeader; ++i) {
    if (buf[i] != -buf[kHeader + i]) {
      mismatch(g, op, (i == 0 ? "the ranks called different collectives at this point"
                              : "the ranks passed arrays of different shapes or dtypes") +
                          std::string(" (this rank: ") + describe(x) +
                          "). Give every rank the same shape and dtype, in the same order.");
    }
  }
}

MpiHandle reduce_op(Reduce r, Dtype t) {
  const MpiApi& m = api();
  if (t == bool_) return r == Reduce::Min ? m.op_land : m.op_lor;
  return r == Reduce::Sum ? m.op_sum : r == Reduce::Max ? m.op_max : m.op_min;
}

bool is_half(Dtype t) { return t == float16 || t == bfloat16; }

// Half floats have no MPI type: reductions run on a float32 copy.
std::vector<float> widen(const array& x) {
  std::vector<float> f(x.size());
  convert_elements(x.raw_data(), x.dtype(), f.data(), float32, x.size());
  return f;
}

} // namespace

double timeout_seconds() { return setting_double(Setting::DistTimeout); }

void all_reduce(GroupImpl& g, const array& in, array& out, Reduce r, const char* op) {
  check_usable(g, op);
  agree(g, 1 + static_cast<int>(r), in, op);
  const MpiApi& m = api();
  int n = count_of(g, in.size(), op);
  const void* src = in.raw_data();
  void* dst = out.raw_data();
  MpiHandle t = mpi_type(in.dtype());
  MpiHandle how = reduce_op(r, in.dtype());
  std::vector<float> wide_in, wide_out;
  if (is_half(in.dtype())) {
    wide_in = widen(in);
    wide_out.resize(wide_in.size());
    src = wide_in.data(), dst = wide_out.data(), t = m.t_float, how = reduce_op(r, float32);
  }
  collective(
      g, op, [&] { return m.Allreduce(src, dst, n, t, how, g.comm); },
      [&](MpiHandle* q) { return m.Iallreduce(src, dst, n, t, how, g.comm, q); });
  if (!wide_out.empty()) convert_elements(wide_out.data(), float32, out.raw_data(), out.dtype(), n);
}

void all_gather(GroupImpl& g, const array& in, array& out, const char* op) {
  check_usable(g, op);
  agree(g, 4, in, op);
  const MpiApi& m = api();
  int n = count_of(g, in.size() * g.size, op) / g.size;
  MpiHandle t = mpi_type(in.dtype());
  collective(
      g, op, [&] { return m.Allgather(in.raw_data(), n, t, out.raw_data(), n, t, g.comm); },
      [&](MpiHandle* q) { return m.Iallgather(in.raw_data(), n, t, out.raw_data(), n, t, g.comm, q); });
}

void reduce_scatter(GroupImpl& g, const array& in, array& out, const char* op) {
  check_usable(g, op);
  agree(g, 5, in, op);
  const MpiApi& m = api();
  int n = count_of(g, out.size(), op);
  count_of(g, in.size(), op);
  const void* src = in.raw_data();
  void* dst = out.raw_data();
  MpiHandle t = mpi_type(in.dtype());
  MpiHandle how = reduce_op(Reduce::Sum, in.dtype());
  std::vector<float> wide_in, wide_out;
  if (is_half(in.dtype())) {
    wide_in = widen(in);
    wide_out.resize(out.size());
    src = wide_in.data(), dst = wide_out.data(), t = m.t_float, how = reduce_op(Reduce::Sum, float32);
  }
  collective(
      g, op, [&] { return m.Reduce_scatter_block(src, dst, n, t, how, g.comm); },
      [&](MpiHandle* q) { return m.Ireduce_scatter_block(src, dst, n, t, how, g.comm, q); });
  if (!wide_out.empty()) convert_elements(wide_out.data(), float32, out.raw_data(), out.dtype(), n);
}

// Point to point: a header travels before the data. The receiver checks it against
// what it expects; on a mismatch it still takes the data (into scratch memory), so
// no stale message is left behind, and raises.
void send(GroupImpl& g, const array& in, int dst, const char* op) {
  check_usable(g, op);
  const MpiApi& m = api();
  auto h = header(0, in);
  std::vector<MpiHandle> req(2);
  check_mpi(m.Isend(h.data(), kHeader, m.t_int64, dst, kTagHeader, g.comm, &req[0]), g.rank, op);
  check_mpi(m.Isend(in.raw_data(), count_of(g, in.size(), op), mpi_type(in.dtype()), dst,
                    kTagData, g.comm, &req[1]), g.rank, op);
  wait_all(g, req, op);
}

void recv(GroupImpl& g, array& out, int src, const char* op) {
  check_usable(g, op);
  const MpiApi& m = api();
  std::vector<int64_t> h(kHeader);
  std::vector<MpiHandle> req(1);
  check_mpi(m.Irecv(h.data(), kHeader, m.t_int64, src, kTagHeader, g.comm, &req[0]), g.rank, op);
  wait_all(g, req, op);
  bool ok = h == header(0, out);
  void* dst = out.raw_data();
  int count = count_of(g, out.size(), op);
  Dtype dtype = out.dtype();
  std::vector<char> scratch;
  if (!ok) {
    dtype = static_cast<Dtype>(h[1]);
    count = count_of(g, h[kHeader - 2], op);
    scratch.resize(static_cast<size_t>(count) * size_of(dtype) + 1);
    dst = scratch.data();
  }
  check_mpi(m.Irecv(dst, count, mpi_type(dtype), src, kTagData, g.comm, &req[0]), g.rank, op);
  wait_all(g, req, op);
  if (!ok) {
    mismatch(g, op, "rank " + std::to_string(src) + " sent another shape or dtype than the " +
                        describe(out) + " expected here. Make send and recv agree.");
  }
}

} // namespace mxg::distributed::detail
