//! `cargo xtask test`: the README's one test command. The sandbox's hosted-page tests drive a
//! real headless Chromium, and the shared-store tests run against a real PostgreSQL and Redis;
//! all fail (never skip) without them. So the command first makes sure the browser and its
//! driver are there and that both servers answer ([`crate::services`]), installing Debian's
//! packages and starting the servers on loopback when it may, and then runs
//! `cargo test --workspace --all-features` with `DATABASE_URL` and `REDIS_URL` set (the optional
//! features have their own tests).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::codegen::cargo;

/// The Debian packages that provide the two binaries.
pub const PACKAGES: [&str; 2] = ["chromium", "chromium-driver"];

/// The binaries the browser tests start, with the variable that may name each instead of the
/// PATH (the tests honour the same variables).
pub const TOOLS: [(&str, &str); 2] = [("chromium", "CHROMIUM"), ("chromedriver", "CHROMEDRIVER")];

/// What the current user may do to install packages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Privilege {
    /// Running as root: `apt-get` directly.
    Root,
    /// `sudo -n` works (no password asked): `sudo -n apt-get`.
    PasswordlessSudo,
    /// Neither: the user has to run the commands.
    None,
}

/// What `cargo xtask test` does before running the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// The browser and its driver are there.
    Ready,
    /// Run these commands (program and arguments), then check again.
    Install(Vec<Vec<String>>),
    /// Nothing can be installed from here: print this and fail.
    Instruct(String),
}

/// Whether `path` is a file the current user could execute.
fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// `name` found in the directories of `path` (a PATH value).
pub fn find_on_path(name: &str, path: Option<&OsStr>) -> Option<PathBuf> {
    path.into_iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

/// The tools of [`TOOLS`] that are neither named by their variable (as `env` gives it) nor on
/// `path`.
pub fn missing_tools(
    path: Option<&OsStr>,
    env: impl Fn(&str) -> Option<OsString>,
) -> Vec<&'static str> {
    TOOLS
        .iter()
        .filter(|(name, var)| {
            let named = env(var)
                .filter(|v| !v.is_empty())
                .is_some_and(|v| is_executable(Path::new(&v)));
            !named && find_on_path(name, path).is_none()
        })
        .map(|(name, _)| *name)
        .collect()
}

/// The commands that install [`PACKAGES`], as the user would type them (`sudo` included when
/// they are not root).
fn install_commands(prefix: &[&str]) -> Vec<Vec<String>> {
    let owned = |parts: &[&str]| parts.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    let mut update = owned(prefix);
    update.extend(owned(&["apt-get", "update"]));
    let mut install = owned(prefix);
    install.extend(owned(&[
        "apt-get",
        "install",
        "-y",
        "--no-install-recommends",
    ]));
    install.extend(owned(&PACKAGES));
    vec![update, install]
}

/// Decides what to do about `missing` tools, given the user's privilege and whether the machine
/// has `apt-get` (Debian's packages are the ones the tests are written against).
pub fn plan(missing: &[&str], privilege: Privilege, has_apt_get: bool) -> Plan {
    if missing.is_empty() {
        return Plan::Ready;
    }
    let needs = format!(
        "the sandbox's browser tests need `chromium` and `chromedriver`, and {} on the PATH",
        match missing {
            [one] => format!("`{one}` is not"),
            _ => "neither is".to_string(),
        }
    );
    let escape = "or set CHROMIUM and CHROMEDRIVER to the browser and driver binaries";
    if !has_apt_get {
        return Plan::Instruct(format!(
            "cargo xtask test: {needs}.\nThis machine has no apt-get: install Chromium and its \
             WebDriver (chromedriver) with its package manager, {escape}, then run `cargo xtask test` again."
        ));
    }
    match privilege {
        Privilege::Root => Plan::Install(install_commands(&[])),
        Privilege::PasswordlessSudo => Plan::Install(install_commands(&["sudo", "-n"])),
        Privilege::None => {
            let commands: Vec<String> = install_commands(&["sudo"])
                .iter()
                .map(|c| format!("    {}", c.join(" ")))
                .collect();
            Plan::Instruct(format!(
                "cargo xtask test: {needs}.\nInstall Debian's packages (this needs root), then run \
                 `cargo xtask test` again:\n\n{}\n\n({escape})",
                commands.join("\n")
            ))
        }
    }
}

/// The effective user id, from `/proc` or else `id -u`; `None` when neither answers.
fn effective_uid() -> Option<u32> {
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        // `Uid:  real  effective  saved  filesystem`
        let uid = status
            .lines()
            .find_map(|line| line.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1))
            .and_then(|id| id.parse().ok());
        if uid.is_some() {
            return uid;
        }
    }
    let output = Command::new("id").arg("-u").output().ok()?;
    String::from_utf8_lossy(&output.stdout).trim().parse().ok()
}

