//! Entity mentions of a document (from the lexicon) and the resolution of a
//! dependency argument to the entity it names.

use tidings_lexicon::{EntityKind, FormKind, Lexicon, OrgKind};

use crate::sent::Sent;

/// What kind of party an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A state (ISO3 id).
    State,
    /// A person (canonical name).
    Person,
    /// An organisation, group, company or medium.
    Org,
    /// An unnamed claimant ("reports").
    Unnamed,
}

/// A party: what event records carry as actor, target, place or claimant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ent {
    /// The id matched by the scorer (ISO3, a person's or group's name).
    pub id: String,
    /// The name as the text gives it.
    pub name: String,
    /// Kind of party.
    pub kind: Kind,
    /// For a person acting for a state: that state.
    pub state: Option<String>,
    /// A city or capital (a place rather than a party).
    pub city: bool,
}

impl Ent {
    /// The entity as an actor or target: people acting for a state are
    /// the state.
    pub fn as_party(&self) -> Ent {
        match (&self.kind, &self.state) {
            (Kind::Person, Some(st)) => Ent {
                id: st.clone(),
                name: self.name.clone(),
                kind: Kind::State,
                state: None,
                city: false,
            },
            _ => self.clone(),
        }
    }
}

/// One entity mention (byte span of the document text).
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte start.
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// The entity, `None` for a generic body that needs a state.
    pub ent: Option<Ent>,
    /// A demonym or adjective ("Russian").
    pub demonym: bool,
    /// A generic state body ("forces", "officials").
    pub body: bool,
}

