/// @file
/// A unified diff of two configurations, for platforms whose OS has no diff of its own.
#pragma once

#include <string>
#include <string_view>

namespace vty {

struct DiffOptions {
  std::string_view from_name = "running";  ///< the "--- " line
  std::string_view to_name = "candidate";  ///< the "+++ " line
  int context = 3;                         ///< unchanged lines around each change
};

/// The lines of `from` and `to` compared as `diff -u` does: "" when they are the same, else
/// "--- from\n+++ to\n" and hunks ("@@ -a,b +c,d @@", then " ", "-" and "+" lines), no
/// newline after the last line. Lines end at "\n" ("\r\n" counts as "\n"). The edit is a
/// shortest one (Myers' algorithm), so its cost grows with the size of the change.
std::string unified_diff(std::string_view from, std::string_view to, DiffOptions options = {});

}  // namespace vty
