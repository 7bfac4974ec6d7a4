//! What an author is told about how the YAML of a file is written, in Swedish and English:
//! always what they did, in their words, never the parser's (its wording stays out).

use crate::i18n::Lang;
use crate::yaml::YamlProblem;
use crate::yaml::slips::Unquoted;

/// A character's name for an author, and its code point.
pub fn char_name(c: char, lang: Lang) -> String {
    let (sv, en) = match c {
        '\u{a0}' => ("ett osynligt hårt mellanslag", "an invisible non-breaking space"),
        '\u{202f}' => ("ett osynligt smalt hårt mellanslag", "an invisible narrow non-breaking space"),
        '\u{ad}' => ("ett osynligt mjukt bindestreck", "an invisible soft hyphen"),
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' => {
            ("ett osynligt tecken utan bredd", "an invisible zero-width character")
        }
        '\u{feff}' => ("ett osynligt BOM-tecken", "an invisible byte order mark"),
        '\u{2028}' | '\u{2029}' => ("en osynlig radbrytning från Word", "an invisible line break from Word"),
        _ => ("ett ovanligt mellanslag", "an unusual space"),
    };
    format!("{} (U+{:04X})", lang.pick(sv, en), c as u32)
}

pub fn yaml_message(problem: &YamlProblem, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let t = |s: String, e: String| if sv { s } else { e };
    match problem {
        YamlProblem::DuplicateKey(key) => {
            t(format!("fältet `{key}` står två gånger"), format!("the field `{key}` appears twice"))
        }
        YamlProblem::Tab => {
            t("tabbtecken får inte användas för indrag".into(), "tab characters may not be used for indentation".into())
        }
        YamlProblem::UnclosedQuote => {
            t("ett citattecken öppnas men stängs aldrig".into(), "a quotation mark is opened but never closed".into())
        }
        YamlProblem::UnclosedBracket('{') => {
            t("en klammerparentes { öppnas men stängs aldrig".into(), "a brace { is opened but never closed".into())
        }
        YamlProblem::UnclosedBracket(_) => {
            t("en hakparentes [ öppnas men stängs aldrig".into(), "a bracket [ is opened but never closed".into())
        }
        YamlProblem::Indentation => t(
            "indraget stämmer inte: raden står för långt in eller för långt ut".into(),
            "the indentation does not line up".into(),
        ),
        YamlProblem::WrongIndent { found, expected } => t(
            format!("indraget stämmer inte: raden börjar i kolumn {found} men ska börja i kolumn {expected}"),
            format!(
                "the indentation does not line up: the line starts in column {found} but belongs in column {expected}"
            ),
        ),
        YamlProblem::TooDeep => t(
            "listorna och fälten ligger i för många nivåer inuti varandra".into(),
            "the lists and fields are nested too many levels deep".into(),
        ),
        YamlProblem::TooBig => t(
            "huvudet har fler värden än samtal läser i en fil (listorna är hundratusentals punkter långa)".into(),
            "the front matter holds more values than samtal reads in one file (its lists are hundreds of thousands of items long)".into(),
        ),
        YamlProblem::Invisible(c) => t(
            format!("här står {}, troligen inklistrat från Word eller en webbsida", char_name(*c, lang)),
            format!("there is {} here, probably pasted from Word or a web page", char_name(*c, lang)),
        ),
        YamlProblem::InvisibleInValue(c) => t(
            format!(
                "i texten står {}, troligen inklistrat från Word eller en webbsida: det syns inte men publiceras, och texten blir inte densamma som när den skrivs in (sökning och jämförelser missar den)",
                char_name(*c, lang)
            ),
            format!(
                "the text holds {}, probably pasted from Word or a web page: it cannot be seen but is published, and the text no longer equals the same text typed (search and comparisons miss it)",
                char_name(*c, lang)
            ),
        ),
        YamlProblem::NeedsQuotes { what, .. } => match what {
            Unquoted::Colon => t(
                "texten innehåller ett kolon, så den läses som ett nytt fält".into(),
                "the text contains a colon, so it is read as a new field".into(),
            ),
            Unquoted::Hash => t(
                "texten börjar med #, så den läses som en kommentar och blir tom".into(),
                "the text starts with #, so it is read as a comment and left empty".into(),
            ),
            Unquoted::AfterQuote => t(
                "texten fortsätter efter det avslutande citattecknet, så raden kan inte läsas".into(),
                "the text goes on after the closing quote, so the line cannot be read".into(),
            ),
            Unquoted::Leading(c) => t(
                format!("texten börjar med tecknet {c}, som har en egen betydelse här"),
                format!("the text starts with the character {c}, which has a meaning of its own here"),
            ),
        },
        YamlProblem::SmartQuotes { .. } => t(
            "typografiska citattecken “…” räknas inte som citattecken här".into(),
            "typographic quotes “…” do not count as quotation marks here".into(),
        ),
        YamlProblem::WordBullet { bullet, .. } => t(
            format!("listpunkten är skriven med {bullet} som i Word, så den blir inte en punkt i listan"),
            format!("the list item is written with {bullet} as in Word, so it does not become an item of the list"),
        ),
        YamlProblem::NoSpaceAfterColon { key, .. } => t(
            format!("efter kolonet i `{key}:` saknas ett mellanslag, så raden läses inte som ett fält"),
            format!("there is no space after the colon of `{key}:`, so the line is not read as a field"),
        ),
        YamlProblem::LostComment { kept, .. } => t(
            format!("allt från # räknas som en kommentar och försvinner; bara \"{kept}\" kommer med"),
            format!("everything from # is read as a comment and dropped; only \"{kept}\" is kept"),
        ),
        YamlProblem::Other(_) => t(
            "raden kunde inte läsas: något i skrivsättet stämmer inte".into(),
            "the line could not be read: something in how it is written is off".into(),
        ),
    }
}

