//! The library's own words for the people who run it: the messages of its errors (loading,
//! writing, serving) in Swedish and English. `Display` on each error stays English, for
//! library users and logs. Other kinds of text each have one place of their own: the site's
//! and the preview's UI strings in `i18n.rs`, an author's located problems in
//! `diagnostic.rs`, and the command line's lines in the binary's `cmd/words.rs`.

use crate::i18n::Lang;
use crate::load::LoadError;
use crate::render::cms::MEDIA_FOLDER;
use crate::serve::ServeError;
use crate::serve::edit::Reason as EditRefusal;
use crate::serve::upload;
use crate::write::{MARKER, UnsafeReason, WriteError, shown};

impl LoadError {
    /// The message in the site's language; `Display` stays English for library users.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LoadError::SiteFolderMissing { path, .. } => match lang {
                Lang::Sv => {
                    format!("webbplatsens mapp {} finns inte eller kan inte öppnas", shown(path))
                }
                Lang::En => self.to_string(),
            },
        }
    }
}

impl UnsafeReason {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            UnsafeReason::FileSystemRoot => lang.pick("det är filsystemets rot", "it is the root of the file system"),
            UnsafeReason::HomeFolder => lang.pick("det är din hemmapp", "it is your home folder"),
            UnsafeReason::HoldsTheSite => {
                lang.pick("det är webbplatsens mapp eller innehåller den", "it is the site folder or contains it")
            }
            UnsafeReason::InsideSources => {
                lang.pick("den ligger i en av webbplatsens källmappar", "it is inside a folder of the site's sources")
            }
            UnsafeReason::IsAFile => lang.pick("det är en fil, inte en mapp", "it is a file, not a folder"),
        }
    }
}

impl WriteError {
    /// The message in the site's language; `Display` stays English for library users.
    pub fn message(&self, lang: Lang) -> String {
        use Lang::Sv;
        match (self, lang) {
            (WriteError::UnsafeOutput { path, reason }, Sv) => {
                format!("vägrar att använda {} som utmapp: {}", shown(path), reason.message(lang))
            }
            (WriteError::NotABuild { path }, Sv) => format!(
                "vägrar att ersätta {}: mappen innehåller filer som samtal inte har skrivit (ingen {MARKER}-markering); töm den eller välj en annan --output",
                shown(path)
            ),
            (WriteError::ForeignFiles { path, files }, Sv) => {
                let shown_files = files.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
                let more = if files.len() > 10 { format!(" och {} till", files.len() - 10) } else { String::new() };
                format!(
                    "vägrar att ersätta {}: där finns filer som samtal inte har skrivit och som skulle försvinna: {shown_files}{more}; flytta dem till static/ så följer de med varje bygge, eller ta bort dem",
                    shown(path)
                )
            }
            (WriteError::UnsafeFileName { file }, Sv) => {
                format!("vägrar att skriva {file}: namnet skulle hamna utanför utmappen")
            }
            (WriteError::Io { path, .. }, Sv) => format!("kunde inte skriva {}", shown(path)),
            (WriteError::ForeignFiles { path, files }, _) => {
                let shown_files = files.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
                let more = if files.len() > 10 { format!(" and {} more", files.len() - 10) } else { String::new() };
                format!(
                    "refusing to replace {}: it holds files samtal did not write, which would be lost: {shown_files}{more}; move them to static/ so that every build copies them, or remove them",
                    shown(path)
                )
            }
            (other, _) => other.to_string(),
        }
    }
}

impl ServeError {
    /// The message in the site's language; `Display` stays English for library users.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ServeError::Root { path, .. }, Lang::Sv) => {
                format!("webbplatsens mapp {} finns inte eller kan inte öppnas", shown(path))
            }
            (ServeError::Bind { addr, .. }, Lang::Sv) => format!(
                "kunde inte lyssna på {addr} (använder en annan server porten? prova --port 0 eller en annan port)"
            ),
            (ServeError::Watch(_), Lang::Sv) => "kunde inte bevaka webbplatsens mapp (prova --poll)".to_string(),
            (ServeError::Io(_), Lang::Sv) => "kunde inte starta servern".to_string(),
            (other, Lang::En) => other.to_string(),
        }
    }
}

