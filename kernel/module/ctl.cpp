// insmod, rmmod, lsmod, modinfo over the control socket.
#include <charconv>

#include "kernel/ctl/server.h"
#include "kernel/module/module.h"
#include "kernel/module/params.h"

namespace ukern {
namespace {

int cmd_insmod(CtlContext& c) {
  if (!c.require_privileged()) return 1;
  if (c.argv().size() < 2) {
    c.err("usage: ukern insmod PATH [key=value ...]\n");
    return 2;
  }
  std::vector<std::string> params(c.argv().begin() + 2, c.argv().end());
  std::string why;
  if (auto r = module_load(c.argv()[1], params, &why); !r) {
    c.errf("ukern: insmod: {} ({})\n", why, strerror(r.error()));
    return 1;
  }
  return 0;
}

int cmd_rmmod(CtlContext& c) {
  if (!c.require_privileged()) return 1;
  long timeout_ms = 5000;
  std::string name;
  for (size_t i = 1; i < c.argv().size(); ++i) {
    const std::string& a = c.argv()[i];
    if (a.rfind("--timeout-ms=", 0) == 0) std::from_chars(a.data() + 13, a.data() + a.size(), timeout_ms);
    else name = a;
  }
  if (name.empty()) {
    c.err("usage: ukern rmmod NAME\n");
    return 2;
  }
  if (name.ends_with(".so") || name.ends_with(".ko"))
    name = name.substr(name.find_last_of('/') + 1, name.size() - 3 - (name.find_last_of('/') + 1));
  std::string why;
  if (auto r = module_unload(name, std::chrono::milliseconds(timeout_ms), &why); !r) {
    c.errf("ukern: rmmod: {} ({})\n", why, strerror(r.error()));
    return 1;
  }
  return 0;
}

int cmd_lsmod(CtlContext& c) {
  c.outf("{:<24}{:>8}  {}\n", "Module", "Size", "Used by");
  for (const auto& m : module_list()) {
    std::string by;
    for (const auto& u : m.used_by) by += (by.empty() ? " " : ",") + u;
    c.outf("{:<24}{:>8}  {}{}{}\n", m.name, m.size, m.users, by, m.state == "Live" ? "" : " [" + m.state + "]");
  }
  return 0;
}

int cmd_modinfo(CtlContext& c) {
  if (c.argv().size() != 2) {
    c.err("usage: ukern modinfo NAME\n");
    return 2;
  }
  // Rendered under the registry lock, sent after it (a slow client must
  // not hold up insmod and rmmod).
  std::string text;
  bool found = module_with(c.argv()[1], [&](Module& m) {
    text += fmt::format("name:           {}\nfilename:       {}\n", m.name, m.path);
    for (const auto& [k, v] : m.info) text += fmt::format("{:<16}{}\n", k + ":", v);
    // A parameter's value is shown to those its perm lets read it (like
    // /sys/module/NAME/parameters/PARAM); its name to everyone.
    for (const auto& p : m.params)
      if (!c.privileged() && !(p.perm & 0004)) text += fmt::format("param:          {} (perm {:o})\n", p.name, p.perm);
      else text += fmt::format("param:          {}={} (perm {:o})\n", p.name, param_value(p), p.perm);
    if (!m.taint.empty()) text += fmt::format("taint:          {}\n", m.taint);
    if (m.oopsed) text += "oopsed:         yes\n";
  });
  c.out(text);
  if (!found) {
    c.errf("ukern: modinfo: module '{}' is not loaded\n", c.argv()[1]);
    return 1;
  }
  return 0;
}

UKERN_CTL_COMMAND("insmod", cmd_insmod);
UKERN_CTL_COMMAND("rmmod", cmd_rmmod);
UKERN_CTL_COMMAND("lsmod", cmd_lsmod);
UKERN_CTL_COMMAND("modinfo", cmd_modinfo);

}  // namespace
}  // namespace ukern