pub fn yaml_hint(problem: &YamlProblem, lang: Lang) -> Option<String> {
    let sv = lang == Lang::Sv;
    let t = |s: String, e: String| Some(if sv { s } else { e });
    let quote = |fixed: &str| {
        t(
            format!("sätt texten inom citattecken: `{}`", fixed.trim_end()),
            format!("put the text in quotation marks: `{}`", fixed.trim_end()),
        )
    };
    match problem {
        YamlProblem::DuplicateKey(_) => t(
            "ta bort den ena raden eller slå ihop värdena".into(),
            "remove one of the lines or merge the values".into(),
        ),
        YamlProblem::Tab => t("använd mellanslag i stället för tabb".into(), "indent with spaces instead of tabs".into()),
        YamlProblem::UnclosedQuote => t(
            "lägg till det avslutande citattecknet på samma rad".into(),
            "add the closing quotation mark on the same line".into(),
        ),
        YamlProblem::UnclosedBracket(_) => t(
            "avsluta listan på samma rad, till exempel `regions: [uppsala, ostergotland]`".into(),
            "close the list on the same line, for example `regions: [uppsala, ostergotland]`".into(),
        ),
        YamlProblem::Indentation => t(
            "fält på översta nivån börjar längst till vänster; listpunkter dras in lika mycket".into(),
            "top-level fields start at the left margin; list items are indented alike".into(),
        ),
        YamlProblem::WrongIndent { expected, .. } if *expected == 1 => t(
            "fält på översta nivån börjar längst till vänster: ta bort mellanslagen i början av raden".into(),
            "top-level fields start at the left margin: remove the spaces at the start of the line".into(),
        ),
        YamlProblem::WrongIndent { expected, .. } => t(
            format!(
                "dra in raden med {} mellanslag, lika mycket som raderna bredvid i samma lista",
                expected - 1
            ),
            format!("indent the line by {} spaces, as much as its neighbours in the same list", expected - 1),
        ),
        YamlProblem::TooDeep => t(
            "skriv fälten som i `samtal new meeting`: högst en lista i en lista".into(),
            "write the fields as `samtal new meeting` does: at most a list within a list".into(),
        ),
        YamlProblem::TooBig => t(
            "korta listorna, eller dela upp mötet i flera filer; löptext hör hemma i brödtexten under huvudet".into(),
            "shorten the lists, or split the meeting into several files; running text belongs in the body below the front matter".into(),
        ),
        YamlProblem::Invisible(_) => t(
            "radera tecknet (det syns inte: radera mellanrummet runt kolumnen) och skriv ett vanligt mellanslag där det behövs".into(),
            "delete the character (it cannot be seen: delete the gap around the column) and type a plain space where one is needed".into(),
        ),
        YamlProblem::InvisibleInValue(_) => t(
            "ställ markören i kolumnen och radera tecknet (det syns inte: markören står still ett tryck), eller skriv om ordet".into(),
            "put the cursor at the column and delete the character (it cannot be seen: the cursor stays put for one press), or type the word again".into(),
        ),
        YamlProblem::NeedsQuotes { fixed, .. } => quote(fixed),
        YamlProblem::SmartQuotes { fixed } => t(
            format!("skriv raka citattecken (\"): `{}`", fixed.trim_end()),
            format!("write straight quotation marks (\"): `{}`", fixed.trim_end()),
        ),
        YamlProblem::WordBullet { fixed, .. } => t(
            format!("börja varje punkt med ett bindestreck och ett mellanslag: `{}`", fixed.trim_end()),
            format!("start each item with a hyphen and a space: `{}`", fixed.trim_end()),
        ),
        YamlProblem::NoSpaceAfterColon { fixed, .. } => t(
            format!("lägg till ett mellanslag efter kolonet: `{}`", fixed.trim()),
            format!("add a space after the colon: `{}`", fixed.trim()),
        ),
        YamlProblem::LostComment { fixed, .. } => quote(fixed),
        YamlProblem::Other(_) => t(
            "kontrollera kolon, citattecken och indrag på raden; texter med kolon eller # skrivs inom citattecken".into(),
            "check colons, quotes and indentation on the line; texts with a colon or # go in quotation marks".into(),
        ),
    }
}
