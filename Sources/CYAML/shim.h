// The system's libyaml (Debian: libyaml-dev; Homebrew: libyaml), found through pkg-config
// as yaml-0.1. DriverSpec reads its event stream straight into located nodes.
#include <yaml.h>