/// The current user's [`Privilege`]: `sudo -n true` is how sudo says whether it would ask for a
/// password.
fn privilege(path: Option<&OsStr>) -> Privilege {
    if effective_uid() == Some(0) {
        return Privilege::Root;
    }
    let sudo_works = find_on_path("sudo", path).is_some_and(|sudo| {
        Command::new(sudo)
            .args(["-n", "true"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if sudo_works {
        Privilege::PasswordlessSudo
    } else {
        Privilege::None
    }
}

/// Runs one install command with apt's prompts turned off.
fn run_install_command(command: &[String]) -> Result<(), String> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| "empty command".to_string())?;
    println!("cargo xtask test: running `{}`", command.join(" "));
    let status = Command::new(program)
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .map_err(|e| format!("could not run `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo xtask test: `{}` failed ({status})",
            command.join(" ")
        ))
    }
}

/// Makes sure the browser and its driver are there, installing them if it may.
fn ensure_browser() -> Result<(), String> {
    let path = std::env::var_os("PATH");
    let env = |var: &str| std::env::var_os(var);
    let missing = missing_tools(path.as_deref(), env);
    let has_apt_get = find_on_path("apt-get", path.as_deref()).is_some();
    let privilege = if missing.is_empty() {
        Privilege::None
    } else {
        privilege(path.as_deref())
    };
    match plan(&missing, privilege, has_apt_get) {
        Plan::Ready => Ok(()),
        Plan::Instruct(message) => Err(message),
        Plan::Install(commands) => {
            println!(
                "cargo xtask test: installing {} for the browser tests",
                PACKAGES.join(" and ")
            );
            for command in &commands {
                run_install_command(command)?;
            }
            let still = missing_tools(path.as_deref(), env);
            if still.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "cargo xtask test: installed {} but {} still not on the PATH",
                    PACKAGES.join(" and "),
                    still.join(" and ")
                ))
            }
        }
    }
}

/// `cargo xtask test [ARGS]`: ensures the browser, then runs `cargo test --workspace --all-features ARGS` from
/// the workspace root and exits with its status.
pub fn run(args: &[String]) -> ExitCode {
    if let Err(message) = ensure_browser() {
        eprintln!("{message}");
        return ExitCode::FAILURE;
    }
    let (may_install, sudo) = match privilege(std::env::var_os("PATH").as_deref()) {
        Privilege::Root => (true, false),
        Privilege::PasswordlessSudo => (true, true),
        Privilege::None => (false, false),
    };
    let services = match crate::services::ensure(may_install, sudo) {
        Ok(services) => services,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let status = cargo()
        .current_dir(crate::workspace_root())
        .args(["test", "--workspace", "--all-features"])
        .args(args)
        .env("DATABASE_URL", &services.database_url)
        .env("REDIS_URL", &services.redis_url)
        .status();
    match status {
        Ok(status) => match status.code() {
            Some(0) => ExitCode::SUCCESS,
            // Exit codes above 255 do not exist on Unix; a code that does not fit still fails.
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1).max(1)),
            // Killed by a signal.
            None => ExitCode::FAILURE,
        },
        Err(e) => {
            eprintln!("cargo xtask test: could not run cargo: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_to_do_when_both_tools_are_there() {
        assert_eq!(plan(&[], Privilege::None, false), Plan::Ready);
    }

    #[test]
    fn root_installs_with_apt_get_directly() {
        let Plan::Install(commands) = plan(&["chromium"], Privilege::Root, true) else {
            panic!("root should install");
        };
        assert_eq!(
            commands,
            [
                vec!["apt-get", "update"],
                vec![
                    "apt-get",
                    "install",
                    "-y",
                    "--no-install-recommends",
                    "chromium",
                    "chromium-driver"
                ],
            ]
        );
    }

    #[test]
    fn passwordless_sudo_installs_without_prompting() {
        let Plan::Install(commands) = plan(&["chromedriver"], Privilege::PasswordlessSudo, true)
        else {
            panic!("passwordless sudo should install");
        };
        assert!(
            commands.iter().all(|c| c[..2] == ["sudo", "-n"]),
            "{commands:?}"
        );
        assert_eq!(commands[1][2..4], ["apt-get", "install"]);
    }

    #[test]
    fn without_privilege_it_says_exactly_what_to_run() {
        let Plan::Instruct(message) = plan(&["chromium", "chromedriver"], Privilege::None, true)
        else {
            panic!("an unprivileged user should be told what to run");
        };
        assert!(message.contains("neither is on the PATH"), "{message}");
        assert!(message.contains("\n    sudo apt-get update\n"), "{message}");
        assert!(
            message.contains(
                "\n    sudo apt-get install -y --no-install-recommends chromium chromium-driver\n"
            ),
            "{message}"
        );
    }

    #[test]
    fn without_apt_get_it_names_the_tools_to_install() {
        let Plan::Instruct(message) = plan(&["chromedriver"], Privilege::Root, false) else {
            panic!("no apt-get: nothing to install with");
        };
        assert!(
            message.contains("`chromedriver` is not on the PATH"),
            "{message}"
        );
        assert!(message.contains("no apt-get"), "{message}");
    }

    #[cfg(unix)]
    #[test]
    fn tools_are_found_on_the_path_or_through_their_variables() {
        use std::os::unix::fs::PermissionsExt;

        let dir = std::env::temp_dir().join(format!("xtask-test-runner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let make = |name: &str, mode: u32| {
            let file = dir.join(name);
            std::fs::write(&file, "#!/bin/sh\n").expect("a fake binary");
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode))
                .expect("permissions");
            file
        };
        make("chromium", 0o755);
        let driver = make("chromedriver", 0o644);
        let path = std::env::join_paths([&dir]).expect("a PATH");
        let no_env = |_: &str| None;
        assert_eq!(
            missing_tools(Some(&path), no_env),
            ["chromedriver"],
            "a file that is not executable does not count"
        );
        std::fs::set_permissions(&driver, std::fs::Permissions::from_mode(0o755))
            .expect("permissions");
        assert!(missing_tools(Some(&path), no_env).is_empty());
        let named = |var: &str| Some(dir.join(var.to_ascii_lowercase()).into_os_string());
        assert!(missing_tools(None, named).is_empty());
        assert_eq!(missing_tools(None, no_env), ["chromium", "chromedriver"]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
