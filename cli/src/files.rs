//! Files the command line writes: exports and images hold personal data, so they are created
//! readable by their owner only (on Unix) before anything is written to them.

use std::path::Path;

/// Creates (or truncates) a file that only its owner can read and write, on Unix. An existing
/// file keeps its permissions: they are narrowed here too.
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        Ok(file)
    }
    #[cfg(not(unix))]
    options.open(path)
}
