//! Putting a finished build in place of the output folder, on every platform, without a
//! moment where the previous output is lost.
//!
//! - Linux: `renameat2(RENAME_EXCHANGE)` swaps the two folders in one step; macOS:
//!   `renamex_np(RENAME_SWAP)` does the same. The output is never missing.
//! - Elsewhere (Windows), and where the file system refuses the swap, [`swap_by_renames`]:
//!   1. rename the output → `.<out>.samtal-old-<pid>` beside it (the previous build, whole);
//!   2. rename the new build → the output;
//!   3. remove the old one.
//!
//!   If step 2 fails, the old build is renamed back before the error is reported; if step 1
//!   fails, nothing has moved. Between steps 1 and 2 the output's name is briefly free, but
//!   the previous build exists whole under the backup name at every moment, and a build
//!   interrupted there is recovered by the next one (which finds the backup beside the
//!   output; see `restore_interrupted_swap`). A backup that cannot be removed (a virus
//!   scanner holding a file) is left and removed by the next build.
//!
//! On Windows a rename fails for a moment while a virus scanner, indexer or Explorer window
//! holds a file in the folder (sharing violation, access denied); every rename is tried again
//! with growing pauses ([`retrying`]) before it counts as failed.

use std::io;
use std::path::Path;
use std::time::Duration;

/// The pauses between tries of a rename that failed for a moment (about 4 s in all).
pub const RETRY_PAUSES: [Duration; 8] = [
    Duration::from_millis(10),
    Duration::from_millis(25),
    Duration::from_millis(50),
    Duration::from_millis(100),
    Duration::from_millis(250),
    Duration::from_millis(500),
    Duration::from_millis(1000),
    Duration::from_millis(2000),
];

/// Whether an error is one that goes away by itself: on Windows, another program holding a
/// file in the folder (access denied, sharing or lock violation). Nowhere else.
pub fn is_transient(error: &io::Error) -> bool {
    const ERROR_ACCESS_DENIED: i32 = 5;
    const ERROR_SHARING_VIOLATION: i32 = 32;
    const ERROR_LOCK_VIOLATION: i32 = 33;
    cfg!(windows)
        && matches!(error.raw_os_error(), Some(ERROR_ACCESS_DENIED | ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION))
}

/// Runs `op`, and again after each pause while it fails with an error `transient` accepts.
pub fn retrying(
    mut op: impl FnMut() -> io::Result<()>,
    transient: impl Fn(&io::Error) -> bool,
    pauses: &[Duration],
    mut pause: impl FnMut(Duration),
) -> io::Result<()> {
    let mut pauses = pauses.iter();
    loop {
        match op() {
            Err(e) if transient(&e) => match pauses.next() {
                Some(&p) => pause(p),
                None => return Err(e),
            },
            result => return result,
        }
    }
}

/// `fs::rename`, retried while Windows reports the folder briefly locked.
pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    retrying(|| std::fs::rename(from, to), is_transient, &RETRY_PAUSES, std::thread::sleep)
}

/// Swaps `staging` in as `out` (which exists) in one step, where the system can; `staging`
/// then holds the previous build. `Unsupported` where it cannot.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call.
    let result =
        unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if result == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

/// macOS (APFS): `renamex_np(RENAME_SWAP)`.
#[cfg(target_os = "macos")]
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call.
    let result = unsafe { libc::renamex_np(a.as_ptr(), b.as_ptr(), libc::RENAME_SWAP) };
    if result == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
pub fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// The order for systems that cannot swap folders in one step (see the module docs):
/// `out` → `backup`, `staging` → `out`, remove `backup`; on failure the backup goes back.
/// `rename` is [`rename`] in a build; tests pass one that fails on purpose.
pub fn swap_by_renames(
    staging: &Path,
    out: &Path,
    backup: &Path,
    mut rename: impl FnMut(&Path, &Path) -> io::Result<()>,
) -> io::Result<()> {
    rename(out, backup)?;
    if let Err(e) = rename(staging, out) {
        // Put the previous build back before reporting; should even that fail, it is whole
        // under `backup`, and the next build renames it back first.
        let _ = rename(backup, out);
        return Err(e);
    }
    let _ = std::fs::remove_dir_all(backup);
    Ok(())
}