/// All entity mentions of a text, in order.
pub fn mentions(lex: &Lexicon, text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for m in lex.find_entities(text) {
        let surface = m.text(text).to_string();
        let keep_ambiguous = matches!(
            m.form,
            FormKind::Capital
                | FormKind::City
                | FormKind::Metonym
                | FormKind::Government
                | FormKind::Person
        ) || m.kind == EntityKind::Organization
            && (m.org_kind != Some(OrgKind::Media) || surface.contains(' '));
        if m.ambiguous && !keep_ambiguous {
            continue;
        }
        // "US" in ALL-CAPS text can be the pronoun.
        if surface == "US" && is_caps_context(text, m.start, m.end) {
            continue;
        }
        // A dateline ("WASHINGTON (Reuters) –", "KYIV, Ukraine —") says
        // where the story was filed, not who acted.
        if is_dateline(text, m.start, m.end) {
            continue;
        }
        let ent = match m.kind {
            EntityKind::StateBody => None,
            EntityKind::State => Some(Ent {
                id: m.id.to_string(),
                name: if m.is_demonym() {
                    m.name.to_string()
                } else {
                    surface.clone()
                },
                kind: Kind::State,
                state: None,
                city: matches!(m.form, FormKind::Capital | FormKind::City),
            }),
            EntityKind::Person => Some(Ent {
                id: m.id.to_string(),
                name: m.name.to_string(),
                kind: Kind::Person,
                state: lex.person(m.id).and_then(|p| p.state.clone()),
                city: false,
            }),
            EntityKind::Organization => Some(Ent {
                id: m.id.to_string(),
                name: surface.clone(),
                kind: Kind::Org,
                state: None,
                city: false,
            }),
        };
        out.push(Mention {
            start: m.start,
            end: m.end,
            ent,
            demonym: m.is_demonym(),
            body: m.kind == EntityKind::StateBody,
        });
    }
    // companies the lexicon does not list, by their legal suffix
    for (start, end) in companies(text) {
        if out.iter().any(|m| m.start < end && start < m.end) {
            continue;
        }
        let raw = text[start..end].trim_end_matches(',');
        // "Co., Ltd." keeps its dot; "… Micro LLC." ends a sentence
        let last = raw.rsplit(' ').next().unwrap_or("");
        let name = if COMPANY_SUFFIXES.contains(&last) {
            raw
        } else {
            raw.trim_end_matches('.')
        }
        .to_string();
        out.push(Mention {
            start,
            end: start + name.len(),
            ent: Some(Ent {
                id: name.clone(),
                name,
                kind: Kind::Org,
                state: None,
                city: false,
            }),
            demonym: false,
            body: false,
        });
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// Legal-form suffixes that end a company name.
const COMPANY_SUFFIXES: &[&str] = &[
    "LLC",
    "L.L.C.",
    "Ltd",
    "Ltd.",
    "Limited",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "JSC",
    "PJSC",
    "OJSC",
    "CJSC",
    "OOO",
    "AO",
    "LLP",
    "GmbH",
    "AG",
    "S.A.",
    "SA",
    "PLC",
    "plc",
    "FZE",
    "FZCO",
    "DMCC",
    "Pte",
    "Bhd",
];

/// Byte spans of company names: one to six capitalised words ending in a
/// legal-form suffix ("Shenzhen Blue Sky Technology Co., Ltd.", "Zhejiang
/// Micro LLC", "Aerotech JSC").
pub fn companies(text: &str) -> Vec<(usize, usize)> {
    // whitespace-separated words with their byte spans
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                words.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    let bare = |w: &str| w.trim_end_matches([',', ';', ')']).to_string();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = bare(&text[words[i].0..words[i].1]);
        if !COMPANY_SUFFIXES.contains(&w.as_str()) {
            i += 1;
            continue;
        }
        // "Co., Ltd." and "Co. Ltd" belong to the name before them
        let mut first = i;
        let mut names = 0;
        while first > 0 && i - first < 8 {
            let (a, b) = words[first - 1];
            let prev = &text[a..b];
            // a sentence or clause boundary ends the name
            if prev.ends_with('.') && !matches!(prev, "Co." | "Mfg.") || prev.ends_with(':') {
                break;
            }
            let p = bare(prev);
            // the end of the company before ("Beta JSC and Gamma Ltd")
            if COMPANY_SUFFIXES.contains(&p.as_str()) {
                break;
            }
            let cap = p
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if cap || matches!(p.as_str(), "&" | "and" | "of" | "Co" | "Co.") {
                if cap {
                    names += 1;
                }
                first -= 1;
            } else {
                break;
            }
            if prev.ends_with(',') && !matches!(p.as_str(), "Co" | "Co.") {
                // "sanctioned Alpha, Beta LLC": the comma ends the name
                first += 1;
                names -= 1;
                break;
            }
        }
        // connectors at the edge are not part of the name
        while first < i {
            let p = bare(&text[words[first].0..words[first].1]);
            if matches!(p.as_str(), "&" | "and" | "of" | "The") {
                first += 1;
            } else {
                break;
            }
        }
        if names >= 1 && first < i {
            out.push((words[first].0, words[i].1));
        }
        i += 1;
    }
    out
}

/// Whether `text[start..end]` is the place of a dateline: written in
/// capitals at the start of a line and followed by "(", "," or a dash.
fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..start].trim().is_empty()
        || word.chars().any(char::is_lowercase)
        || !word.chars().any(char::is_uppercase)
    {
        return false;
    }
    let rest = text[end..].trim_start_matches([' ', '\u{a0}']);
    rest.starts_with(['(', ',', '\u{2013}', '\u{2014}', '-'])
}

fn is_caps_context(text: &str, start: usize, end: usize) -> bool {
    let lo = text[..start]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(i, _)| i);
    let hi = text[end..]
        .char_indices()
        .nth(40)
        .map_or(text.len(), |(i, _)| end + i);
    let window = &text[lo..hi];
    let letters = window.chars().filter(|c| c.is_alphabetic()).count();
    let upper = window.chars().filter(|c| c.is_uppercase()).count();
    letters > 10 && upper * 10 > letters * 7
}

/// The mentions of one sentence and the word each covers.
pub struct SentMentions<'m> {
    /// Per word: index into `list` of the mention covering it.
    pub at: Vec<Option<usize>>,
    /// The mentions inside the sentence.
    pub list: Vec<&'m Mention>,
}

