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

#[test]
fn every_name_in_the_decisions_file_exists_in_the_spec() {
    let root = xtask::workspace_root();
    let spec =
        gu1_kyc_spec::Spec::from_path(&root.join(xtask::DEFAULT_SPEC)).expect("the spec loads");
    let decisions = std::fs::read_to_string(root.join(xtask::check::DECISIONS))
        .expect("DECISIONS.md is readable");
    let stale = xtask::check::stale_decisions(&spec, &decisions);
    assert!(stale.is_empty(), "{stale:#?}");
}

#[test]
fn a_decision_naming_a_removed_operation_is_reported() {
    let spec = gu1_kyc_spec::Spec::from_yaml_str(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses: {}\ncomponents:\n  schemas:\n    A: {type: string}\n",
        "inline",
    )
    .expect("the spec parses");
    let text = "Spec: `getA`, `#/components/schemas/A`\nSpec: `getB`, `#/components/schemas/B`\n";
    let stale = xtask::check::stale_decisions(&spec, text);
    assert_eq!(stale.len(), 2, "{stale:?}");
    assert!(stale[0].contains("`getB`") && stale[1].contains("`#/components/schemas/B`"));
}
