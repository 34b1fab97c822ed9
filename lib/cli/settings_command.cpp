// `mxgraph settings`: the settings table (include/mxgraph/settings.h) with the value in
// effect for each row, so users without Python can see what the library reads.
#include "cli/cli_internal.h"
#include "mxgraph/settings.h"

namespace mxg::cli {

int settings_command(const Args& args, std::ostream& out) {
  if (!args.positional.empty()) {
    throw UsageError("settings takes no arguments, got '" + args.positional[0] + "'");
  }
  const auto& table = settings_table();
  for (size_t i = 0; i < table.size(); ++i) {
    const SettingInfo& s = table[i];
    out << s.env << "=" << setting_text(static_cast<Setting>(i)) << "  (" << s.type << ", default '"
        << s.default_value << "')\n    " << s.doc << "\n";
  }
  return 0;
}

} // namespace mxg::cli
