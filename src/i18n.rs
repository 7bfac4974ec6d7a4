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
    ("team_groupings", "Dialogteam", "Dialogue teams"),
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
    // Follow-up across meetings (issue 19).
    ("follows_up", "Följer upp", "Follows up"),
    ("followed_up_at", "Följdes upp vid", "Followed up at"),
    ("follow_up_history", "Senare rapporter", "Later reports"),
    ("reports_on", "Rapporterar om", "Reports on"),
    ("done_on", "Klar den", "Done on"),
    // A done action's done date in words, month and year (`PartialDate::done_label`).
    ("done_in_month", "Klar i {date}", "Done in {date}"),
    ("done_in_year", "Klar {date}", "Done in {date}"),
    ("status_updated", "Uppdaterad", "Updated"),
    ("note", "Kommentar", "Note"),
    ("previous_meeting", "Föregående möte", "Previous meeting"),
    ("meeting_pager", "Bläddra bland mötena", "Browse the meetings"),
    ("meeting_pager_list", "Bläddra i listan", "Browse the list"),
    ("no_follow_ups", "Inga överenskomna åtgärder att visa.", "No agreed actions to show."),
    // A region's page, the answer first (issue 31): its outcomes and agreed actions, or that
    // none were published (so "none" does not look like "missing").
    (
        "region_no_outcomes",
        "Inga resultat har publicerats från möten med {region}.",
        "No outcomes have been published from meetings with {region}.",
    ),
    (
        "region_no_follow_ups",
        "Inga överenskomna åtgärder har publicerats från möten med {region}.",
        "No agreed actions have been published from meetings with {region}.",
    ),
    ("region_all_follow_ups", "Alla åtgärder för {region}", "All actions for {region}"),
    (
        "grouping_follow_ups",
        "Åtgärder från grupperingar som länet ingår i:",
        "Actions from groupings the county is part of:",
    ),
    ("counties_without_follow_ups", "Län utan överenskomna åtgärder", "Counties without agreed actions"),
    (
        "counties_without_follow_ups_text",
        "Från möten med de här länen har inga överenskomna åtgärder publicerats:",
        "No agreed actions have been published from meetings with these counties:",
    ),
    ("next_meeting", "Nästa möte", "Next meeting"),
    ("latest_meetings", "Senaste mötena", "Latest meetings"),
    ("all_meetings", "Alla möten", "All meetings"),
    ("grouping_all_meetings", "Alla grupperingens möten", "All the grouping's meetings"),
    // Rounds (`round:`, else the year): the round pages and the lists grouped by round.
    ("round", "Omgång", "Round"),
    ("round_title", "Möten {round}", "Meetings {round}"),
    ("filter_by_round", "Visa per omgång", "Show by round"),
    ("all_rounds", "Alla omgångar", "All rounds"),
    ("meetings_by_round", "Möten per omgång", "Meetings by round"),
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
    ("moved_title", "Sidan har flyttat", "This page has moved"),
    ("last_updated", "Senast uppdaterad", "Last updated"),
    ("moved_text", "Den finns nu här:", "It is now here:"),
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
    ("map_legend", "Färgen visar antal möten med länet", "The colour shows the number of meetings with the county"),
    (
        "map_legend_outcomes",
        "Färgen visar om resultat av länets möten är publicerade",
        "The colour shows whether outcomes of the county's meetings are published",
    ),
    (
        "map_legend_follow_ups",
        "Färgen visar om länet har åtgärder som inte är klara",
        "The colour shows whether the county has actions not yet done",
    ),
    ("map_no_meetings", "Inga möten", "No meetings"),
    ("map_outcomes_published", "Resultat publicerat", "Outcomes published"),
    ("map_no_outcomes", "Inga publicerade resultat", "No published outcomes"),
    ("map_follow_ups_open", "Åtgärder pågår eller planeras", "Actions ongoing or planned"),
    ("map_no_follow_ups_open", "Inga öppna åtgärder", "No open actions"),
    (
        "matrix_caption",
        "Teman per region: vilka teman som togs upp i vilka regioner",
        "Themes by region: which themes came up in which regions",
    ),
    ("matrix_show_all", "Visa även regioner och teman utan möten", "Also show regions and themes without meetings"),
    ("search_label", "Sök på webbplatsen", "Search the site"),
    ("search_button", "Sök", "Search"),
    (
        "search_no_js",
        "Sökningen kräver JavaScript. Bläddra i stället efter region, tema eller omgång, eller i tabellen över teman per region:",
        "Search needs JavaScript. Browse by region, theme or round instead, or in the table of themes by region:",
    ),
    ("browse_by_round", "Bläddra efter omgång", "Browse by round"),
    ("browse_matrix", "Teman per region, i en tabell", "Themes by region, in a table"),
    ("search_no_results", "Inga träffar.", "No results."),
    (
        "search_tips",
        "Pröva ett annat ord eller en annan stavning, färre ord eller början av ett ord (”kompetens” hittar också ”kompetensförsörjning”), eller ta bort en avgränsning. Du kan också bläddra:",
        "Try another word or spelling, fewer words or the start of a word (“develop” also finds “development”), or remove a filter. You can also browse:",
    ),
    // The page's title while a query is shown (search.js): the query, then the page's title.
    ("search_title", "”{query}” – {title}", "“{query}” – {title}"),
    ("search_results", "Träffar", "Results"),
    ("search_more", "Visa fler träffar", "Show more results"),
    (
        "search_typing",
        "Ordet du skriver tas med när det är längre, eller när du trycker Enter.",
        "The word you are typing is included once it is longer, or when you press Enter.",
    ),
    ("search_filters", "Avgränsa", "Narrow down"),
    ("search_year", "År", "Year"),
    ("search_all", "Alla", "All"),
    ("search_kind_page", "Sida", "Page"),
    ("filter_by_region", "Visa per region", "Show by region"),
    ("all_regions", "Alla regioner", "All regions"),
    ("published_by", "Utgivare", "Publisher"),
    ("language_other", "In English", "På svenska"),
    // The home page's sections and its table of all meetings.
    ("published_outcomes", "Publicerade resultat", "Published outcomes"),
    ("no_published_outcomes", "Inga resultat är publicerade ännu.", "No outcomes have been published yet."),
    ("follow_ups_at_a_glance", "Uppföljningen i korthet", "Follow-ups at a glance"),
    ("agreed_actions_count", "överenskomna åtgärder", "agreed actions"),
    ("overdue_count", "försenade", "overdue"),
    ("featured_pages", "Läs mer", "Read more"),
    ("with_outcomes", "med publicerade resultat", "with published outcomes"),
    (
        "meeting_table_caption",
        "Alla möten: med vem, när och om resultat är publicerade",
        "All meetings: with whom, when, and whether outcomes are published",
    ),
    ("county_or_grouping", "Län eller gruppering", "County or grouping"),
    ("who_was_met", "Träffade", "Met"),
    ("outcomes_published", "Resultat publicerat", "Outcomes published"),
    ("yes", "Ja", "Yes"),
    ("no", "Nej", "No"),
    ("actors_of_counties", "Aktörerna i {n} län", "The actors of its {n} counties"),
    (
        "year_only_dates",
        "Ett datum som bara är ett år visas som året; bland dem står mötena i bokstavsordning efter region.",
        "A date that is only a year is shown as the year; among those, meetings are in alphabetical order of region.",
    ),
    // Meetings held with a grouping, on the pages of its counties.
    ("via_groupings", "via grupperingar", "through groupings"),
    ("grouping_meetings", "Möten med grupperingar som länet ingår i", "Meetings with groupings the county belongs to"),
    (
        "grouping_meeting_note",
        "Mötet hölls med grupperingen som helhet, inte med länet ensamt.",
        "The meeting was held with the grouping as a whole, not with the county alone.",
    ),
    // The accessibility statement (`accessibility:` in site.yaml), after DIGG's model statement.
    ("a11y_title", "Tillgänglighetsredogörelse", "Accessibility statement"),
    (
        "a11y_description",
        "Hur webbplatsen {site} uppfyller lagen om tillgänglighet till digital offentlig service, kända brister och hur du rapporterar problem.",
        "How the website {site} meets the Swedish law on accessibility of digital public services, known problems and how to report a problem.",
    ),
    (
        "a11y_intro",
        "{publisher} står bakom webbplatsen {site}. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka kända brister den har och hur du kan rapportera problem till oss.",
        "{publisher} is responsible for the website {site}. We want as many people as possible to be able to use it. This statement describes how the website meets the Swedish law on accessibility of digital public services (2018:1937), its known problems, and how to report a problem to us.",
    ),
    ("a11y_compliance", "Hur tillgänglig är webbplatsen?", "How accessible is the website?"),
    (
        "a11y_status_sentence",
        "Webbplatsen är {status} med lagen om tillgänglighet till digital offentlig service.",
        "The website is {status} with the Swedish law on accessibility of digital public services.",
    ),
    ("a11y_status_full", "helt förenlig", "fully compliant"),
    ("a11y_status_partial", "delvis förenlig", "partially compliant"),
    ("a11y_status_not", "inte förenlig", "not compliant"),
    ("a11y_problems", "Innehåll som inte är tillgängligt", "Content that is not accessible"),
    (
        "a11y_no_problems",
        "Vi känner inte till något innehåll som inte är tillgängligt.",
        "We know of no content that is not accessible.",
    ),
    ("a11y_reason", "Skäl", "Reason"),
    (
        "a11y_exemptions",
        "Oskäligt betungande anpassning (12 § lagen om tillgänglighet till digital offentlig service)",
        "Disproportionate burden (section 12 of the law)",
    ),
    (
        "a11y_out_of_scope",
        "Innehåll som inte omfattas av lagen (9 §)",
        "Content outside the scope of the law (section 9)",
    ),
    ("a11y_feedback", "Rapportera brister", "Report a problem"),
    (
        "a11y_feedback_text",
        "Om du upptäcker problem som inte beskrivs här, eller om du behöver innehåll i ett annat format, kontakta oss:",
        "If you find a problem that is not described here, or need content in another format, contact us:",
    ),
    ("a11y_feedback_link", "Rapportera en brist i tillgängligheten", "Report an accessibility problem"),
    ("a11y_feedback_email", "E-post:", "E-mail:"),
    ("a11y_response_time", "Svarstid:", "Response time:"),
    ("a11y_contact", "Du kan också nå oss så här:", "You can also reach us like this:"),
    ("a11y_supervision", "Tillsyn", "Enforcement"),
    (
        "a11y_supervision_text",
        "Myndigheten för digital förvaltning (Digg) har tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du anmäla det till Digg.",
        "The Agency for Digital Government (Digg) enforces the Swedish law on accessibility of digital public services. If you are not satisfied with how we handle your report, you can report it to Digg.",
    ),
    ("a11y_digg_link", "Anmäl bristande tillgänglighet till Digg", "Report a lack of accessibility to Digg"),
    ("a11y_assessment", "Hur vi har bedömt webbplatsen", "How we assessed the website"),
    ("a11y_method", "Metod", "Method"),
    ("a11y_assessed", "Senast bedömd", "Last assessed"),
    ("a11y_updated", "Redogörelsen senast uppdaterad", "Statement last updated"),
    // The footer's contact route, the same on every page (WCAG 3.2.6).
    ("help_text", "Frågor eller synpunkter på webbplatsen?", "Questions or comments about the website?"),
    ("help_form", "Skriv till oss", "Write to us"),
    ("a11y_standard", "Vilken standard vi följer", "The standard we apply"),
    (
        "a11y_standard_text",
        "Vi bedömer webbplatsen mot WCAG 2.2 på nivå AA (ISO/IEC 40500:2025), som den europeiska standarden EN 301 549 v4 hänvisar till.",
        "We assess the website against WCAG 2.2 level AA (ISO/IEC 40500:2025), which the European standard EN 301 549 v4 refers to.",
    ),
    ("a11y_checked", "Vad som kontrolleras automatiskt", "What is checked automatically"),
    (
        "a11y_checked_text",
        "Varje gång webbplatsen byggs kontrolleras alla mötestexter och sidor automatiskt. Den här versionen byggdes och kontrollerades den {date}. Kontrollerna gäller:",
        "Every time the website is built, every meeting text and page is checked automatically. This version was built and checked on {date}. The checks are:",
    ),
    (
        "a11y_check_image_alt",
        "att varje bild har en alternativtext (WCAG 1.1.1)",
        "that every picture has an alternative text (WCAG 1.1.1)",
    ),
    (
        "a11y_check_heading_levels",
        "att rubrikerna i texterna inte hoppar över någon nivå (WCAG 1.3.1)",
        "that the headings in the texts skip no level (WCAG 1.3.1)",
    ),
    (
        "a11y_check_link_text",
        "att ingen länktext är bara ”klicka här”, ”läs mer” eller liknande, utan säger vart länken leder (WCAG 2.4.4)",
        "that no link text is only “click here”, “read more” or the like, but says where the link leads (WCAG 2.4.4)",
    ),
    (
        "a11y_check_table_headers",
        "att tabellerna har en rubrikrad (WCAG 1.3.1)",
        "that the tables have a header row (WCAG 1.3.1)",
    ),
    (
        "a11y_check_hand_written_style",
        "att ingen text har färg eller typsnitt angivet för hand, så att webbplatsens kontraster gäller i ljust och mörkt läge (WCAG 1.4.3)",
        "that no text sets colour or font by hand, so that the site's contrasts hold in light and dark mode (WCAG 1.4.3)",
    ),
    ("a11y_manual", "Vad en person måste granska", "What a person must check"),
    (
        "a11y_manual_text",
        "Det här kan ingen automatisk kontroll avgöra, så det granskas av en person vid varje bedömning:",
        "No automatic check can decide the following, so a person reviews it at every assessment:",
    ),
    (
        "a11y_manual_alt_text",
        "att alternativtexterna beskriver vad bilderna visar, och att det som en bild med text eller ett diagram säger också står i texten (WCAG 1.1.1)",
        "that the alternative texts say what the pictures show, and that what a picture of text or a chart says is also in the text (WCAG 1.1.1)",
    ),
    (
        "a11y_manual_wording",
        "att rubriker och länktexter går att förstå lästa var för sig, så som en skärmläsare kan läsa upp dem (WCAG 2.4.4, 2.4.6)",
        "that headings and link texts can be understood read one by one, as a screen reader may read them out (WCAG 2.4.4, 2.4.6)",
    ),
    (
        "a11y_manual_attachments",
        "att bifogade dokument (PDF, Word, PowerPoint) är tillgängliga: taggade, med rubriker, läsordning och alternativtexter",
        "that attached documents (PDF, Word, PowerPoint) are accessible: tagged, with headings, reading order and alternative texts",
    ),
    (
        "a11y_manual_assistive",
        "att sidorna går att använda med skärmläsare (som NVDA och VoiceOver), med bara tangentbordet och förstorade till 400 procent",
        "that the pages can be used with a screen reader (such as NVDA and VoiceOver), with the keyboard alone and enlarged to 400 per cent",
    ),
    (
        "a11y_manual_theme",
        "att ändringar i webbplatsens mallar och utseende behåller synligt fokus, klickytor på minst 24 × 24 pixlar och kontrasterna i ljust och mörkt läge (WCAG 2.4.7, 2.5.8, 1.4.3, 1.4.11)",
        "that changes to the site's templates and look keep visible focus, targets of at least 24 × 24 pixels and the contrasts in light and dark mode (WCAG 2.4.7, 2.5.8, 1.4.3, 1.4.11)",
    ),
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
    ("preview_files_left_out", "Filer med fel visas inte", "Files with errors are left out"),
    (
        "preview_showing_the_rest",
        "Resten av webbplatsen är byggd med dina senaste ändringar, men sidorna från filerna nedan saknas tills felen är rättade. Rutan försvinner av sig själv då.",
        "The rest of the site is built with your latest changes, but the pages of the files below are missing until their errors are fixed. This box then goes away by itself.",
    ),
    (
        "preview_page_left_out",
        "Sidan finns inte, eller kommer från en fil med fel nedan. Den laddas om av sig själv när felet är rättat.",
        "This page does not exist, or comes from a file with an error below. It reloads by itself once the error is fixed.",
    ),
    ("preview_error_messages", "Felmeddelanden", "Error messages"),
    ("preview_hide", "Dölj", "Hide"),
    ("preview_warnings", "Varningar i webbplatsen", "Warnings in the site"),
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
    // After a draft's title in the editor's list of meetings.
    ("cms_draft_mark", " (utkast, syns inte på webbplatsen)", " (draft, not on the site)"),
    ("cms_round", "Omgång", "Round"),
    ("cms_county", "Län", "County"),
    ("cms_status", "Status", "Status"),
    ("cms_year", "År", "Year"),
    // Publishing and open data (issue 17: items 1, 5, 6).
    (
        "region_description",
        "Möten, resultat och uppföljning i de strategiska dialogerna för",
        "Meetings, outcomes and follow-ups of the strategic dialogues for",
    ),
    ("follow_up_calendar", "Uppföljningskalender", "Follow-up calendar"),
    ("data_meetings_title", "Möten", "Meetings"),
    (
        "data_meetings_description",
        "Varje publicerat möte: datum och hur exakt det är, omgång, regioner (deras koder finns i tabellen över län), teman, deltagare, sammanfattning och resultat.",
        "Every published meeting: its date and how precise it is, its round, regions (their codes are in the counties table), themes, participants, summary and outcomes.",
    ),
    (
        "data_meetings_series_description",
        "De strategiska dialogerna över alla omgångar, en datamängd per omgång: varje publicerat möte med datum och hur exakt det är, omgång, regioner (deras koder finns i tabellen över län), teman, deltagare, sammanfattning och resultat.",
        "The strategic dialogues over every round, one dataset per round: every published meeting with its date and how precise it is, its round, regions (their codes are in the counties table), themes, participants, summary and outcomes.",
    ),
    ("data_round_title", "Möten, omgång {round}", "Meetings, round {round}"),
    (
        "data_round_description",
        "De publicerade mötena i omgången {round}, med samma kolumner som tabellen över alla möten.",
        "The published meetings of the round {round}, with the same columns as the table of every meeting.",
    ),
    ("data_by_round", "Per omgång", "By round"),
    (
        "data_by_round_text",
        "Samma kolumner, en fil per omgång (kolumnen round):",
        "The same columns, one file per round (the column round):",
    ),
    ("data_follow_ups_title", "Överenskomna åtgärder", "Agreed actions"),
    (
        "data_follow_ups_description",
        "Varje överenskommen åtgärd från mötena, en rad per åtgärd med sitt stabila id: möte, regioner, ansvarig, klart senast, status och om den är försenad.",
        "Every agreed action from the meetings, one row each, with its stable id: meeting, regions, owner, due date, status and whether it is overdue.",
    ),
    ("data_counties_title", "Mötenas län och koder", "The meetings' counties and codes"),
    (
        "data_counties_description",
        "En rad per möte och län, en kod per cell: länskod (SCB), ISO 3166-2, NUTS 3 och NUTS 2, för att koppla mötena och åtgärderna till statistik per län.",
        "One row per meeting and county, one code per cell: county code (SCB), ISO 3166-2, NUTS 3 and NUTS 2, to join the meetings and actions with statistics by county.",
    ),
    ("data_excel", "för Excel, semikolon", "for Excel, semicolons"),
    (
        "data_intro",
        "Allt som webbplatsen visar om mötena finns också som filer att ladda ner och använda fritt. CSV-filerna för Excel öppnas med ett dubbelklick i svenskt Excel; de andra är för program (kommaseparerade, UTF-8).",
        "Everything the site shows about the meetings is also available as files to download and use freely. The CSV files for Excel open with a double click in Swedish Excel; the others are for programs (comma-separated, UTF-8).",
    ),
    ("data_license", "Licens", "Licence"),
    ("data_license_text", "Uppgifterna får användas enligt licensen", "The data may be used under the licence"),
    ("data_no_license", "Ingen licens är angiven för uppgifterna.", "No licence is given for the data."),
    ("data_columns", "Kolumner", "Columns"),
    ("data_column", "Kolumn", "Column"),
    ("data_content", "Innehåll", "Content"),
    (
        "data_calendar_text",
        "Varje överenskommen åtgärd med ett datum, som heldagshändelse på dagen den ska vara klar, att prenumerera på i en kalender. Varje region har en egen kalender.",
        "Every agreed action with a date, as an all-day event on its due date, to subscribe to in a calendar. Each region has a calendar of its own.",
    ),
    ("data_catalog", "Datakatalog", "Data catalogue"),
    (
        "data_catalog_text",
        "Filerna beskrivna enligt DCAT-AP-SE för Sveriges dataportal:",
        "The files described in DCAT-AP-SE for Sweden's data portal:",
    ),
    // Bundles, attachments and contacts (issue 19: items 3 and 5).
    ("attachments", "Bilagor", "Attachments"),
    ("contact", "Kontakt", "Contact"),
    ("contacts", "Kontaktpersoner", "Contacts"),
    ("contact_email", "E-post", "E-mail"),
    ("contact_phone", "Telefon", "Phone"),
    ("cms_attachment", "Bilaga", "Attachment"),
    ("cms_contact", "Kontaktperson", "Contact"),
    (
        "cms_email_pattern",
        "Skriv en e-postadress som namn@domän.se, utan mailto:.",
        "Write an e-mail address as name@domain.se, without mailto:.",
    ),
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
    fn every_ui_key_is_listed_in_the_template_docs() {
        let docs = include_str!("../docs/templates.md");
        let listed: std::collections::HashSet<&str> = docs
            .split_once("in `src/i18n.rs`:\n\n`")
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(list, _)| list.split_whitespace().collect())
            .unwrap_or_default();
        let missing: Vec<&str> = UI.iter().map(|(key, _, _)| *key).filter(|key| !listed.contains(key)).collect();
        assert!(missing.is_empty(), "docs/templates.md (UI strings) does not list {missing:?}");
        assert_eq!(listed.len(), UI.len(), "docs/templates.md (UI strings) lists keys that src/i18n.rs lacks");
    }

    #[test]
    fn language_codes_parse() {
        assert_eq!(Lang::parse("SV"), Some(Lang::Sv));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fi"), None);
    }
}
