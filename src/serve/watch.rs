//! Watching the site folder and rebuilding on every change.
//!
//! Watched: `site.yaml`, `content/`, `themes/`, `templates/` and `static/`. The site folder
//! itself is watched non-recursively, which catches saves of `site.yaml` by editors that write
//! a new file and rename it over the old one (vim, nvim, most IDEs): a watch on the file alone
//! would be lost with the old file. It also notices when one of the folders appears later.
//! Everything else in the site folder (`public/`, `target/`, `.git/`, …) is ignored.
//!
//! `--poll` scans the folders every [`POLL_INTERVAL`] instead, comparing modification times and
//! contents, for file systems that send no events (network drives, WSL's Windows drives).
//!
//! Events pass through notify-debouncer-full, which waits until the folder has been quiet for
//! [`DEBOUNCE`] and folds the create-write-rename dance of an atomic save into one change.
//! Editor litter (`.swp`, `~`, `#…#`, `.bck`, JetBrains' `___jb_tmp___`, vim's `4913`, …) never
//! triggers a rebuild, see [`crate::load::is_editor_litter`].

use super::{Builder, DEBOUNCE, Event, OnEvent, POLL_INTERVAL, Shared};
use crate::load::is_editor_litter;
use crate::model::layout::SITE_FILE;
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};
use std::path::{Component, Path};
use std::sync::mpsc::{Receiver, Sender};

/// The folders of the site folder that feed a build.
pub const WATCHED_DIRS: [&str; 4] = ["content", "themes", "templates", "static"];

/// What the rebuild thread receives.
pub(crate) enum Message {
    Changes(DebounceEventResult),
    Stop,
}

/// A debounced watcher on file system events, or polling for `--poll`.
pub(crate) enum Watcher {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Watcher {
    /// Starts watching `root` (canonical) and sends every debounced batch to `changes`.
    pub(crate) fn start(root: &Path, poll: bool, changes: Sender<Message>) -> notify::Result<Watcher> {
        let handler = move |result: DebounceEventResult| {
            let _ = changes.send(Message::Changes(result));
        };
        let mut watcher = if poll {
            // Modification times are compared to the second only; the contents catch two saves
            // within one second. Sites are small, so hashing them each round is cheap.
            let config = notify::Config::default().with_poll_interval(POLL_INTERVAL).with_compare_contents(true);
            Watcher::Poll(new_debouncer_opt::<_, PollWatcher, NoCache>(DEBOUNCE, None, handler, NoCache, config)?)
        } else {
            Watcher::Native(new_debouncer(DEBOUNCE, None, handler)?)
        };
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            if path.is_dir() {
                watcher.watch(&path, RecursiveMode::Recursive)?;
            }
        }
        Ok(watcher)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watcher::Native(d) => d.watch(path, mode),
            Watcher::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Watcher::Native(d) => d.unwatch(path),
            Watcher::Poll(d) => d.unwatch(path),
        }
    }

    fn stop(self) {
        match self {
            Watcher::Native(d) => d.stop(),
            Watcher::Poll(d) => d.stop(),
        }
    }

    /// Follows a watched folder that was created, removed or replaced after the start.
    fn follow_folders(&mut self, root: &Path, event: &DebouncedEvent) -> Option<notify::Error> {
        if !matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(notify::event::ModifyKind::Name(_))
        ) {
            return None;
        }
        let mut problem = None;
        for path in &event.paths {
            let top = path.parent() == Some(root)
                && path.file_name().and_then(|n| n.to_str()).is_some_and(|n| WATCHED_DIRS.contains(&n));
            if !top {
                continue;
            }
            let _ = self.unwatch(path);
            if path.is_dir()
                && let Err(e) = self.watch(path, RecursiveMode::Recursive)
            {
                problem = Some(e);
            }
        }
        problem
    }
}

/// Whether an event can change the built site.
pub fn is_relevant(root: &Path, event: &notify::Event) -> bool {
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.need_rescan() || event.paths.iter().any(|p| is_relevant_path(root, p))
}

