//! The registries, read from the repository's own files (line-based: their layout is fixed).

use super::*;

pub(crate) struct County {
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) actor: String,
}

pub(crate) struct Grouping {
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) members: Vec<String>,
}

pub(crate) struct Theme {
    pub(crate) slug: String,
    pub(crate) name: String,
}

pub(crate) struct Registry {
    pub(crate) counties: Vec<County>,
    pub(crate) groupings: Vec<Grouping>,
    pub(crate) themes: Vec<Theme>,
}

pub(crate) fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let t = line.trim_start().trim_start_matches("- ");
    let v = t.strip_prefix(key)?.strip_prefix(':')?.trim();
    Some(v.trim_matches('"'))
}

pub(crate) fn read_registry() -> Registry {
    let mut counties: Vec<County> = Vec::new();
    let mut groupings: Vec<Grouping> = Vec::new();
    let mut in_groupings = false;
    for line in REGIONS_YAML.lines() {
        if line.starts_with("groupings:") {
            in_groupings = true;
            continue;
        }
        if let Some(slug) = field(line, "slug") {
            if in_groupings {
                groupings.push(Grouping { slug: slug.into(), name: String::new(), members: Vec::new() });
            } else {
                counties.push(County { slug: slug.into(), name: String::new(), actor: String::new() });
            }
        } else if let Some(name) = field(line, "name") {
            if in_groupings {
                groupings.last_mut().expect("grouping").name = name.into();
            } else {
                counties.last_mut().expect("county").name = name.into();
            }
        } else if let Some(actor) = field(line, "actor_2018") {
            counties.last_mut().expect("county").actor = actor.into();
        } else if let Some(members) = field(line, "members") {
            let list = members.trim_start_matches('[').trim_end_matches(']');
            groupings.last_mut().expect("grouping").members = list.split(',').map(|m| m.trim().to_string()).collect();
        }
    }
    let mut themes: Vec<Theme> = Vec::new();
    for line in THEMES_YAML.lines() {
        if let Some(slug) = field(line, "slug") {
            themes.push(Theme { slug: slug.into(), name: String::new() });
        } else if let Some(name) = field(line, "name") {
            themes.last_mut().expect("theme").name = name.into();
        }
    }
    assert!(counties.len() >= 21 && !groupings.is_empty() && !themes.is_empty(), "could not read the registries");
    Registry { counties, groupings, themes }
}
