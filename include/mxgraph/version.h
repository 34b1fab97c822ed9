// Version numbers of the library, in one place.
#pragma once

#define MXGRAPH_VERSION_MAJOR 0
#define MXGRAPH_VERSION_MINOR 1
#define MXGRAPH_VERSION_PATCH 0
#define MXGRAPH_VERSION_STRING "0.1.0"
