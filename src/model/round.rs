//! Rounds: the dialogues are held in rounds, usually one a year. A meeting's round is its
//! `round:` (an address part such as `2019` or `2019-hosten`), else its date's year. Each
//! round has a page, `/moten/<round>/`, and the lists of meetings are grouped by round.

use super::Meeting;
use super::slug::{is_url_safe, slugify};
use std::collections::HashMap;

/// A meeting's round: `round:` as written, else its date's year.
pub fn of(round: Option<&str>, date: super::PartialDate) -> String {
    round.map_or_else(|| date.year.to_string(), str::to_string)
}

/// The round to suggest for a `round:` that cannot be an address: its slug, with a year that
/// stands elsewhere moved first, so rounds sort and read alike (`Hösten 2019` → `2019-hosten`).
pub fn suggestion(text: &str) -> String {
    let slug = slugify(text);
    let parts: Vec<&str> = slug.split('-').collect();
    let is_year = |p: &&str| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit());
    match parts.iter().position(is_year) {
        Some(i) if i > 0 => {
            let mut ordered = vec![parts[i]];
            ordered.extend(parts.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, p)| *p));
            ordered.join("-")
        }
        _ => slug,
    }
}

/// Whether a `round:` can be used as it is: an address part (a–z, 0–9, single hyphens).
pub fn is_valid(text: &str) -> bool {
    is_url_safe(text)
}

/// One round: its name (an address part; readers may see another, see
/// [`crate::model::Site::round_name`]) and its meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub slug: String,
    /// Indexes into `Site::meetings`, newest first.
    pub meetings: Vec<usize>,
}

/// The site's rounds, newest first, and each meeting's round.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rounds {
    /// Newest first: by the date of each round's newest meeting, then by name, last first
    /// (`2019-varen` after `2019-hosten`… in reverse alphabetical order).
    pub list: Vec<Round>,
    /// For each meeting (in `Site::meetings` order), the index of its round in `list`.
    of_meeting: Vec<usize>,
}

impl Rounds {
    /// The rounds of `meetings`, which are newest first.
    pub fn new(meetings: &[Meeting]) -> Rounds {
        let mut list: Vec<Round> = Vec::new();
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        for (i, m) in meetings.iter().enumerate() {
            let r = *by_name.entry(&m.round).or_insert_with(|| {
                list.push(Round { slug: m.round.clone(), meetings: Vec::new() });
                list.len() - 1
            });
            list[r].meetings.push(i);
        }
        // Each round's first meeting is its newest: order by that date, then by name.
        list.sort_by(|a, b| {
            let newest = |r: &Round| meetings[r.meetings[0]].date;
            newest(b).cmp(&newest(a)).then_with(|| b.slug.cmp(&a.slug))
        });
        let mut of_meeting = vec![0; meetings.len()];
        for (r, round) in list.iter().enumerate() {
            for &m in &round.meetings {
                of_meeting[m] = r;
            }
        }
        Rounds { list, of_meeting }
    }

    /// Whether the site has more than one round: only then do lists show a heading per round.
    pub fn several(&self) -> bool {
        self.list.len() > 1
    }

    /// The round of a meeting (an index into `Site::meetings`).
    pub fn of_meeting(&self, meeting: usize) -> &Round {
        &self.list[self.of_meeting[meeting]]
    }

    /// The place of a meeting's round in [`Rounds::list`]: 0 for the newest round.
    pub fn place_of_meeting(&self, meeting: usize) -> usize {
        self.of_meeting[meeting]
    }

    /// The meetings just before and just after `meeting` in the list of every meeting as
    /// `/moten/` shows it: rounds newest first, each round's meetings newest first. A meeting
    /// page's "Föregående möte" is the one before, "Nästa möte" the one after.
    pub fn neighbours(&self, meeting: usize) -> (Option<usize>, Option<usize>) {
        let Some(&r) = self.of_meeting.get(meeting) else { return (None, None) };
        let list = &self.list[r].meetings;
        let Ok(at) = list.binary_search(&meeting) else { return (None, None) };
        let before = match at.checked_sub(1) {
            Some(i) => list.get(i).copied(),
            None => r.checked_sub(1).and_then(|p| self.list[p].meetings.last().copied()),
        };
        let after =
            list.get(at + 1).copied().or_else(|| self.list.get(r + 1).and_then(|n| n.meetings.first().copied()));
        (before, after)
    }

