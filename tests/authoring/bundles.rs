//! Issue 19 (items 3 and 5) as one table: meetings in folders of their own with their files
//! beside them, `attachments:` and `contact:` (on meetings and in regions.yaml), each mistake
//! written as real files over the base site and run through `samtal check`.

use crate::site::{A, TINY_PNG, meeting, regions_yaml};
use crate::table::{Files, bytes, cases, clean, error, file, warning, with};

/// The bundle meeting `content/meetings/b/index.md`.
const B: &str = "content/meetings/b/index.md";

/// The clean meeting `B` with `extra` front matter lines (from line 7) and `body`.
fn bundle(extra: &str, body: &str) -> Files {
    file(B, &meeting(extra, body))
}

/// `B:<line>:<col>`.
fn at_b(line: usize, col: usize) -> String {
    format!("{B}:{line}:{col}")
}

/// `content/meetings/a.md:<line>:<col>`.
fn at_a(line: usize, col: usize) -> String {
    format!("{A}:{line}:{col}")
}

const PROTOKOLL: &str = "attachments:\n  - title: Protokoll\n    file: protokoll.pdf\n";

cases! {
    /// Guards: a bundle's files are usable by `attachments:` and by links and images written with the file's name alone.
    a_bundle_with_its_files_is_clean:
        bundle(PROTOKOLL, "[Protokollet](protokoll.pdf)\n\n![Karta](bilder/karta.png)\n")
            .and(bytes("content/meetings/b/protokoll.pdf", b"%PDF-1.4"))
            .and(bytes("content/meetings/b/bilder/karta.png", TINY_PNG)) => [clean()],
        with("attachments:\n  - title: Dagordning\n    file: /filer/dagordning.pdf\n")
            .and(bytes("static/filer/dagordning.pdf", b"%PDF-1.4")) => [clean()];

    /// Guards: a file beside no index.md, in a year folder too, is still an error: nothing is left out without a word.
    a_loose_file_among_the_meetings_is_still_reported:
        bytes("content/meetings/2019/protokoll.pdf", b"%PDF") => [
            error("content/meetings/2019/protokoll.pdf", "en .pdf-fil kan inte vara ett möte").hint_has("index.md"),
        ];

    /// Guards: a missing attachment is located at its `file:` with a did-you-mean over the files there.
    an_attachment_that_is_not_there:
        bundle("attachments:\n  - title: Protokoll\n    file: protokol.pdf\n", "")
            .and(bytes("content/meetings/b/protokoll.pdf", b"%PDF")) => [
            error(&at_b(9, 11), "bilagan \"protokol.pdf\" finns inte i mötets mapp").hint("menade du \"protokoll.pdf\"?"),
        ],
        bundle(PROTOKOLL, "") => [
            error(&at_b(9, 11), "bilagan \"protokoll.pdf\" finns inte i mötets mapp").hint_has("bredvid index.md"),
        ],
        with("attachments:\n  - title: Dagordning\n    file: /filer/dagordnig.pdf\n")
            .and(bytes("static/filer/dagordning.pdf", b"%PDF")) => [
            error(&at_a(9, 11), "bilagan \"/filer/dagordnig.pdf\" finns inte i static/").hint("menade du \"/filer/dagordning.pdf\"?"),
        ],
        with("attachments:\n  - title: Dagordning\n    file: dagordning.pdf\n")
            .and(bytes("static/filer/dagordning.pdf", b"%PDF")) => [
            error(&at_a(9, 11), "bilagan \"dagordning.pdf\" hittas inte: mötet har ingen egen mapp att leta i")
                .hint("menade du \"/filer/dagordning.pdf\"?"),
        ],
        with("attachments:\n  - title: Protokoll\n    file: protokoll.pdf\n") => [
            error(&at_a(9, 11), "mötet har ingen egen mapp att leta i").hint_has("content/meetings/<namn>/index.md"),
        ];

    /// Guards: an attachment outside the bundle, on the author's computer or on the web is refused with a fix.
    an_attachment_that_is_not_the_meetings:
        bundle("attachments:\n  - title: Protokoll\n    file: ../c/protokoll.pdf\n", "")
            .and(file("content/meetings/c/index.md", &meeting("", ""))).and(bytes("content/meetings/c/protokoll.pdf", b"%PDF")) => [
            error(&at_b(9, 11), "ligger utanför mötets mapp, så den följer inte med till webbplatsen").hint_has("`file: protokoll.pdf`"),
        ],
        bundle("attachments:\n  - title: Protokoll\n    file: C:\\Dokument\\protokoll.pdf\n", "") => [
            error(&at_b(9, 11), "ligger utanför mötets mapp").hint_has("/filer/protokoll.pdf"),
        ],
        bundle("attachments:\n  - title: Protokoll\n    file: https://exempel.se/protokoll.pdf\n", "") => [
            error(&at_b(9, 11), "är en webbadress, inte en fil som publiceras med mötet").hint_has("[Rubrik](https://exempel.se/protokoll.pdf)"),
        ];

    /// Guards: an attachment without a title warns (its link would be the bare file name); one without a file is an error.
    an_attachment_without_title_or_file:
        bundle("attachments:\n  - file: protokoll.pdf\n", "").and(bytes("content/meetings/b/protokoll.pdf", b"%PDF")) => [
            warning(&at_b(8, 11), "bilagan \"protokoll.pdf\" saknar `title`, så länken blir bara filnamnet").hint_has("skärmläsare"),
        ],
        bundle("attachments:\n  - title: Protokoll\n", "") => [error(&at_b(8, 5), "fältet `file` saknas men är obligatoriskt")],
        // A bare file name gets the title/file shape (issue 26), not "a list".
        bundle("attachments: protokoll.pdf\n", "") => [
            error(&at_b(7, 14), "bilagan \"protokoll.pdf\" är skriven som bara ett filnamn").hint_has("title"),
        ];

    /// Guards: a bundle's image by file name must be there; outside a bundle a relative image is still a mistake.
    a_bundles_image_that_is_not_there:
        bundle("", "![Karta](karta.png)\n") => [error(&at_b(8, 1), "bilden /moten/b/karta.png finns inte")],
        bundle("", "[Protokollet](protokol.pdf)\n").and(bytes("content/meetings/b/protokoll.pdf", b"%PDF")) => [
            error(&at_b(8, 1), "länken /moten/b/protokol.pdf leder till en sida som inte finns"),
        ];

    /// Guards: a contact's e-mail address is checked, with the likely address as the fix.
    a_contact_with_a_wrong_email_address:
        with("contact:\n  name: Anna Svensson\n  email: anna svensson@region.se\n") => [
            error(&at_a(9, 10), "\"anna svensson@region.se\" är ingen giltig e-postadress").hint("skriv `email: anna.svensson@region.se`"),
        ],
        with("contact:\n  name: Anna Svensson\n  email: anna.svensson@region\n") => [
            error(&at_a(9, 10), "\"anna.svensson@region\" är ingen giltig e-postadress").hint_has("namn@domän.se"),
        ],
        with("contact:\n  name: Anna Svensson\n  email: mailto:anna@region.se\n") => [
            error(&at_a(9, 10), "är ingen giltig e-postadress").hint("skriv `email: anna@region.se`"),
        ];

    /// Guards: a contact needs a name; a phone number with letters warns; one written as a number keeps its zero.
    a_contact_without_name_or_with_a_wordy_phone:
        with("contact:\n  email: anna@region.se\n") => [error(&at_a(8, 3), "fältet `name` saknas men är obligatoriskt")],
        with("contact:\n  name: Anna\n  phone: 08-123 45 67 vx 12\n") => [
            warning(&at_a(9, 10), "telefonnumret \"08-123 45 67 vx 12\" innehåller bokstäver").hint_has("`role`"),
        ],
        with("contact:\n  - name: Anna\n    phone: 0812345678\n  - name: Bo\n    role: Chef\n") => [clean()],
        with("contact:\n  name: Anna\n  mejl: anna@region.se\n") => [error(&at_a(9, 3), "okänt fält `mejl`").hint("menade du \"email\"?")],
        with("contact: Anna Svensson\n") => [error(&at_a(7, 10), "`contact` ska vara")];

    /// Guards: a county's or grouping's contact in regions.yaml is checked as a meeting's is.
    a_region_contact_is_checked:
        file("content/regions.yaml", &format!("{}    contact:\n      name: Per\n      email: per@region\n", regions_yaml())) => [
            error("content/regions.yaml:35:14", "\"per@region\" är ingen giltig e-postadress"),
        ],
        file("content/regions.yaml", &format!("{}    contact: {{ name: Per, email: per@region.se }}\n", regions_yaml())) => [clean()];
}
