// What OpenSSH's client prints, and how the system transport reads it: prompts answered,
// failures classified, the device's first bytes kept. Text in, answers out.
#include <catch2/catch.hpp>

#include <algorithm>

#include "ssh_command.hpp"
#include "ssh_login.hpp"
#include "ssh_messages.hpp"

using vty::detail::classify_failure;
using vty::detail::classify_prompt;
using vty::detail::SshFailureKind;
using vty::detail::SshLogin;
using vty::detail::SshPrompt;
using Step = SshLogin::Step;

namespace {

SshLogin login_with_password(vty::HostKeyPolicy policy = vty::HostKeyPolicy::strict) {
  return SshLogin({.password = "s3cret", .passphrase = "words", .host_key_policy = policy});
}

SshFailureKind kind_of(std::string_view output) {
  auto failure = classify_failure(output);
  REQUIRE(failure);
  return failure->kind;
}

const char* changed_key_banner =
    "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\n"
    "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\n"
    "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\n"
    "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\r\n"
    "Someone could be eavesdropping on you right now (man-in-the-middle attack)!\r\n"
    "It is also possible that a host key has just been changed.\r\n"
    "The fingerprint for the ED25519 key sent by the remote host is\r\n"
    "SHA256:2bQk3mB0yM1bQvJ4Zb7cXl3hP5m1s0aS8v3bQ2w9ZxY.\r\n"
    "Please contact your system administrator.\r\n"
    "Add correct host key in /home/neteng/.ssh/known_hosts to get rid of this message.\r\n"
    "Offending ED25519 key in /home/neteng/.ssh/known_hosts:17\r\n"
    "  remove with:\r\n"
    "  ssh-keygen -f \"/home/neteng/.ssh/known_hosts\" -R \"[10.0.0.1]:22\"\r\n"
    "Host key for 10.0.0.1 has changed and you have requested strict checking.\r\n"
    "Host key verification failed.\r\n";

}  // namespace

TEST_CASE("ssh's password prompts are recognised in their several spellings") {
  CHECK(classify_prompt("admin@10.0.0.1's password: ") == SshPrompt::password);
  CHECK(classify_prompt("(admin@10.0.0.1) Password: ") == SshPrompt::password);
  CHECK(classify_prompt("Password for admin@router1: ") == SshPrompt::password);
  CHECK(classify_prompt("Password:") == SshPrompt::password);
  CHECK(classify_prompt("Enter passphrase for key '/home/u/.ssh/id_ed25519': ") ==
        SshPrompt::passphrase);
  CHECK(classify_prompt("Are you sure you want to continue connecting (yes/no/[fingerprint])? ") ==
        SshPrompt::host_key_question);
  CHECK(classify_prompt("router1#") == SshPrompt::none);
  CHECK(classify_prompt("router1>") == SshPrompt::none);
}

