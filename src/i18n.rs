//! The translation table of the fixed UI strings of the site and of the `serve` preview, in sv
//! and en (an author's problems, the library's errors and the command line's lines have tables
//! of their own: `diagnostic/problem.rs`, `messages.rs`, the binary's `cmd/words.rs`).

use serde::Serialize;
use std::collections::BTreeMap;

/// The language of a site: fixed strings, dates and diagnostics follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_lowercase().as_str() {
            "sv" | "sv-se" | "svenska" | "swedish" => Some(Lang::Sv),
            "en" | "en-gb" | "en-us" | "english" | "engelska" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Picks the string for this language from a (sv, en) pair.
    pub fn pick<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// Month names, January first, as used in running text.
    pub fn month_name(self, month: u8) -> &'static str {
        const SV: [&str; 12] = [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let i = usize::from(month.clamp(1, 12) - 1);
        match self {
            Lang::Sv => SV[i],
            Lang::En => EN[i],
        }
    }

    /// Every UI string of the site, keyed for templates as `t.<key>`.
    pub fn ui_strings(self) -> BTreeMap<&'static str, &'static str> {
        UI.iter().map(|(key, sv, en)| (*key, self.pick(sv, en))).collect()
    }

    /// One UI string; panics only on a key missing from the table (a programming error
    /// caught by the test that walks every key used in Rust code).
    pub fn ui(self, key: &str) -> &'static str {
        UI.iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, sv, en)| self.pick(sv, en))
            .unwrap_or_else(|| panic!("missing UI string {key}"))
    }
}

