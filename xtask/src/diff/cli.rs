//! x
/// x
pub fn run(_args: &[String]) -> std::process::ExitCode {
    std::process::ExitCode::from(2)
}
