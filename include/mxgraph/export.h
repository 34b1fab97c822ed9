// Exported functions: a traced graph written to a versioned binary file (.mxfn,
// documented in docs/mxfn-format.md) and imported back as a callable.
//
// Export calls the function once on placeholders of the example inputs and records
// every primitive between them and the outputs. Evaluated arrays the function captures
// become constants written to the file (a captured lazy load is read at export); a
// captured pending computation is recorded as graph and recomputed by each call. A
// custom_function is recorded as its traced forward graph (its rules are not kept).
// Import reads only the graph; constants are read from the file when first evaluated.
// A corrupt or hostile file raises std::invalid_argument "[import_function] ...".
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "mxgraph/array.h"
#include "mxgraph/io.h"
#include "mxgraph/primitive.h"
#include "mxgraph/transforms.h"

namespace mxg {

/// The shape, dtype and (optional) name of a function's input or output.
struct ArraySpec {
  Shape shape;
  Dtype dtype = float32;
  std::string name;
};

/// What export_function records besides the graph.
struct ExportOptions {
  /// Calls may give inputs of other shapes (same dtypes, same ranks not required).
  bool shapeless = false;
  /// Names of the inputs (empty, or one per input).
  std::vector<std::string> input_names;
  /// A free string stored in the file (MLX's `metadata`).
  std::string metadata;
  /// How the Python layer nests the flat inputs/outputs (JSON); empty for C++.
  std::string structure;
};

/// Traces `fun` on placeholders shaped like `example_inputs` and writes the graph.
void export_function(const std::string& path, const ArrayFn& fun,
                     const std::vector<array>& example_inputs, bool shapeless = false,
                     const std::vector<std::string>& input_names = {});
void export_function(const std::string& path, const ArrayFn& fun,
                     const std::vector<array>& example_inputs, const ExportOptions& options);
/// The same, to a stream or as bytes.
void export_function(std::ostream& os, const ArrayFn& fun,
                     const std::vector<array>& example_inputs, const ExportOptions& options);
std::string export_function_bytes(const ArrayFn& fun, const std::vector<array>& example_inputs,
                                  const ExportOptions& options = {});
/// Several traces of one function (each the bytes export_function_bytes gave) as one
/// file: a version-2 container with a trace table. One trace stays a version-1 file.
/// The traces must agree on shapelessness.
std::string combine_traces(const std::vector<std::string>& traces);

/// A node of a parsed file: a primitive kind, its encoded parameters, its inputs
/// (value ids) and the specs of its outputs.
struct NodeDesc {
  PrimitiveKind kind;
  std::string params;
  std::vector<uint32_t> inputs;
  std::vector<ArraySpec> outputs;
};

/// A constant: its spec and where its bytes are in the file.
struct ConstantDesc {
  ArraySpec spec;
  uint64_t offset = 0;
  uint64_t nbytes = 0;
};

/// A parsed .mxfn file. Value ids number the inputs, then the constants, then each
/// node's outputs in node order.
struct FunctionDesc {
  uint32_t version = 0;
  bool shapeless = false;
  std::vector<ArraySpec> inputs;
  std::vector<ConstantDesc> constants;
  std::vector<NodeDesc> nodes;
  std::vector<uint32_t> outputs;
  std::string metadata;
  std::string structure;
};

/// Parses the graph part of a file (bytes in, description out; no other state).
/// `file_size` is the whole file's size, against which constants are checked (the
/// bytes given may stop where the constants' data begins). Validates the structure
/// only; parameters and shapes are checked when the graph is built.
FunctionDesc parse_function(const char* data, size_t size, uint64_t file_size);

/// An imported function: call it like the function that was exported. A file of
/// several traces (mx.exporter) calls the first trace that accepts the inputs;
/// inputs(), outputs(), desc() and metadata() describe the first trace.
class ImportedFunction {
 public:
  ImportedFunction(std::shared_ptr<const FunctionDesc> desc, std::shared_ptr<ByteSource> source);
  /// A function of several traces (at least one).
  explicit ImportedFunction(std::vector<ImportedFunction> traces);
  /// Builds the graph on `inputs` (pending; nothing is evaluated). Checks their
  /// count, dtypes and (unless shapeless) shapes.
  std::vector<array> operator()(const std::vector<array>& inputs) const;
  /// Whether a trace takes `inputs` (count, dtypes and, unless shapeless, shapes).
  bool accepts(const std::vector<array>& inputs) const;
  size_t num_traces() const { return traces_ ? traces_->size() : 1; }
  /// Trace i as a function of its own.
  const ImportedFunction& trace(size_t i) const;
  const std::vector<ArraySpec>& inputs() const { return desc_->inputs; }
  std::vector<ArraySpec> outputs() const;
  bool shapeless() const { return desc_->shapeless; }
  const std::string& metadata() const { return desc_->metadata; }
  const std::string& structure() const { return desc_->structure; }
  /// The parsed graph (for the CLI's dump and stats).
  const FunctionDesc& desc() const { return *desc_; }

 private:
  std::vector<array> call_trace(const std::vector<array>& inputs) const;

  std::shared_ptr<const FunctionDesc> desc_;
  std::vector<array> constants_; // lazy Load arrays, shared by every call
  std::shared_ptr<const std::vector<ImportedFunction>> traces_; // set for several traces
};

/// Reads a .mxfn file: the graph now, the constants when evaluated.
ImportedFunction import_function(const std::string& path);
/// The same from memory (the bytes are copied and kept for the constants).
ImportedFunction import_function_from_buffer(const char* data, size_t size);

/// For fuzzers: parses `data` and builds the graph once on placeholder inputs,
/// without evaluating. Throws std::invalid_argument on a bad file; nothing else.
void check_function_bytes(const char* data, size_t size);

} // namespace mxg
