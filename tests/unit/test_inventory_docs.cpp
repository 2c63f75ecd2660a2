// docs/inventory.md against the loaders: every key documented is accepted, every key
// accepted is documented (with its type and tables), and the examples load.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "support/paths.hpp"
#include "vty/credentials.hpp"
#include "vty/inventory.hpp"

using namespace vty::cli;

namespace {

struct Doc {
  std::map<std::string, std::vector<std::string>> inventory_rows;  // key -> cells
  std::map<std::string, std::vector<std::string>> credential_rows;
  std::vector<std::string> toml_blocks;
};

std::string trim(const std::string& text) {
  auto first = text.find_first_not_of(" `");
  auto last = text.find_last_not_of(" `");
  return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

Doc read_doc() {
  std::ifstream in(std::string(VTY_SOURCE_DIR) + "/docs/inventory.md");
  REQUIRE(in);
  Doc doc;
  std::string line, section, block;
  bool in_block = false;
  while (std::getline(in, line)) {
    if (line.rfind("```toml", 0) == 0) {
      in_block = true;
      block.clear();
      continue;
    }
    if (in_block) {
      if (line.rfind("```", 0) == 0) {
        in_block = false;
        doc.toml_blocks.push_back(block);
      } else {
        block += line + "\n";
      }
      continue;
    }
    if (line.rfind("## ", 0) == 0) section = line.substr(3);
    if (line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    std::istringstream row(line.substr(1));
    for (std::string cell; std::getline(row, cell, '|');) cells.push_back(trim(cell));
    auto& rows = section == "Inventory keys" ? doc.inventory_rows : doc.credential_rows;
    rows[cells.at(0)] = cells;
  }
  return doc;
}

std::string joined(const std::vector<std::string_view>& items) {
  std::string out;
  for (auto item : items) out.append(out.empty() ? "" : ", ").append(item);
  return out;
}

}  // namespace

TEST_CASE("docs/inventory.md documents exactly the inventory keys the loader accepts") {
  Doc doc = read_doc();
  std::set<std::string> accepted;
  for (const auto& key : inventory_keys()) {
    accepted.insert(std::string(key.name));
    INFO("key " << key.name);
    REQUIRE(doc.inventory_rows.count(std::string(key.name)));
    const auto& cells = doc.inventory_rows.at(std::string(key.name));
    CHECK(cells.at(1) == key.type);
    CHECK(cells.at(2) == joined(key.tables));
  }
  for (const auto& [key, cells] : doc.inventory_rows) {
    INFO("documented key " << key);
    CHECK(accepted.count(key));
  }
}

TEST_CASE("docs/inventory.md documents exactly the credentials keys the loader accepts") {
  Doc doc = read_doc();
  std::set<std::string> accepted(credential_keys().begin(), credential_keys().end());
  std::set<std::string> documented;
  for (const auto& [key, cells] : doc.credential_rows) documented.insert(key);
  CHECK(documented == accepted);
}

TEST_CASE("docs/inventory.md's examples load, and the inventory example uses every key") {
  Doc doc = read_doc();
  REQUIRE(doc.toml_blocks.size() >= 2);
  const std::string& example = doc.toml_blocks.front();
  auto inventory = parse_inventory(example, "docs/inventory.md");
  CHECK(inventory.hosts.size() == 3);
  for (const auto& key : inventory_keys()) {
    INFO("key " << key.name);
    CHECK(example.find("\n" + std::string(key.name) + " = ") != std::string::npos);
  }
  auto credentials = parse_credentials(doc.toml_blocks.back(), "docs/inventory.md");
  CHECK(credentials.count("default"));
  for (const auto& ref : inventory.credential_refs) CHECK(credentials.count(ref));
}
