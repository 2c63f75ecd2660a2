// Real devices' sessions (tests/transcripts/*.vtyrec, each naming its source) replayed
// through every platform that claims the OS: the platform's definition must open the
// session as the device expects it (its on_open commands are the recorded input), find
// every prompt, and tell failed commands from good ones. The steps each file lists in its
// "# step:" comments are what the driver does after open.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <vty/recording.hpp>
#include <vty/vty.hpp>
#include "support/paths.hpp"

namespace fs = std::filesystem;

namespace {

std::string text_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trim(std::string text) {
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text;
}

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  for (;;) {
    std::size_t end = text.find(separator, begin);
    parts.push_back(trim(text.substr(begin, end == std::string::npos ? end : end - begin)));
    if (end == std::string::npos) return parts;
    begin = end + separator.size();
  }
}

struct Step {
  std::string verb;   // command, failing, acquire, configs
  std::string level;  // configs@LEVEL
  std::string argument;
  std::string expect;  // after "=>"
};

std::vector<Step> steps_of(const std::string& text) {
  std::vector<Step> steps;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const std::string marker = "# step: ";
    if (!line.starts_with(marker)) continue;
    line = line.substr(marker.size());
    Step step;
    auto arrow = line.find(" => ");
    if (arrow != std::string::npos) {
      step.expect = trim(line.substr(arrow + 4));
      line = line.substr(0, arrow);
    }
    auto space = line.find(' ');
    step.verb = line.substr(0, space);
    step.argument = space == std::string::npos ? "" : trim(line.substr(space + 1));
    if (auto at = step.verb.find('@'); at != std::string::npos) {
      step.level = step.verb.substr(at + 1);
      step.verb = step.verb.substr(0, at);
    }
    steps.push_back(step);
  }
  return steps;
}

// The recording's platform and every shipped platform that extends it.
std::vector<std::string> claiming(const std::string& platform) {
  std::vector<std::string> names{platform};
  for (const auto& entry : fs::directory_iterator(fs::path(VTY_SOURCE_DIR) / "platforms")) {
    if (entry.path().extension() != ".toml") continue;
    if (text_of(entry.path()).find("extends = \"" + platform + "\"") != std::string::npos)
      names.push_back(entry.path().stem().string());
  }
  return names;
}

void replay(const fs::path& file, const std::string& platform) {
  const std::string text = text_of(file);
  vty::Options options;
  options.host = "transcript";
  options.platform = platform;
  options.transport = "replay";
  options.replay.file = file;
  options.auth.username = "admin";
  options.auth.password = "not-recorded";
  options.auth.secondary = "not-recorded";
  options.timeout_ops = std::chrono::seconds(5);
  vty::Driver driver(options);
  driver.open();
  CHECK(driver.current_privilege() == driver.platform().default_privilege);
  for (const auto& step : steps_of(text)) {
    INFO("step: " << step.verb << " " << step.argument);
    if (step.verb == "command" || step.verb == "failing") {
      auto response = driver.send_command(step.argument);
      INFO(response.result);
      CHECK(response.failed == (step.verb == "failing"));
      CHECK(response.result.find(step.expect) != std::string::npos);
    } else if (step.verb == "acquire") {
      driver.acquire_priv(step.argument);
      CHECK(driver.current_privilege() == step.argument);
    } else if (step.verb == "configs") {
      vty::CommandOptions config_options;
      config_options.privilege = step.level;
      auto responses = driver.send_configs(split(step.argument, " | "), config_options);
      for (const auto& response : responses) {
        INFO(response.command << ": " << response.result);
        bool expected_failure = false;
        for (const auto& refusal : split(step.expect, " | "))
          expected_failure =
              expected_failure ||
              (!refusal.empty() && response.result.find(refusal) != std::string::npos);
        CHECK(response.failed == expected_failure);
      }
      CHECK(driver.current_privilege() == driver.platform().default_privilege);
    } else {
      FAIL("unknown step verb '" << step.verb << "' in " << file);
    }
  }
  driver.close();
}

}  // namespace

TEST_CASE("real devices' transcripts replay through every platform claiming their OS") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(VTY_SOURCE_DIR) / "tests/transcripts"))
    if (entry.path().extension() == ".vtyrec") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 6);
  for (const auto& file : files) {
    const auto recording = vty::load_recording(file);
    REQUIRE_FALSE(steps_of(text_of(file)).empty());
    for (const auto& platform : claiming(recording.header.platform)) {
      DYNAMIC_SECTION(file.filename().string() << " through " << platform) {
        replay(file, platform);
      }
    }
  }
}
