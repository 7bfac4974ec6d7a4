//! What rendering hands over: each file of the site, whole or streamed, to a sink that
//! writes it (a build), drops it (`check`) or keeps it (`serve`).

use bytes::Bytes;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, `/` separators.
    pub path: String,
    /// Shared, not copied: `serve` reuses unchanged pages from one rebuild to the next.
    pub bytes: Bytes,
}

/// A file written piece by piece into whatever the sink gives it (a file in a build, memory
/// in `serve`): the search index and the open data of a large site are hundreds of
/// megabytes, and are then never whole in memory.
pub struct StreamedFile<'a> {
    /// Path inside the output folder, `/` separators.
    pub path: String,
    pub write: WriteTo<'a>,
}

/// Writes a streamed file's bytes into `out`.
pub type WriteTo<'a> = Box<dyn FnOnce(&mut dyn std::io::Write) -> std::io::Result<()> + Send + 'a>;

/// A file of the site as rendering hands it over: whole, or to be streamed.
pub enum Output<'a> {
    Whole(OutputFile),
    Streamed(StreamedFile<'a>),
}

impl Output<'_> {
    /// Makes the file and drops its bytes (what `check` does with every file): a streamed
    /// page is rendered, and checked, as it is written.
    pub fn discard(self) {
        if let Output::Streamed(streamed) = self {
            // Writing into `io::sink` cannot fail.
            let _ = (streamed.write)(&mut std::io::sink());
        }
    }

    pub fn path(&self) -> &str {
        match self {
            Output::Whole(f) => &f.path,
            Output::Streamed(s) => &s.path,
        }
    }

    /// The file with its bytes in memory (for `serve` and tests).
    pub fn into_file(self) -> OutputFile {
        match self {
            Output::Whole(file) => file,
            Output::Streamed(streamed) => {
                let mut bytes = Vec::new();
                // Writing into memory cannot fail.
                let _ = (streamed.write)(&mut bytes);
                OutputFile { path: streamed.path, bytes: bytes.into() }
            }
        }
    }
}

/// Receives each file as soon as it is rendered, from several threads: a build writes it
/// into the staging folder, `check` drops it ([`Output::discard`]), `serve` keeps it in
/// memory. So no build ever holds the whole output in memory. A sink must write every
/// streamed file it is given (if only into `io::sink`): that is when the file is rendered.
/// Writing one may hand the sink other files (the search index is written while the
/// meetings' pages render), so a sink must not hold a lock while it writes a streamed file.
pub type Sink<'a, E> = &'a (dyn Fn(Output<'_>) -> Result<(), E> + Sync);
