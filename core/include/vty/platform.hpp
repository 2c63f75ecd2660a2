/// @file
/// Platform definitions: what a vendor's CLI looks like (prompts per privilege level,
/// how to move between levels, failure strings), loaded from TOML files.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vty {

struct PrivilegeLevel {
  std::string name{};
  std::string pattern{};       ///< PCRE2, matched against the last line of output
  std::string previous{};      ///< the level this one is entered from ("" for a root level)
  std::string escalate{};      ///< command that enters this level from `previous`
  std::string deescalate{};    ///< command that returns to `previous`
  bool escalate_auth = false;  ///< escalating asks for the secondary password
  std::string escalate_prompt = R"(^[pP]assword:\s*$)";  ///< how that question looks
  std::vector<std::string> not_contains{};  ///< a prompt containing any of these is not this level
  std::string sim_prompt{};  ///< vty-sim's prompt for this level; "{hostname}" is replaced
};

/// How the device asks for credentials inside the session, where the transport does not
/// authenticate (telnet) or a console server shows the device's own login: the [login] table.
struct LoginPrompts {
  /// "Username:", "User Name:", "login:", "user:", "Login Name:", any case, at the line end
  /// ("Last login:" is not one).
  std::string username_pattern =
      R"((?i)^(?!.*last\s+login).*\b(?:user(?:\s?name)?|login(?:\s?name)?)\s*:\s*$)";
  /// "Password:", "password:", "Enter password:", "Passcode:".
  std::string password_pattern = R"((?i)\bpass(?:word|code)\s*:\s*$)";
  /// A login answered with a login prompt again is refused; these strings in what the
  /// device printed name why (and mark a refusal when the device hangs up instead).
  std::vector<std::string> failed_when_contains = {"% Authentication failed", "% Bad passwords",
                                                   "% Login invalid", "Login incorrect",
                                                   "Login invalid"};
};

/// Configuration management (docs/config.md): the optional [config_session] table. An
/// empty command is an operation the platform does not have (vty::UnsupportedOperation).
/// "{minutes}", "{hh:mm:ss}" (the same time), "{comment}" and "{n}" are replaced.
struct ConfigSessionCommands {
  bool supported = false;          ///< the table is there
  std::string privilege{};         ///< the level changes are staged at ("": [config] privilege)
  std::string enter{};             ///< typed at the default level to reach `privilege`
  std::string running{};           ///< prints the running configuration (at the default level)
  std::string startup{};           ///< prints the startup configuration (at the default level)
  std::string candidate{};         ///< prints the candidate (at `privilege`)
  std::string diff{};              ///< prints the candidate's difference ("": vty computes one)
  std::string replace{};           ///< empties the candidate before the lines of a replace
  std::string replace_question{};  ///< the question `replace` asks, answered "yes"
  std::string commit_replace{};    ///< without `replace`: commits the staged lines as the whole
                                   ///< configuration (IOS-XR `commit replace`)
  /// No candidate on the device (FRR): a replace is held by vty, diffed against the running
  /// configuration, and committed as the commands that turn one into the other (frr-reload)
  bool replace_by_difference = false;
  std::string commit{};
  std::string commit_comment{};            ///< a commit with a comment
  std::string commit_confirmed{};          ///< a commit rolled back unless confirmed in {minutes}
  std::string commit_confirmed_comment{};  ///< the same with a {comment}
  std::string confirm{};                   ///< confirms a commit-confirmed
  std::string abort{};                     ///< drops the staged changes
  std::string rollback{};                  ///< loads rollback {n} into the candidate
  bool rollback_needs_commit = false;      ///< `rollback` only stages: a commit follows it
  std::string save{};                      ///< copies running to startup
  std::vector<std::string> locked_when_contains{};  ///< output meaning another holds the lock
  std::string exec_prefix{};  ///< runs an exec command at the configuration level ("run ")
  /// PCRE2 patterns of the lines a device prints above its prompt ("[edit]", "{master:0}"):
  /// removed, with blank lines, from the end of what an operation returns
  std::vector<std::string> context_lines{};
  /// Staging in a file on the device (IOS-XE): a load writes the lines to `stage_file` by
  /// sending `stage_begin`, the lines and `stage_end` at `stage_privilege`; "{file}" in any
  /// command is `stage_file`, `stage_delete` deletes it; `confirm` is sent at the default level
  std::string stage_file{};
  bool stage_file_replace_only = false;  ///< merges still go to the session (NX-OS)
  std::string stage_delete{};
  std::string diff_file{};  ///< the diff of a staged file ("": `diff`)
  std::string stage_privilege{};
  std::string stage_begin{};
  std::string stage_end{};
  std::string diff_merge{};                ///< the diff of a staged merge ("": `diff`)
  std::string commit_replace_confirmed{};  ///< `commit_replace` rolled back unless confirmed
  /// A merge is applied by typing its lines at the configuration level, entered with this
  /// command when it is confirmed (IOS-XE `configure terminal revert timer {minutes}`)
  std::string merge_confirmed_enter{};
  /// Numbered rollbacks from named checkpoints: `checkpoint` saves one (sent at the default
  /// level before each commit and rollback), `checkpoints` lists them, `checkpoint_pattern`
  /// captures a name on each line of the list (oldest first), a line containing
  /// `checkpoint_latest` is the newest; `rollback` then names "{checkpoint}"
  std::string checkpoint{};
  std::string checkpoints{};
  std::string checkpoint_pattern{};
  std::string checkpoint_latest{};
  bool device_checkpoints_confirmed = false;  ///< a confirmed commit saves its own checkpoint
};