/// Whether a changed path is one a build reads: `site.yaml` or anything under the watched
/// folders, except editor litter.
pub fn is_relevant_path(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let Some(Component::Normal(first)) = rel.components().next() else {
        return false;
    };
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if is_editor_litter(&name) {
        return false;
    }
    let first = first.to_string_lossy();
    rel == Path::new(SITE_FILE) || WATCHED_DIRS.contains(&first.as_ref())
}

/// The rebuild thread: waits for changes, rebuilds the site (reusing what is unchanged, see
/// [`crate::render_cached`]), swaps it in and reports.
/// Returns on [`Message::Stop`].
pub(crate) fn rebuild_loop(
    mut watcher: Watcher,
    changes: Receiver<Message>,
    root: &Path,
    builder: &mut Builder,
    shared: &Shared,
    on_event: &OnEvent,
) {
    while let Ok(Message::Changes(first)) = changes.recv() {
        // Everything that arrived while the last build ran goes into this one.
        let mut batch = vec![first];
        let mut stop = false;
        while let Ok(message) = changes.try_recv() {
            match message {
                Message::Changes(c) => batch.push(c),
                Message::Stop => stop = true,
            }
        }
        if stop {
            break;
        }
        let mut rebuild = false;
        for result in batch {
            match result {
                Ok(events) => {
                    for event in &events {
                        rebuild |= is_relevant(root, event);
                        if let Some(problem) = watcher.follow_folders(root, event) {
                            on_event(Event::WatchProblem {
                                message: problem.to_string(),
                                lang: shared.snapshot().lang,
                            });
                        }
                    }
                }
                Err(errors) => {
                    // Events may have been lost: rebuild to be safe.
                    rebuild = true;
                    for e in errors {
                        on_event(Event::WatchProblem { message: e.to_string(), lang: shared.snapshot().lang });
                    }
                }
            }
        }
        if rebuild {
            let previous = shared.snapshot();
            let (snapshot, outcome) = builder.build(Some(&previous));
            drop(previous);
            shared.replace(snapshot);
            outcome.report(on_event, false);
        }
    }
    watcher.stop();
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind, RenameMode};
    use std::path::PathBuf;

    fn event(kind: EventKind, paths: &[&str]) -> notify::Event {
        let mut e = notify::Event::new(kind);
        e.paths = paths.iter().map(|p| PathBuf::from("/site").join(p)).collect();
        e
    }

    #[test]
    fn site_files_are_relevant() {
        let root = Path::new("/site");
        for p in [
            "site.yaml",
            "content/meetings/2018-skane.md",
            "content/regions.yaml",
            "themes/default/templates/base.html",
            "templates/meeting.html",
            "static/logo.svg",
            "content",
        ] {
            assert!(is_relevant_path(root, &root.join(p)), "{p}");
        }
    }

    #[test]
    fn litter_and_other_folders_are_not() {
        let root = Path::new("/site");
        for p in [
            "content/meetings/.2018-skane.md.swp",
            "content/meetings/2018-skane.md~",
            "content/meetings/#2018-skane.md#",
            "content/meetings/2018-skane.md.bck",
            "content/meetings/2018-skane.md___jb_tmp___",
            "content/meetings/2018-skane.md___jb_old___",
            "content/meetings/4913",
            ".site.yaml.swp",
            "site.yaml~",
            "public/index.html",
            "target/debug/samtal",
            "README.md",
            ".git/index",
        ] {
            assert!(!is_relevant_path(root, &root.join(p)), "{p}");
        }
        assert!(!is_relevant_path(root, Path::new("/elsewhere/site.yaml")));
        assert!(!is_relevant_path(root, root));
    }

    #[test]
    fn an_atomic_save_counts_through_its_target() {
        let root = Path::new("/site");
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        assert!(is_relevant(root, &event(rename, &["site.yaml.tmp~", "site.yaml"])));
        assert!(is_relevant(root, &event(EventKind::Create(CreateKind::File), &["content/meetings/a.md"])));
        assert!(!is_relevant(root, &event(EventKind::Create(CreateKind::File), &["content/meetings/.a.md.swp"])));
        assert!(!is_relevant(root, &event(EventKind::Access(AccessKind::Any), &["content/meetings/a.md"])));
    }
}
