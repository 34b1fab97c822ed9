// Loading MPI at run time, starting it, and process groups.
#include <dlfcn.h>

#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "distributed/backend.h"
#include "distributed/mpi_abi.h"
#include "ops/utils.h"
#include "mxgraph/settings.h"

namespace mxg::distributed {
namespace detail {
namespace {

bool forced_off() { return setting_bool(Setting::DistNoMpi); }

// Resolves every symbol of MpiApi from `lib`; false (and `why`) on the first missing one.
bool resolve(void* lib, MpiApi& api, std::string& why) {
  bool ok = true;
  auto sym = [&](const char* name) -> void* {
    void* p = ok ? dlsym(lib, name) : nullptr;
    if (ok && !p) {
      ok = false;
      why = std::string("symbol ") + name + " not found (the dlopen path supports Open MPI only)";
    }
    return p;
  };
#define MXG_MPI_FN(f) api.f = reinterpret_cast<decltype(api.f)>(sym("MPI_" #f));
  MXG_MPI_FN(Initialized) MXG_MPI_FN(Finalized) MXG_MPI_FN(Init_thread) MXG_MPI_FN(Finalize)
  MXG_MPI_FN(Comm_rank) MXG_MPI_FN(Comm_size) MXG_MPI_FN(Comm_split)
  MXG_MPI_FN(Comm_set_errhandler) MXG_MPI_FN(Error_string) MXG_MPI_FN(Test)
  MXG_MPI_FN(Iallreduce) MXG_MPI_FN(Iallgather) MXG_MPI_FN(Ireduce_scatter_block)
  MXG_MPI_FN(Isend) MXG_MPI_FN(Irecv) MXG_MPI_FN(Allreduce) MXG_MPI_FN(Allgather)
  MXG_MPI_FN(Reduce_scatter_block) MXG_MPI_FN(Send) MXG_MPI_FN(Recv)
#undef MXG_MPI_FN
#define MXG_MPI_OBJ(field, name) api.field = sym("ompi_mpi_" #name);
  MXG_MPI_OBJ(comm_world, comm_world) MXG_MPI_OBJ(errors_return, errors_return)
  MXG_MPI_OBJ(op_sum, op_sum) MXG_MPI_OBJ(op_max, op_max) MXG_MPI_OBJ(op_min, op_min)
  MXG_MPI_OBJ(op_lor, op_lor) MXG_MPI_OBJ(op_land, op_land)
  MXG_MPI_OBJ(t_bool, c_bool) MXG_MPI_OBJ(t_int8, int8_t) MXG_MPI_OBJ(t_uint8, uint8_t)
  MXG_MPI_OBJ(t_int16, int16_t) MXG_MPI_OBJ(t_uint16, uint16_t) MXG_MPI_OBJ(t_int32, int32_t)
  MXG_MPI_OBJ(t_uint32, uint32_t) MXG_MPI_OBJ(t_int64, int64_t) MXG_MPI_OBJ(t_uint64, uint64_t)
  MXG_MPI_OBJ(t_float, float) MXG_MPI_OBJ(t_double, double) MXG_MPI_OBJ(t_complex, c_float_complex)
#undef MXG_MPI_OBJ
  return ok;
}

struct Loaded {
  MpiApi api{};
  bool ok = false;
  std::string why;
};

Loaded load_once() {
  Loaded l;
  std::vector<std::string> names;
  if (!setting_text(Setting::MpiLibrary).empty()) names.push_back(setting_text(Setting::MpiLibrary));
  names.insert(names.end(), {"libmpi.so.40", "libmpi.so"});
  void* lib = nullptr;
  for (const auto& n : names) {
    // RTLD_GLOBAL: Open MPI's own plugins resolve libmpi's symbols through it.
    if ((lib = dlopen(n.c_str(), RTLD_NOW | RTLD_GLOBAL))) break;
  }
  if (!lib) {
    l.why = "libmpi.so.40 could not be loaded";
    return l;
  }
  l.ok = resolve(lib, l.api, l.why);
  return l;
}

} // namespace

const MpiApi* load_mpi(std::string* why) {
  if (forced_off()) {
    if (why) *why = "MPI is switched off by MXGRAPH_DIST_NO_MPI";
    return nullptr;
  }
  static const Loaded loaded = load_once();
  if (!loaded.ok && why) *why = loaded.why;
  return loaded.ok ? &loaded.api : nullptr;
}

void check_mpi(int rc, int rank, const char* op) {
  if (rc == 0) return;
  const MpiApi* m = load_mpi();
  char text[512] = {0};
  int len = 0;
  if (!m || m->Error_string(rc, text, &len) != 0) std::snprintf(text, sizeof text, "code %d", rc);
  throw std::runtime_error(std::string("[") + op + "] Rank " + std::to_string(rank) +
                           ": MPI error: " + text + ".");
}

} // namespace detail

namespace {

constexpr int kMpiThreadMultiple = 3; // Open MPI's MPI_THREAD_MULTIPLE

// True when a launcher (mpirun, srun with PMI) started this process.
bool launched() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    if (std::getenv(v)) return true;
  }
  return false;
}