impl<'m> SentMentions<'m> {
    /// Maps the document's mentions onto the words of `s`.
    pub fn new(all: &'m [Mention], s: &Sent<'_>) -> Self {
        let first = all.partition_point(|m| m.end <= s.start);
        let list: Vec<&Mention> = all[first..]
            .iter()
            .take_while(|m| m.start < s.end)
            .collect();
        let at = s
            .spans
            .iter()
            .map(|&(a, b)| list.iter().position(|m| m.start <= a && b <= m.end))
            .collect();
        SentMentions { at, list }
    }

    fn get(&self, w: usize) -> Option<&'m Mention> {
        self.at
            .get(w)
            .copied()
            .flatten()
            .and_then(|i| self.list.get(i).copied())
    }
}

/// Relations not followed when collecting an argument's own words.
pub const ARG_STOP: &[&str] = &[
    "acl",
    "acl:relcl",
    "advcl",
    "parataxis",
    "conj",
    "cc",
    "punct",
    "appos",
    "dep",
    "ccomp",
];

/// Words that, as an argument's head, refer back to an earlier party.
pub fn is_pronoun(lower: &str) -> bool {
    matches!(
        lower,
        "he" | "she"
            | "him"
            | "her"
            | "they"
            | "them"
            | "it"
            | "we"
            | "us"
            | "i"
            | "who"
            | "which"
            | "that"
    )
}

/// The entity an argument headed by word `w` names: the mention covering
/// the head, a generic body joined to its state ("Russian forces",
/// "Russia's defence ministry"), or a state modifying the head noun
/// ("Russian drones"). `None` when the head names no known party.
pub fn resolve(s: &Sent<'_>, sm: &SentMentions<'_>, w: usize) -> Option<Ent> {
    if let Some(m) = sm.get(w) {
        if let Some(e) = &m.ent {
            return Some(e.clone());
        }
        // a body: find its state among the argument's words
        return state_in(s, sm, w);
    }
    if !s.is_noun(w) && s.upos[w] != "NUM" && s.upos[w] != "PRON" {
        return None;
    }
    if s.upos[w] == "PRON" {
        return None;
    }
    // "one of those missiles", "some of the Russian forces": look at the of-nominal
    if matches!(
        s.lower[w].as_str(),
        "one" | "some" | "many" | "most" | "all" | "part"
    ) {
        if let Some(n) = s.kids_with(w, "nmod").next() {
            return resolve(s, sm, n);
        }
    }
    // Unnamed private parties ("three Iranian companies", "PRC-based
    // entities") are not the state that their adjective names.
    // ("Russia's central bank", "state-owned companies" are the state's)
    let public = s.kids[w].iter().any(|&k| {
        matches!(
            s.lower[k].as_str(),
            "central" | "state-owned" | "state-run" | "state"
        )
    });
    if is_private_party_noun(&s.lower[w]) && !public {
        return None;
    }
    state_in(s, sm, w)
}

/// Nouns for unnamed private parties: companies, individuals, networks.
pub(crate) fn is_private_party_noun(lower: &str) -> bool {
    matches!(
        lower,
        "company"
            | "companies"
            | "firm"
            | "firms"
            | "entity"
            | "entities"
            | "individual"
            | "individuals"
            | "business"
            | "businesses"
            | "businessman"
            | "businessmen"
            | "national"
            | "nationals"
            | "citizen"
            | "citizens"
            | "person"
            | "persons"
            | "supplier"
            | "suppliers"
            | "manufacturer"
            | "manufacturers"
            | "intermediary"
            | "intermediaries"
            | "network"
            | "networks"
            | "smuggler"
            | "smugglers"
            | "trader"
            | "traders"
            | "airline"
            | "airlines"
            | "bank"
            | "banks"
            | "shipper"
            | "shippers"
            | "exporter"
            | "exporters"
            | "importer"
            | "importers"
            | "broker"
            | "brokers"
            | "operator"
            | "operators"
            | "producer"
            | "producers"
            | "vessel"
            | "vessels"
            | "tanker"
            | "tankers"
            | "oligarch"
            | "oligarchs"
            | "organization"
            | "organizations"
            | "organisation"
            | "organisations"
            | "enterprise"
            | "enterprises"
    )
}