    /// `meetings` (indexes, newest first) grouped by round, rounds newest first; each group
    /// keeps the meetings' order.
    pub fn group<'a>(&'a self, meetings: &[usize]) -> Vec<(&'a Round, Vec<usize>)> {
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); self.list.len()];
        for &m in meetings {
            groups[self.of_meeting[m]].push(m);
        }
        self.list.iter().zip(groups).filter(|(_, g)| !g.is_empty()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    #[test]
    fn a_round_is_its_field_or_its_dates_year() {
        let date = PartialDate::parse("2019-10-02").unwrap();
        assert_eq!(of(None, date), "2019");
        assert_eq!(of(Some("2019-hosten"), date), "2019-hosten");
    }

    #[test]
    fn a_suggested_round_is_an_address_with_its_year_first() {
        assert_eq!(suggestion("Hösten 2019"), "2019-hosten");
        assert_eq!(suggestion("2019 Hösten"), "2019-hosten");
        assert_eq!(suggestion("Omgång 2"), "omgang-2");
        assert_eq!(suggestion("2020"), "2020");
        for text in ["Hösten 2019", "våren 2020!", "Omgång 2"] {
            assert!(is_valid(&suggestion(text)), "{text}");
        }
        assert!(!is_valid("Hösten 2019"));
        assert!(!is_valid("2019_hosten"));
        assert!(is_valid("2019-hosten"));
    }

    fn meeting(slug: &str, date: &str, round: Option<&str>) -> Meeting {
        let example = Meeting::example(slug, date);
        Meeting { round: of(round, example.date), ..example }
    }

    /// Three rounds named by `round:` or the year, newest first as `Site::meetings` are.
    fn five_meetings() -> [Meeting; 5] {
        [
            meeting("c", "2020-01-15", Some("2019-hosten")),
            meeting("b", "2019-10-02", Some("2019-hosten")),
            meeting("a", "2019-05", None),
            meeting("x", "2018", None),
            meeting("y", "2018", Some("2018-extra")),
        ]
    }

    #[test]
    fn rounds_are_newest_first_by_their_newest_meeting_and_keep_their_meetings_order() {
        // Newest first, as `Site::meetings` are.
        let meetings = five_meetings();
        let rounds = Rounds::new(&meetings);
        let names: Vec<&str> = rounds.list.iter().map(|r| r.slug.as_str()).collect();
        // 2018 and 2018-extra have equally new meetings: the name decides, last first.
        assert_eq!(names, ["2019-hosten", "2019", "2018-extra", "2018"]);
        assert_eq!(rounds.list[0].meetings, [0, 1]);
        assert_eq!(rounds.of_meeting(2).slug, "2019");
        assert_eq!(rounds.place_of_meeting(4), 2);
        assert!(rounds.several());
        let groups: Vec<(&str, Vec<usize>)> =
            rounds.group(&[1, 3, 4]).into_iter().map(|(r, m)| (r.slug.as_str(), m)).collect();
        assert_eq!(groups, [("2019-hosten", vec![1]), ("2018-extra", vec![4]), ("2018", vec![3])]);
        assert!(!Rounds::new(&meetings[3..4]).several());
        assert!(Rounds::new(&[]).list.is_empty());
    }

    #[test]
    fn a_meetings_neighbours_are_those_beside_it_in_the_list_by_round() {
        let meetings = five_meetings();
        let rounds = Rounds::new(&meetings);
        // The list reads c, b (2019-hosten), a (2019), y (2018-extra), x (2018): y is listed
        // before x although it comes after it in `Site::meetings`.
        assert_eq!(rounds.neighbours(0), (None, Some(1)));
        assert_eq!(rounds.neighbours(1), (Some(0), Some(2)));
        assert_eq!(rounds.neighbours(2), (Some(1), Some(4)));
        assert_eq!(rounds.neighbours(4), (Some(2), Some(3)));
        assert_eq!(rounds.neighbours(3), (Some(4), None));
        assert_eq!(rounds.neighbours(5), (None, None));
        let one = Rounds::new(&meetings[3..4]);
        assert_eq!(one.neighbours(0), (None, None));
    }
}
