//! The command line: `build`, `check`, `serve`, `new`, `mv`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "samtal", version, about = "Publishes the outcomes of strategic regional dialogues as a static site")]
pub struct Cli {
    /// The site folder (holds site.yaml).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(BuildArgs),
    /// Check everything a build checks, including links, without writing anything.
    Check(CheckArgs),
    /// Preview the site: build it in memory, serve it, rebuild and reload on every change.
    Serve(ServeArgs),
    /// Write a new meeting file or a new site.
    #[command(subcommand)]
    New(NewCommand),
    /// Rename or move a meeting or page file; its old address keeps working (aliases:).
    Mv(MvArgs),
}

#[derive(Debug, Args)]
pub struct MvArgs {
    /// The file to move, e.g. content/meetings/2018-skane.md (or a bundle folder).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// Its new name or folder, e.g. content/meetings/2018-05-16-skane.md or content/meetings/2018/.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Write the site here instead of the folder named in site.yaml.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Publish under this address or path, e.g. /samtal/ or https://example.org/samtal/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include meetings marked draft: true (they carry an "Utkast" banner).
    #[arg(long)]
    pub drafts: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Treat warnings as errors (for CI).
    #[arg(long)]
    pub strict: bool,
    /// Check as published under this address, e.g. https://example.org/samtal/ (as build's).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Check drafts as well.
    #[arg(long)]
    pub drafts: bool,
    /// How to print problems: human, json (one object per line) or github (annotations).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Print nothing on success.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Write content/meetings/<date>-<region>.md with every field and a comment for each.
    Meeting {
        /// Region slug from content/regions.yaml.
        #[arg(long)]
        region: Option<String>,
        /// YYYY-MM-DD, YYYY-MM or YYYY.
        #[arg(long)]
        date: Option<String>,
        /// The meeting's title.
        #[arg(long)]
        title: Option<String>,
    },
    /// Create a working minimal site in DIR.
    Site {
        /// The folder to create (must not exist or be empty).
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on (loopback by default; anything else exposes your drafts).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Poll for changes instead of using file system events (network drives, WSL).
    #[arg(long)]
    pub poll: bool,
    /// Include meetings marked draft: true.
    #[arg(long)]
    pub drafts: bool,
    /// Let the browser editor (/admin/) save from other computers when --bind is not
    /// loopback: anyone on the network can then change the site folder.
    #[arg(long)]
    pub allow_remote_edit: bool,
}

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
    Github,
}
