//! The real spec passes `cargo xtask lint`. A missing spec is a failure, not a skip.

#[test]
fn the_real_spec_has_no_lint_findings() {
    let path = xtask::workspace_root().join(xtask::DEFAULT_SPEC);
    assert!(path.is_file(), "{} does not exist", path.display());
    let report = xtask::lint::lint_path(&path);
    let listing: Vec<String> = report.findings.iter().map(ToString::to_string).collect();
    assert!(
        report.findings.is_empty(),
        "{}\n{}\nrun `cargo xtask lint` to see them again",
        listing.join("\n"),
        report.summary()
    );
    assert!(report.operations > 0, "the spec has no operations");
}
