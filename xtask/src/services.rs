//! The servers the shared-store tests run against, made sure of by `cargo xtask test`: a
//! PostgreSQL and a Redis on loopback. `DATABASE_URL` and `REDIS_URL` name servers of your own;
//! otherwise the defaults below are used, and when nothing answers there, Debian's packages are
//! installed (as root, or with passwordless sudo) and the servers started on 127.0.0.1.

use std::{
    net::{SocketAddr, TcpStream},
    process::Command,
    time::{Duration, Instant},
};

/// The database the tests use when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "postgres://gu1_kyc:gu1_kyc@127.0.0.1:5432/gu1_kyc_test";
/// The Redis the tests use when `REDIS_URL` is not set.
pub const DEFAULT_REDIS_URL: &str = "redis://127.0.0.1:6379/";

const POSTGRES_PORT: u16 = 5432;
const REDIS_PORT: u16 = 6379;

/// The URLs to hand the tests, once the servers behind them answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Services {
    /// `DATABASE_URL`.
    pub database_url: String,
    /// `REDIS_URL`.
    pub redis_url: String,
}

/// Whether something accepts TCP connections on loopback `port`.
fn answers(port: u16) -> bool {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    TcpStream::connect_timeout(&address, Duration::from_millis(300)).is_ok()
}

