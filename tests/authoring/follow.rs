//! The mistakes of follow-up across meetings (`follows_up:`, and a follow-up item's `id:`,
//! `done:`, `note:` and `reports_on:`), as a table like mistakes.rs: the files written over
//! the base site → what `samtal check` prints. The base site's meeting a.md is dated 2018;
//! content/meetings/2018-ostergotland.md (2018-05-16) has one follow-up without an id.

use crate::site::meeting;
use crate::table::{at, cases, clean, does_not_say, error, file, summary, warning, with};

const B: &str = "content/meetings/b.md";

/// Meeting b.md (dated 2018) with one follow-up item with the id `kompetens`, ongoing and due
/// 2019-01 (overdue on the tests' today), and `extra` lines.
fn b_with_an_item(extra: &str) -> crate::table::Files {
    let items =
        "follow_ups:\n  - action: Kartlägga kompetensen\n    id: kompetens\n    due: 2019-01\n    status: ongoing\n";
    file(B, &meeting(&format!("{extra}{items}"), ""))
}

/// Meeting a.md with one follow-up item reporting on `reference` (written on line 10,
/// column 17), with status `status`.
fn a_reports_on(reference: &str, status: &str) -> crate::table::Files {
    with(&format!(
        "follow_ups:\n  - action: Kartlägga kompetensen\n    status: {status}\n    reports_on: {reference}\n"
    ))
}

