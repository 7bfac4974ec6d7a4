//! `contact:` of a meeting, a county or a grouping: one person `{name, role, email, phone}`
//! or a list of them; the e-mail address must be one, a telephone number should dial.

use super::fields::Fields;
use crate::diagnostic::{Expected, Mistake, Problem};
use crate::model::Contact;
use crate::model::contact::{email_problem, phone_has_letters};
use crate::model::schema::{self, CONTACT_KEYS};
use crate::yaml::{Node, NodeKind};

/// The contacts under `key`, each checked; problems go to `f`.
pub fn contacts(f: &mut Fields<'_>, key: &str) -> Vec<Contact> {
    let Some(node) = f.get(key) else { return Vec::new() };
    let items: Vec<&Node> = match &node.kind {
        NodeKind::Map(_) => vec![node],
        NodeKind::Seq(_) => f.mapping_list(key),
        _ => {
            f.report(node, Problem::WrongType { field: key.into(), expected: Expected::Mapping });
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (number, node) in items.into_iter().enumerate() {
        let mut item = f.nested_item(node, &CONTACT_KEYS, number + 1);
        let name = item.text(&schema::NAME);
        let role = item.text(&schema::ROLE).map(|r| r.text);
        let email = item.text(&schema::EMAIL).and_then(|e| match email_problem(&e.text) {
            None => Some(e.text),
            Some(suggestion) => {
                let problem = Mistake::InvalidEmail { value: e.text.clone(), suggestion };
                item.report_at(e.loc, e.text.chars().count(), Problem::Mistake(problem));
                None
            }
        });
        let phone = item.written_text(schema::PHONE.key).map(|phone| {
            if phone_has_letters(&phone.text) {
                let problem = Mistake::PhoneWithLetters { value: phone.text.clone() };
                item.warn_at(phone.loc, phone.text.chars().count(), Problem::Mistake(problem));
            }
            phone.text
        });
        if let Some(name) = name {
            out.push(Contact { name: name.text, role, email, phone });
        }
        f.absorb(item);
    }
    out
}
