//! Tests that install a process-wide subscriber run alone: the test runs again in a child
//! process of this binary, with only itself, so no other test's spans reach its subscriber and
//! no other test races it for tracing's callsite registry.

/// Set in the child process.
const CHILD: &str = "GU1_KYC_TEST_ALONE";

/// In the child, runs `body` on a runtime of its own. In the parent, runs `test` (its full
/// name) in a child process and fails unless it passed there.
pub fn run_alone<F: std::future::Future<Output = ()>>(test: &str, body: impl FnOnce() -> F) {
    if std::env::var_os(CHILD).is_some() {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(body());
        return;
    }
    let child = std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .output()
        .expect("the test binary runs again");
    let stdout = String::from_utf8_lossy(&child.stdout);
    assert!(
        child.status.success(),
        "the test failed in its own process:\n{stdout}\n{}",
        String::from_utf8_lossy(&child.stderr)
    );
    assert!(
        stdout.contains("1 passed"),
        "the child ran no test: {stdout}"
    );
}
