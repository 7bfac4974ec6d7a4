//! `site.yaml`'s `accessibility:` block: every element of the statement DIGG requires is
//! there (status, shortcomings with reasons, dates, method, a feedback channel with its
//! response time, a publisher), the assessment is not over a year old on the build's today,
//! and the feedback channel is not a placeholder (an address on a reserved example domain, a
//! response time that says it is unknown): those are warnings, so nothing is published wrong
//! without a word.

use super::fields::Fields;
use crate::diagnostic::{Expected, Problem};
use crate::model::PartialDate;
use crate::model::accessibility::{
    Accessibility, Compliance, Feedback, Shortcoming, is_email, is_home_page, is_web_address, reserved_domain,
    response_time_is_unknown,
};
use crate::model::suggest::suggest_word;
use crate::yaml::Node;

const KEYS: &[&str] =
    &["status", "problems", "exemptions", "out_of_scope", "assessed", "updated", "method", "feedback", "contact"];
const BLOCK_WIDTH: usize = "accessibility".len();
const ITEM_KEYS: &[&str] = &["content", "reason"];

/// Reads the block at `node` (problems go to `f`); `None` when a required element is missing.
pub(super) fn read<'a>(
    f: &mut Fields<'a>,
    node: &'a Node,
    has_publisher: bool,
    today: Option<PartialDate>,
) -> Option<Accessibility> {
    if node.as_map().is_none() {
        f.report(node, Problem::WrongType { field: "accessibility".into(), expected: Expected::Mapping });
        return None;
    }
    // Problems with the block as a whole point at its key.
    let block = f.key_loc("accessibility").unwrap_or(node.loc);
    let mut a = f.nested(node, KEYS);
    if !has_publisher {
        a.report_at(block, BLOCK_WIDTH, Problem::AccessibilityNoPublisher);
    }
    let status = read_status(&mut a);
    let problems = shortcomings(&mut a, "problems");
    // Only a fully compliant site has nothing to list.
    if status.is_some_and(|s| s != Compliance::Full) && problems.as_ref().is_some_and(Vec::is_empty) {
        let at = a.key_loc("problems").unwrap_or(block);
        a.report_at(at, BLOCK_WIDTH, Problem::AccessibilityNoProblemsListed);
    }
    let exemptions = shortcomings(&mut a, "exemptions");
    let out_of_scope = shortcomings(&mut a, "out_of_scope");
    let assessed = a.required_date("assessed");
    if let (Some(assessed), Some(today)) = (assessed, today)
        && is_over_a_year_before(assessed, today)
        && let Some(at) = a.get("assessed")
    {
        a.warn_at(at.loc, assessed.to_string().len(), Problem::AccessibilityAssessmentOld { assessed });
    }
    let updated = a.required_date("updated");
    let method = a.required_text("method").map(|m| m.text);
    let feedback = read_feedback(&mut a, block);
    let contact = a.optional_text("contact").map(|c| c.text);
    f.absorb(a);
    Some(Accessibility {
        status: status?,
        problems: problems?,
        exemptions: exemptions.unwrap_or_default(),
        out_of_scope: out_of_scope.unwrap_or_default(),
        assessed: assessed?,
        updated: updated?,
        method: method?,
        feedback: feedback?,
        contact,
    })
    .filter(|_| has_publisher)
}

fn read_status(a: &mut Fields<'_>) -> Option<Compliance> {
    let s = a.required_text("status")?;
    let status = Compliance::parse(&s.text);
    if status.is_none() {
        let problem = Problem::UnknownSetting {
            field: "status".into(),
            value: s.text.clone(),
            allowed: &Compliance::NAMES,
            suggestion: suggest_word(&s.text, &Compliance::NAMES),
        };
        a.report_at(s.loc, s.text.chars().count(), problem);
    }
    status
}

/// A list of `{content, reason}` (empty when left out); `None` when an item lacks one of them.
fn shortcomings(a: &mut Fields<'_>, key: &str) -> Option<Vec<Shortcoming>> {
    let mut ok = true;
    let mut list = Vec::new();
    for (i, item) in a.mapping_list(key).into_iter().enumerate() {
        let mut fields = a.nested_item(item, ITEM_KEYS, i + 1);
        let content = fields.required_text("content");
        let reason = fields.required_text("reason");
        a.absorb(fields);
        match (content, reason) {
            (Some(c), Some(r)) => list.push(Shortcoming { content: c.text, reason: r.text }),
            _ => ok = false,
        }
    }
    ok.then_some(list)
}

