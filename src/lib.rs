//! samtal: meeting records in Markdown → a static site.
//!
//! The pipeline, one module each: `load` reads the site folder (the only reader of the
//! disk) → `validate` turns text into a checked `model::Site`, collecting every problem as
//! a `Diagnostic` → `render` turns the model into files in memory → `write` swaps them into
//! the output folder atomically. `serve` runs the same pipeline on every change.
pub mod diagnostic;
pub mod i18n;
pub mod load;
pub mod model;
pub mod validate;
pub mod yaml;
