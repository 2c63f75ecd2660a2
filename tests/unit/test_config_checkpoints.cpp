// Which checkpoint rollback n names in a device's list of them (IOS-XE `show archive`,
// NX-OS `show checkpoint summary`, EOS `show configuration checkpoints`).
#include <catch2/catch.hpp>

#include "config_checkpoints.hpp"

using vty::detail::nth_checkpoint;

TEST_CASE("nth_checkpoint: the newest is 1, counting back from it") {
  const char* archive =
      "The maximum archive configurations allowed is 10.\n"
      "There are currently 3 archive configurations saved.\n"
      " Archive #  Name\n"
      "   1        flash:archive-1\n"
      "   2        flash:archive-2\n"
      "   3        flash:archive-3 <- Most Recent\n"
      "   4\n"
      "   5\n";
  const char* pattern = R"(^\s*\d+\s+\K\S+)";
  CHECK(nth_checkpoint(archive, pattern, "<- Most Recent", 1) == "flash:archive-3");
  CHECK(nth_checkpoint(archive, pattern, "<- Most Recent", 3) == "flash:archive-1");
  CHECK_FALSE(nth_checkpoint(archive, pattern, "<- Most Recent", 4));
  CHECK_FALSE(nth_checkpoint(archive, pattern, "<- Most Recent", 0));
}

TEST_CASE("nth_checkpoint: a full archive wraps around the newest") {
  const char* archive =
      "   1        flash:archive-4\n"
      "   2        flash:archive-5 <- Most Recent\n"
      "   3        flash:archive-3\n";
  const char* pattern = R"(^\s*\d+\s+\K\S+)";
  CHECK(nth_checkpoint(archive, pattern, "<- Most Recent", 1) == "flash:archive-5");
  CHECK(nth_checkpoint(archive, pattern, "<- Most Recent", 2) == "flash:archive-4");
  CHECK(nth_checkpoint(archive, pattern, "<- Most Recent", 3) == "flash:archive-3");
}

TEST_CASE("nth_checkpoint: without a marker the last listed is the newest") {
  const char* summary =
      "User Checkpoint Summary\n"
      "----------------------------------------\n"
      "1) user-checkpoint-1:\n"
      "Created by admin\n"
      "2) user-checkpoint-2:\n"
      "Created by admin\n";
  const char* pattern = R"(^\d+\) \K[^:\s]+)";
  CHECK(nth_checkpoint(summary, pattern, "", 1) == "user-checkpoint-2");
  CHECK(nth_checkpoint(summary, pattern, "", 2) == "user-checkpoint-1");
}
