//! The Tera engine of a build: templates parsed once per build (each file again alone only
//! when that fails, to name every broken one), errors turned into located diagnostics.

use crate::diagnostic::{Diagnostic, Problem, TemplateMessage};
use crate::model::layout::Source;
use crate::yaml::Loc;
use tera::{Context, ErrorKind, Tera};

/// Parsed templates plus where each came from, for messages.
pub struct Templates {
    tera: Tera,
    sources: Vec<(String, Source)>,
}

impl Templates {
    /// Parses every template once; when that fails, each file is parsed alone as well, so
    /// that every broken file is reported, not just the first.
    pub fn parse(sources: Vec<(String, Source)>, out: &mut Vec<Diagnostic>) -> Option<Templates> {
        let mut tera = Tera::new();
        tera.set_escape_fn(escape_html);
        let all = sources.iter().map(|(name, s)| (name.as_str(), s.text.as_str()));
        if let Err(e) = tera.add_raw_templates(all) {
            let before = out.len();
            for (name, source) in &sources {
                let mut single = Tera::new();
                if let Err(e) = single.add_raw_template(name, &source.text)
                    && matches!(e.kind(), ErrorKind::SyntaxError(_))
                {
                    out.push(template_diagnostic(&e, &sources, None));
                }
            }
            // No file is broken alone: the trouble is between them (a missing parent, say).
            if out.len() == before {
                out.push(template_diagnostic(&e, &sources, None));
            }
            return None;
        }
        Some(Templates { tera, sources })
    }

    /// Template name → the file it was read from.
    pub fn paths(&self) -> std::collections::HashMap<String, String> {
        self.sources.iter().map(|(name, source)| (name.clone(), source.path.clone())).collect()
    }

    /// Every template's name and text: what rendered pages depend on besides their context.
    pub fn texts(&self) -> Vec<(String, String)> {
        self.sources.iter().map(|(name, source)| (name.clone(), source.text.clone())).collect()
    }

    /// Values every template sees (site, t, lang, urls, footer_pages).
    pub fn set_globals(&mut self, globals: Context) {
        self.tera.global_context().extend(globals);
    }

    /// Renders `name` for the page at `page_url`; a failure names template, line and page.
    /// Returns the page as bytes: written straight into a buffer, never re-validated as text.
    pub fn render(&self, name: &str, context: &Context, page_url: &str) -> Result<Vec<u8>, Box<Diagnostic>> {
        let mut page = Vec::with_capacity(16 * 1024);
        self.render_to(name, context, page_url, &mut page).map(|()| page)
    }

    /// [`Templates::render`], written into `out` as it is made.
    pub fn render_to(
        &self,
        name: &str,
        context: &Context,
        page_url: &str,
        out: &mut dyn std::io::Write,
    ) -> Result<(), Box<Diagnostic>> {
        self.tera
            .render_to(name, context, out)
            .map_err(|e| Box::new(template_diagnostic(&e, &self.sources, Some(page_url))))
    }
}

/// Tera's HTML escaping (the same five characters, the same entities), written a run of
/// plain text at a time: Tera's own writes each byte on its own, and was a tenth of a build.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut plain_from = 0;
    for (i, byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain_from..i])?;
        out.write_all(entity)?;
        plain_from = i + 1;
    }
    out.write_all(&bytes[plain_from..])
}

fn source_of<'a>(sources: &'a [(String, Source)], name: &str) -> Option<&'a Source> {
    sources.iter().find(|(n, _)| n == name).map(|(_, s)| s)
}

fn template_diagnostic(e: &tera::Error, sources: &[(String, Source)], page: Option<&str>) -> Diagnostic {
    let (report, syntax) = match e.kind() {
        ErrorKind::SyntaxError(r) => (Some(r), true),
        ErrorKind::RenderingError(r) => (Some(r), false),
        _ => (None, false),
    };
    let (template, message) = match (report, e.kind()) {
        (Some(r), _) => (r.filename().to_string(), TemplateMessage::from_tera(r.message())),
        (None, ErrorKind::TemplateNotFound(name)) => (name.clone(), TemplateMessage::not_found()),
        (None, _) => (String::new(), TemplateMessage::from_tera(&e.to_string())),
    };
    let file = source_of(sources, &template).map_or_else(|| template.clone(), |s| s.path.clone());
    let problem = match (syntax, page) {
        (false, Some(page)) => Problem::TemplateRender { template: template.clone(), page: page.to_string(), message },
        _ => Problem::TemplateSyntax { template: template.clone(), message },
    };
    let diagnostic = Diagnostic::error(file, problem);
    match (report, source_of(sources, &template)) {
        (Some(r), Some(source)) => {
            let span = r.span();
            let width = if span.end_line == span.start_line { span.end_col.saturating_sub(span.start_col) } else { 1 };
            diagnostic.at(Loc { line: span.start_line, column: span.start_col + 1 }, width, &source.text)
        }
        _ => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_teras_own() {
        let samples = [
            "",
            "plain text",
            "<script>alert(\"x\")</script>",
            "Skåne ]]> & 'citat' & &amp;",
            "&<>\"'",
            "ends with &",
            "Östergötland – ÅÄÖ ﬁ",
        ];
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for sample in samples.into_iter().chain([every_ascii.as_str()]) {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_html(sample, &mut ours).unwrap();
            tera::escape_html(sample, &mut teras).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(teras).unwrap(), "{sample}");
        }
    }

    fn source(name: &str, text: &str) -> (String, Source) {
        (name.into(), Source { path: format!("themes/default/templates/{name}"), text: text.into() })
    }

    #[test]
    fn syntax_errors_name_template_line_and_column() {
        let mut out = Vec::new();
        let t = Templates::parse(vec![source("a.html", "ok\n{% if %}\n"), source("b.html", "{{ x ")], &mut out);
        assert!(t.is_none());
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].file, "themes/default/templates/a.html");
        assert_eq!(out[0].loc.unwrap().line, 2);
    }

    #[test]
    fn undefined_variable_names_the_variable_and_the_page() {
        let mut out = Vec::new();
        let t = Templates::parse(vec![source("a.html", "<p>\n{{ nope }}</p>")], &mut out).unwrap();
        let d = t.render("a.html", &Context::new(), "/moten/x/").unwrap_err();
        let msg = d.problem.message(crate::i18n::Lang::Sv);
        assert!(msg.contains("variabeln `nope` finns inte"), "{msg}");
        assert!(msg.contains("/moten/x/"), "{msg}");
        assert_eq!(d.loc.unwrap().line, 2);
    }
}
