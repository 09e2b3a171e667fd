// The helpers are header-only; this file gives the target a translation unit.
#include "CVFIO.h"
