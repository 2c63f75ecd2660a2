// TextFSM rows as JSON, for `vty parse` and `vty run --parse textfsm[:PATH]`.
#pragma once

#include <string>
#include <vector>

#include <vty/textfsm.hpp>

namespace vty::cli {

// One JSON object: field name -> string, list of strings, or list of objects (List values
// with nested named groups), in the template's Value order.
std::string textfsm_row_json(const textfsm::Row& row);
// A JSON array of rows, one row per line ("[]" when there are none); no final newline.
std::string textfsm_rows_json(const std::vector<textfsm::Row>& rows);

}  // namespace vty::cli
