// The functions are header-only; this file gives the target a translation unit.
#include "CVolatile.h"