/// Before a build: a backup left by a swap interrupted between its two renames is the
/// previous output; when the output itself is missing, it is renamed back.
pub fn restore_interrupted_swap(out: &Path, backup: &Path) {
    if !out.exists() && backup.join(super::MARKER).is_file() {
        let _ = rename(backup, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn folder_with(path: &Path, text: &str) {
        fs::create_dir_all(path).unwrap();
        fs::write(path.join("index.html"), text).unwrap();
        fs::write(path.join(super::super::MARKER), "").unwrap();
    }

    fn read(path: &Path) -> String {
        fs::read_to_string(path.join("index.html")).unwrap()
    }

    #[test]
    fn the_rename_order_swaps_and_removes_the_backup() {
        // Guards the Windows (and fallback) order, run here on Linux through the same function.
        let dir = tempfile::tempdir().unwrap();
        let (staging, out, backup) = (dir.path().join("new"), dir.path().join("public"), dir.path().join("old"));
        folder_with(&staging, "ny");
        folder_with(&out, "gammal");
        let mut order = Vec::new();
        swap_by_renames(&staging, &out, &backup, |a, b| {
            order.push((a.file_name().unwrap().to_owned(), b.file_name().unwrap().to_owned()));
            fs::rename(a, b)
        })
        .unwrap();
        assert_eq!(read(&out), "ny");
        assert!(!staging.exists() && !backup.exists());
        assert_eq!(order, [("public".into(), "old".into()), ("new".into(), "public".into())]);
    }

    #[test]
    fn a_failed_second_rename_puts_the_previous_output_back() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, out, backup) = (dir.path().join("new"), dir.path().join("public"), dir.path().join("old"));
        folder_with(&staging, "ny");
        folder_with(&out, "gammal");
        let mut calls = 0;
        let result = swap_by_renames(&staging, &out, &backup, |a, b| {
            calls += 1;
            if calls == 2 { Err(io::Error::from(io::ErrorKind::PermissionDenied)) } else { fs::rename(a, b) }
        });
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(read(&out), "gammal", "the previous output is back in place");
        assert!(!backup.exists());
        assert_eq!(read(&staging), "ny", "the caller removes the failed build");
    }

    #[test]
    fn a_failed_first_rename_moves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, out, backup) = (dir.path().join("new"), dir.path().join("public"), dir.path().join("old"));
        folder_with(&staging, "ny");
        folder_with(&out, "gammal");
        let result =
            swap_by_renames(&staging, &out, &backup, |_, _| Err(io::Error::from(io::ErrorKind::PermissionDenied)));
        assert!(result.is_err());
        assert_eq!(read(&out), "gammal");
        assert!(!backup.exists());
    }

    #[test]
    fn a_swap_interrupted_between_its_renames_is_recovered_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let (out, backup) = (dir.path().join("public"), dir.path().join("old"));
        folder_with(&backup, "gammal");
        restore_interrupted_swap(&out, &backup);
        assert_eq!(read(&out), "gammal");
        // With the output in place, a backup is only litter: left to the stale-folder cleanup.
        folder_with(&backup, "äldre");
        restore_interrupted_swap(&out, &backup);
        assert_eq!(read(&out), "gammal");
    }

    #[test]
    fn a_briefly_locked_folder_is_tried_again_with_growing_pauses() {
        let mut failures = 2;
        let mut paused = Vec::new();
        let locked = || io::Error::from_raw_os_error(32);
        let result = retrying(
            || {
                if failures > 0 {
                    failures -= 1;
                    Err(locked())
                } else {
                    Ok(())
                }
            },
            |e| e.raw_os_error() == Some(32),
            &RETRY_PAUSES,
            |p| paused.push(p),
        );
        assert!(result.is_ok());
        assert_eq!(paused, RETRY_PAUSES[..2]);
    }

    #[test]
    fn a_folder_locked_for_good_fails_after_the_last_pause_and_other_errors_at_once() {
        let mut tries = 0;
        let result = retrying(
            || {
                tries += 1;
                Err(io::Error::from_raw_os_error(32))
            },
            |_| true,
            &RETRY_PAUSES,
            |_| {},
        );
        assert!(result.is_err());
        assert_eq!(tries, RETRY_PAUSES.len() + 1);
        let mut tries = 0;
        let result = retrying(
            || {
                tries += 1;
                Err(io::Error::from(io::ErrorKind::NotFound))
            },
            |e| e.kind() != io::ErrorKind::NotFound,
            &RETRY_PAUSES,
            |_| {},
        );
        assert!(result.is_err());
        assert_eq!(tries, 1);
    }

    #[test]
    fn only_windows_lock_errors_are_transient() {
        let locked = io::Error::from_raw_os_error(32);
        assert_eq!(is_transient(&locked), cfg!(windows));
        assert!(!is_transient(&io::Error::from(io::ErrorKind::NotFound)));
    }
}
