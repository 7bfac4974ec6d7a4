//! The I/O floor of a build: read every file of a site folder, then write as many files,
//! in the same folders and with the same sizes, as a real build wrote. No parsing, no
//! rendering: what any generator must at least spend on the file system.
//!
//!     io_floor record <built-output-dir> <manifest>     # once, untimed: paths and sizes
//!     io_floor run <site-dir> <manifest> <dest-dir>     # timed: read all, write all
//!
//! `run` uses as many threads as there are cores (samtal's reads are serial, its writes
//! parallel; this gives the floor the benefit of the doubt on both).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("entry"))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if e.file_type().expect("file type").is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn record(built: &Path, manifest: &Path) {
    let mut files = Vec::new();
    walk(built, &mut files);
    let mut text = String::new();
    let mut total = 0u64;
    for f in &files {
        let size = fs::metadata(f).expect("stat").len();
        total += size;
        let rel = f.strip_prefix(built).expect("inside").to_string_lossy();
        text.push_str(&format!("{size}\t{rel}\n"));
    }
    fs::write(manifest, text).expect("write manifest");
    eprintln!("io_floor: {} files, {:.1} MB recorded", files.len(), total as f64 / 1e6);
}

fn run(site: &Path, manifest: &Path, dest: &Path) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Read every file of the site (content and theme), as a build must.
    let mut inputs = Vec::new();
    walk(site, &mut inputs);
    let read: Vec<u64> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..threads)
            .map(|k| {
                let inputs = &inputs;
                s.spawn(move || {
                    inputs.iter().skip(k).step_by(threads).map(|p| fs::read(p).expect("read").len() as u64).sum::<u64>()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("reader")).collect()
    });
    let read: u64 = read.iter().sum();
    let text = fs::read_to_string(manifest).expect("read manifest");
    let files: Vec<(usize, &str)> = text
        .lines()
        .map(|l| {
            let (size, rel) = l.split_once('\t').expect("manifest line");
            (size.parse().expect("size"), rel)
        })
        .collect();
    let largest = files.iter().map(|f| f.0).max().unwrap_or(0);
    let filler: Vec<u8> = (0..largest).map(|i| b"<p>lorem ipsum dolor</p>\n"[i % 25]).collect();
    // Folders first (serially, like samtal), then the files in parallel.
    let mut dirs: Vec<&str> = files.iter().filter_map(|(_, rel)| rel.rsplit_once('/').map(|(d, _)| d)).collect();
    dirs.sort_unstable();
    dirs.dedup();
    fs::create_dir_all(dest).expect("create dest");
    for d in dirs {
        fs::create_dir_all(dest.join(d)).expect("create folder");
    }
    std::thread::scope(|s| {
        for k in 0..threads {
            let (files, filler) = (&files, &filler);
            s.spawn(move || {
                for (size, rel) in files.iter().skip(k).step_by(threads) {
                    let mut f = fs::File::create(dest.join(rel)).expect("create file");
                    f.write_all(&filler[..*size]).expect("write file");
                }
            });
        }
    });
    let written: usize = files.iter().map(|f| f.0).sum();
    eprintln!(
        "io_floor: read {} files ({:.1} MB), wrote {} files ({:.1} MB)",
        inputs.len(),
        read as f64 / 1e6,
        files.len(),
        written as f64 / 1e6
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["record", built, manifest] => record(Path::new(built), Path::new(manifest)),
        ["run", site, manifest, dest] => run(Path::new(site), Path::new(manifest), Path::new(dest)),
        _ => {
            eprintln!("usage: io_floor record <built-dir> <manifest> | io_floor run <site-dir> <manifest> <dest-dir>");
            std::process::exit(2);
        }
    }
}