const FEEDBACK_KEYS: &[&str] = &["email", "form", "response_time"];

/// `feedback:`, a block: `email:` or `form:` (one at least) and `response_time:`. The old
/// form, one address on the line, is refused with the lines to write instead.
fn read_feedback<'a>(a: &mut Fields<'a>, block: crate::yaml::Loc) -> Option<Feedback> {
    let Some(node) = a.get("feedback") else {
        a.report_at(block, BLOCK_WIDTH, Problem::AccessibilityNoFeedback);
        return None;
    };
    if node.as_map().is_none() {
        match node.scalar_text() {
            Some(value) if !value.trim().is_empty() => {
                let problem = Problem::AccessibilityFeedbackNotABlock { value: value.trim().to_string() };
                a.report_at(node.loc, value.chars().count(), problem);
            }
            Some(_) => a.report_at(block, BLOCK_WIDTH, Problem::AccessibilityNoFeedback),
            None => a.report(node, Problem::WrongType { field: "feedback".into(), expected: Expected::Mapping }),
        }
        return None;
    }
    let at = a.key_loc("feedback").unwrap_or(node.loc);
    let mut fb = a.nested(node, FEEDBACK_KEYS);
    let mut ok = true;
    let email = fb.optional_text("email").and_then(|e| {
        let value = e.text.trim().trim_start_matches("mailto:").to_string();
        if is_email(&value) {
            if let Some(domain) = reserved_domain(&value) {
                let problem =
                    Problem::AccessibilityFeedbackExampleAddress { value: value.clone(), domain, form: false };
                fb.warn_at(e.loc, e.text.chars().count(), problem);
            }
            Some(value)
        } else {
            fb.report_at(e.loc, e.text.chars().count(), Problem::AccessibilityBadEmail { value: e.text.clone() });
            ok = false;
            None
        }
    });
    let form = fb.optional_text("form").and_then(|f| {
        let value = f.text.trim().to_string();
        let problem = if !is_web_address(&value) {
            Problem::AccessibilityBadForm { value: value.clone() }
        } else if is_home_page(&value) {
            Problem::AccessibilityFormIsHomePage { value: value.clone() }
        } else {
            if let Some(domain) = reserved_domain(&value) {
                let problem = Problem::AccessibilityFeedbackExampleAddress { value: value.clone(), domain, form: true };
                fb.warn_at(f.loc, f.text.chars().count(), problem);
            }
            return Some(value);
        };
        fb.report_at(f.loc, f.text.chars().count(), problem);
        ok = false;
        None
    });
    if ok && email.is_none() && form.is_none() {
        fb.report_at(at, "feedback".len(), Problem::AccessibilityNoFeedbackChannel);
    }
    let response_time = fb.optional_text("response_time").map(|r| {
        if response_time_is_unknown(&r.text) {
            let problem = Problem::AccessibilityResponseTimeUnknown { value: r.text.trim().to_string() };
            fb.warn_at(r.loc, r.text.chars().count(), problem);
        }
        r.text.trim().to_string()
    });
    if response_time.is_none() {
        fb.report_at(at, "feedback".len(), Problem::AccessibilityNoResponseTime);
    }
    a.absorb(fb);
    let response_time = response_time?;
    (ok && (email.is_some() || form.is_some())).then_some(Feedback { email, form, response_time })
}

/// Whether the last day `assessed` can mean is more than a year before `today`.
fn is_over_a_year_before(assessed: PartialDate, today: PartialDate) -> bool {
    let (year, month, day) = assessed.last_day();
    (year + 1, month, day) < today.last_day()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn an_assessment_is_old_only_after_a_whole_year() {
        assert!(!is_over_a_year_before(date("2025-11-30"), date("2026-11-30")));
        assert!(is_over_a_year_before(date("2025-11-29"), date("2026-11-30")));
        assert!(!is_over_a_year_before(date("2025"), date("2026-11-30")), "a year-only date means up to its last day");
        assert!(is_over_a_year_before(date("2024"), date("2026-01-02")));
    }
}
