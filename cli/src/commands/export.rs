//! `gu1-kyc export`: a period's validations to a file, through the reports crate.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use futures_util::{StreamExt, TryStreamExt};
use gu1_kyc::types::Validation;
use gu1_kyc_reports::{CsvOptions, ExportError};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use crate::args::ExportFormat;
use crate::failure::{Failure, Outcome};
use crate::output::{Output, print_line};

/// Runs `gu1-kyc export`.
pub async fn run(
    from: NaiveDate,
    to: NaiveDate,
    format: ExportFormat,
    out: PathBuf,
    output: Output,
) -> Outcome {
    if from >= to {
        return Err(Failure::Usage("--from must be before --to".into()));
    }
    let (start, end) = (
        from.and_time(NaiveTime::MIN).and_utc(),
        to.and_time(NaiveTime::MIN).and_utc(),
    );
    let client = super::client()?;
    let list = client.validations().list();
    // The total of the organization's validations, for the bar: the walk stops earlier.
    let total = client.validations().list().limit(1).send().await?.total;
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} validations read ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let read = progress.clone();
    let in_period = list
        .stream()
        .inspect(move |_| read.inc(1))
        // Newest first: the first one created before the period ends the walk.
        .try_take_while(move |v| {
            let keep = v.created_at.is_none_or(|at| at >= start);
            async move { Ok(keep) }
        })
        .try_filter(move |v| {
            let keep = v.created_at.is_some_and(|at| at >= start && at < end);
            async move { keep }
        });
    let partial = partial_path(&out);
    let file = crate::files::create_private(&partial)
        .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", partial.display())))?;
    let written = match format {
        ExportFormat::Csv => {
            let options = CsvOptions::new().include_personal_data(output.show_personal_data);
            gu1_kyc_reports::write_csv(in_period, std::io::BufWriter::new(file), options).await
        }
        ExportFormat::Jsonl => write_jsonl(in_period, std::io::BufWriter::new(file), output).await,
    };
    progress.finish();
    let rows = match written {
        Ok(rows) => rows,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(match error {
                ExportError::Read(error) => Failure::from(error),
                other => Failure::Usage(format!("cannot write {}: {other}", out.display())),
            });
        }
    };
    std::fs::rename(&partial, &out)
        .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", out.display())))?;
    if output.json {
        print_line(&json!({ "rows": rows, "out": out.display().to_string() }).to_string())
    } else {
        print_line(&format!("exported {rows} validations to {}", out.display()))
    }
}

/// `FILE.partial`, where the export is written until it is complete.
fn partial_path(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// One validation per line, redacted unless personal data was asked for.
async fn write_jsonl<S, W>(validations: S, mut out: W, output: Output) -> Result<u64, ExportError>
where
    S: futures_util::Stream<Item = gu1_kyc::Result<Validation>>,
    W: Write,
{
    let mut validations = std::pin::pin!(validations);
    let mut rows = 0u64;
    while let Some(validation) = validations.next().await {
        let validation = validation.map_err(ExportError::Read)?;
        let line = output
            .json_of(&validation)
            .map(|json| json.to_string())
            .map_err(|_| {
                ExportError::Write(std::io::Error::other("a validation did not serialize"))
            })?;
        writeln!(out, "{line}").map_err(ExportError::Write)?;
        rows += 1;
    }
    out.flush().map_err(ExportError::Write)?;
    Ok(rows)
}