void finalize_at_exit() {
  const detail::MpiApi* m = detail::load_mpi();
  int done = 1;
  if (m && m->Finalized(&done) == 0 && !done) m->Finalize();
}

// MPI_COMM_WORLD as a group, starting MPI when a launcher is present.
std::shared_ptr<GroupImpl> start_world() {
  auto g = std::make_shared<GroupImpl>();
  const detail::MpiApi* m = detail::load_mpi();
  if (!m || !launched()) return g;
  int inited = 0;
  detail::check_mpi(m->Initialized(&inited), 0, "distributed.init");
  if (!inited) {
    int provided = 0;
    detail::check_mpi(m->Init_thread(nullptr, nullptr, kMpiThreadMultiple, &provided), 0,
                      "distributed.init");
    std::atexit(finalize_at_exit);
  }
  // Errors come back as codes (and become exceptions) instead of aborting the job.
  m->Comm_set_errhandler(m->comm_world, m->errors_return);
  g->comm = m->comm_world;
  detail::check_mpi(m->Comm_rank(g->comm, &g->rank), 0, "distributed.init");
  detail::check_mpi(m->Comm_size(g->comm, &g->size), g->rank, "distributed.init");
  return g;
}

void check_backend(const std::string& backend, const char* op) {
  if (backend != "any" && backend != "mpi") {
    throw_value(op, "Unknown backend '" + backend + "'. mxgraph supports 'any' and 'mpi'.");
  }
}

} // namespace

Group::Group(std::shared_ptr<GroupImpl> impl) : impl_(std::move(impl)) {}
int Group::rank() const { return impl_->rank; }
int Group::size() const { return impl_->size; }

Group Group::split(int color, int key) const {
  if (color < 0) throw_value("Group.split", "color must be non-negative.");
  if (impl_->size == 1) return *this;
  const detail::MpiApi* m = detail::load_mpi();
  auto g = std::make_shared<GroupImpl>();
  detail::check_mpi(m->Comm_split(impl_->comm, color, key < 0 ? impl_->rank : key, &g->comm),
                    impl_->rank, "Group.split");
  m->Comm_set_errhandler(g->comm, m->errors_return);
  detail::check_mpi(m->Comm_rank(g->comm, &g->rank), impl_->rank, "Group.split");
  detail::check_mpi(m->Comm_size(g->comm, &g->size), impl_->rank, "Group.split");
  return Group(std::move(g));
}

bool is_available(const std::string& backend) {
  check_backend(backend, "distributed.is_available");
  return detail::load_mpi() != nullptr;
}

Group init(bool strict, const std::string& backend) {
  check_backend(backend, "distributed.init");
  std::string why;
  if (strict && !detail::load_mpi(&why)) {
    throw std::runtime_error("[distributed.init] No distributed backend is available: " + why +
                             ". Install Open MPI (apt-get install openmpi-bin libopenmpi-dev) "
                             "and launch with mpirun, or call init() without strict=True.");
  }
  static std::mutex mu;
  static std::shared_ptr<GroupImpl> world;
  std::lock_guard<std::mutex> lock(mu);
  if (!world) world = start_world();
  return Group(world);
}

} // namespace mxg::distributed
