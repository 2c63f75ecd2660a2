// A vty-sim Device playing one of the shipped device models, for tests that type at it.
#pragma once

#include <string>
#include <string_view>

#include "vty-sim/cli_tree.hpp"
#include "vty-sim/device.hpp"
#include "vty-sim/device_model.hpp"

namespace vty::test {

struct Shipped {
  explicit Shipped(const std::string& name, sim::DeviceOptions options = {})
      : cli(sim::load_device_model_file(sim::shipped_device_dir() / (name + ".toml"))),
        device(cli, std::move(options)) {
    device.read_all();
  }
  // Types `text` and returns all the device printed in answer.
  std::string type(std::string_view text) {
    device.feed(text);
    return device.read_all();
  }
  sim::CliTree cli;
  sim::Device device;
};

}  // namespace vty::test