/// A state (or named party) modifying word `w` directly: amod, compound,
/// nmod:poss, nmod "of"/"from".
fn state_in(s: &Sent<'_>, sm: &SentMentions<'_>, w: usize) -> Option<Ent> {
    // words of the mention covering w (a body spans several words)
    let own: Vec<usize> = match sm.at.get(w).copied().flatten() {
        Some(mi) => (0..s.len()).filter(|&k| sm.at[k] == Some(mi)).collect(),
        None => vec![w],
    };
    for &o in &own {
        for &k in &s.kids[o] {
            if own.contains(&k) {
                continue;
            }
            let l = s.label[k];
            let ok = matches!(l, "amod" | "compound" | "nmod:poss" | "flat")
                || (l == "nmod" && matches!(s.case_of(k).as_deref(), Some("of") | Some("from")));
            if !ok {
                continue;
            }
            if let Some(m) = sm.get(k) {
                if let Some(e) = &m.ent {
                    // "the city of Odesa", "the port of Hodeidah"
                    let place_noun = matches!(
                        s.lower[o].as_str(),
                        "city" | "town" | "village" | "port" | "region" | "province" | "oblast"
                    );
                    if !e.city || l == "nmod:poss" || place_noun {
                        return Some(e.as_party());
                    }
                }
            }
        }
    }
    // a compound chain before the head, e.g. "North Korean military": the mention
    // ends right before the body
    let (start, _) = s.spans[*own.first()?];
    sm.list
        .iter()
        .rev()
        .find(|m| m.end <= start && m.ent.is_some())
        .filter(|m| {
            let gap = &s
                .forms
                .iter()
                .zip(&s.spans)
                .filter(|(_, sp)| sp.0 >= m.end && sp.1 <= start)
                .count();
            *gap == 0
        })
        .and_then(|m| m.ent.clone())
}

/// The argument heads a head stands for: itself and its conjuncts
/// ("Britain and South Korea").
pub fn conjuncts(s: &Sent<'_>, w: usize) -> Vec<usize> {
    let mut out = vec![w];
    let mut i = 0;
    while i < out.len() && out.len() < 12 {
        let cur = out[i];
        let conjs: Vec<usize> = s.kids_with(cur, "conj").collect();
        // a real coordination has "and"/"or" (or "as well as") on one of its
        // conjuncts: "Ukraine, the Pentagon said" is no list
        // (the coordinator may sit one level down when the parse chains the
        // list: "the United States, South Korea and Japan")
        let has_cc = |k: usize| s.kids[k].iter().any(|&c| s.label[c] == "cc");
        let coordinated = conjs
            .iter()
            .any(|&k| has_cc(k) || s.kids_with(k, "conj").any(has_cc));
        for k in conjs {
            if coordinated && !out.contains(&k) {
                out.push(k);
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod company_tests {
    use super::companies;

    fn names(text: &str) -> Vec<&str> {
        companies(text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect()
    }

    #[test]
    fn names_end_at_their_suffix_and_start_at_capitals() {
        assert_eq!(
            names("It sanctioned Alpha Trade LLC today."),
            ["Alpha Trade LLC"]
        );
        assert_eq!(
            names("firms such as Shenzhen Blue Sky Technology Co., Ltd. and others"),
            ["Shenzhen Blue Sky Technology Co., Ltd."]
        );
        assert_eq!(
            names("Alpha, Beta Holdings JSC and Gamma Ltd"),
            ["Beta Holdings JSC", "Gamma Ltd"]
        );
        assert!(names("the LLC was closed").is_empty());
        assert!(names("It said so. Inc. is a magazine").is_empty());
    }
}
