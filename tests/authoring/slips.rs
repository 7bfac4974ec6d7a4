//! Authoring round 2 (issue 15) as one table: the slips of communications staff, each
//! written as real files over the base site and run through `samtal check`, with the
//! message, its file:line:col and its hint. Nothing wrong may pass with "Inga fel" alone,
//! and the YAML parser's own wording never reaches an author.

use crate::site::{A, TINY_PNG, meeting, regions_yaml, site_yaml_with_raw_html};
use crate::table::{
    a, at, body, bytes, cases, clean, does_not_say, error, field, file, order, says, summary, warning, with,
};

const NEEDS_QUOTES: &str = "sätt texten inom citattecken";

cases! {
    // 1. YAML slips in the author's terms

    /// Guards: a colon in an unquoted title says what happened and shows the line fixed.
    a_colon_in_an_unquoted_value:
        field("title: Möte: Region Skåne") => [
            error(&at(2, 8), "texten innehåller ett kolon").hint("sätt texten inom citattecken: `title: \"Möte: Region Skåne\"`"),
            does_not_say("mapping"),
        ],
        with("follow_ups:\n  - action: Ring: Anna\n    status: done\n") => [
            error(&at(8, 13), "texten innehåller ett kolon")
                .hint("sätt texten inom citattecken: `  - action: \"Ring: Anna\"`"),
        ];
    /// Guards: a value starting with a character YAML gives a meaning is quoted in the hint, for each of them.
    a_value_starting_with_a_yaml_character:
        field("title: *Viktigt* möte") => [error(&at(2, 8), "börjar med tecknet *").hint_has(NEEDS_QUOTES), does_not_say("alias")],
        field("title: &Co möte") => [error(&at(2, 8), "börjar med tecknet &").hint_has("`title: \"&Co möte\"`")],
        field("title: !Viktigt") => [error(&at(2, 8), "börjar med tecknet !").hint_has(NEEDS_QUOTES)],
        field("title: %50 fler möten") => [error(&at(2, 8), "börjar med tecknet %").hint_has(NEEDS_QUOTES)],
        field("title: @region möte") => [error(&at(2, 8), "börjar med tecknet @").hint_has(NEEDS_QUOTES)],
        field("title: `kod` möte") => [error(&at(2, 8), "börjar med tecknet `").hint_has(NEEDS_QUOTES)],
        field("title: [Utkast] Möte med regionen") => [error(&at(2, 8), "börjar med tecknet [").hint_has(NEEDS_QUOTES)],
        field("title: {Utkast} Möte") => [error(&at(2, 8), "börjar med tecknet {").hint_has(NEEDS_QUOTES)],
        field("title: > 50 deltagare") => [error(&at(2, 8), "börjar med tecknet >").hint_has(NEEDS_QUOTES)],
        field("title: | Möte") => [error(&at(2, 8), "börjar med tecknet |").hint_has(NEEDS_QUOTES)],
        field("title: #2 Möte") => [
            error(&at(2, 8), "texten börjar med #, så den läses som en kommentar").hint("sätt texten inom citattecken: `title: \"#2 Möte\"`"),
        ];
    /// Guards: a summary written as a real block scalar is fine, colons and all.
    a_block_scalar_is_not_a_slip:
        a(&meeting("", "").replace("summary: Kort.\n", "summary: >\n  Kort: med kolon och #hash.\n")) => [clean()];
    /// Guards: invisible characters pasted from Word are named with their column.
    invisible_characters_from_word:
        field("title:\u{a0}Ett möte") => [
            error(&at(2, 7), "här står ett osynligt hårt mellanslag (U+00A0)").hint_has("vanligt mellanslag"),
        ],
        a("---\ntitle: Ett möte\ndate: 2018\nregions:\n\u{a0}\u{a0}- stockholm\nsummary: Kort.\noutcomes: []\n---\n") => [
            error(&at(5, 1), "ett osynligt hårt mellanslag (U+00A0)"),
        ],
        a(&meeting("", "").replace("title:", "\u{200b}title:")) => [error(&at(2, 1), "ett osynligt tecken utan bredd (U+200B)")],
        a(&meeting("", "").replace("date:", "da\u{ad}te:")) => [error(&at(3, 3), "ett osynligt mjukt bindestreck (U+00AD)")],
        // A non-breaking space inside a text is typography, not a slip.
        field("title: 10\u{a0}000 kronor") => [clean()];
    /// Guards: typographic quotes used as quotes around a text with a colon, or closing a straight one.
    smart_quotes_as_yaml_quotes:
        field("title: “Möte: Skåne”") => [
            error(&at(2, 8), "typografiska citattecken “…” räknas inte som citattecken här")
                .hint("skriv raka citattecken (\"): `title: \"Möte: Skåne\"`"),
        ],
        field("title: \"Möte med Skåne”") => [error(&at(2, 8), "typografiska citattecken").hint_has("`title: \"Möte med Skåne\"`")];
    /// Guards: a quote or bracket never closed is reported where it opens, even far from the end.
    unclosed_anywhere_in_the_file:
        field("regions: [stockholm") => [
            error(&at(4, 10), "en hakparentes [ öppnas men stängs aldrig"),
            summary("1 fel i 1 fil"),
        ],
        field("title: \"Ett möte") => [error(&at(2, 8), "ett citattecken öppnas men stängs aldrig")];
    /// Guards: a wrongly indented line is pointed at with the column it belongs in.
    wrong_indentation_names_the_column:
        a("---\ntitle: Ett möte\n  date: 2018\nregions: [stockholm]\nsummary: Kort.\noutcomes: []\n---\n") => [
            error(&at(3, 1), "raden börjar i kolumn 3 men ska börja i kolumn 1").hint_has("längst till vänster"),
        ],
        a(&meeting("", "").replace("outcomes: []\n", "outcomes:\n  - Ett\n   - Två\n")) => [
            error(&at(8, 1), "raden börjar i kolumn 4 men ska börja i kolumn 3").hint_has("2 mellanslag"),
        ],
        with("follow_ups:\n  - action: Ring\n      status: done\n") => [
            error(&at(9, 1), "raden börjar i kolumn 7 men ska börja i kolumn 5"),
        ];
    /// Guards: a list written with `*` as in Word is an error with the `- ` line to write.
    a_list_with_stars:
        a(&meeting("", "").replace("outcomes: []\n", "outcomes:\n  * Ett\n")) => [
            error(&at(7, 3), "listpunkten är skriven med * som i Word").hint_has("`  - Ett`"),
        ];

    // 2. Nothing cut or mangled silently

    /// Guards: ` #` inside a value cuts the rest of the line silently: a warning that shows the fix, and --strict fails.
    a_hash_inside_a_value:
        field("title: Möte #2 med regionen") => [
            warning(&at(2, 13), "allt från # räknas som en kommentar och försvinner; bara \"Möte\" kommer med")
                .hint("sätt texten inom citattecken: `title: \"Möte #2 med regionen\"`"),
            says("Inga fel, 1 varning:"),
        ],
        // A real comment after a value (space after #) is a comment.
        field("date: 2018 # året") => [clean()];
    /// Guards: a list written with Word's bullets is a warning per line, not one long text.
    word_bullets_in_a_list:
        a(&meeting("", "").replace("outcomes: []\n", "outcomes:\n  • Bättre samverkan\n")) => [
            warning(&at(7, 3), "listpunkten är skriven med • som i Word").hint("börja varje punkt med ett bindestreck och ett mellanslag: `  - Bättre samverkan`"),
        ],
        a(&meeting("", "").replace("outcomes: []\n", "outcomes:\n  – Bättre samverkan\n")) => [
            warning(&at(7, 3), "listpunkten är skriven med – som i Word"),
        ];
    /// Guards: a comma-separated text where a list belongs: an error for regions, a warning for participants.
    comma_separated_lists:
        field("regions: stockholm, uppsala") => [
            error(&at(4, 10), "`regions` är en enda text med komman, \"stockholm, uppsala\", inte en lista")
                .hint("skriv en lista inom hakparenteser: `regions: [stockholm, uppsala]`"),
            summary("1 fel i 1 fil"),
        ],
        with("participants: Regiondirektör, Utvecklingschef\n") => [
            warning(&at(7, 15), "`participants` är en enda text med komman")
                .hint_has("`participants: [Regiondirektör, Utvecklingschef]`"),
        ];
    /// Guards: the same region, theme or participant twice is a warning at the second.
    the_same_value_twice:
        field("regions: [stockholm, uppsala, stockholm]") => [
            warning(&at(4, 31), "\"stockholm\" står två gånger i `regions` (först på rad 4)").hint("ta bort den ena"),
        ],
        with("themes: [smart-specialisation, smart-specialisation]\n") => [warning(&at(7, 32), "står två gånger i `themes`")],
        with("participants:\n  - Anna\n  - Anna\n") => [warning(&at(9, 5), "\"Anna\" står två gånger i `participants` (först på rad 8)")];
    /// Guards: a date before 2000 or far in the future is a warning.
    unlikely_dates:
        field("date: 1018-05-16") => [warning(&at(3, 7), "`date`: 1018-05-16 ligger före år 2000").hint_has("årtalet")],
        field("date: 2108-05-16") => [warning(&at(3, 7), "`date`: 2108-05-16 ligger långt fram i tiden")],
        field("date: 2027-03") => [clean()];
    /// Guards: a follow-up due before its meeting, and an ongoing one past its due date, are warnings.
    follow_up_dates:
        with("follow_ups:\n  - action: Skicka rapporten\n    due: 2017-12-01\n    status: done\n") => [
            warning(&at(9, 10), "åtgärden \"Skicka rapporten\" ska vara klar 2017-12-01, före mötet den 2018"),
        ],
        with("follow_ups:\n  - action: Skicka rapporten\n    due: 2025-06\n    status: ongoing\n") => [
            warning(&at(8, 13), "åtgärden \"Skicka rapporten\" skulle vara klar 2025-06 men står fortfarande som ongoing"),
        ];
    /// Guards: typographic quotes around a whole value are published: a warning.
    smart_quotes_around_a_value:
        field("summary: “Ett kort möte.”") => [
            warning(&at(5, 10), "`summary` står inom typografiska citattecken “…”").hint_has("raka citattecken"),
        ];
    /// Guards: Word's HTML and an Excel paste in a body are warnings at their line.
    word_html_and_excel_in_a_body:
        body("Inledning.\n\n<p class=MsoNormal><span style='font-size:11pt'>Text</span></p>\n") => [
            warning(&at(10, 1), "HTML-kod från Word (<p class=Mso…>) visas som text på sidan").hint_has("oformaterad text"),
        ],
        body("Län\tMöten\nSkåne\t3\nUppsala\t2\n") => [
            warning(&at(8, 1), "3 rader med tabbar mellan cellerna").hint_has("| Län | Antal |"),
        ];
    /// Guards: an image without alt text is a warning; a relative, C:\ or file: path is an error with the fix.
    image_alt_text_and_paths:
        body("![](/karta.png)\n").and(bytes("static/karta.png", TINY_PNG)) => [
            warning(&at(8, 1), "bilden /karta.png saknar alternativtext").hint("skriv vad bilden visar mellan hakparenteserna: `![Karta över länet](/karta.png)`"),
        ],
        body("![Karta](bilder/karta.png)\n") => [
            error(&at(8, 1), "bilden \"bilder/karta.png\" anges utan / först").hint_has("`/bilder/karta.png`"),
        ],
        body("![Karta](C:\\Users\\anna\\Bilder\\karta.png)\n") => [
            error(&at(8, 1), "ligger på din dator och följer inte med till webbplatsen").hint_has("static/"),
        ],
        body("![Karta](file:///C:/Bilder/karta.png)\n") => [error(&at(8, 1), "ligger på din dator")];
    /// Guards: a heading level skipped, a link text that says nothing, an HTML table without a header row and colour written by hand are warnings at their place, with the fix.
    accessibility_an_author_can_break:
        body("Inledning.\n\n### Bakgrund\n") => [
            warning(&at(10, 1), "rubriken \"Bakgrund\" är skriven med ### men är textens första rubrik, så den hoppar över en rubriknivå under sidans titel")
                .hint("skriv rubriken med ##: `## Bakgrund` (textens första rubrik har ##, en rubrik under den ###)"),
        ],
        body("## Resultat\n\n#### Detaljer\n") => [
            warning(&at(10, 1), "rubriken \"Detaljer\" är skriven med #### direkt under en rubrik med ##, så den hoppar över en rubriknivå").hint_has("`### Detaljer`"),
        ],
        body("Protokollet finns [här](/moten/).\n") => [
            warning(&at(8, 19), "länktexten \"här\" säger inte vart länken leder").hint_has("`[Protokoll från mötet](…)` i stället för `[här](…)`"),
        ],
        body("[Läs mer](/moten/) och [klicka här](/moten/)\n") => [warning(&at(8, 1), "länktexten \"Läs mer\""), warning(&at(8, 24), "länktexten \"klicka här\"")],
        body("## Resultat\n\n### Detaljer\n\n[Läs mer om alla möten](/moten/)\n") => [clean()],
        file("site.yaml", &site_yaml_with_raw_html()).and(body("<table>\n<tr><td>Län</td><td>Möten</td></tr>\n</table>\n")) => [
            warning(&at(8, 1), "tabellen har ingen rubrikrad (<th>)").hint_has("<th> i stället för <td>"),
        ],
        file("site.yaml", &site_yaml_with_raw_html()).and(body("Viktigt: <span style=\"color: #999\">grå text</span>\n")) => [
            warning(&at(8, 16), "texten har färg eller typsnitt skrivet för hand (style=\"color: #999\")").hint_has("**fetstil**"),
        ],
        file("site.yaml", &site_yaml_with_raw_html()).and(body("<table><tr><th>Län</th></tr></table>\n\n<p style=\"text-align: center\">Mitt</p>\n")) => [clean()];

    // 3. Missing site files

    /// Guards: a missing or empty registry is one message naming the file, not an error per meeting.
    missing_or_empty_site_files:
        bytes("content/regions.yaml", b"") => [
            error("content/regions.yaml", "content/regions.yaml är tom, men varje webbplats behöver den"),
            summary("1 fel i 1 fil"),
        ],
        file("content/themes.yaml", "# inga teman än\n") => [
            error("content/themes.yaml", "content/themes.yaml är tom"),
            summary("1 fel i 1 fil"),
        ],
        file("site.yaml", "") => [error("site.yaml", "site.yaml är tom"), summary("1 fel i 1 fil")];
    /// Guards: an error in regions.yaml is reported instead of the unknown regions it causes in meetings.
    a_broken_registry_is_reported_instead_of_its_consequences:
        file("content/regions.yaml", &regions_yaml().replace("counties:\n", "counties:\n  - slug: [trasig\n")) => [
            error("content/regions.yaml:2:11", "en hakparentes [ öppnas men stängs aldrig"),
            summary("1 fel i 1 fil"),
        ];

    // 4. Desktop litter and copies

    /// Guards: what Windows, macOS and Office leave behind is ignored.
    desktop_litter_is_ignored:
        bytes("content/meetings/Thumbs.db", b"\0\0").and(bytes("content/meetings/desktop.ini", b"[x]"))
            .and(bytes("content/meetings/.DS_Store", b"\0")).and(bytes("content/meetings/~$mote.docx", b"\0"))
            .and(bytes("content/meetings/.~lock.a.md#", b"x")).and(bytes("content/meetings/a.md.tmp", b"x")) => [clean()];
    /// Guards: a copy names its original and is not published; a Word file or PDF says where it belongs.
    copies_and_attachments:
        file("content/meetings/2018-ostergotland - Kopia.md", &meeting("", "")) => [
            warning("content/meetings/2018-ostergotland - Kopia.md", "filen ser ut att vara en kopia av content/meetings/2018-ostergotland.md, så den publiceras inte"),
        ],
        file("content/meetings/2018-ostergotland (1).md", &meeting("", "")) => [warning("content/meetings/2018-ostergotland (1).md", "en kopia av")],
        bytes("content/meetings/protokoll.docx", b"PK\x03\x04") => [
            error("content/meetings/protokoll.docx", "en .docx-fil kan inte vara ett möte").hint_has("static/"),
        ],
        bytes("content/meetings/protokoll.pdf", b"%PDF") => [error("content/meetings/protokoll.pdf", "en .pdf-fil kan inte vara ett möte")];

    /// Guards: a file among the free pages that is not Markdown is reported, not left out without a word.
    files_among_the_pages:
        bytes("content/pages/rapport.pdf", b"%PDF") => [
            error("content/pages/rapport.pdf", "en .pdf-fil kan inte vara en sida; sidorna är textfiler som slutar på .md, så den här publiceras inte")
                .hint_has("static/rapport.pdf"),
        ],
        bytes("content/pages/LASMIG", b"text") => [error("content/pages/LASMIG", "en fil utan .md på slutet kan inte vara en sida")];

    /// Guards: a meeting in a year folder or a bundle folder is read (it was left out without a word).
    meetings_in_year_and_bundle_folders_are_read:
        file("content/meetings/2019/2019-ett.md", &meeting("", "").replace("title: Ett möte", "title: Möte: i en årsmapp")) => [
            error("content/meetings/2019/2019-ett.md:2:8", "texten innehåller ett kolon"),
        ],
        file("content/meetings/2019-ett/index.md", &meeting("", "[Mötet](/moten/2019-ett/)\n").replace("date: 2018", "date: 2019-13")) => [
            error("content/meetings/2019-ett/index.md:3:7", "är inte ett giltigt datum"),
            summary("1 fel i 1 fil"),
        ],
        // The same name in two year folders is one address twice.
        file("content/meetings/2018/mote.md", &meeting("", "")).and(file("content/meetings/2019/mote.md", &meeting("", ""))) => [
            error("content/meetings/2019/mote.md", "två filer skulle få samma adress"),
        ],
        // A copy is told by its original beside it, in the same folder.
        file("content/meetings/2019/mote.md", &meeting("", "")).and(file("content/meetings/2019/mote - Kopia.md", &meeting("", ""))) => [
            warning("content/meetings/2019/mote - Kopia.md", "en kopia av content/meetings/2019/mote.md"),
        ],
        file("content/meetings/2019/2019-ett.md", &meeting("", "")) => [clean()],
        // What lies directly in content/ and is not read is named, never left out silently.
        file("content/2019-ett.md", &meeting("", "")).and(file("content/bilder/karta.png", "png")) => [
            warning("content/2019-ett.md", "samtal läser inte den här filen, så den publiceras inte").hint_has("content/meetings/"),
            warning("content/bilder", "samtal läser inte den här mappen, så inget i den publiceras").hint_has("static/"),
        ];

    /// Guards: a former address (`aliases:`) must be a path on the site, and no page's or other file's.
    aliases_that_are_not_usable:
        with("aliases: [https://exempel.se/moten/gammal/]\n") => [
            error(&at(7, 11), "`aliases`: \"https://exempel.se/moten/gammal/\" är ingen adress på webbplatsen").hint_has("\"/moten/gammal/\""),
        ],
        with("aliases: [moten/gammal/]\n") => [error(&at(7, 11), "är ingen adress på webbplatsen").hint_has("\"/moten/gammal/\"")],
        with("aliases: [\"/möten/gammal/\"]\n") => [error(&at(7, 11), "är ingen adress på webbplatsen").hint_has("med / först och sist")],
        with("aliases: [/regioner/stockholm/]\n") => [
            error(A, "den tidigare adressen /regioner/stockholm/ används redan av /regioner/stockholm/"),
        ],
        with("aliases: [/moten/gammal/]\n").and(file("content/pages/om.md", "---\ntitle: Om\naliases: [/moten/gammal]\n---\nText.\n")) => [
            error("content/pages/om.md", "den tidigare adressen /moten/gammal/ används redan av content/meetings/a.md"),
        ],
        with("aliases: [/moten/gammal/, /gamla/mote.html]\n").and(file("content/pages/om.md", "---\ntitle: Om\n---\n[Gammal](/moten/gammal/)\n")) => [clean()];

    // 5. Swedish words

    /// Guards: Swedish field names suggest the schema's key.
    swedish_keys_suggest_the_key:
        with("datum: 2018\n") => [error(&at(7, 1), "okänt fält `datum`").hint("menade du \"date\"?")],
        with("deltagare: [Anna]\n") => [error(&at(7, 1), "okänt fält `deltagare`").hint("menade du \"participants\"?")],
        with("sammanfattning: Kort\n") => [error(&at(7, 1), "okänt fält `sammanfattning`").hint("menade du \"summary\"?")],
        with("åtgärder: []\n") => [error(&at(7, 1), "okänt fält `åtgärder`").hint("menade du \"follow_ups\"?")],
        with("utkast: true\n") => [error(&at(7, 1), "okänt fält `utkast`").hint("menade du \"draft\"?")],
        with("teman: []\n") => [error(&at(7, 1), "okänt fält `teman`").hint("menade du \"themes\"?")],
        with("follow_ups:\n  - åtgärd: Ring\n    status: pågår\n") => [
            error(&at(8, 5), "okänt fält `åtgärd`").hint("menade du \"action\"?"),
            error(&at(9, 13), "okänd status \"pågår\"").hint("menade du \"ongoing\"?"),
            // The did-you-mean says it; the item is not also said to lack `action` (issue 26).
            does_not_say("saknar `action`"),
        ];
    /// Guards: a follow-up without status names its place and lists the allowed values.
    a_follow_up_without_status_names_its_place:
        with("follow_ups:\n  - action: Ring\n    status: done\n  - action: Skriv\n") => [
            error(&at(10, 5), "punkt 2 under `follow_ups` saknar `status`")
                .hint("lägg till `status: planned`, `status: ongoing` eller `status: done` under follow_ups, punkt 2"),
        ];

    // Encodings and line ends

    /// Guards: a UTF-16 file (Notepad's "Unicode") is named as such.
    a_utf16_file:
        bytes(A, &utf16(&meeting("", ""))) => [error(A, "filen är sparad som UTF-16").hint_has("UTF-8")];
    /// Guards: a Windows-1252 ("ANSI") file is named as such, at its first such byte, its line shown as the author wrote it.
    a_windows_1252_file:
        bytes(A, b"---\ntitle: M\xf6te: Sk\xe5ne\ndate: 2018\nregions: [stockholm]\n---\n") => [
            error(&at(2, 9), "filen är inte sparad som UTF-8 utan som Windows-1252 (\"ANSI\")").hint_has("Kodning: UTF-8"),
            says("title: Möte: Skåne"),
        ],
        // A whole meeting saved as "ANSI" with CRLF line ends: the first letter outside ASCII.
        bytes(A, &ansi(&meeting("", "Ett möte i Skåne.\n").replace('\n', "\r\n"))) => [
            error(&at(2, 13), "utan som Windows-1252"),
            says("title: Ett möte"),
        ],
        // Bytes that are not Swedish text in any encoding: the plain message.
        bytes(A, b"---\ntitle: \x81\x8d\ndate: 2018\n---\n") => [error(&at(2, 8), "filen är inte sparad som UTF-8, så å, ä och ö kan inte läsas")];
    /// Guards: CRLF and a BOM do not hide a slip, nor move its column.
    crlf_and_bom_with_slips:
        bytes(A, &[b"\xef\xbb\xbf".as_slice(), meeting("", "").replace("title: Ett möte", "title: Möte: Skåne").replace('\n', "\r\n").as_bytes()].concat()) => [
            error(&at(2, 8), "texten innehåller ett kolon").hint("sätt texten inom citattecken: `title: \"Möte: Skåne\"`"),
        ],
        bytes(A, meeting("", "").replace("title: Ett möte", "title: Möte #2").replace('\n', "\r\n").as_bytes()) => [
            warning(&at(2, 13), "bara \"Möte\" kommer med").hint("sätt texten inom citattecken: `title: \"Möte #2\"`"),
        ];
    /// Guards: text after the closing quote says so and quotes the whole text, not "a quote never closes".
    text_after_a_closing_quote:
        field("title: \"Strategisk dialog\" med Region Skåne") => [
            error(&at(2, 8), "texten fortsätter efter det avslutande citattecknet")
                .hint("sätt texten inom citattecken: `title: '\"Strategisk dialog\" med Region Skåne'`"),
            does_not_say("stängs aldrig"),
        ],
        field("title: 'Dialog' med Skåne") => [
            error(&at(2, 8), "texten fortsätter efter det avslutande citattecknet").hint_has("`title: \"'Dialog' med Skåne\"`"),
        ];
    /// Guards: a zero-width character or soft hyphen pasted inside a text is a warning (it is published unseen).
    invisible_characters_inside_a_value:
        field("title: Ett\u{200b} möte") => [
            warning(&at(2, 11), "i texten står ett osynligt tecken utan bredd (U+200B)").hint_has("radera tecknet"),
        ],
        field("summary: Kort\u{ad}het.") => [warning(&at(5, 14), "ett osynligt mjukt bindestreck (U+00AD)")],
        // In a region, it is also why the region is not found: both are said.
        field("regions: [stock\u{ad}holm]") => [
            warning(&at(4, 16), "i texten står ett osynligt mjukt bindestreck"),
            error(&at(4, 11), "okänd region"),
        ];

    // 7. A broken front matter does not hide the body's problems

    /// Guards: a body's broken link is reported in the same run as its file's broken front matter.
    body_links_beside_a_broken_front_matter:
        a(&meeting("", "Se [regionen](/regioner/stockholmm/) och ![Karta](/karta.png).\n").replace("title: Ett möte", "title: \"Ett möte")) => [
            error(&at(2, 8), "ett citattecken öppnas men stängs aldrig"),
            error(&at(8, 4), "länken /regioner/stockholmm/ leder till en sida som inte finns").hint("menade du \"/regioner/stockholm/\"?"),
            error(&at(8, 42), "bilden /karta.png finns inte"),
            summary("3 fel i 1 fil"),
        ],
        // A field's error, the YAML sound: the same.
        a(&meeting("", "[Om oss](/om-oss/)\n").replace("date: 2018", "date: nästa vecka")) => [
            error(&at(3, 7), "är inte ett giltigt datum"),
            error(&at(8, 1), "länken /om-oss/ leder till en sida som inte finns"),
        ],
        // Links to the broken file's own page, and to the site's pages, still resolve.
        a(&meeting("", "[Mötet](/moten/a/), [om](/om/), [Östergötland](/regioner/ostergotland/)\n").replace("regions: [stockholm]", "regions: [stockholm")) => [
            error(&at(4, 10), "en hakparentes [ öppnas men stängs aldrig"),
            summary("1 fel i 1 fil"),
        ],
        // Word's HTML and an invisible control character in the body of a broken file.
        a(&meeting("", "<p class=MsoNormal>Text</p>\n").replace("title: Ett möte", "title: Möte: Skåne")) => [
            error(&at(2, 8), "texten innehåller ett kolon"),
            warning(&at(8, 1), "HTML-kod från Word"),
        ],
        // A link to another file's former address resolves, as it does in a build.
        a(&meeting("", "[Om](/om-oss/)\n").replace("title: Ett möte", "title: \"Ett möte"))
            .and(file("content/pages/om.md", "---\ntitle: Om\naliases: [/om-oss/]\n---\nText.\n")) => [
            error(&at(2, 8), "ett citattecken öppnas men stängs aldrig"),
            summary("1 fel i 1 fil"),
        ],
        // A free page too.
        file("content/pages/om.md", "---\ntitle: \"Om\n---\n[Möten](/motena/)\n") => [
            error("content/pages/om.md:2:8", "ett citattecken öppnas men stängs aldrig"),
            error("content/pages/om.md:4:1", "länken /motena/ leder till en sida som inte finns"),
        ];
    /// Guards: a broken registry's problems are printed before the meetings' (their cause first).
    registry_problems_come_first:
        file("content/themes.yaml", "- slug: smart-specialisation\n  name: [Smart\n").and(field("title: Möte: Skåne")) => [
            error("content/themes.yaml:2:9", "en hakparentes [ öppnas men stängs aldrig"),
            error(&at(2, 8), "texten innehåller ett kolon"),
            order("content/themes.yaml:2:9", "content/meetings/a.md:2:8"),
        ],
        bytes("site.yaml", b"title: [Test\n").and(field("title: Möte: Skåne")) => [
            error("site.yaml:1:8", "en hakparentes [ öppnas men stängs aldrig"),
            error(&at(2, 8), "texten innehåller ett kolon"),
            order("site.yaml:1:8", "content/meetings/a.md:2:8"),
        ];

    /// Guards: several classes in one file are all reported in one run.
    a_mix_of_slips_in_one_file:
        a("---\ntitle: Möte #2\ndate: 1999\nregions: [stockholm, stockholm]\nsummary: “Kort.”\noutcomes:\n  • Ett\n---\n![](/x.png)\n") => [
            warning(&at(2, 13), "bara \"Möte\" kommer med"),
            warning(&at(3, 7), "ligger före år 2000"),
            warning(&at(4, 22), "står två gånger i `regions`"),
            warning(&at(5, 10), "typografiska citattecken"),
            warning(&at(7, 3), "listpunkten är skriven med •"),
            warning(&at(9, 1), "saknar alternativtext"),
            error(&at(9, 1), "bilden /x.png finns inte"),
        ];
}

/// `text` as UTF-16 with a byte order mark, as Notepad saves "Unicode".
fn utf16(text: &str) -> Vec<u8> {
    [0xff, 0xfe].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
}

/// `text` saved as Windows-1252 ("ANSI"), as older Windows programs save it; the text holds
/// only letters that are one byte there.
fn ansi(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 letter")).collect()
}