/// (key, Swedish, English). Keys are stable: templates use them.
const UI: &[(&str, &str, &str)] = &[
    ("skip_to_content", "Hoppa till innehållet", "Skip to content"),
    ("site_navigation", "Huvudmeny", "Main menu"),
    ("breadcrumbs", "Du är här", "You are here"),
    ("home", "Start", "Home"),
    ("meetings", "Möten", "Meetings"),
    ("meeting", "Möte", "Meeting"),
    ("regions", "Regioner", "Regions"),
    ("region", "Region", "Region"),
    ("counties", "Län", "Counties"),
    ("county", "Län", "County"),
    ("groupings", "Grupperingar", "Groupings"),
    ("grouping", "Gruppering", "Grouping"),
    ("nuts2_groupings", "Riksområden (NUTS 2)", "National areas (NUTS 2)"),
    ("team_groupings", "Dialogteam 2018", "Dialogue teams 2018"),
    ("members", "Län i grupperingen", "Counties in the grouping"),
    ("member_of", "Ingår i", "Part of"),
    ("themes", "Teman", "Themes"),
    ("theme", "Tema", "Theme"),
    ("follow_ups", "Uppföljning", "Follow-ups"),
    ("search", "Sök", "Search"),
    ("date", "Datum", "Date"),
    ("participants", "Deltagare", "Participants"),
    ("agency_units", "Myndighetens avdelningar", "Agency departments"),
    ("outcomes", "Resultat", "Outcomes"),
    ("agreed_actions", "Överenskomna åtgärder", "Agreed actions"),
    ("action", "Åtgärd", "Action"),
    ("owner", "Ansvarig", "Owner"),
    ("due", "Klart senast", "Due"),
    ("status", "Status", "Status"),
    ("status_planned", "Planerad", "Planned"),
    ("status_ongoing", "Pågår", "Ongoing"),
    ("status_done", "Klar", "Done"),
    ("overdue", "Försenad", "Overdue"),
    ("no_due_date", "Inget datum", "No date"),
    ("previous_meeting", "Föregående möte", "Previous meeting"),
    ("meeting_pager", "Bläddra bland mötena", "Browse the meetings"),
    ("no_follow_ups", "Inga överenskomna åtgärder att visa.", "No agreed actions to show."),
    ("next_meeting", "Nästa möte", "Next meeting"),
    ("latest_meetings", "Senaste mötena", "Latest meetings"),
    ("all_meetings", "Alla möten", "All meetings"),
    ("meeting_count_one", "möte", "meeting"),
    ("meeting_count_many", "möten", "meetings"),
    ("no_meetings", "Inga publicerade möten ännu.", "No published meetings yet."),
    ("themes_discussed", "Teman som diskuterats", "Themes discussed"),
    ("regions_where", "Regioner där temat togs upp", "Regions where the theme came up"),
    ("facts", "Fakta", "Facts"),
    ("official_name", "Officiellt namn", "Official name"),
    ("county_code", "Länskod", "County code"),
    ("county_letter", "Länsbokstav", "County letter"),
    ("iso_code", "ISO 3166-2", "ISO 3166-2"),
    ("nuts_code", "NUTS-kod", "NUTS code"),
    ("actor_2018", "Regionalt utvecklingsansvarig 2018", "Responsible for regional development in 2018"),
    ("region_2019", "Region från 2019", "Region from 2019"),
    ("browse_by_region", "Bläddra efter region", "Browse by region"),
    ("browse_by_theme", "Bläddra efter tema", "Browse by theme"),
    ("draft", "Utkast", "Draft"),
    ("draft_banner", "Utkast: det här mötet är inte publicerat.", "Draft: this meeting is not published."),
    ("not_found_title", "Sidan finns inte", "Page not found"),
    (
        "not_found_text",
        "Sidan du sökte finns inte eller har flyttats.",
        "The page you were looking for does not exist or has moved.",
    ),
    ("accessibility", "Tillgänglighet", "Accessibility"),
    ("feed", "Atom-flöde", "Atom feed"),
    ("open_data", "Öppna data", "Open data"),
    ("date_unknown_precision", "exakt datum okänt", "exact date unknown"),
    ("map_title", "Karta över Sveriges län", "Map of Sweden's counties"),
    ("map_legend", "Färgen visar antal möten", "Shading shows the number of meetings"),
    (
        "matrix_caption",
        "Teman per region: vilka teman som togs upp i vilka regioner",
        "Themes by region: which themes came up in which regions",
    ),
    ("search_label", "Sök bland mötena", "Search the meetings"),
    ("search_button", "Sök", "Search"),
    (
        "search_no_js",
        "Sökningen kräver JavaScript. Bläddra i stället efter region eller tema:",
        "Search needs JavaScript. Browse by region or theme instead:",
    ),
    ("search_no_results", "Inga träffar.", "No results."),
    ("search_results", "Träffar", "Results"),
    ("search_more", "Visa fler träffar", "Show more results"),
    ("search_filters", "Avgränsa", "Narrow down"),
    ("search_year", "År", "Year"),
    ("search_all", "Alla", "All"),
    ("search_kind_page", "Sida", "Page"),
    ("filter_by_region", "Visa per region", "Show by region"),
    ("all_regions", "Alla regioner", "All regions"),
    ("published_by", "Utgivare", "Publisher"),
    ("language_other", "In English", "På svenska"),
    // The `serve` preview's error box and fallback pages (never in built output).
    ("preview_build_failed", "Webbplatsen kunde inte byggas", "The site could not be built"),
    (
        "preview_showing_last_good",
        "Du ser den senaste versionen som gick att bygga. Rutan försvinner av sig själv när felet är rättat.",
        "You are looking at the last version that built. This box goes away by itself once the error is fixed.",
    ),
    (
        "preview_page_not_built",
        "Sidan finns inte ännu. Den här sidan laddas om av sig själv när felet är rättat.",
        "This page does not exist yet. It reloads by itself once the error is fixed.",
    ),
    ("preview_error_messages", "Felmeddelanden", "Error messages"),
    ("preview_hide", "Dölj", "Hide"),
    ("preview_error_title", "Fel i webbplatsen", "Error in the site"),
    ("preview_no_such_page", "Sidan finns inte.", "There is no such page."),
    // The browser editor (`admin/`, made only for a site with `cms:`).
    ("cms_title", "Redigera webbplatsen", "Edit the site"),
    ("cms_meetings", "Möten", "Meetings"),
    ("cms_meeting", "Möte", "Meeting"),
    ("cms_pages", "Sidor", "Pages"),
    ("cms_page", "Sida", "Page"),
    ("cms_body", "Text", "Text"),
    (
        "cms_meeting_body_hint",
        "Mötets berättelse i löptext. Kan lämnas tom.",
        "The meeting's account in running text. May be left empty.",
    ),
    ("cms_page_body_hint", "Sidans text.", "The page's text."),
    ("cms_follow_up", "Åtgärd", "Action"),
    (
        "cms_date_pattern",
        "Skriv datumet som ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ, till exempel 2018-05-16.",
        "Write the date as YYYY-MM-DD, YYYY-MM or YYYY, for example 2018-05-16.",
    ),
    (
        "cms_slug_pattern",
        "Bara a–z, 0–9 och bindestreck, till exempel motet-i-orebro.",
        "Only a–z, 0–9 and hyphens, for example meeting-in-orebro.",
    ),
    ("cms_drafts", "Utkast", "Drafts"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ui_key_is_unique_and_translated() {
        let mut seen = std::collections::HashSet::new();
        for (key, sv, en) in UI {
            assert!(seen.insert(key), "duplicate key {key}");
            assert!(!sv.is_empty() && !en.is_empty(), "{key} lacks a translation");
        }
    }

    #[test]
    fn language_codes_parse() {
        assert_eq!(Lang::parse("SV"), Some(Lang::Sv));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fi"), None);
    }
}
