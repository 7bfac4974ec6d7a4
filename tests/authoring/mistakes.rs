//! Every mistake of the authoring issue as one table: the files written over the base site
//! → the message `samtal check` prints, its file:line:col, its hint, and the summary line.

use crate::site::{A, HUGE_PNG, TINY_PNG, meeting, regions_yaml};
use crate::table::{
    Files, a, at, body, bytes, cases, clean, does_not_say, error, field, file, nothing, says, summary, warning, with,
};

const DATE_HINT: &str = "2018-05-16, eller 2018-05 eller 2018";
const PAGE: &str = "---\ntitle: Sidan\n---\nText.\n";
const ODD_FILE_NAME: &str = "content/meetings/Möte i Åre.md";
/// The dates and method of an accessibility statement assessed on the tests' today.
const A11Y_REST: &str = "  assessed: 2026-11-27\n  updated: 2026-11-27\n  method: Självskattning\n";
const NOT_MARKDOWN: &str = "i content/meetings/ får bara ligga möten som .md-filer";

/// Two meetings with mistakes: `tittle` and a broken link in a.md (both reported in one run),
/// `draft: maybe` in b.md.
pub fn two_mistakes() -> Files {
    a(&meeting("tittle: x\n", "Se [se](/regioner/ostergotlan/).\n"))
        .and(file("content/meetings/b.md", &meeting("draft: maybe\n", "")))
}

/// A site.yaml with a title, a full address and a licence (no publishing warnings), to which a
/// row adds the setting it is about.
const SITE_HEAD: &str =
    "title: Testplats\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n";