/// Waits up to `within` for loopback `port` to answer.
fn wait_for(port: u16, within: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < within {
        if answers(port) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

/// Runs `program args`, as root (directly or through `sudo -n`), saying what it runs.
fn run(sudo: bool, program: &str, args: &[&str]) -> Result<String, String> {
    let mut command = if sudo {
        let mut c = Command::new("sudo");
        c.arg("-n").arg(program);
        c
    } else {
        Command::new(program)
    };
    let output = command
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .output()
        .map_err(|e| format!("could not run `{program}`: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "`{program} {}` failed ({}): {}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// What to tell a user who must set the servers up by hand.
fn instructions() -> String {
    format!(
        "cargo xtask test: the shared-store tests need PostgreSQL and Redis.\n\
         Set DATABASE_URL and REDIS_URL to servers of yours, or install and start Debian's \
         packages as root:\n\n\
         \x20   apt-get update && apt-get install -y postgresql redis-server\n\
         \x20   pg_ctlcluster $(ls /usr/lib/postgresql | sort -n | tail -1) main start\n\
         \x20   runuser -u postgres -- psql -c \"CREATE ROLE gu1_kyc LOGIN PASSWORD 'gu1_kyc'\" \
         -c \"CREATE DATABASE gu1_kyc_test OWNER gu1_kyc\"\n\
         \x20   redis-server --daemonize yes --bind 127.0.0.1 --port {REDIS_PORT} --save '' \
         --appendonly no\n\n\
         then run `cargo xtask test` again (the defaults are {DEFAULT_DATABASE_URL} and \
         {DEFAULT_REDIS_URL})."
    )
}

/// Makes sure both servers answer, installing and starting what is missing when it may
/// (`may_install`: root, or passwordless sudo with `sudo`).
pub fn ensure(may_install: bool, sudo: bool) -> Result<Services, String> {
    let database_url = std::env::var("DATABASE_URL").ok().filter(|v| !v.is_empty());
    let redis_url = std::env::var("REDIS_URL").ok().filter(|v| !v.is_empty());
    let needs_postgres = database_url.is_none() && !postgres_ready(sudo);
    let needs_redis = redis_url.is_none() && !answers(REDIS_PORT);
    if (needs_postgres || needs_redis) && !may_install {
        return Err(instructions());
    }
    let mut packages = Vec::new();
    if needs_postgres && !postgres_installed() {
        packages.push("postgresql");
    }
    if needs_redis && which("redis-server").is_none() {
        packages.push("redis-server");
    }
    if !packages.is_empty() {
        println!(
            "cargo xtask test: installing {} for the shared-store tests",
            packages.join(" and ")
        );
        run(sudo, "apt-get", &["update"])?;
        let mut install = vec!["install", "-y", "--no-install-recommends"];
        install.extend(&packages);
        run(sudo, "apt-get", &install)?;
    }
    if needs_postgres {
        start_postgres(sudo)?;
    }
    if needs_redis {
        start_redis(sudo)?;
    }
    Ok(Services {
        database_url: database_url.unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
        redis_url: redis_url.unwrap_or_else(|| DEFAULT_REDIS_URL.to_owned()),
    })
}

/// `name` on the PATH.
fn which(name: &str) -> Option<std::path::PathBuf> {
    crate::test_runner::find_on_path(name, std::env::var_os("PATH").as_deref())
}

/// The newest installed PostgreSQL major version (`/usr/lib/postgresql/<version>`).
fn postgres_version() -> Option<String> {
    let mut versions: Vec<u32> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort_unstable();
    versions.last().map(u32::to_string)
}

fn postgres_installed() -> bool {
    postgres_version().is_some() && which("pg_ctlcluster").is_some()
}

/// Whether the default server answers and the tests' role and database exist on it.
fn postgres_ready(sudo: bool) -> bool {
    answers(POSTGRES_PORT) && postgres_installed() && create_role_and_database(sudo).is_ok()
}

/// Starts the cluster of the installed version (creating it if the package did not), then
/// creates the tests' role and database.
fn start_postgres(sudo: bool) -> Result<(), String> {
    let version = postgres_version()
        .ok_or_else(|| "cargo xtask test: PostgreSQL is not installed".to_string())?;
    if !answers(POSTGRES_PORT) {
        let clusters = run(sudo, "pg_lsclusters", &["--no-header"]).unwrap_or_default();
        let has_main = clusters.lines().any(|line| {
            line.split_whitespace()
                .take(2)
                .eq([version.as_str(), "main"])
        });
        if !has_main {
            run(sudo, "pg_createcluster", &[&version, "main"])?;
        }
        println!("cargo xtask test: starting PostgreSQL {version} on 127.0.0.1:{POSTGRES_PORT}");
        run(sudo, "pg_ctlcluster", &[&version, "main", "start"])?;
        if !wait_for(POSTGRES_PORT, Duration::from_secs(30)) {
            return Err(format!(
                "cargo xtask test: PostgreSQL {version} started but does not answer on port {POSTGRES_PORT}"
            ));
        }
    }
    create_role_and_database(sudo)
}

/// Creates the role and database of [`DEFAULT_DATABASE_URL`] when they are missing.
fn create_role_and_database(sudo: bool) -> Result<(), String> {
    let psql = |sql: &str| {
        run(
            sudo,
            "runuser",
            &["-u", "postgres", "--", "psql", "-XtAq", "-c", sql],
        )
    };
    let role = psql("SELECT 1 FROM pg_roles WHERE rolname = 'gu1_kyc'")?;
    if role.trim() != "1" {
        psql("CREATE ROLE gu1_kyc LOGIN PASSWORD 'gu1_kyc'")?;
    }
    let database = psql("SELECT 1 FROM pg_database WHERE datname = 'gu1_kyc_test'")?;
    if database.trim() != "1" {
        psql("CREATE DATABASE gu1_kyc_test OWNER gu1_kyc")?;
    }
    Ok(())
}

/// Starts a Redis on loopback that keeps nothing on disk.
fn start_redis(sudo: bool) -> Result<(), String> {
    println!("cargo xtask test: starting Redis on 127.0.0.1:{REDIS_PORT}");
    let port = REDIS_PORT.to_string();
    run(
        sudo,
        "redis-server",
        &[
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            &port,
            "--save",
            "",
            "--appendonly",
            "no",
        ],
    )?;
    if wait_for(REDIS_PORT, Duration::from_secs(10)) {
        Ok(())
    } else {
        Err(format!(
            "cargo xtask test: Redis started but does not answer on port {REDIS_PORT}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_instructions_name_the_packages_the_commands_and_the_variables() {
        let text = instructions();
        for needle in [
            "apt-get install -y postgresql redis-server",
            "pg_ctlcluster",
            "redis-server --daemonize yes --bind 127.0.0.1",
            "DATABASE_URL",
            "REDIS_URL",
            DEFAULT_DATABASE_URL,
        ] {
            assert!(text.contains(needle), "{needle} missing from:\n{text}");
        }
    }

    #[test]
    fn the_defaults_are_on_loopback() {
        assert!(DEFAULT_DATABASE_URL.contains("@127.0.0.1:5432/"));
        assert!(DEFAULT_REDIS_URL.starts_with("redis://127.0.0.1:6379"));
    }
}
