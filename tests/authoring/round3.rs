//! Authoring, round 3 (issue 26) as one table: the slips of the newer features, and every
//! problem of a file reported at once, each written as real files over the base site and run
//! through `samtal check`.

use crate::site::{TINY_PNG, meeting};
use crate::table::{Files, a, at, body, bytes, cases, clean, does_not_say, error, field, file, summary, warning, with};

/// The bundle meeting `content/meetings/b/index.md`.
const B: &str = "content/meetings/b/index.md";

/// The clean meeting `B` with `extra` front matter lines (from line 7) and `body`.
fn bundle(extra: &str, body: &str) -> Files {
    file(B, &meeting(extra, body))
}

cases! {
    /// Guards: a space in a link's target, which Markdown publishes as the literal text, is an
    /// error that shows both fixes.
    a_space_in_a_link_target_is_an_error_with_the_fix:
        body("Se [Bilaga 1](Bilaga 1.pdf).\n") => [
            error(&at(8, 4), "länken [Bilaga 1](Bilaga 1.pdf) har mellanslag i adressen, så den blir ingen länk")
                .hint("byt namn på filen till bilaga-1.pdf och skriv `[Bilaga 1](bilaga-1.pdf)`, eller sätt namnet inom vinkelparenteser: `[Bilaga 1](<Bilaga 1.pdf>)`"),
        ];
    /// Guards: a space in a picture's name is an error too, with the name to rename it to.
    a_space_in_a_picture_name_is_an_error_with_the_fix:
        body("![Karta](karta över gotland.png)\n") => [
            error(&at(8, 1), "bilden ![Karta](karta över gotland.png) har mellanslag i namnet, så den visas inte")
                .hint_has("`![Karta](karta-over-gotland.png)`"),
        ];
    /// Guards: the suggested fix, the name in angle brackets, works: the bundle's file is linked and checked.
    a_spaced_name_in_angle_brackets_is_accepted:
        bundle("", "[Bilaga 1](<Bilaga 1.pdf>) ![Karta](<karta över gotland.png>)\n")
            .and(bytes("content/meetings/b/Bilaga 1.pdf", b"%PDF-1.4"))
            .and(bytes("content/meetings/b/karta över gotland.png", TINY_PNG)) => [clean()];

    /// Guards: `updated:` before the meeting's `date:` is a warning, as `due` before `date` is.
    updated_before_the_meeting_is_a_warning:
        with("updated: 2017-06-01\n") => [
            warning(&at(7, 10), "`updated`: 2017-06-01 ligger före mötets datum 2018, så sidan säger att mötet uppdaterades innan det hölls")
                .hint_has("kontrollera årtalet"),
        ],
        with("updated: 2018-06-01\n") => [clean()];

    /// Guards: a meeting with an error of its own still has its `follows_up:` and `reports_on:`
    /// checked against the other meetings: every problem is reported in one run.
    cross_meeting_checks_run_on_a_meeting_with_other_errors:
        with("follows_up: [2018-ostergotlnd]\nattachments:\n  - title: P\n    file: /filer/saknas.pdf\n") => [
            error(&at(7, 14), "`follows_up`: det finns inget möte med adressen \"2018-ostergotlnd\"")
                .hint("menade du \"2018-ostergotland\"?"),
            error(&at(10, 11), "bilagan \"/filer/saknas.pdf\" finns inte i static/"),
            summary("2 fel i 1 fil"),
        ],
        with("draft: maybe\nfollow_ups:\n  - action: X\n    status: done\n    reports_on: 2018-ostergotland/ledarskp\n") => [
            error(&at(7, 8), "`draft` ska vara true eller false"),
            error(&at(11, 17), "har ingen åtgärd med id \"ledarskp\""),
        ];

    /// Guards: a preview or site address copied into `follows_up:` or `reports_on:` gives the
    /// meeting (and action) taken out of it, written as it should be.
    a_copied_address_in_follows_up_or_reports_on:
        with("follows_up: [http://127.0.0.1:1111/moten/2018-ostergotland/]\n") => [
            error(&at(7, 14), "`follows_up`: \"http://127.0.0.1:1111/moten/2018-ostergotland/\" är en webbadress, men här skrivs mötets adress (slug)")
                .hint("menade du \"2018-ostergotland\"? skriv `follows_up: [2018-ostergotland]`"),
        ],
        with("follow_ups:\n  - action: X\n    status: done\n    reports_on: https://example.org/moten/2018-ostergotland/#atgard-uppfoljning\n") => [
            error(&at(10, 17), "`reports_on`: \"https://example.org/moten/2018-ostergotland/#atgard-uppfoljning\" är en webbadress")
                .hint("menade du \"2018-ostergotland/uppfoljning\"? skriv `reports_on: 2018-ostergotland/uppfoljning`"),
        ];

    /// Guards: `date:2019-05-22`, with no space after the colon, names the fix.
    no_space_after_a_colon:
        field("date:2018-05-16") => [
            error(&at(3, 5), "efter kolonet i `date:` saknas ett mellanslag, så raden läses inte som ett fält")
                .hint("lägg till ett mellanslag efter kolonet: `date: 2018-05-16`"),
        ];

    /// Guards: a Swedish field name leads with its did-you-mean; the field is not also said to be missing.
    a_swedish_field_name_is_not_also_a_missing_field:
        a("---\ntitle: Ett möte\ndatum: 2018\nregions: [stockholm]\nsammanfattning: Kort.\nresultat: []\n---\n") => [
            error(&at(3, 1), "okänt fält `datum`").hint("menade du \"date\"?"),
            error(&at(5, 1), "okänt fält `sammanfattning`").hint("menade du \"summary\"?"),
            error(&at(6, 1), "okänt fält `resultat`").hint("menade du \"outcomes\"?"),
            does_not_say("saknas"),
            summary("3 fel i 1 fil"),
        ];

    /// Guards: attachments written as bare file names get the `title`/`file` shape with an
    /// example, not "named fields (key: value)".
    attachments_written_as_file_names:
        with("attachments: [a.pdf, b.pptx]\n") => [
            error(&at(7, 15), "bilagan \"a.pdf\" är skriven som bara ett filnamn, men varje bilaga skrivs med en rubrik (`title`) och filen (`file`)")
                .hint_has("`- { title: \"Protokoll\", file: a.pdf }`"),
            error(&at(7, 22), "bilagan \"b.pptx\" är skriven som bara ett filnamn"),
            does_not_say("nyckel: värde"),
        ];

    /// Guards: a bundle folder's name with spaces is fixed by renaming the folder, not "the file".
    a_folder_name_with_spaces_renames_the_folder:
        file("content/meetings/Möte i Åre/index.md", &meeting("", "")) => [
            error("content/meetings/Möte i Åre/index.md", "mappnamnet \"Möte i Åre\" kan inte användas i en webbadress")
                .hint_starts("byt namn på mappen \"Möte i Åre\" till mote-i-are (index.md behåller sitt namn)"),
        ];

    /// Guards: a meeting folder whose text was not renamed to index.md says to rename it, and
    /// not that the meeting has no folder of its own, nor that its files cannot be meetings.
    a_meeting_folder_without_index_md_says_rename_it:
        file("content/meetings/b/b.md", &meeting("attachments:\n  - title: Protokoll\n    file: protokoll.pdf\n", "![Karta](karta.png)\n"))
            .and(bytes("content/meetings/b/protokoll.pdf", b"%PDF-1.4"))
            .and(bytes("content/meetings/b/karta.png", TINY_PNG)) => [
            error("content/meetings/b/b.md", "mötets text i en egen mapp ska heta index.md, men heter b.md, så filerna bredvid den hör inte till mötet")
                .hint("byt namn på b.md till index.md (mappens namn blir mötets adress)"),
            does_not_say("ingen egen mapp"),
            does_not_say("kan inte vara ett möte"),
            summary("1 fel i 1 fil"),
        ];

    /// Guards: a free page among the meetings, or a meeting among the pages, says which folder it belongs in.
    a_page_or_meeting_in_the_wrong_folder:
        file("content/meetings/om.md", "---\ntitle: Om dialogerna\nsummary: Om.\n---\nText.\n") => [
            error("content/meetings/om.md:1:1", "filen har varken `date` eller `regions`, så den ser ut som en fri sida, men den ligger bland mötena")
                .hint_starts("flytta filen till content/pages/"),
            does_not_say("saknas men är obligatoriskt"),
            summary("1 fel i 1 fil"),
        ],
        file("content/pages/mote.md", &meeting("", "")) => [
            error("content/pages/mote.md:1:1", "filen har `date` och `regions` som ett möte, men den ligger bland de fria sidorna")
                .hint_starts("flytta filen till content/meetings/"),
            does_not_say("okänt fält"),
            summary("1 fel i 1 fil"),
        ];

    /// Guards: nested quotes in a title get a fix that does not publish the outer quotes.
    nested_quotes_in_a_title:
        field("title: \"Dialog \"Smart\" med regionen\"") => [
            error(&at(2, 8), "texten fortsätter efter det avslutande citattecknet")
                .hint_has("`title: 'Dialog \"Smart\" med regionen'`"),
        ];

    /// Guards: a list item at column 1 under items at column 3 names the fix (indent the line),
    /// not "the line could not be read"; items at column 1 throughout are fine.
    a_list_item_at_column_one:
        field("outcomes:\n  - Bra\n- Mer") => [
            error(&at(8, 1), "indraget stämmer inte: raden börjar i kolumn 1 men ska börja i kolumn 3")
                .hint("dra in raden med 2 mellanslag, lika mycket som raderna bredvid i samma lista"),
        ],
        field("outcomes:\n- Bra\n- Mer") => [clean()];

    /// Guards: a follow-up's field written at the left margin says to indent it, not "unknown field".
    a_follow_up_field_at_the_left_margin:
        with("follow_ups:\n  - action: Ring\nstatus: done\n") => [
            error(&at(9, 1), "fältet `status` hör till en punkt under `follow_ups`, men står längst till vänster")
                .hint_starts("dra in raden"),
            error(&at(8, 5), "punkt 1 under `follow_ups` saknar `status`"),
            does_not_say("okänt fält"),
        ];
}
