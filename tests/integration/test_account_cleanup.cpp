// The suite's last step (a ctest cleanup fixture): no test left a password on the test
// account, and it accepts none from here on whatever happened.
#include <catch2/catch.hpp>

#include "support/sshd.hpp"

TEST_CASE("the test account is left accepting no password", "[.account_cleanup]") {
  CHECK(vty::test::lock_login_user());
}