/// "caused by", before each cause of an error.
pub fn caused_by(lang: Lang) -> &'static str {
    lang.pick("orsak", "caused by")
}

/// What the preview says when a build panicked (a bug in samtal).
pub fn crashed(lang: Lang) -> &'static str {
    lang.pick("samtal kraschade under bygget", "samtal crashed while building")
}

impl EditRefusal {
    /// Why the browser editor's request was refused, in the site's language.
    pub fn message(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        let t = |s: String, e: String| if sv { s } else { e };
        match self {
            EditRefusal::BadRequest => t(
                "begäran ska vara JSON med action och params".into(),
                "the request must be JSON with action and params".into(),
            ),
            EditRefusal::UnknownAction(a) => t(format!("okänd åtgärd {a}"), format!("unknown action {a}")),
            EditRefusal::UnsafePath(p) => t(
                format!("sökvägen \"{p}\" kan leda utanför webbplatsens mapp"),
                format!("the path \"{p}\" could lead outside the site folder"),
            ),
            EditRefusal::OutsideEditable(p) => t(
                format!("\"{p}\" ligger utanför content/meetings, content/pages, mötenas mappar och {MEDIA_FOLDER}"),
                format!("\"{p}\" is outside content/meetings, content/pages, the meetings' folders and {MEDIA_FOLDER}"),
            ),
            EditRefusal::BadName(p) => t(
                format!("filnamnet i \"{p}\" får bara ha a–z, 0–9 och bindestreck"),
                format!("the file name in \"{p}\" may only have a–z, 0–9 and hyphens"),
            ),
            EditRefusal::Symlink(p) => t(
                format!("\"{p}\" går via en symbolisk länk; sådana skrivs aldrig"),
                format!("\"{p}\" goes through a symbolic link; those are never written"),
            ),
            EditRefusal::BadContent => {
                t("innehållet är inte giltig base64".into(), "the content is not valid base64".into())
            }
            EditRefusal::Io(e) => {
                t(format!("filen kunde inte sparas: {e}"), format!("the file could not be saved: {e}"))
            }
            EditRefusal::FileTooLarge { name } => t(
                format!(
                    "{name} är större än {limit} MB, det största formuläret tar emot. Gör bilden mindre (till exempel 3000 bildpunkter bred) eller dela upp dokumentet, och ladda upp det igen.",
                    limit = upload::limit_mb()
                ),
                format!(
                    "{name} is larger than {limit} MB, the largest file the form takes. Make the picture smaller (for example 3000 pixels wide) or split the document, and upload it again.",
                    limit = upload::limit_mb()
                ),
            ),
            EditRefusal::RequestTooLarge => t(
                format!(
                    "det som sparas är för stort: formuläret tar emot högst {limit} MB åt gången. Spara filerna en i taget, eller gör dem mindre.",
                    limit = upload::limit_mb()
                ),
                format!(
                    "what is being saved is too large: the form takes at most {limit} MB at a time. Save the files one at a time, or make them smaller.",
                    limit = upload::limit_mb()
                ),
            ),
            EditRefusal::TooSlow => t(
                "filen kom fram för långsamt och togs inte emot. Försök igen.".into(),
                "the file arrived too slowly and was not accepted. Try again.".into(),
            ),
            EditRefusal::Busy => t(
                "förhandsgranskningen tar emot andra filer just nu. Vänta en stund och spara igen.".into(),
                "the preview is receiving other files right now. Wait a moment and save again.".into(),
            ),
            EditRefusal::MediaForPage(p) => t(
                format!("\"{p}\": bilder och filer till en fri sida läggs i {MEDIA_FOLDER}/, inte bredvid sidan"),
                format!("\"{p}\": pictures and files for a free page go into {MEDIA_FOLDER}/, not beside the page"),
            ),
            EditRefusal::Forbidden => t(
                "redigering är bara tillåten från den här datorn (se --allow-remote-edit)".into(),
                "editing is only allowed from this computer (see --allow-remote-edit)".into(),
            ),
        }
    }
}
