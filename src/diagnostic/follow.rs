//! The problems of follow-up across meetings (`follows_up:`, and a follow-up item's `id:`,
//! `done:`, `note:` and `reports_on:`), each with its sv/en message and hint.

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowProblem {
    /// `follows_up:` or `reports_on:` names a meeting that does not exist.
    UnknownMeeting { field: &'static str, slug: String, suggestion: Option<String> },
    /// A meeting that follows up itself, or an item that reports on its own meeting.
    OwnMeeting { field: &'static str },
    /// The meeting followed up was held after this one.
    LaterMeeting { slug: String, date: String, own_date: String },
    /// The meeting followed up is a draft, and drafts are not built.
    DraftMeeting { slug: String },
    /// `reports_on:` names an item id the meeting does not have; `ids` says whether it has any.
    UnknownItem { meeting: String, id: String, suggestion: Option<String>, ids: bool },
    /// `reports_on:` without the `/` between meeting and item.
    NotAnItemRef { value: String },
    /// A web address or anchor copied from the preview or the site
    /// (`http://127.0.0.1:1111/moten/2018-gotland/#atgard-x`) where a meeting's address (slug)
    /// belongs; `suggestion` is the reference taken out of it, as it should be written.
    WebAddress { field: &'static str, value: String, suggestion: Option<String> },
    /// The same `id:` twice in one meeting.
    DuplicateId { id: String, first_line: usize },
    /// `done:` on an item whose status is not done.
    DoneButNotDone { status: &'static str },
    /// `done:` after today.
    DoneInFuture { done: String },
}

impl FollowProblem {
    pub fn message(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        let t = |s: String, e: String| if sv { s } else { e };
        match self {
            FollowProblem::UnknownMeeting { field, slug, .. } => t(
                format!("`{field}`: det finns inget möte med adressen \"{slug}\""),
                format!("`{field}`: there is no meeting with the address \"{slug}\""),
            ),
            FollowProblem::OwnMeeting { field } => {
                t(format!("`{field}` pekar på mötet självt"), format!("`{field}` points to the meeting itself"))
            }
            FollowProblem::LaterMeeting { slug, date, own_date } => t(
                format!("mötet \"{slug}\" hölls {date}, efter det här mötet ({own_date})"),
                format!("the meeting \"{slug}\" was held on {date}, after this meeting ({own_date})"),
            ),
            FollowProblem::DraftMeeting { slug } => t(
                format!("mötet \"{slug}\" är ett utkast, så länken dit visas inte förrän det publiceras"),
                format!("the meeting \"{slug}\" is a draft, so the link to it is not shown until it is published"),
            ),
            FollowProblem::UnknownItem { meeting, id, .. } => t(
                format!("mötet \"{meeting}\" har ingen åtgärd med id \"{id}\""),
                format!("the meeting \"{meeting}\" has no action with the id \"{id}\""),
            ),
            FollowProblem::NotAnItemRef { value } => t(
                format!("`reports_on`: \"{value}\" säger inte både mötet och åtgärden"),
                format!("`reports_on`: \"{value}\" does not name both the meeting and the action"),
            ),
            FollowProblem::WebAddress { field, value, .. } => t(
                format!("`{field}`: \"{value}\" är en webbadress, men här skrivs mötets adress (slug) som i filnamnet"),
                format!(
                    "`{field}`: \"{value}\" is a web address, but the meeting's address (slug) as in its file name goes here"
                ),
            ),
            FollowProblem::DuplicateId { id, first_line } => t(
                format!("id \"{id}\" används redan på rad {first_line}"),
                format!("the id \"{id}\" is already used on line {first_line}"),
            ),
            FollowProblem::DoneButNotDone { status } => t(
                format!("åtgärden har ett datum i `done` men status är {status}"),
                format!("the action has a date in `done` but its status is {status}"),
            ),
            FollowProblem::DoneInFuture { done } => {
                t(format!("`done`: {done} har inte kommit än"), format!("`done`: {done} is still to come"))
            }
        }
    }

    pub fn hint(&self, lang: Lang) -> Option<String> {
        let sv = lang == Lang::Sv;
        let t = |s: &str, e: &str| Some(if sv { s.to_string() } else { e.to_string() });
        let did_you_mean = |s: &Option<String>| {
            s.as_ref().map(|s| if sv { format!("menade du \"{s}\"?") } else { format!("did you mean \"{s}\"?") })
        };
        match self {
            FollowProblem::UnknownMeeting { suggestion, .. } => did_you_mean(suggestion).or_else(|| {
                t(
                    "skriv mötets adress (slug): filnamnet utan .md, eller mötets `slug:`",
                    "write the meeting's address (slug): its file name without .md, or its `slug:`",
                )
            }),
            FollowProblem::OwnMeeting { .. } => {
                t("skriv adressen till ett tidigare möte", "write the address of an earlier meeting")
            }
            FollowProblem::LaterMeeting { .. } => t(
                "ett möte följer upp tidigare möten; skriv `follows_up` i det senare mötet i stället",
                "a meeting follows up earlier ones; write `follows_up` in the later meeting instead",
            ),
            FollowProblem::DraftMeeting { .. } => t(
                "publicera det mötet (draft: false), eller bygg med --drafts för att se länken",
                "publish that meeting (draft: false), or build with --drafts to see the link",
            ),
            FollowProblem::UnknownItem { suggestion, ids: true, .. } => did_you_mean(suggestion),
            FollowProblem::UnknownItem { ids: false, .. } => t(
                "ge åtgärden i det mötet ett `id:`, till exempel `id: kompetens`, och skriv det här efter /",
                "give the action in that meeting an `id:`, for example `id: kompetens`, and write it here after the /",
            ),
            FollowProblem::NotAnItemRef { .. } => t(
                "skriv mötets adress, ett snedstreck och åtgärdens id, till exempel `reports_on: 2018-skane/kompetens`",
                "write the meeting's address, a slash and the action's id, for example `reports_on: 2018-skane/kompetens`",
            ),
            FollowProblem::WebAddress { field, suggestion: Some(s), .. } => {
                let line = if *field == "follows_up" { format!("follows_up: [{s}]") } else { format!("{field}: {s}") };
                Some(if lang == Lang::Sv {
                    format!("menade du \"{s}\"? skriv `{line}`")
                } else {
                    format!("did you mean \"{s}\"? write `{line}`")
                })
            }
            FollowProblem::WebAddress { .. } => t(
                "skriv mötets adress: filnamnet utan .md, till exempel `2018-skane`; för en åtgärd också ett snedstreck och dess id, `2018-skane/kompetens`",
                "write the meeting's address: its file name without .md, for example `2018-skane`; for an action also a slash and its id, `2018-skane/kompetens`",
            ),
            FollowProblem::DuplicateId { .. } => {
                t("varje åtgärd i ett möte behöver ett eget id", "each action in a meeting needs an id of its own")
            }
            FollowProblem::DoneButNotDone { .. } => t(
                "skriv `status: done` om åtgärden är klar, annars ta bort raden `done:`",
                "write `status: done` if the action is finished, else remove the `done:` line",
            ),
            FollowProblem::DoneInFuture { .. } => t(
                "skriv dagen då åtgärden blev klar; en åtgärd som ska bli klar senare har sitt datum i `due`",
                "write the day the action was finished; an action to be finished later has its date in `due`",
            ),
        }
    }
}
