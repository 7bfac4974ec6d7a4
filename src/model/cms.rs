//! The `cms:` block of `site.yaml`: which Git host the browser editor (Decap CMS) saves to,
//! and where its script comes from. `render::cms` turns it, the schema and the registries
//! into `admin/config.yml` and `admin/index.html`.

/// The Git hosts Decap CMS can save to, as `site.yaml` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Github,
    Gitlab,
    Gitea,
    GitGateway,
}

impl Backend {
    pub const ALL: [Backend; 4] = [Backend::Github, Backend::Gitlab, Backend::Gitea, Backend::GitGateway];
    /// The words `backend:` accepts, in the order the docs list them.
    pub const NAMES: [&'static str; 4] = ["github", "gitlab", "gitea", "git-gateway"];

    pub fn parse(text: &str) -> Option<Backend> {
        Self::NAMES.iter().position(|n| *n == text).map(|i| Self::ALL[i])
    }

    /// Decap's name for it (the same word).
    pub fn name(self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|b| *b == self).unwrap_or(0)]
    }

    /// Whether `repo: owner/name` is needed (git-gateway takes the repository from Netlify).
    pub fn needs_repo(self) -> bool {
        self != Backend::GitGateway
    }
}

/// The values `auth_type:` accepts: PKCE (GitLab, Gitea: no server of your own) or the
/// implicit grant (older GitLab setups).
pub const AUTH_TYPES: [&str; 2] = ["pkce", "implicit"];

/// The Decap CMS release used when `script:` is not given, from the npm package's own CDN
/// address, and the SRI hash of that exact file (so a changed file is refused by the browser).
pub const DEFAULT_SCRIPT: &str = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js";
pub const DEFAULT_SCRIPT_INTEGRITY: &str = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";

/// `site.yaml`'s `cms:` block, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cms {
    pub backend: Backend,
    /// `owner/name`; required unless the backend is git-gateway.
    pub repo: Option<String>,
    /// The branch edits are saved to; `main` when not given.
    pub branch: String,
    /// The OAuth relay for GitHub (or a self-hosted GitLab/Gitea address).
    pub base_url: Option<String>,
    /// The OAuth application id (GitLab, Gitea with PKCE).
    pub app_id: Option<String>,
    /// `pkce` or `implicit`.
    pub auth_type: Option<String>,
    /// Saves go through pull requests ("editorial workflow") instead of straight to the branch.
    pub editorial_workflow: bool,
    /// Where the editor's script is loaded from; `None` for [`DEFAULT_SCRIPT`].
    pub script: Option<String>,
}

impl Cms {
    /// The script's address and, for the default one, its SRI hash.
    pub fn script(&self) -> (&str, Option<&'static str>) {
        match &self.script {
            Some(s) => (s, None),
            None => (DEFAULT_SCRIPT, Some(DEFAULT_SCRIPT_INTEGRITY)),
        }
    }
}

/// Whether `repo` looks like `owner/name` (letters, digits, `-`, `_`, `.`; GitLab allows
/// subgroups: `group/sub/name`).
pub fn is_repo_name(repo: &str) -> bool {
    let parts: Vec<&str> = repo.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && *p != "."
                && *p != ".."
                && p.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backends_round_trip_through_their_names() {
        for b in Backend::ALL {
            assert_eq!(Backend::parse(b.name()), Some(b));
        }
        assert_eq!(Backend::parse("GitHub"), None);
    }

    #[test]
    fn repo_names_are_owner_slash_name() {
        for good in ["tillvaxtverket/samtal", "a-b/c.d_e", "group/sub/name"] {
            assert!(is_repo_name(good), "{good}");
        }
        for bad in ["samtal", "/samtal", "a/", "a//b", "a/../b", "https://github.com/a/b", "a b/c"] {
            assert!(!is_repo_name(bad), "{bad}");
        }
    }
}
