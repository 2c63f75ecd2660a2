// Response::raise_for_status: a message of a few hundred bytes, the whole output on the
// exception object.
#include <catch2/catch.hpp>

#include <string>

#include "vty/errors.hpp"
#include "vty/response.hpp"

TEST_CASE("raise_for_status keeps the message short and the whole output on the exception") {
  vty::Response response;
  response.host = "r1";
  response.command = "show tech";
  response.result = std::string(1'000'000, 'x') + "\n% Invalid input detected at '^' marker.";
  response.failed = true;
  response.failed_when_contains = "% Invalid input";
  try {
    response.raise_for_status();
    FAIL("no exception");
  } catch (const vty::CommandFailed& error) {
    CHECK(std::string(error.what()).size() < 600);
    CHECK_THAT(error.what(), Catch::Contains("Invalid input detected"));  // the tail
    REQUIRE(error.partial().size() == 1);
    CHECK(error.partial().front().result == response.result);
  }
}
