//! Every URL of the site, built from the route table (`routes.rs`) under the base URL, so
//! that `base_url` is always respected.

use super::routes::Route;
pub use super::routes::output_file;

/// Builds site URLs under a base path (`/` or `/sub/path/`), and absolute URLs when the
/// base is a full address.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://example.org` or empty when the base is only a path.
    origin: String,
    /// Always starts and ends with `/`.
    path: String,
}

impl Urls {
    /// Accepts `/`, `/sub/`, `https://host/sub/`; `None` for anything else.
    pub fn new(base_url: &str) -> Option<Urls> {
        let base = base_url.trim();
        let (origin, path) = if let Some(rest) = base.strip_prefix("https://").or_else(|| base.strip_prefix("http://"))
        {
            let scheme_len = base.len() - rest.len();
            let host_end = rest.find('/').unwrap_or(rest.len());
            let host = &rest[..host_end];
            // Letters, digits, dots, hyphens, a port and IPv6 brackets; nothing that could
            // end an attribute or change what the address means.
            if host.is_empty() || !host.chars().all(|c| c.is_alphanumeric() || ".-:[]".contains(c)) {
                return None;
            }
            (base[..scheme_len + host_end].to_string(), rest[host_end..].to_string())
        } else if base.starts_with('/') {
            (String::new(), base.to_string())
        } else {
            return None;
        };
        let unsafe_char = |c: char| c.is_control() || c.is_whitespace() || "?#\\\"'<>`".contains(c);
        // `//` would make every link protocol-relative (`//host/…`): another site.
        if path.contains("..") || path.contains("//") || path.contains(unsafe_char) {
            return None;
        }
        let mut path = if path.is_empty() { "/".to_string() } else { path };
        if !path.ends_with('/') {
            path.push('/');
        }
        Some(Urls { origin, path })
    }

    /// The base path, `/` or `/sub/`.
    pub fn base_path(&self) -> &str {
        &self.path
    }

    /// A root-relative site URL for a path inside the site (`moten/x/` → `/sub/moten/x/`).
    pub fn site(&self, inner: &str) -> String {
        format!("{}{}", self.path, inner.trim_start_matches('/'))
    }

    /// An absolute URL when the base has an origin, else the root-relative one.
    pub fn absolute(&self, inner: &str) -> String {
        format!("{}{}", self.origin, self.site(inner))
    }

    /// The host of the base (`example.org`, without port), empty when the base is only a path.
    pub fn host(&self) -> &str {
        let rest = self.origin.split_once("://").map_or("", |(_, rest)| rest);
        if rest.starts_with('[') {
            return rest.split_once(']').map_or(rest, |(h, _)| h).trim_start_matches('[');
        }
        rest.split(':').next().unwrap_or_default()
    }

    pub fn has_origin(&self) -> bool {
        !self.origin.is_empty()
    }

    /// The root-relative URL of a route (`/sub/moten/x/`).
    pub fn to(&self, route: Route<'_>) -> String {
        self.site(&route.path())
    }

    /// The absolute URL of a route when the base has an origin, else the root-relative one.
    pub fn absolute_to(&self, route: Route<'_>) -> String {
        self.absolute(&route.path())
    }

    pub fn home(&self) -> String {
        self.to(Route::Home)
    }
    pub fn meeting(&self, slug: &str) -> String {
        self.to(Route::Meeting(slug))
    }
    pub fn round(&self, round: &str) -> String {
        self.to(Route::Round(round))
    }
    pub fn regions(&self) -> String {
        self.to(Route::Regions)
    }
    pub fn region(&self, slug: &str) -> String {
        self.to(Route::Region(slug))
    }
    pub fn topics(&self) -> String {
        self.to(Route::Topics)
    }
    pub fn topic(&self, slug: &str) -> String {
        self.to(Route::Topic(slug))
    }
    pub fn page(&self, slug: &str) -> String {
        self.to(Route::Page(slug))
    }
    pub fn follow_ups(&self) -> String {
        self.to(Route::FollowUps)
    }
    pub fn search(&self) -> String {
        self.to(Route::Search)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_path_is_respected() {
        let u = Urls::new("/samtal").unwrap();
        assert_eq!(u.meeting("a"), "/samtal/moten/a/");
        assert_eq!(u.home(), "/samtal/");
        let u = Urls::new("https://example.org/samtal/").unwrap();
        assert_eq!(u.region("skane"), "/samtal/regioner/skane/");
        assert_eq!(u.absolute("moten/a/"), "https://example.org/samtal/moten/a/");
    }

    #[test]
    fn the_host_is_the_origin_without_scheme_and_port() {
        assert_eq!(Urls::new("https://example.org:8443/samtal/").unwrap().host(), "example.org");
        assert_eq!(Urls::new("http://[::1]:8080/").unwrap().host(), "::1");
        assert_eq!(Urls::new("/samtal/").unwrap().host(), "");
    }

    #[test]
    fn nonsense_bases_are_rejected() {
        for bad in [
            "samtal",
            "ftp://x/",
            "https:///",
            "/a/../b/",
            "/a b/",
            "//evil.example/",
            "https://\\/",
            "/a\"b/",
            "https://a\"b/",
            "/a\tb/",
        ] {
            assert!(Urls::new(bad).is_none(), "{bad}");
        }
    }
}
