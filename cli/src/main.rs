//! `gu1-kyc`: the gu1 KYC API from a shell. See `gu1-kyc --help` and the crate's README.

mod args;
mod commands;
mod failure;
mod files;
mod output;
mod profiles;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::args::{Cli, Command};
use crate::failure::{Failure, Outcome};
use crate::output::Output;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let terminal = std::io::stdout().is_terminal();
    let output = Output {
        json: cli.json,
        show_personal_data: cli.show_personal_data,
        terminal,
        colour: terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    commands::use_profile(cli.profile);
    match run(cli.command, output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}

fn run(command: Command, output: Output) -> Outcome {
    match command {
        Command::Webhooks(command) => commands::webhooks::run(command, output),
        Command::Profiles(command) => profiles::run(command, output),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "gu1-kyc",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        command => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(|e| Failure::Unreachable(format!("cannot start the runtime: {e}")))?;
            runtime.block_on(async move {
                match command {
                    Command::Validations(command) => {
                        commands::validations::run(command, output).await
                    }
                    Command::Entities(command) => commands::entities::run(command, output).await,
                    Command::IdVerifications(command) => {
                        commands::records::id_verifications(command, output).await
                    }
                    Command::FaceMatches(command) => {
                        commands::records::face_matches(command, output).await
                    }
                    Command::Images(command) => commands::records::images(command, output).await,
                    Command::Sandbox(args) => commands::sandbox::run(args, output).await,
                    Command::Contract {
                        base_url,
                        allow_writes,
                        i_know_this_is_production,
                        max_requests,
                        deadline_secs,
                        format,
                        strict,
                        spec,
                        suggest,
                    } => {
                        commands::contract::run(commands::contract::Options {
                            base_url,
                            allow_writes,
                            production: i_know_this_is_production,
                            max_requests,
                            deadline: std::time::Duration::from_secs(deadline_secs),
                            format,
                            strict,
                            spec,
                            suggest,
                        })
                        .await
                    }
                    Command::Proxy { listen, upstream } => {
                        commands::proxy::run(listen, upstream).await
                    }
                    Command::Export {
                        from,
                        to,
                        format,
                        out,
                    } => commands::export::run(from, to, format, out, output).await,
                    Command::Listen { forward_to } => {
                        commands::devloop::listen(forward_to, output).await
                    }
                    Command::Trigger { status, entity } => {
                        commands::devloop::trigger(status, entity, output).await
                    }
                    Command::Events(command) => commands::devloop::events(command, output).await,
                    Command::Logs(command) => commands::devloop::logs(command, output).await,
                    Command::Webhooks(_) | Command::Profiles(_) | Command::Completions { .. } => {
                        Ok(())
                    }
                }
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_has_an_example_in_its_help() {
        fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let path = format!("{path} {}", command.get_name());
            let subcommands: Vec<&clap::Command> = command.get_subcommands().collect();
            if subcommands.is_empty() {
                let help = command
                    .get_long_about()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                if !help.contains("Example: `gu1-kyc ") {
                    missing.push(path.clone());
                }
            }
            for sub in subcommands {
                walk(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no example in the help of {missing:?}");
    }
}