cases! {
    /// Guards: `follows_up` naming a meeting that does not exist is an error at that item, with "did you mean".
    follows_up_an_unknown_meeting:
        with("follows_up: [2018-ostergotlnd]\n") => [
            error(&at(7, 14), "`follows_up`: det finns inget möte med adressen \"2018-ostergotlnd\"")
                .hint("menade du \"2018-ostergotland\"?"),
            summary("1 fel i 1 fil"),
        ],
        with("follows_up: [kiruna-1999]\n") => [
            error(&at(7, 14), "`follows_up`: det finns inget möte med adressen \"kiruna-1999\"")
                .hint_has("filnamnet utan .md"),
        ];
    /// Guards: a meeting cannot follow up itself.
    follows_up_itself:
        with("follows_up: [a]\n") => [error(&at(7, 14), "`follows_up` pekar på mötet självt")];
    /// Guards: following up a meeting held later is a warning; one written twice too.
    follows_up_a_later_meeting_or_twice:
        with("follows_up: [b]\n").and(file(B, &meeting("", "").replace("date: 2018", "date: 2019-02"))) => [
            warning(&at(7, 14), "mötet \"b\" hölls 2019-02, efter det här mötet (2018)")
                .hint_has("i det senare mötet"),
        ],
        with("follows_up: [2018-ostergotland, 2018-ostergotland]\n") => [
            warning(&at(7, 33), "står två gånger i `follows_up`"),
        ];
    /// Guards: following up a draft when drafts are not built says the link is not shown yet.
    follows_up_a_draft:
        with("follows_up: [b]\n").and(file(B, &meeting("draft: true\n", ""))) => [
            warning(&at(7, 14), "mötet \"b\" är ett utkast, så länken dit visas inte förrän det publiceras")
                .hint_has("--drafts"),
        ];
    /// Guards: `reports_on` names an item by meeting and id; an unknown id is an error with "did you mean" over that meeting's ids.
    reports_on_an_unknown_item:
        a_reports_on("b/kompetns", "done").and(b_with_an_item("")) => [
            error(&at(10, 17), "mötet \"b\" har ingen åtgärd med id \"kompetns\"").hint("menade du \"kompetens\"?"),
        ],
        a_reports_on("2018-ostergotland/folja-upp", "done") => [
            error(&at(10, 17), "mötet \"2018-ostergotland\" har ingen åtgärd med id \"folja-upp\"")
                .hint_has("ge åtgärden i det mötet ett `id:`"),
        ],
        a_reports_on("2018-ostergotlnd/kompetens", "done") => [
            error(&at(10, 17), "`reports_on`: det finns inget möte med adressen \"2018-ostergotlnd\"")
                .hint("menade du \"2018-ostergotland\"?"),
        ],
        a_reports_on("a/kompetens", "done") => [error(&at(10, 17), "`reports_on` pekar på mötet självt")];
    /// Guards: `reports_on` without the slash between meeting and item says how it is written.
    reports_on_without_an_item:
        a_reports_on("kompetens", "done") => [
            error(&at(10, 17), "`reports_on`: \"kompetens\" säger inte både mötet och åtgärden")
                .hint_has("`reports_on: 2018-skane/kompetens`"),
        ];
    /// Guards: a report on an item settles it: the item is no longer warned about as overdue.
    a_reported_item_is_not_overdue_in_its_own_file:
        b_with_an_item("") => [warning("content/meetings/b.md:8:13", "står fortfarande som ongoing")],
        a_reports_on("b/kompetens", "done").and(b_with_an_item("")) => [clean(), does_not_say("står fortfarande")],
        // Also when the report names the meeting by a former address (after `samtal mv`).
        a_reports_on("gamla-b/kompetens", "done").and(b_with_an_item("aliases: [/moten/gamla-b/]\n")) => [
            clean(),
            does_not_say("står fortfarande"),
        ],
        // A draft's report is not on the site (drafts are not built), so the item still shows late there.
        with("draft: true\nfollow_ups:\n  - action: Kartlägga kompetensen\n    status: done\n    reports_on: b/kompetens\n")
            .and(b_with_an_item("")) => [warning("content/meetings/b.md:8:13", "står fortfarande som ongoing")];
    /// Guards: an item's id is an address part, unique within its meeting.
    an_item_id_twice_or_not_an_address:
        with("follow_ups:\n  - action: Ett\n    id: ett\n    status: done\n  - action: Två\n    id: ett\n    status: done\n") => [
            error(&at(12, 9), "id \"ett\" används redan på rad 9").hint("varje åtgärd i ett möte behöver ett eget id"),
        ],
        with("follow_ups:\n  - action: Ett\n    id: Ett id\n    status: done\n") => [
            error(&at(9, 9), "\"Ett id\" kan inte användas i en webbadress"),
        ];
    /// Guards: `done` needs status done, a real date, and a day that has come.
    done_that_is_not_done:
        with("follow_ups:\n  - action: Ett\n    status: ongoing\n    done: 2019-03-01\n") => [
            error(&at(10, 11), "åtgärden har ett datum i `done` men status är ongoing").hint_has("`status: done`"),
        ],
        with("follow_ups:\n  - action: Ett\n    status: done\n    done: 2027-03-01\n") => [
            warning(&at(10, 11), "`done`: 2027-03-01 har inte kommit än").hint_has("`due`"),
        ],
        with("follow_ups:\n  - action: Ett\n    status: done\n    done: i våras\n") => [
            error(&at(10, 11), "`done`: \"i våras\" är inte ett giltigt datum"),
        ];
    /// Guards: a date the form emptied (`due: ""` when an author clears "Klart senast") is no
    /// date, not an invalid one: the live check in the form leaves it out, so `check` must too.
    an_emptied_due_date_is_no_due_date:
        with("follow_ups:\n  - action: Ett\n    status: planned\n    due: \"\"\n") => [
            clean(), does_not_say("giltigt datum"),
        ];
    /// Guards: `note` is a text, and a Swedish key name is recognised.
    a_note_that_is_a_list_or_in_swedish:
        with("follow_ups:\n  - action: Ett\n    status: done\n    note: [a, b]\n") => [
            error(&at(10, 11), "`note` ska vara en text"),
        ],
        with("follow_ups:\n  - action: Ett\n    status: done\n    kommentar: Bra.\n") => [
            error(&at(10, 5), "okänt fält `kommentar`").hint("menade du \"note\"?"),
        ];
}
