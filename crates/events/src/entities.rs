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
    if is_private_party_noun(&s.lower[w]) {
        return None;
    }
    state_in(s, sm, w)
}

/// Nouns for unnamed private parties: companies, individuals, networks.
fn is_private_party_noun(lower: &str) -> bool {
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
        let coordinated = conjs
            .iter()
            .any(|&k| s.kids[k].iter().any(|&c| s.label[c] == "cc"));
        for k in conjs {
            if coordinated && !out.contains(&k) {
                out.push(k);
            }
        }
        i += 1;
    }
    out
}
