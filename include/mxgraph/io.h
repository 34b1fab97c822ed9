// File I/O: .npy, .npz, .safetensors and .gguf, read lazily and written after evaluation.
//
// Loading returns pending arrays: a Load primitive remembers where each tensor's
// bytes are, and reads (or inflates) only those bytes when the array is evaluated.
// Every claim a file makes (sizes, offsets, shapes) is checked against the file
// before anything is allocated; a bad file raises std::invalid_argument "[load] ...".
//
// Big-endian .npy data is swapped when read; a .npy may have trailing bytes (as NumPy
// allows), npz members and safetensors data may not.
//
// bfloat16 has no NumPy dtype: .npy files store it with descr "<V2" (two raw bytes,
// what NumPy shows as void 'V2'), and a "<V2"/"|V2" descr loads back as bfloat16.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "mxgraph/array.h"
#include "mxgraph/device.h"

namespace mxg {

/// Named arrays, in file order (npz: archive order; safetensors: header order).
using NamedArrays = std::vector<std::pair<std::string, array>>;
/// The safetensors "__metadata__" string map.
using Metadata = std::map<std::string, std::string>;
/// A GGUF metadata value: a 0-d (scalar) or 1-d array, a string, or a list of strings.
using GgufValue = std::variant<array, std::string, std::vector<std::string>>;
/// GGUF metadata, in file order.
using GgufMetadata = std::vector<std::pair<std::string, GgufValue>>;

/// A missing file (or missing folder when saving). Python: a FileNotFoundError that
/// is also a ValueError, so MLX code catching ValueError keeps working.
class file_not_found : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A file shorter than its own header claims (or cut after loading). Python: an error
/// that is both a ValueError and a RuntimeError (MLX raises RuntimeError "[read] ...").
class truncated_file : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Random-access bytes to load from: a file (read with pread) or memory.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual uint64_t size() const = 0;
  /// Reads exactly n bytes at offset; throws "[load] ..." if the source is shorter.
  virtual void read(uint64_t offset, void* dst, size_t n) const = 0;
  /// A name for messages and graph dumps (the path, or "<memory>").
  virtual const std::string& label() const = 0;
};
/// Opens a file; throws file_not_found or std::invalid_argument.
std::shared_ptr<ByteSource> open_file_source(const std::string& path);
/// Takes ownership of the bytes.
std::shared_ptr<ByteSource> memory_source(std::string bytes, std::string label = "<memory>");

/// Where saved bytes go, in order.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(const void* data, size_t n) = 0;
};

// Loading. `format` is "npy", "npz", "safetensors" or "gguf"; empty means from the file
// name's extension, else from the first bytes.

/// A .npy file as one pending array.
array load(const std::string& path, StreamOrDevice s = {});
array load_npy(std::shared_ptr<ByteSource> src, StreamOrDevice s = {});
NamedArrays load_npz(std::shared_ptr<ByteSource> src, StreamOrDevice s = {});
std::pair<NamedArrays, Metadata> load_safetensors(std::shared_ptr<ByteSource> src,
                                                  StreamOrDevice s = {});
/// A .gguf file: tensors (GGML dimension order reversed, as MLX) and metadata, whose
/// numeric values are pending arrays too (float64 ones as float32, as MLX).
std::pair<NamedArrays, GgufMetadata> load_gguf(std::shared_ptr<ByteSource> src, StreamOrDevice s = {});

/// What load_file found: one array (npy) or named arrays (+ metadata for safetensors).
struct LoadedFile {
  std::string format;
  std::optional<array> single;
  NamedArrays arrays;
  Metadata metadata;
  GgufMetadata gguf_metadata;
};
/// Loads any supported format. `name` (a path or file name, may be empty) picks the
/// format from its extension when `format` is empty. `want_metadata` is an error for
/// formats without metadata (npy, npz).
LoadedFile load_file(std::shared_ptr<ByteSource> src, const std::string& name,
                     std::string format = "", bool want_metadata = false, StreamOrDevice s = {});
/// The format of a source: "npy", "npz", "safetensors" or "gguf"; throws when unknown.
std::string detect_format(const ByteSource& src, const std::string& name);

// Saving. Arrays are evaluated first (EvalCause::save). Path overloads append the
// format's extension when missing, as MLX and NumPy do.

void save(const std::string& path, const array& a);
void save_npy(ByteSink& sink, const array& a);
/// An .npz archive; members are stored, or deflated when `compressed`.
void savez(const std::string& path, const NamedArrays& arrays, bool compressed = false);
void savez(ByteSink& sink, const NamedArrays& arrays, bool compressed = false);
void save_safetensors(const std::string& path, const NamedArrays& arrays,
                      const Metadata& metadata = {});
void save_safetensors(ByteSink& sink, const NamedArrays& arrays, const Metadata& metadata = {});
/// A GGUF v3 file (alignment 32, or general.alignment). Tensors: float32, float16,
/// bfloat16, float64, int8/16/32/64; metadata arrays: 0-d or 1-d, non-empty, integer,
/// bool or float32.
void save_gguf(const std::string& path, const NamedArrays& arrays, const GgufMetadata& metadata = {});
void save_gguf(ByteSink& sink, const NamedArrays& arrays, const GgufMetadata& metadata = {});

/// Bytes read from files and memory sources by loads so far (for tests of laziness).
uint64_t io_bytes_read();

} // namespace mxg