TEST_CASE("ssh's failures map to the kind of error vty raises") {
  CHECK(kind_of("admin@10.0.0.1: Permission denied (publickey,password).\r\n") ==
        SshFailureKind::authentication);
  CHECK(kind_of("ssh: connect to host 10.0.0.1 port 22: Connection refused\r\n") ==
        SshFailureKind::refused);
  CHECK(kind_of("ssh: connect to host 10.0.0.9 port 22: Connection timed out\r\n") ==
        SshFailureKind::timed_out);
  CHECK(kind_of("ssh: Could not resolve hostname nosuch: Name or service not known\r\n") ==
        SshFailureKind::unreachable);
  CHECK(kind_of("kex_exchange_identification: Connection closed by remote host\r\n"
                "Connection closed by 10.0.0.1 port 22\r\n") == SshFailureKind::closed);
  // A server that says goodbye during the login (vty-sim's close-in-auth fault).
  CHECK(kind_of("Received disconnect from 127.0.0.1 port 2222:11: Bye Bye\r\n"
                "Disconnected from 127.0.0.1 port 2222\r\n") == SshFailureKind::closed);
  CHECK(kind_of("Received disconnect from 10.0.0.1 port 22:2: Too many authentication failures\r\n"
                "Disconnected from 10.0.0.1 port 22\r\n") == SshFailureKind::authentication);
  // Found by fuzzing: a negative "line number" is no location at all.
  auto odd = classify_failure(
      "Host key for [127.0.0.1]:2222 has changed and you have requested strict checking.\n"
      "Offending ED25519 key in /tmp/known_hosts:-22\n");
  REQUIRE(odd);
  CHECK(odd->kind == SshFailureKind::host_key_changed);
  CHECK(odd->known_hosts_line == 0);
  CHECK(odd->known_hosts_file.empty());
  CHECK(kind_of("Load key \"/x\": invalid format\r\nsomething new\r\n") == SshFailureKind::other);
  CHECK_FALSE(classify_failure("\r\n"));

  SECTION("an unknown key under strict checking") {
    auto failure = classify_failure(
        "No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict "
        "checking.\r\nHost key verification failed.\r\n");
    REQUIRE(failure);
    CHECK(failure->kind == SshFailureKind::host_key_unknown);
    CHECK_THAT(failure->summary, Catch::Contains("No ED25519 host key is known"));
  }
  SECTION("a changed key names the known_hosts file and line") {
    auto failure = classify_failure(changed_key_banner);
    REQUIRE(failure);
    CHECK(failure->kind == SshFailureKind::host_key_changed);
    CHECK(failure->known_hosts_file == "/home/neteng/.ssh/known_hosts");
    CHECK(failure->known_hosts_line == 17);
    CHECK_THAT(failure->summary, Catch::Contains("/home/neteng/.ssh/known_hosts line 17"));
  }
  SECTION("no common algorithm says what the device offers and the option to allow it") {
    auto kex = classify_failure(
        "Unable to negotiate with 10.0.0.1 port 22: no matching key exchange method found. "
        "Their offer: diffie-hellman-group1-sha1,diffie-hellman-group14-sha1\r\n");
    REQUIRE(kex);
    CHECK(kex->kind == SshFailureKind::no_common_algorithm);
    CHECK_THAT(kex->summary,
               Catch::Contains(
                   "-o KexAlgorithms=+diffie-hellman-group1-sha1,diffie-hellman-group14-sha1"));
    auto cipher = classify_failure(
        "Unable to negotiate with 10.0.0.1 port 22: no matching cipher found. Their offer: "
        "aes128-cbc,3des-cbc\r\n");
    CHECK_THAT(cipher->summary, Catch::Contains("-o Ciphers=+aes128-cbc,3des-cbc"));
    auto host_key = classify_failure(
        "Unable to negotiate with 10.0.0.1 port 22: no matching host key type found. Their "
        "offer: ssh-rsa,ssh-dss\r\n");
    CHECK_THAT(host_key->summary, Catch::Contains("-o HostKeyAlgorithms=+ssh-rsa,ssh-dss"));
    auto mac = classify_failure(
        "Unable to negotiate with 10.0.0.1 port 22: no matching MAC found. Their offer: "
        "hmac-md5\r\n");
    CHECK_THAT(mac->summary, Catch::Contains("-o MACs=+hmac-md5"));
  }
}

TEST_CASE("the login types the password when asked, and never shows it") {
  auto login = login_with_password();
  CHECK(login
            .feed("Warning: Permanently added '[127.0.0.1]:2222' (ED25519) to the list of "
                  "known hosts.\r\n")
            .step == Step::read_more);
  auto typed = login.feed("(admin@127.0.0.1) Password: ");
  CHECK(typed.step == Step::type);
  CHECK(typed.text == "s3cret\n");
  CHECK(login.feed("\r\n").step == Step::read_more);
  CHECK_THAT(login.transcript(), Catch::Contains("Permanently added"));
  CHECK(login.transcript().find("s3cret") == std::string::npos);
}

TEST_CASE("a question split across reads is answered once it is whole") {
  auto login = login_with_password();
  CHECK(login.feed("(admin@127.0.0.1) Pass").step == Step::read_more);
  auto typed = login.feed("word: ");
  CHECK(typed.step == Step::type);
  CHECK(typed.text == "s3cret\n");
}

TEST_CASE("a server's banner on ssh's terminal is ssh's, not the device's first output") {
  // A pre-login banner (sshd's Banner) that looks like a device's prompt is no question.
  auto login = login_with_password();
  CHECK(login.feed("Authorized access only\r\nrouter1>\r\n").step == Step::read_more);
  CHECK_THAT(login.transcript(), Catch::Contains("router1>"));
  CHECK(login.feed("admin@h's password: ").step == Step::type);
}

