// libyaml on its own, for the benchmark that times its event stream without our loader.
#include <yaml.h>
