// Everything a C++ user of mxgraph needs.
#pragma once

#include "mxgraph/array.h"
#include "mxgraph/device.h"
#include "mxgraph/dtype.h"
#include "mxgraph/errors.h"
#include "mxgraph/graph.h"
#include "mxgraph/io.h"
#include "mxgraph/memory.h"
#include "mxgraph/ops.h"
#include "mxgraph/primitive.h"
#include "mxgraph/printing.h"
#include "mxgraph/random.h"
#include "mxgraph/transforms.h"
#include "mxgraph/version.h"