TEST_CASE("a password asked for a third time means it was refused") {
  auto login = login_with_password();
  CHECK(login.feed("admin@h's password: ").step == Step::type);
  CHECK(login.feed("\r\nPermission denied, please try again.\r\n").step == Step::read_more);
  CHECK(login.feed("admin@h's password: ").step == Step::type);
  auto third = login.feed("\r\nadmin@h's password: ");
  CHECK(third.step == Step::failed);
  CHECK(login.failure().kind == SshFailureKind::authentication);
}

TEST_CASE("questions without an answer to give fail at once") {
  SshLogin login({});
  CHECK(login.feed("admin@h's password: ").step == Step::failed);
  CHECK(login.failure().kind == SshFailureKind::authentication);
  SshLogin key_login({});
  CHECK(key_login.feed("Enter passphrase for key '/k': ").step == Step::failed);
  CHECK_THAT(key_login.failure().summary, Catch::Contains("passphrase"));
}

TEST_CASE("the host-key question is answered as the policy says") {
  const char* question =
      "The authenticity of host '[10.0.0.1]:22' can't be established.\r\n"
      "ED25519 key fingerprint is SHA256:abc.\r\n"
      "This key is not known by any other names\r\n"
      "Are you sure you want to continue connecting (yes/no/[fingerprint])? ";
  auto accepting = login_with_password(vty::HostKeyPolicy::accept_new);
  CHECK(accepting.feed(question).text == "yes\n");
  auto strict = login_with_password(vty::HostKeyPolicy::strict);
  CHECK(strict.feed(question).text == "no\n");
  CHECK(strict.feed("\r\nHost key verification failed.\r\n").step == Step::read_more);
  CHECK(strict.ended().kind == SshFailureKind::host_key_unknown);
}

TEST_CASE("a changed-key banner is ssh's, never the device's, however it is split") {
  std::string banner = changed_key_banner;
  for (std::size_t split : {std::size_t{1}, std::size_t{7}, std::size_t{64}}) {
    auto login = login_with_password();
    for (std::size_t at = 0; at < banner.size(); at += split) {
      INFO("split every " << split << " at " << at);
      REQUIRE(login.feed(banner.substr(at, split)).step == Step::read_more);
    }
    CHECK(login.ended().kind == SshFailureKind::host_key_changed);
  }
}

TEST_CASE("ssh's arguments carry the options but never a secret") {
  vty::Options options;
  options.host = "10.0.0.1";
  options.port = 2222;
  options.auth.username = "admin";
  options.auth.password = "s3cret";
  options.auth.private_key_file = "/keys/id";
  options.auth.private_key_passphrase = "words";
  options.ssh_config_file = "none";
  options.ssh_options = {"KexAlgorithms=+diffie-hellman-group14-sha1"};
  options.host_key_policy = vty::HostKeyPolicy::accept_new;
  options.known_hosts_file = "/tmp/kh";
  auto args = vty::detail::ssh_arguments(options);
  auto has = [&](std::vector<std::string> run) {
    return std::search(args.begin(), args.end(), run.begin(), run.end()) != args.end();
  };
  CHECK(has({"-F", "/dev/null"}));
  CHECK(has({"-p", "2222"}));
  CHECK(has({"-l", "admin"}));
  CHECK(has({"-i", "/keys/id"}));
  CHECK(has({"-o", "KexAlgorithms=+diffie-hellman-group14-sha1"}));
  CHECK(has({"-o", "StrictHostKeyChecking=accept-new"}));
  CHECK(has({"-o", "UserKnownHostsFile=/tmp/kh"}));
  CHECK(has({"-tt"}));
  CHECK(args.back() == "10.0.0.1");
  for (const auto& arg : args) {
    CHECK(arg.find("s3cret") == std::string::npos);
    CHECK(arg.find("words") == std::string::npos);
  }
  options.host_key_policy = vty::HostKeyPolicy::off;
  args = vty::detail::ssh_arguments(options);
  CHECK(has({"-o", "StrictHostKeyChecking=no"}));
  CHECK(has({"-o", "UserKnownHostsFile=/dev/null"}));
  CHECK_FALSE(has({"-o", "UserKnownHostsFile=/tmp/kh"}));
}
