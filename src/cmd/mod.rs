//! The binary's commands, one file each (as mdBook's `cmd/`): what is not the library's
//! business (writing `samtal new` files, printing, opening a browser) lives here.

pub mod mv;
pub mod new;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod words;
