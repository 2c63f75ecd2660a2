// check_job: the run's own configuration mistakes (a platform, transport or privilege level
// that does not exist, a TextFSM template that does not compile) found before any host is
// contacted, not once per host after its login.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <vty/platform.hpp>
#include <vty/textfsm.hpp>
#include <vty/transport.hpp>

#include "run_args.hpp"

namespace vty::cli {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out.append(out.empty() ? "" : ", ").append(item);
  return out;
}

// "host r1" or "hosts r1, r2 and 3 more".
std::string hosts_text(const std::vector<std::string>& names) {
  std::string out = names.size() == 1 ? "host " : "hosts ";
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > 3) out += " and " + std::to_string(names.size() - 3) + " more";
  return out;
}

void check_transports(const FleetJob& job) {
  auto known = registered_transports();
  std::map<std::string, std::vector<std::string>> unknown;
  for (std::size_t i = 0; i < job.hosts.size(); ++i)
    if (std::find(known.begin(), known.end(), job.hosts[i].transport.name()) == known.end())
      unknown[job.hosts[i].transport.name()].push_back(job.names[i]);
  if (unknown.empty()) return;
  auto& [name, hosts] = *unknown.begin();
  throw UsageProblem("unknown transport \"" + name + "\" (" + hosts_text(hosts) +
                     "); the transports are " + joined(known));
}

void check_platforms(const FleetJob& job) {
  // A platform name and the folders searched decide the definition: load each once.
  std::map<std::pair<std::string, std::vector<std::filesystem::path>>, std::vector<std::string>>
      platforms;
  for (std::size_t i = 0; i < job.hosts.size(); ++i)
    if (job.hosts[i].platform != "auto")
      platforms[{job.hosts[i].platform, job.hosts[i].platform_paths}].push_back(job.names[i]);
  for (const auto& [key, hosts] : platforms) {
    PlatformDefinition definition;
    try {
      definition = load_platform(key.first, key.second);
    } catch (const PlatformError& error) {
      throw UsageProblem(hosts_text(hosts) + ": " + error.summary());
    }
    if (job.privilege.empty()) continue;
    std::vector<std::string> levels;
    for (const auto& level : definition.privileges) levels.push_back(level.name);
    if (std::find(levels.begin(), levels.end(), job.privilege) == levels.end())
      throw UsageProblem("--privilege " + job.privilege + ": platform " + key.first + " (" +
                         hosts_text(hosts) + ") has no such level; its levels are " +
                         joined(levels));
  }
}

// [platforms.NAME] of the inventory: a name no platform has would never match.
void check_platform_commands(const FleetJob& job) {
  std::vector<std::filesystem::path> paths;
  if (!job.hosts.empty()) paths = job.hosts.front().platform_paths;
  for (const auto& [name, commands] : job.platform_commands) {
    try {
      load_platform(name, paths);
    } catch (const PlatformError& error) {
      throw UsageProblem("[platforms." + name + "] of the inventory: " + error.summary());
    }
  }
}

void check_textfsm(const FleetJob& job) {
  if (!job.parse_textfsm) return;
  std::string path = job.textfsm_path;
  if (path.empty()) {
    const char* env = std::getenv("NTC_TEMPLATES_DIR");
    if (!env || !*env)
      throw UsageProblem(
          "--parse textfsm needs a template path (textfsm:PATH) or $NTC_TEMPLATES_DIR");
    path = env;
  }
  try {
    if (std::filesystem::is_directory(path))
      textfsm::TemplateIndex index(path);
    else
      textfsm::Template::cached(path);
  } catch (const DriverException& error) {
    throw UsageProblem("--parse textfsm:" + path + ": " + error.summary());
  }
}

}  // namespace

void check_job(const FleetJob& job) {
  check_transports(job);
  check_platforms(job);
  check_platform_commands(job);
  check_textfsm(job);
}

}  // namespace vty::cli
