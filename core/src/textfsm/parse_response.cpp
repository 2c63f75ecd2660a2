// A command's Response parsed by TextFSM: the joint between vty::core and vty::textfsm.
#include "vty/textfsm.hpp"

namespace vty {

std::vector<textfsm::Row> parse_textfsm(const Response& response,
                                        const std::filesystem::path& template_file) {
  return textfsm::Template::cached(template_file)->parse(response.result);
}

std::vector<textfsm::Row> parse_textfsm(const Response& response,
                                        const textfsm::Template& compiled) {
  return compiled.parse(response.result);
}

std::vector<textfsm::Row> parse_textfsm(const Response& response,
                                        const textfsm::TemplateIndex& index,
                                        std::string_view platform) {
  return index.parse(platform, response.command, response.result);
}

}  // namespace vty
