// TextFSM rows as JSON, for `vty parse` and `vty run --parse textfsm[:PATH]`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <vty/response.hpp>
#include <vty/textfsm.hpp>

namespace vty::cli {

// One JSON object: field name -> string, list of strings, or list of objects (List values
// with nested named groups), in the template's Value order.
std::string textfsm_row_json(const textfsm::Row& row);
// A JSON array of rows, one row per line ("[]" when there are none); no final newline.
std::string textfsm_rows_json(const std::vector<textfsm::Row>& rows);

// For `vty run --parse textfsm[:PATH]`: `response` parsed with PATH, a template file or an
// ntc-templates folder (looked up by `platform` and the response's command; an empty PATH
// means $NTC_TEMPLATES_DIR, as in ntc-templates), as a JSON array of rows. Templates and
// indexes are loaded once per path. Throws vty::TextFsmError.
std::string textfsm_parse_json(std::string_view path, std::string_view platform,
                               const Response& response);

}  // namespace vty::cli
