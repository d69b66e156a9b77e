//! Named profiles: a base URL, an API key and an organization per name, in `profiles.json` in
//! the user's config directory (`GU1_CONFIG_DIR` overrides it). The file and its directory are
//! created readable by their owner only (on Unix); a key is written there and never printed.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::args::Profiles;
use crate::failure::{Failure, Outcome};
use crate::output::{Output, print_line};

/// One profile's credentials.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// The API's base URL (gu1's production URL when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// The API key.
    pub api_key: String,
    /// The organization, for keys that reach several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profile")
            .field("base_url", &self.base_url)
            .field("api_key", &"[redacted]")
            .field("organization_id", &self.organization_id)
            .finish()
    }
}

#[derive(Default, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// The profiles file.
fn path() -> Result<PathBuf, Failure> {
    let dir = match std::env::var_os("GU1_CONFIG_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => directories::ProjectDirs::from("ai", "gu1", "gu1-kyc")
            .map(|dirs| dirs.config_dir().to_path_buf())
            .ok_or_else(|| {
                Failure::Usage("no home directory for the profiles file; set GU1_CONFIG_DIR".into())
            })?,
    };
    Ok(dir.join("profiles.json"))
}

fn read() -> Result<File, Failure> {
    let path = path()?;
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| Failure::Usage(format!("{} is not a profiles file: {e}", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(File::default()),
        Err(e) => Err(Failure::Usage(format!(
            "cannot read {}: {e}",
            path.display()
        ))),
    }
}

fn write(file: &File) -> Result<PathBuf, Failure> {
    let path = path()?;
    let fail = |e: std::io::Error| Failure::Usage(format!("cannot write {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(dir).map_err(fail)?;
    }
    let text = serde_json::to_vec_pretty(file).map_err(|e| Failure::Usage(e.to_string()))?;
    let partial = path.with_extension("json.partial");
    let mut out = crate::files::create_private(&partial).map_err(fail)?;
    out.write_all(&text)
        .and_then(|()| out.sync_all())
        .map_err(fail)?;
    std::fs::rename(&partial, &path).map_err(fail)?;
    Ok(path)
}

/// The named profile.
pub fn load(name: &str) -> Result<Profile, Failure> {
    read()?.profiles.remove(name).ok_or_else(|| {
        Failure::Usage(format!(
            "no profile named {name}; create it with `gu1-kyc profiles set {name}`"
        ))
    })
}

/// Runs one `profiles` command.
pub fn run(command: Profiles, output: Output) -> Outcome {
    match command {
        Profiles::Set {
            name,
            base_url,
            organization_id,
            api_key_env,
        } => {
            let api_key = match api_key_env {
                Some(var) => std::env::var(&var)
                    .ok()
                    .filter(|k| !k.trim().is_empty())
                    .ok_or_else(|| {
                        Failure::Usage(format!("the environment variable {var} holds no key"))
                    })?,
                None => {
                    eprintln!(
                        "API key for profile {name} (read from stdin, not echoed by this command):"
                    );
                    let mut line = String::new();
                    std::io::stdin()
                        .lock()
                        .read_line(&mut line)
                        .map_err(|e| Failure::Usage(format!("cannot read the key: {e}")))?;
                    let key = line.trim().to_string();
                    if key.is_empty() {
                        return Err(Failure::Usage("no key on stdin".into()));
                    }
                    key
                }
            };
            let mut file = read()?;
            file.profiles.insert(
                name.clone(),
                Profile {
                    base_url,
                    api_key,
                    organization_id,
                },
            );
            let path = write(&file)?;
            if output.json {
                print_line(
                    &json!({ "profile": name, "file": path.display().to_string() }).to_string(),
                )
            } else {
                print_line(&format!("saved profile {name} in {}", path.display()))
            }
        }
        Profiles::List => {
            let rows: Vec<serde_json::Value> = read()?
                .profiles
                .iter()
                .map(|(name, p)| {
                    json!({
                        "name": name,
                        "baseUrl": p.base_url,
                        "organizationId": p.organization_id,
                        "apiKey": if p.api_key.is_empty() { "missing" } else { "set" },
                    })
                })
                .collect();
            output.list(
                &rows,
                &[
                    ("NAME", "name"),
                    ("BASE URL", "baseUrl"),
                    ("ORGANIZATION", "organizationId"),
                    ("KEY", "apiKey"),
                ],
            )
        }
        Profiles::Remove { name } => {
            let mut file = read()?;
            if file.profiles.remove(&name).is_none() {
                return Err(Failure::NotFound(format!("no profile named {name}")));
            }
            write(&file)?;
            print_line(&format!("removed profile {name}"))
        }
    }
}