cases! {
    /// Guards: the base site every row starts from has nothing to report.
    the_base_site_is_clean:
        nothing() => [clean(), says("Inga fel:")];

    // File level

    /// Guards: a meeting with no front matter at all says so and points to `samtal new meeting`.
    a_file_without_front_matter:
        a("# Mötet\n\nBara text.\n") => [
            error(&at(1, 1), "filen saknar ett huvud (front matter) mellan två rader med ---")
                .hint_has("`samtal new meeting`"),
            summary("1 fel i 1 fil"),
        ];
    /// Guards: front matter that never closes is named as such, not as a YAML error.
    unterminated_front_matter:
        a("---\ntitle: Ett möte\ndate: 2018\n\nTexten börjar här.\n") => [
            error(&at(1, 1), "huvudet (front matter) avslutas aldrig med en rad med ---")
                .hint("lägg till en rad med bara --- efter sista fältet"),
        ];
    /// Guards: an empty or blank file is reported at its first line.
    an_empty_file:
        a("") => [error(&at(1, 1), "filen är tom")],
        a("\n\n  \n") => [error(&at(1, 1), "filen är tom")];
    /// Guards: front matter that is a list or a sentence asks for `namn: värde` fields.
    front_matter_that_is_not_a_mapping:
        a("---\n- title\n- date\n---\n") => [
            error(&at(2, 1), "huvudet måste bestå av fält på formen namn: värde").hint_has("ett fält per rad"),
        ],
        a("---\nbara en mening\n---\n") => [error(&at(2, 1), "huvudet måste bestå av fält på formen namn: värde")];
    /// Guards: a wrongly indented line is pointed at, column included.
    yaml_bad_indentation:
        a("---\ntitle: Ett möte\n  date: 2018\nregions: [stockholm]\n---\n") => [
            error(&at(3, 1), "indraget stämmer inte").hint_has("längst till vänster"),
        ];
    /// Guards: a tab used for indentation is named.
    yaml_tab:
        a("---\ntitle: Ett möte\ndate: 2018\nregions:\n\t- stockholm\n---\n") => [
            error(&at(5, 1), "tabbtecken får inte användas för indrag").hint("använd mellanslag i stället för tabb"),
        ];
    /// Guards: an unclosed quote is reported where it opens.
    yaml_unclosed_quote:
        a("---\ntitle: \"Ett möte\ndate: 2018\nregions: [stockholm]\n---\n") => [
            error(&at(2, 8), "ett citattecken öppnas men stängs aldrig"),
        ];
    /// Guards: an unclosed list is reported where it opens, with an example of a closed one.
    yaml_unclosed_list:
        a("---\ntitle: Ett möte\ndate: 2018\nregions: [stockholm, uppsala\n---\n") => [
            error(&at(4, 10), "en hakparentes [ öppnas men stängs aldrig").hint_has("regions: [uppsala, ostergotland]"),
        ];
    /// Guards: a field written twice is reported at the second.
    yaml_duplicate_key:
        a("---\ntitle: Ett möte\ndate: 2018\ntitle: Ett annat\nregions: [stockholm]\n---\n") => [
            error(&at(4, 1), "fältet `title` står två gånger").hint("ta bort den ena raden eller slå ihop värdena"),
        ];
    /// Guards: a Latin-1 file ("Göteborg") is reported at its first byte that is not UTF-8.
    a_file_that_is_not_utf8:
        bytes(A, b"---\ntitle: G\xf6teborg\ndate: 2018\nregions: [stockholm]\n---\n") => [
            error(&at(2, 9), "filen är inte sparad som UTF-8").hint_has("UTF-8"),
        ];
    /// Guards: a meeting saved as .txt, .markdown or with no extension is not silently skipped.
    a_file_that_is_not_markdown_in_meetings_is_reported:
        file("content/meetings/2018-stockholm.txt", &meeting("", "")) => [
            error("content/meetings/2018-stockholm.txt", NOT_MARKDOWN).hint_has(".md"),
        ],
        file("content/meetings/2018-stockholm.markdown", &meeting("", "")) => [
            error("content/meetings/2018-stockholm.markdown", NOT_MARKDOWN).hint_has(".md"),
        ],
        file("content/meetings/anteckning", &meeting("", "")) => [
            error("content/meetings/anteckning", NOT_MARKDOWN).hint_has(".md"),
        ];

    // Fields

    /// Guards: each missing required field is its own error, with the line to add.
    missing_required_fields:
        a("---\nsummary: Kort.\noutcomes: []\n---\n") => [
            error(&at(1, 1), "fältet `title` saknas men är obligatoriskt").hint("lägg till en rad `title: …` i huvudet"),
            error(&at(1, 1), "fältet `date` saknas men är obligatoriskt").hint("lägg till en rad `date: …` i huvudet"),
            error(&at(1, 1), "fältet `regions` saknas men är obligatoriskt")
                .hint("lägg till en rad `regions: …` i huvudet"),
            summary("3 fel i 1 fil"),
        ];
    /// Guards: a misspelt field suggests the right one; with nothing close, the allowed fields are listed.
    unknown_key_suggests_the_right_one:
        with("tittle: Ett möte\n") => [error(&at(7, 1), "okänt fält `tittle`").hint("menade du \"title\"?")],
        with("xyzzy: 1\n") => [
            error(&at(7, 1), "okänt fält `xyzzy`").hint_starts("tillåtna fält: title, date, round, regions"),
        ];
    /// Guards: a date that is not a real date shows the three forms a date may take.
    a_date_that_is_not_a_date:
        field("date: next tuesday") => [
            error(&at(3, 7), "`date`: \"next tuesday\" är inte ett giltigt datum").hint_has(DATE_HINT),
        ],
        field("date: 2018-13-45") => [error(&at(3, 7), "`date`: \"2018-13-45\" är inte ett giltigt datum").hint_has(DATE_HINT)],
        field("date: 16 maj 2018") => [
            error(&at(3, 7), "`date`: \"16 maj 2018\" är inte ett giltigt datum").hint_has(DATE_HINT),
        ],
        field("date: 2018-02-30") => [error(&at(3, 7), "`date`: \"2018-02-30\" är inte ett giltigt datum").hint_has(DATE_HINT)];
    /// Guards: `draft` takes only true or false.
    draft_must_be_true_or_false:
        with("draft: maybe\n") => [
            error(&at(7, 8), "`draft` ska vara true eller false, inte \"maybe\"").hint("skriv true eller false"),
        ];
    /// Guards: a mapping or a sentence where a list belongs is reported at the value.
    wrong_types:
        with("participants:\n  roll: chef\n") => [
            error(&at(8, 3), "`participants` ska vara en lista, till exempel [a, b]"),
        ],
        with("follow_ups: ring Region Uppsala\n") => [error(&at(7, 13), "`follow_ups` ska vara en lista")];
    /// Guards: a title that is missing, empty or blank is an empty title, not a valid one.
    an_empty_title:
        field("title:") => [error(&at(2, 1), "`title` är tomt men måste fyllas i").hint("skriv något efter `title:`")],
        field("title: \"\"") => [error(&at(2, 8), "`title` är tomt men måste fyllas i").hint("skriv något efter `title:`")],
        field("title: \"  \"") => [
            error(&at(2, 8), "`title` är tomt men måste fyllas i").hint("skriv något efter `title:`"),
        ];
    /// Guards: a meeting must name a region.
    an_empty_region_list:
        field("regions: []") => [
            error(&at(4, 10), "`regions` är tomt men måste fyllas i").hint_has("`regions: [ostergotland]`"),
        ];
    /// Guards: a region written with or without accents, as a county name or an actor, suggests its slug.
    unknown_region_suggests_the_slug_whatever_the_accents:
        field("regions: [Ostergotland]") => [
            error(&at(4, 11), "okänd region \"Ostergotland\"").hint("menade du \"ostergotland\"?"),
        ],
        field("regions: [östergötland]") => [
            error(&at(4, 11), "okänd region \"östergötland\"").hint("menade du \"ostergotland\"?"),
        ],
        field("regions: [Östergötlands län]") => [
            error(&at(4, 11), "okänd region \"Östergötlands län\"").hint("menade du \"ostergotland\"?"),
        ],
        field("regions: [ostergotlan]") => [
            error(&at(4, 11), "okänd region \"ostergotlan\"").hint("menade du \"ostergotland\"?"),
        ],
        field("regions: [Region Östergötland]") => [
            error(&at(4, 11), "okänd region \"Region Östergötland\"").hint("menade du \"ostergotland\"?"),
        ],
        field("regions: [Östergötland]") => [
            error(&at(4, 11), "okänd region \"Östergötland\"").hint("menade du \"ostergotland\"?"),
        ],
        // A county written by its name instead of its slug.
        field("regions: [Stockholms län, Uppsala]") => [
            error(&at(4, 11), "okänd region \"Stockholms län\"").hint("menade du \"stockholm\"?"),
            error(&at(4, 27), "okänd region \"Uppsala\"").hint("menade du \"uppsala\"?"),
        ],
        // Nothing close: where to look.
        field("regions: [kiruna]") => [error(&at(4, 11), "okänd region \"kiruna\"").hint_has("content/regions.yaml")];
    /// Guards: a misspelt theme or a theme's name suggests its slug, each at its own column.
    unknown_theme_suggests_the_slug:
        with("themes: [smart-specialization, Regionalt ledarskap]\n") => [
            error(&at(7, 10), "okänt tema \"smart-specialization\"").hint("menade du \"smart-specialisation\"?"),
            error(&at(7, 32), "okänt tema \"Regionalt ledarskap\"").hint("menade du \"regional-leadership\"?"),
        ];
    /// Guards: every bad follow-up status and due date is reported, each at its value.
    follow_up_with_an_unknown_status_or_a_bad_due_date:
        with("follow_ups:\n  - action: Ringa\n    status: planed\n  - action: Skriva\n    status: klar\n  - action: Läsa\n    due: snart\n    status: done\n  - action: Se\n    status: kanske\n") => [
            error(&at(9, 13), "okänd status \"planed\"").hint("menade du \"planned\"?"),
            error(&at(11, 13), "okänd status \"klar\"").hint("menade du \"done\"?"),
            error(&at(13, 10), "`due`: \"snart\" är inte ett giltigt datum"),
            error(&at(16, 13), "okänd status \"kanske\"").hint("status kan vara planned, ongoing eller done"),
            summary("4 fel i 1 fil"),
        ];
    /// Guards: two meetings that would share an address name each other and suggest `slug:`.
    two_meetings_with_the_same_address:
        file("content/meetings/b.md", &meeting("slug: 2018-ostergotland\n", "")) => [
            error(
                "content/meetings/b.md",
                "två filer skulle få samma adress /moten/2018-ostergotland/ (den andra är content/meetings/2018-ostergotland.md)",
            )
            .hint_has("`slug:`"),
        ];
    /// Guards: a free page's `language:` is sv or en, and `featured:` true or false (issue 17).
    a_page_with_an_unknown_language_or_featured_value:
        file("content/pages/om.md", "---\ntitle: Om\nlanguage: fi\nfeatured: kanske\n---\nText.\n") => [
            error("content/pages/om.md:3:11", "okänt språk \"fi\"").hint("skriv sv eller en"),
            error("content/pages/om.md:4:11", "`featured` ska vara true eller false"),
            summary("2 fel i 1 fil"),
        ],
        file("content/pages/om.md", "---\ntitle: About\nlanguage: en\nfeatured: true\n---\nText.\n") => [clean()];
    /// Guards: a free page's `updated:` is a date like a meeting's (issue 19).
    a_page_updated_that_is_not_a_date:
        file("content/pages/om.md", "---\ntitle: Om\nupdated: 1 mars 2019\n---\nText.\n") => [
            error("content/pages/om.md:3:10", "`updated`"),
        ],
        file("content/pages/om.md", "---\ntitle: Om\nupdated: 2019-03-01\n---\nText.\n") => [clean()];
    /// Guards: the accessibility statement's address is the site's own (issue 17).
    a_page_named_tillganglighet:
        file("content/pages/tillganglighet.md", PAGE) => [
            error("content/pages/tillganglighet.md", "adressen /tillganglighet/ används redan av webbplatsen själv, så en sida kan inte heta \"tillganglighet\"")
                .hint_has("byt namn på filen"),
        ];
    /// Guards: a page cannot take the address of a section of the site.
    a_page_named_like_a_section_of_the_site:
        file("content/pages/regioner.md", PAGE) => [
            error("content/pages/regioner.md", "adressen /regioner/ används redan av webbplatsen själv, så en sida kan inte heta \"regioner\"")
                .hint_has("byt namn på filen"),
        ],
        file("content/pages/moten.md", PAGE) => [
            error("content/pages/moten.md", "adressen /moten/ används redan av webbplatsen själv, så en sida kan inte heta \"moten\"")
                .hint_has("byt namn på filen"),
        ],
        file("content/pages/teman.md", PAGE) => [
            error("content/pages/teman.md", "adressen /teman/ används redan av webbplatsen själv, så en sida kan inte heta \"teman\"")
                .hint_has("byt namn på filen"),
        ];
    /// Guards: a file name that cannot be an address suggests both fixes, and `slug:` fixes it.
    a_file_name_that_cannot_be_an_address:
        file(ODD_FILE_NAME, &meeting("", "")) => [
            error(ODD_FILE_NAME, "filnamnet \"Möte i Åre.md\" kan inte användas i en webbadress").hint(
                "byt namn på filen till mote-i-are.md, eller lägg till `slug: \"mote-i-are\"` i huvudet (bara a–z, 0–9 och bindestreck)",
            ),
        ],
        file(ODD_FILE_NAME, &meeting("slug: mote-i-are\n", "")) => [clean()];
    /// Guards: a `slug:` that cannot be an address suggests one that can.
    a_slug_field_that_cannot_be_an_address:
        with("slug: Möte i Åre\n") => [
            error(&at(7, 7), "\"Möte i Åre\" kan inte användas i en webbadress")
                .hint("använd bara a–z, 0–9 och bindestreck, till exempel \"mote-i-are\""),
        ];
    /// Guards: a `round:` that cannot be an address suggests one, with its year first (issue 19).
    a_round_that_cannot_be_an_address:
        with("round: Hösten 2019\n") => [
            error(&at(7, 8), "`round`: \"Hösten 2019\" kan inte användas i en webbadress")
                .hint("skriv omgången med bara a–z, 0–9 och bindestreck, till exempel `round: 2019-hosten`"),
            summary("1 fel i 1 fil"),
        ],
        with("round: 2019_hosten\n") => [
            error(&at(7, 8), "`round`: \"2019_hosten\" kan inte användas i en webbadress").hint_has("`round: 2019-hosten`"),
        ],
        with("round: nul\n") => [
            error(&at(7, 8), "adressen /moten/nul/ går inte att skapa i Windows, eftersom \"nul\" är ett reserverat namn där"),
        ],
        with("round: 2019-hosten\n") => [clean()],
        with("round: 2019\n") => [clean()];
    /// Guards: the Swedish word for a round is taken for the key it stands for (issue 19).
    a_round_written_in_swedish:
        with("omgång: 2019\n") => [error(&at(7, 1), "okänt fält `omgång`").hint("menade du \"round\"?")];
    /// Guards: `rounds:` in site.yaml names rounds; a round that cannot be an address, a name
    /// that is not a text and a round no meeting is of are each reported where written (issue 19).
    round_names_in_site_yaml:
        file("site.yaml", &format!("{SITE_HEAD}rounds:\n  Hösten 2018: Hösten 2018\n  2018: [ett, två]\n  2081: Året 2081\n")) => [
            error("site.yaml:5:3", "`rounds`: \"Hösten 2018\" är ingen omgång: före kolonet står omgången som den skrivs i mötenas `round:`")
                .hint("skriv omgången med bara a–z, 0–9 och bindestreck och namnet efter kolonet, till exempel `2018-hosten: Hösten 2018`"),
            error("site.yaml:6:9", "`rounds: 2018`"),
            warning("site.yaml:7:3", "`rounds`: inget möte hör till omgången \"2081\", så namnet visas ingenstans")
                .hint("skriv omgången som den står i mötenas `round:` (eller årtalet), eller ta bort raden"),
            summary("2 fel och 1 varning i 1 fil"),
        ],
        with("round: 2018-hosten\n").and(file("site.yaml", &format!("{SITE_HEAD}rounds:\n  2018-hostn: Hösten 2018\n"))) => [
            warning("site.yaml:5:3", "inget möte hör till omgången \"2018-hostn\"").hint("menade du \"2018-hosten\"?"),
        ],
        file("site.yaml", &format!("{SITE_HEAD}rounds:\n  2018: Första omgången\n")) => [clean()];
    /// Guards: a meeting whose address is a round's page (`2018.md`, or another meeting's
    /// `round:`) is an error at its file, naming the round, with both fixes (issue 19).
    a_meeting_named_like_a_round:
        file("content/meetings/2018.md", &meeting("", "")) => [
            error("content/meetings/2018.md", "mötets adress /moten/2018/ är sidan för omgången 2018, som listar omgångens möten")
                .hint_has("`slug:`"),
            summary("1 fel i 1 fil"),
        ],
        file("content/meetings/hosten.md", &meeting("", "")).and(with("round: hosten\n")) => [
            error("content/meetings/hosten.md", "mötets adress /moten/hosten/ är sidan för omgången hosten"),
        ],
        file("content/meetings/2018.md", &meeting("slug: 2018-stockholm\n", "")) => [clean()];

    // Site level

    /// Guards: site.yaml's misspelt field, unknown language and bad base address are all reported.
    site_yaml_problems:
        file("site.yaml", "title: Testplats\nlanguge: sv\nlanguage: fi\nbase_url: exempel.se/samtal\n") => [
            error("site.yaml:2:1", "okänt fält `languge`").hint("menade du \"language\"?"),
            error("site.yaml:3:11", "okänt språk \"fi\"").hint("skriv sv eller en"),
            error("site.yaml:4:11", "\"exempel.se/samtal\" är ingen giltig bas-adress").hint_has("https://exempel.se/samtal/"),
            summary("3 fel i 1 fil"),
        ];
    /// Guards: an accessibility statement lacking what the law requires is refused, and an
    /// old assessment is a warning (issue 17). (Published under a full address with a licence,
    /// so that the publishing warnings stay out of these rows.)
    accessibility_statement_problems:
        file("site.yaml", "title: Testplats\naccessibility:\n  status: delvist\n  problems: []\n  assessed: 2025-06-01\n  updated: 2025-06-01\n  method: Självskattning\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n") => [
            error("site.yaml:2:1", "tillgänglighetsredogörelsen måste säga vem som står bakom webbplatsen, men `publisher` saknas")
                .hint_has("publisher:"),
            error("site.yaml:2:1", "tillgänglighetsredogörelsen saknar ett sätt att rapportera brister (`feedback`)")
                .hint_has("e-postadress"),
            error("site.yaml:3:11", "\"delvist\" går inte att använda som status").hint("menade du \"delvis\"?"),
            warning("site.yaml:5:13", "tillgängligheten bedömdes senast 2025-06-01, för mer än ett år sedan"),
            summary("3 fel och 1 varning i 1 fil"),
        ],
        file("site.yaml", &format!("title: Testplats\npublisher: Verket\naccessibility:\n  status: delvis\n  problems: []\n{A11Y_REST}  feedback: ring oss\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n")) => [
            error("site.yaml:5:3", "webbplatsen är inte helt förenlig med lagen, men redogörelsen listar inga brister (`problems`)"),
            error("site.yaml:9:13", "`feedback` ska säga var man rapporterar brister och hur snart ni svarar, men anger bara \"ring oss\"")
                .hint_has("`email:` med en e-postadress, eller `form:`"),
            summary("2 fel i 1 fil"),
        ],
        file("site.yaml", &format!("title: Testplats\npublisher: Verket\naccessibility:\n  status: helt\n{A11Y_REST}  feedback:\n    email: webb@verket.se\n    response_time: inom fem arbetsdagar\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n")) => [clean()];
    /// Guards issue 31 item 4: the feedback route is an e-mail address or a form, with the
    /// response time; the old one-address form (a link to a home page) is refused with the lines
    /// to write instead, and a form that is only a home page is no form.
    accessibility_feedback_needs_an_email_or_form:
        file("site.yaml", &format!("title: Testplats\npublisher: Verket\naccessibility:\n  status: helt\n{A11Y_REST}  feedback: \"https://tillvaxtverket.se/\"\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n")) => [
            error("site.yaml:8:13", "`feedback` ska säga var man rapporterar brister och hur snart ni svarar, men anger bara \"https://tillvaxtverket.se/\"")
                .hint_has("`form:` med adressen till själva formuläret (inte en startsida)"),
            summary("1 fel i 1 fil"),
        ],
        file("site.yaml", &format!("title: Testplats\npublisher: Verket\naccessibility:\n  status: helt\n{A11Y_REST}  feedback: webb@verket.se\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n")) => [
            error("site.yaml:8:13", "`feedback` ska säga var man rapporterar brister och hur snart ni svarar, men anger bara \"webb@verket.se\"")
                .hint_has("`email: webb@verket.se` och `response_time:`"),
            summary("1 fel i 1 fil"),
        ],
        file("site.yaml", &format!("title: Testplats\npublisher: Verket\naccessibility:\n  status: helt\n{A11Y_REST}  feedback:\n    form: https://verket.se/\n    email: webb@\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n")) => [
            error("site.yaml:8:3", "`feedback` säger inte hur snart ni svarar (`response_time`)").hint_has("response_time: inom fem arbetsdagar"),
            error("site.yaml:9:11", "\"https://verket.se/\" är en startsida, inget formulär").hint_has("själva formuläret"),
            error("site.yaml:10:12", "\"webb@\" är ingen e-postadress"),
            summary("3 fel i 1 fil"),
        ],
        file("site.yaml", &format!("title: Testplats\npublisher: Verket\naccessibility:\n  status: helt\n{A11Y_REST}  feedback:\n    response_time: inom en vecka\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n")) => [
            error("site.yaml:8:3", "`feedback` anger varken en e-postadress (`email`) eller ett formulär (`form`)").hint_has("`email:`"),
            summary("1 fel i 1 fil"),
        ],
        file("site.yaml", &format!("title: Testplats\npublisher: Verket\naccessibility:\n  status: helt\n{A11Y_REST}  feedback:\n    form: https://verket.se/kontakt/tillganglighet/\n    response_time: inom en vecka\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n")) => [clean()];
    /// Guards issue 31 item 4: the example site's placeholders (an address on a reserved
    /// example domain, a response time that says it is unknown) would be published as if real;
    /// each is a warning at its value, in `email:`, `form:` and `response_time:`.
    accessibility_feedback_placeholders_warn:
        file("site.yaml", &format!("title: Testplats\npublisher: Verket\naccessibility:\n  status: helt\n{A11Y_REST}  feedback:\n    email: \"tillganglighet@example.org\"\n    response_time: \"uppgift saknas\"\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n")) => [
            warning("site.yaml:9:12", "\"tillganglighet@example.org\" är en exempeladress på den reserverade domänen example.org, så e-post dit når ingen")
                .hint_has("riktiga e-postadress"),
            warning("site.yaml:10:20", "svarstiden \"uppgift saknas\" säger inte hur snart ni svarar")
                .hint_has("response_time: inom fem arbetsdagar"),
            says("Inga fel, 2 varningar:"),
        ],
        file("site.yaml", &format!("title: Testplats\npublisher: Verket\naccessibility:\n  status: helt\n{A11Y_REST}  feedback:\n    form: https://www.example.com/kontakt/\n    response_time: inom en vecka\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n")) => [
            warning("site.yaml:9:11", "\"https://www.example.com/kontakt/\" ligger på den reserverade exempeldomänen example.com, så formuläret finns inte")
                .hint_has("riktiga formulär"),
            says("Inga fel, 1 varning:"),
        ],
        file("site.yaml", &format!("title: Testplats\npublisher: Verket\naccessibility:\n  status: helt\n{A11Y_REST}  feedback:\n    email: webb@verket.se\n    response_time: inom fem arbetsdagar\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n")) => [clean()];
    /// Guards: a published site whose base_url has no host is a warning saying how to fix it,
    /// and a licence or publisher address that is not a full web address is an error.
    site_yaml_publishing:
        file(
            "site.yaml",
            "title: Testplats\nbase_url: /\nlicense: CC0\npublisher_url: tillvaxtverket.se\n",
        ) => [
            warning("site.yaml:2:11", "base_url \"/\" saknar webbplatsens adress, så webbplatskartan, flödena och delningslänkarna får inga fullständiga adresser")
                .hint_has("--base-url https://exempel.se/samtal/"),
            error("site.yaml:3:10", "license \"CC0\" är ingen fullständig webbadress")
                .hint_has("https://creativecommons.org/publicdomain/zero/1.0/"),
            error("site.yaml:4:16", "publisher_url \"tillvaxtverket.se\" är ingen fullständig webbadress"),
        ];
    /// Guards: a site published under a full address without a licence is told that the data
    /// catalogue needs one.
    a_published_site_without_a_licence:
        file("site.yaml", "title: Testplats\nbase_url: https://example.org/\n") => [
            warning("site.yaml", "license saknas, så datakatalogen data/dcat.rdf saknar den licens som Sveriges dataportal kräver")
                .hint_has("license: https://creativecommons.org/publicdomain/zero/1.0/"),
        ];
    /// Guards: a county listed twice and a grouping naming unknown counties are reported in regions.yaml.
    registry_problems:
        file(
            "content/regions.yaml",
            &regions_yaml()
                .replace("  - slug: uppsala\n", "  - slug: stockholm\n")
                .replace("members: [uppsala, ostergotland]", "members: [ostergotlnd, kiruna]"),
        ) => [
            error("content/regions.yaml:20:11", "\"stockholm\" finns redan på rad 13").hint("varje slug får bara finnas en gång"),
            error("content/regions.yaml:32:15", "grupperingen nämner ett okänt län \"ostergotlnd\"")
                .hint("menade du \"ostergotland\"?"),
            error("content/regions.yaml:32:28", "grupperingen nämner ett okänt län \"kiruna\""),
        ];
    /// Guards: an unknown grouping kind is called a kind of grouping, not a status.
    an_unknown_grouping_kind_is_not_called_a_status:
        file("content/regions.yaml", &regions_yaml().replace("kind: nuts2", "kind: nuts3")) => [
            error("content/regions.yaml:30:11", "okänd sorts gruppering \"nuts3\"").hint("menade du \"nuts2\"?"),
        ];
    /// Guards: a Markdown link to a page that does not exist suggests the nearest that does.
    a_link_to_a_page_that_does_not_exist:
        body("Se [se](/regioner/ostergotlan/) och [start](/).\n") => [
            error(&at(8, 4), "länken /regioner/ostergotlan/ leder till en sida som inte finns")
                .hint("menade du \"/regioner/ostergotland/\"?"),
            summary("1 fel i 1 fil"),
        ];
    /// Guards: a missing image points to static/, and put in static/ it resolves.
    a_missing_image:
        body("Text.\n\n![](/bild.png)\n") => [error(&at(10, 1), "bilden /bild.png finns inte").hint_has("static/")],
        body("Text.\n\n![](/bild.png)\n").and(bytes("static/bild.png", TINY_PNG)) => [
            warning(&at(10, 1), "bilden /bild.png saknar alternativtext"),
        ],
        body("Text.\n\n![Bild](/bild.png)\n").and(bytes("static/bild.png", TINY_PNG)) => [clean()];
    /// Guards: a HEIC or TIFF picture is not published with its location data (issue 19).
    a_picture_that_cannot_be_stripped:
        bytes("static/bilder/IMG_1234.HEIC", b"\0\0\0\x18ftypheic") => [
            error("static/bilder/IMG_1234.HEIC", "en .heic-bild publiceras inte: samtal kan inte ta bort platsuppgifterna ur den, och webbläsare visar den inte")
                .hint_has("JPEG"),
        ],
        bytes("static/skannad.tif", b"II*\0") => [error("static/skannad.tif", "en .tif-bild publiceras inte")];
    /// Guards: a file named as a picture that is none (a HEIC photo renamed .jpg), or is cut off, is an error naming it, with the fix.
    a_picture_that_cannot_be_read:
        body("![Foto](/bilder/foto.jpg)\n").and(bytes("static/bilder/foto.jpg", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic")) => [
            error("static/bilder/foto.jpg", "filen är ingen JPEG-, PNG-, WebP- eller GIF-bild fast namnet säger det (kanske en HEIC-bild från en iPhone)")
                .hint_has("spara den som JPEG (foton) eller PNG"),
            summary("1 fel i 1 fil"),
        ],
        body("![Foto](/bilder/foto.png)\n").and(bytes("static/bilder/foto.png", &TINY_PNG[..20])) => [
            error("static/bilder/foto.png", "bilden är trasig och kan inte läsas").hint_has("på nytt från originalet"),
        ];
    /// Guards: an SVG that could run script when opened by its address is an error at its line (issue 27).
    an_svg_with_a_script:
        bytes("static/bilder/logga.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script>\n</svg>") => [
            error("static/bilder/logga.svg:2:1", "SVG-bilden innehåller ett skript (`<script>`), så den publiceras inte")
                .hint_has("spara om bilden utan skript"),
        ],
        bytes("static/bilder/logga.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\"/></svg>") => [clean()];
    /// Guards: a picture far larger than a page needs is a warning that says how to scale it down.
    a_very_large_picture:
        body("![Foto](/bilder/foto.png)\n").and(bytes("static/bilder/foto.png", HUGE_PNG)) => [
            warning("static/bilder/foto.png", "bilden är mycket stor (8000 × 6000 bildpunkter, 1 MB)")
                .hint_has("högst 3000 bildpunkter på bredden"),
        ];

    // Language

    /// Guards: an English site reports the same mistakes in English, with no Swedish left.
    the_same_mistakes_in_english:
        two_mistakes()
            .and(file("site.yaml", "title: Test site\nlanguage: en\nbase_url: https://example.org/\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n"))
            .and(file("content/meetings/c.md", &meeting("", "").replace("[stockholm]", "[Östergötlands län]"))) => [
            error("content/meetings/a.md:7:1", "unknown field `tittle`").hint("did you mean \"title\"?"),
            error("content/meetings/b.md:7:8", "`draft` must be true or false, not \"maybe\"").hint("write true or false"),
            error("content/meetings/c.md:4:11", "unknown region \"Östergötlands län\"").hint("did you mean \"ostergotland\"?"),
            error("content/meetings/a.md:9:4", "the link /regioner/ostergotlan/ leads to a page that does not exist"),
            summary("4 errors in 3 files"),
            does_not_say("fel"),
        ];

    // Warnings

    /// Guards: a missing summary or outcomes is a warning, and `outcomes: []` means "none published".
    missing_summary_or_outcomes_is_a_warning:
        a("---\ntitle: Ett möte\ndate: 2018\nregions: [stockholm]\n---\n") => [
            warning(&at(1, 1), "mötet saknar `summary` (en kort sammanfattning)").hint_has("`summary:`"),
            warning(&at(1, 1), "mötet saknar `outcomes` (vad mötet kom fram till)"),
            // The summary line never hides warnings.
            says("Inga fel, 2 varningar:"),
        ],
        // `outcomes:` with nothing after it was forgotten too.
        field("outcomes:") => [warning(&at(1, 1), "mötet saknar `outcomes`")],
        field("outcomes: []") => [clean()];
}