struct PlatformDefinition {
  std::string name{};
  std::filesystem::path source{};  ///< the file it was loaded from ("" when parsed from text)
  std::string extends{};           ///< the platform this one was laid over ("" for none)
  std::string plugin{};  ///< the C++ plugin it uses ("": the one registered under its name)
  std::vector<PrivilegeLevel> privileges{};
  std::string default_privilege{};
  std::vector<std::string> failed_when_contains{};
  std::vector<std::string> on_open{};   ///< sent at the default level right after login
  std::vector<std::string> on_close{};  ///< sent before the transport closes
  std::string return_char = "\n";
  std::string pager_pattern{};  ///< PCRE2 for a pager prompt ("--More--"); "" when none
  std::string pager_response = " ";
  std::string config_privilege = "configuration";  ///< the level send_config(s) works in
  std::string config_commit{};   ///< sent before leaving config mode, where the OS has commits
  std::string config_abort{};    ///< sent to discard a config session
  std::string detect_command{};  ///< a harmless command whose output identifies the platform
  std::string detect_pattern{};  ///< PCRE2 the output of detect_command matches on this platform
  LoginPrompts login{};          ///< in-band login (telnet, console servers)
  ConfigSessionCommands config_session{};  ///< configuration management, where supported
  /// Levels where configuration lines apply as they are typed (EOS `configure terminal`
  /// beside its sessions): send_configs sends neither commit nor abort there.
  std::vector<std::string> config_no_commit_at{};

  const PrivilegeLevel* find(std::string_view level) const;
  /// One PCRE2 pattern matching the prompt of any level.
  std::string prompt_pattern() const;
};

/// Parses a definition from TOML text. `source` names it in errors. Throws
/// PlatformDefinitionError with "source:line:col: what is wrong" for any bad definition.
/// A definition with `extends = "base"` is laid over base.toml, looked for next to `source`
/// and then along platform_search_path(extra_dirs).
PlatformDefinition parse_platform(std::string_view toml_text, const std::filesystem::path& source,
                                  const std::vector<std::filesystem::path>& extra_dirs = {});
/// Reads and parses one file, once per process: later calls for the same file (unchanged on
/// disk, with the same search path) return a copy of the definition parsed the first time.
/// Thread-safe.
PlatformDefinition load_platform_file(const std::filesystem::path& file,
                                      const std::vector<std::filesystem::path>& extra_dirs = {});
/// How many definition files this process has parsed (load_platform, load_platform_file,
/// drivers, autodetection): each file counts once, however many drivers use it.
std::size_t platform_files_parsed() noexcept;
/// Finds `name`.toml in `extra_dirs`, then in $VTY_PLATFORM_PATH (colon-separated), then
/// among the shipped definitions, and loads it with load_platform_file (parsed once per
/// process). Throws UnknownPlatform listing where it looked.
PlatformDefinition load_platform(std::string_view name,
                                 const std::vector<std::filesystem::path>& extra_dirs = {});
/// The folders load_platform searches, in order.
std::vector<std::filesystem::path> platform_search_path(
    const std::vector<std::filesystem::path>& extra_dirs = {});

/// Where a definition file comes from.
enum class PlatformOrigin {
  kExtra,        ///< a folder the program gave (extra_dirs, `vty --platform-dir`)
  kEnvironment,  ///< a folder of $VTY_PLATFORM_PATH
  kShipped,      ///< the definitions installed with vty
};
std::string_view to_string(PlatformOrigin origin);

/// One platform name as load_platform would find it.
struct PlatformListing {
  std::string name{};
  std::filesystem::path file{};  ///< the file that wins
  PlatformOrigin origin = PlatformOrigin::kShipped;
  std::vector<std::filesystem::path> overridden{};  ///< files of the same name it hides
};
/// Every platform name along the search path, sorted by name, without loading any.
std::vector<PlatformListing> list_platforms(
    const std::vector<std::filesystem::path>& extra_dirs = {});

}  // namespace vty
