//! The lexicon layer of tidings: the data files under `lexicon/` (states,
//! people, organisations, items, triggers, hedges, reporting verbs) and fast
//! matching over news text.
//!
//! [`Lexicon::builtin`] parses the files embedded at compile time;
//! [`Lexicon::load_dir`] and [`Lexicon::extend_from_dir`] read the same file
//! names from a directory (`--lexicon DIR`), adding to what is loaded.
//! Matching returns byte spans into the text it was given:
//!
//! - [`Lexicon::find_entities`]: states (names, demonyms, capitals, metonyms,
//!   government bodies), people and organisations;
//! - [`Lexicon::find_items`]: weapons, equipment, troops and money, with their
//!   SCHEMA category;
//! - [`Lexicon::find_cues`]: hedges and status markers;
//!
//! and lookups by word: [`Lexicon::trigger`], [`Lexicon::trigger_form`],
//! [`Lexicon::speech_verb`], [`Lexicon::state_name`].
//!
//! Matching is leftmost-longest on word boundaries. Names match as written or
//! in ALL CAPS ("MR. KIRBY", "NORTH KOREA"); a word written in lower case in
//! the lexicon also matches capitalised ("the Kremlin", "The Kremlin").
//! Generic item nouns match in any case; model designations match as written
//! or in ALL CAPS, with `-`, space or nothing between their parts ("KN-23",
//! "KN 23", "KN23") and an optional plural "s".

#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod error;
mod inflect;
mod matcher;
mod tsv;
mod types;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

pub use error::LexiconError;
pub use types::{
    Certainty, CueEntry, CueMatch, CueValue, EntityKind, EntityMatch, EventType, FormKind,
    ItemCategory, ItemEntry, ItemMatch, OrgKind, Organization, Person, Pos, SpeechVerb, StateForm,
    Status, TriggerEntry, TriggerFlags,
};

use matcher::{CaseMode, Matcher, PatternSet};
use tsv::Table;

/// The file names a lexicon directory may hold.
pub const FILE_NAMES: [&str; 7] = [
    "states.tsv",
    "people.tsv",
    "organizations.tsv",
    "items.tsv",
    "triggers.tsv",
    "hedges.tsv",
    "speech_verbs.tsv",
];

const BUILTIN: [(&str, &str); 7] = [
    ("states.tsv", include_str!("../../../lexicon/states.tsv")),
    ("people.tsv", include_str!("../../../lexicon/people.tsv")),
    (
        "organizations.tsv",
        include_str!("../../../lexicon/organizations.tsv"),
    ),
    ("items.tsv", include_str!("../../../lexicon/items.tsv")),
    (
        "triggers.tsv",
        include_str!("../../../lexicon/triggers.tsv"),
    ),
    ("hedges.tsv", include_str!("../../../lexicon/hedges.tsv")),
    (
        "speech_verbs.tsv",
        include_str!("../../../lexicon/speech_verbs.tsv"),
    ),
];

/// What an entity pattern points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntityTarget {
    State(u32),
    Person { idx: u32, surname: bool },
    Org(u32),
}

/// Row counts of a loaded lexicon.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Rows of states.tsv.
    pub state_forms: usize,
    /// Rows of people.tsv.
    pub people: usize,
    /// Rows of organizations.tsv.
    pub organizations: usize,
    /// Rows of items.tsv.
    pub items: usize,
    /// Rows of triggers.tsv.
    pub triggers: usize,
    /// Rows of hedges.tsv.
    pub cues: usize,
    /// Rows of speech_verbs.tsv.
    pub speech_verbs: usize,
    /// Distinct entity patterns in the automaton.
    pub entity_patterns: usize,
    /// Distinct item patterns (with spelling variants) in the automaton.
    pub item_patterns: usize,
}

/// A loaded lexicon with its matchers.
pub struct Lexicon {
    state_forms: Vec<StateForm>,
    people: Vec<Person>,
    orgs: Vec<Organization>,
    items: Vec<ItemEntry>,
    triggers: Vec<(TriggerEntry, Vec<String>)>,
    cues: Vec<CueEntry>,
    speech: Vec<(SpeechVerb, Vec<String>)>,
    // derived
    state_names: HashMap<String, usize>,
    person_index: HashMap<String, usize>,
    org_index: HashMap<String, usize>,
    trigger_by_lemma: HashMap<String, Vec<TriggerEntry>>,
    trigger_by_form: HashMap<String, Vec<TriggerEntry>>,
    speech_by_form: HashMap<String, usize>,
    cue_index: HashMap<String, usize>,
    entity_matcher: Matcher<EntityTarget>,
    /// Per entity pattern: it names more than one distinct entity.
    entity_several: Vec<bool>,
    item_matcher: Matcher<u32>,
    cue_matcher: Matcher<u32>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("stats", &self.stats())
            .finish()
    }
}

impl Lexicon {
    /// An empty lexicon: matches nothing until files are added.
    pub fn empty() -> Self {
        Lexicon {
            state_forms: Vec::new(),
            people: Vec::new(),
            orgs: Vec::new(),
            items: Vec::new(),
            triggers: Vec::new(),
            cues: Vec::new(),
            speech: Vec::new(),
            state_names: HashMap::new(),
            person_index: HashMap::new(),
            org_index: HashMap::new(),
            trigger_by_lemma: HashMap::new(),
            trigger_by_form: HashMap::new(),
            speech_by_form: HashMap::new(),
            cue_index: HashMap::new(),
            entity_matcher: Matcher::empty(),
            entity_several: Vec::new(),
            item_matcher: Matcher::empty(),
            cue_matcher: Matcher::empty(),
        }
    }

    /// The lexicon shipped with tidings (the files under `lexicon/`, embedded
    /// at compile time).
    pub fn builtin() -> Result<Self, LexiconError> {
        let mut lex = Lexicon::empty();
        for (name, text) in BUILTIN {
            lex.parse_file(name, text)?;
        }
        lex.rebuild()?;
        Ok(lex)
    }

    /// A lexicon made only of the files in `dir` (any of [`FILE_NAMES`]).
    pub fn load_dir(dir: &Path) -> Result<Self, LexiconError> {
        let mut lex = Lexicon::empty();
        lex.extend_from_dir(dir)?;
        Ok(lex)
    }

    /// Adds the entries of the lexicon files in `dir` to this lexicon. Files
    /// not present are skipped; a directory with none of them is an error.
    /// Later entries add to earlier ones: a new alias for a known state,
    /// person or organisation names the same entity.
    pub fn extend_from_dir(&mut self, dir: &Path) -> Result<(), LexiconError> {
        let meta = std::fs::metadata(dir).map_err(|source| LexiconError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        if !meta.is_dir() {
            return Err(LexiconError::Io {
                path: dir.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a directory"),
            });
        }
        let mut found = 0;
        for name in FILE_NAMES {
            let path = dir.join(name);
            if !path.is_file() {
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|source| LexiconError::Io {
                path: path.clone(),
                source,
            })?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                LexiconError::parse(&path.display().to_string(), line, "not valid UTF-8")
            })?;
            self.parse_file(&path.display().to_string(), &text)?;
            found += 1;
        }
        if found == 0 {
            return Err(LexiconError::NoFiles {
                path: dir.to_path_buf(),
            });
        }
        self.rebuild()
    }

    /// Adds the entries of one lexicon file given as text. `name` must end in
    /// one of [`FILE_NAMES`] (it says which kind of file it is, and names the
    /// file in errors).
    pub fn extend_from_str(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        self.parse_file(name, text)?;
        self.rebuild()
    }

    /// Row and pattern counts.
    pub fn stats(&self) -> Stats {
        Stats {
            state_forms: self.state_forms.len(),
            people: self.people.len(),
            organizations: self.orgs.len(),
            items: self.items.len(),
            triggers: self.triggers.len(),
            cues: self.cues.len(),
            speech_verbs: self.speech.len(),
            entity_patterns: self.entity_matcher.patterns.len(),
            item_patterns: self.item_matcher.patterns.len(),
        }
    }

    // ------------------------------------------------------------------
    // lookups

    /// The canonical short name of a state ("RUS" → "Russia").
    pub fn state_name(&self, iso3: &str) -> Option<&str> {
        self.state_names
            .get(iso3)
            .and_then(|&i| self.state_forms.get(i))
            .map(|f| f.text.as_str())
    }

    /// Every form of a state (names, demonyms, capitals, bodies).
    pub fn state_forms(&self, iso3: &str) -> impl Iterator<Item = &StateForm> + '_ {
        let iso3 = iso3.to_string();
        self.state_forms.iter().filter(move |f| f.id == iso3)
    }

    /// A person by canonical name.
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.person_index
            .get(name)
            .and_then(|&i| self.people.get(i))
    }

    /// An organisation by canonical id.
    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.org_index.get(id).and_then(|&i| self.orgs.get(i))
    }

    /// Trigger entries for a lemma ("supply", "shoot down"); empty if none.
    pub fn trigger(&self, lemma: &str) -> &[TriggerEntry] {
        let key = normalize_word(lemma);
        self.trigger_by_lemma
            .get(key.as_ref())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Trigger entries for an inflected word form, any case ("Supplied",
    /// "shot down", "sanctions"); empty if none.
    pub fn trigger_form(&self, form: &str) -> &[TriggerEntry] {
        let key = normalize_word(form);
        self.trigger_by_form
            .get(key.as_ref())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The reporting verb or phrase for a word form, any case ("told",
    /// "according to").
    pub fn speech_verb(&self, form: &str) -> Option<&SpeechVerb> {
        self.speech_by_form
            .get(normalize_word(form).as_ref())
            .and_then(|&i| self.speech.get(i))
            .map(|(v, _)| v)
    }

    /// The hedge or status cue exactly equal to `cue`, any case.
    pub fn cue(&self, cue: &str) -> Option<&CueEntry> {
        self.cue_index
            .get(normalize_word(cue).as_ref())
            .and_then(|&i| self.cues.get(i))
    }

    // ------------------------------------------------------------------
    // matching

    /// States, state bodies, people and organisations in `text`, as
    /// non-overlapping byte spans in text order (leftmost-longest).
    pub fn find_entities(&self, text: &str) -> Vec<EntityMatch<'_>> {
        self.entity_matcher
            .find(text)
            .into_iter()
            .filter_map(|h| self.entity_match(h.start, h.end, h.pattern, 0))
            .collect()
    }

    /// The other entities the form of `m` can name (the same span, each as
    /// its own match). Empty unless `m.alternatives > 0`.
    pub fn entity_alternatives(&self, m: &EntityMatch<'_>) -> Vec<EntityMatch<'_>> {
        let n = self
            .entity_matcher
            .patterns
            .get(m.pattern as usize)
            .map_or(0, |p| p.targets.len());
        (1..n)
            .filter_map(|k| self.entity_match(m.start, m.end, m.pattern, k))
            .collect()
    }

    fn entity_match(
        &self,
        start: usize,
        end: usize,
        pattern: u32,
        which: usize,
    ) -> Option<EntityMatch<'_>> {
        let p = self.entity_matcher.patterns.get(pattern as usize)?;
        let target = *p.targets.get(which)?;
        let alternatives = p.targets.len().saturating_sub(1);
        let several = self
            .entity_several
            .get(pattern as usize)
            .copied()
            .unwrap_or(false);
        match target {
            EntityTarget::State(i) => {
                let f = self.state_forms.get(i as usize)?;
                if f.kind == FormKind::Block {
                    return None;
                }
                if f.id == "-" {
                    Some(EntityMatch {
                        start,
                        end,
                        kind: EntityKind::StateBody,
                        form: f.kind,
                        id: "",
                        name: &f.text,
                        state: None,
                        org_kind: None,
                        ambiguous: f.ambiguous || several,
                        alternatives,
                        pattern,
                    })
                } else {
                    Some(EntityMatch {
                        start,
                        end,
                        kind: EntityKind::State,
                        form: f.kind,
                        id: &f.id,
                        name: self.state_name(&f.id).unwrap_or(&f.id),
                        state: Some(&f.id),
                        org_kind: None,
                        ambiguous: f.ambiguous || several,
                        alternatives,
                        pattern,
                    })
                }
            }
            EntityTarget::Person { idx, surname } => {
                let person = self.people.get(idx as usize)?;
                Some(EntityMatch {
                    start,
                    end,
                    kind: EntityKind::Person,
                    form: if surname {
                        FormKind::Surname
                    } else {
                        FormKind::Person
                    },
                    id: &person.name,
                    name: &person.name,
                    state: person.state.as_deref(),
                    org_kind: None,
                    ambiguous: several,
                    alternatives,
                    pattern,
                })
            }
            EntityTarget::Org(i) => {
                let o = self.orgs.get(i as usize)?;
                Some(EntityMatch {
                    start,
                    end,
                    kind: EntityKind::Organization,
                    form: FormKind::Org,
                    id: &o.id,
                    name: &o.name,
                    state: None,
                    org_kind: Some(o.kind),
                    ambiguous: o.ambiguous || several,
                    alternatives,
                    pattern,
                })
            }
        }
    }

    fn target_id(&self, t: EntityTarget) -> &str {
        match t {
            EntityTarget::State(i) => self
                .state_forms
                .get(i as usize)
                .map_or("", |f| f.id.as_str()),
            EntityTarget::Person { idx, .. } => self
                .people
                .get(idx as usize)
                .map_or("", |p| p.name.as_str()),
            EntityTarget::Org(i) => self.orgs.get(i as usize).map_or("", |o| o.id.as_str()),
        }
    }

    /// Weapons, equipment, troops and money in `text`, as non-overlapping
    /// byte spans in text order (leftmost-longest).
    pub fn find_items(&self, text: &str) -> Vec<ItemMatch<'_>> {
        self.item_matcher
            .find(text)
            .into_iter()
            .filter_map(|h| {
                let p = self.item_matcher.patterns.get(h.pattern as usize)?;
                let entry = self.items.get(*p.targets.first()? as usize)?;
                Some(ItemMatch {
                    start: h.start,
                    end: h.end,
                    category: entry.category,
                    designation: entry.designation,
                    ambiguous: entry.ambiguous,
                    entry,
                })
            })
            .collect()
    }

    /// Hedge and status cues in `text` ("believes", "may", "plans to"), as
    /// non-overlapping byte spans in text order (leftmost-longest).
    pub fn find_cues(&self, text: &str) -> Vec<CueMatch<'_>> {
        self.cue_matcher
            .find(text)
            .into_iter()
            .filter_map(|h| {
                let p = self.cue_matcher.patterns.get(h.pattern as usize)?;
                let entry = self.cues.get(*p.targets.first()? as usize)?;
                Some(CueMatch {
                    start: h.start,
                    end: h.end,
                    entry,
                })
            })
            .collect()
    }

    // ------------------------------------------------------------------
    // loading

    fn parse_file(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        match base {
            "states.tsv" => self.parse_states(name, text),
            "people.tsv" => self.parse_people(name, text),
            "organizations.tsv" => self.parse_orgs(name, text),
            "items.tsv" => self.parse_items(name, text),
            "triggers.tsv" => self.parse_triggers(name, text),
            "hedges.tsv" => self.parse_hedges(name, text),
            "speech_verbs.tsv" => self.parse_speech(name, text),
            _ => Err(LexiconError::parse(
                name,
                1,
                format!(
                    "unknown lexicon file (expected one of {})",
                    FILE_NAMES.join(", ")
                ),
            )),
        }
    }

    fn parse_states(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        let t = Table::parse(name, text, &["id", "kind", "text"])?;
        for r in t.rows() {
            let id = r.req("id")?;
            if id != "-" && !is_iso3(id) {
                return Err(r.error(format!("id {id:?} is not an ISO3 code or \"-\"")));
            }
            let kind: FormKind = r.req("kind")?.parse().map_err(|e: String| r.error(e))?;
            if matches!(kind, FormKind::Person | FormKind::Surname | FormKind::Org) {
                return Err(r.error(format!("kind {kind} is not a state form")));
            }
            let mut form = StateForm {
                id: id.to_string(),
                kind,
                text: r.req("text")?.to_string(),
                ambiguous: false,
                needs_state: false,
                former: false,
            };
            for f in tsv::flags(r.get("flags")) {
                match f {
                    "ambiguous" => form.ambiguous = true,
                    "needs_state" => form.needs_state = true,
                    "former" => form.former = true,
                    _ => return Err(r.error(format!("unknown flag {f:?}"))),
                }
            }
            if id == "-" && kind != FormKind::Block {
                form.needs_state = true;
            }
            self.state_forms.push(form);
        }
        Ok(())
    }

    fn parse_people(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        let t = Table::parse(name, text, &["name"])?;
        for r in t.rows() {
            let pname = r.req("name")?;
            let state = r.get("state");
            if !state.is_empty() && !is_iso3(state) {
                return Err(r.error(format!("state {state:?} is not an ISO3 code")));
            }
            let mut surname_ok = false;
            for f in tsv::flags(r.get("flags")) {
                match f {
                    "surname_ok" => surname_ok = true,
                    _ => return Err(r.error(format!("unknown flag {f:?}"))),
                }
            }
            let aliases: Vec<String> = tsv::list(r.get("aliases")).map(String::from).collect();
            for a in &aliases {
                if !a.contains(' ') && !surname_ok && !is_acronym(a) {
                    return Err(r.error(format!("one-word alias {a:?} needs the flag surname_ok")));
                }
            }
            let person = Person {
                name: pname.to_string(),
                state: (!state.is_empty()).then(|| state.to_string()),
                role: r.get("role").to_string(),
                aliases,
                surname_ok,
                org: Some(r.get("org"))
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            };
            match self.person_index.get(pname) {
                // a later row for a known person adds aliases
                Some(&i) => {
                    if let Some(p) = self.people.get_mut(i) {
                        for a in person.aliases {
                            if !p.aliases.contains(&a) {
                                p.aliases.push(a);
                            }
                        }
                        p.surname_ok |= person.surname_ok;
                        if p.state.is_none() {
                            p.state = person.state;
                        }
                    }
                }
                None => {
                    self.person_index
                        .insert(pname.to_string(), self.people.len());
                    self.people.push(person);
                }
            }
        }
        Ok(())
    }

    fn parse_orgs(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        let t = Table::parse(name, text, &["id", "kind", "name"])?;
        for r in t.rows() {
            let id = r.req("id")?;
            let kind: OrgKind = r.req("kind")?.parse().map_err(|e: String| r.error(e))?;
            let members: Vec<String> = tsv::list(r.get("members")).map(String::from).collect();
            if let Some(m) = members.iter().find(|m| !is_iso3(m)) {
                return Err(r.error(format!("member {m:?} is not an ISO3 code")));
            }
            let country = r.get("country");
            if !country.is_empty() && !is_iso3(country) {
                return Err(r.error(format!("country {country:?} is not an ISO3 code")));
            }
            let mut ambiguous = false;
            for f in tsv::flags(r.get("flags")) {
                match f {
                    "ambiguous" => ambiguous = true,
                    _ => return Err(r.error(format!("unknown flag {f:?}"))),
                }
            }
            let org = Organization {
                id: id.to_string(),
                kind,
                name: r.req("name")?.to_string(),
                aliases: tsv::list(r.get("aliases")).map(String::from).collect(),
                members,
                country: (!country.is_empty()).then(|| country.to_string()),
                ambiguous,
            };
            match self.org_index.get(id) {
                Some(&i) => {
                    if let Some(o) = self.orgs.get_mut(i) {
                        for a in org.aliases {
                            if !o.aliases.contains(&a) {
                                o.aliases.push(a);
                            }
                        }
                        for m in org.members {
                            if !o.members.contains(&m) {
                                o.members.push(m);
                            }
                        }
                    }
                }
                None => {
                    self.org_index.insert(id.to_string(), self.orgs.len());
                    self.orgs.push(org);
                }
            }
        }
        Ok(())
    }

    fn parse_items(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        let t = Table::parse(name, text, &["pattern", "category"])?;
        for r in t.rows() {
            let category: ItemCategory =
                r.req("category")?.parse().map_err(|e: String| r.error(e))?;
            let designation = match r.get("designation") {
                "yes" | "true" => true,
                "no" | "false" | "" => false,
                other => {
                    return Err(r.error(format!("designation must be yes or no, not {other:?}")))
                }
            };
            let mut ambiguous = false;
            for f in tsv::flags(r.get("flags")) {
                match f {
                    "ambiguous" => ambiguous = true,
                    "noplural" => {}
                    _ => return Err(r.error(format!("unknown flag {f:?}"))),
                }
            }
            self.items.push(ItemEntry {
                pattern: r.req("pattern")?.to_string(),
                category,
                designation,
                ambiguous,
            });
        }
        Ok(())
    }

    fn parse_triggers(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        let t = Table::parse(name, text, &["lemma", "pos", "event"])?;
        for r in t.rows() {
            let lemma = normalize_word(r.req("lemma")?).into_owned();
            let pos: Pos = r.req("pos")?.parse().map_err(|e: String| r.error(e))?;
            let event: EventType = r.req("event")?.parse().map_err(|e: String| r.error(e))?;
            let mut flags = TriggerFlags::default();
            for f in tsv::flags(r.get("flags")) {
                match f {
                    "needs_weapon" => flags.needs_weapon = true,
                    "needs_money" => flags.needs_money = true,
                    "needs_sanction" => flags.needs_sanction = true,
                    "recipient_actor" => flags.recipient_actor = true,
                    "no_target_test" => flags.no_target_test = true,
                    "sought" => flags.sought = true,
                    "planned" => flags.planned = true,
                    "ambiguous" => flags.ambiguous = true,
                    _ => return Err(r.error(format!("unknown flag {f:?}"))),
                }
            }
            let mut forms: Vec<String> = tsv::list(r.get("forms"))
                .map(|f| normalize_word(f).into_owned())
                .collect();
            if forms.is_empty() {
                forms = inflect::forms(&lemma, pos);
            }
            if !forms.contains(&lemma) {
                forms.insert(0, lemma.clone());
            }
            let entry = TriggerEntry {
                lemma,
                pos,
                event,
                flags,
                notes: r.get("notes").to_string(),
            };
            self.triggers.push((entry, forms));
        }
        Ok(())
    }

    fn parse_hedges(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        let t = Table::parse(name, text, &["cue", "kind", "value"])?;
        for r in t.rows() {
            let v = r.req("value")?;
            let value = match r.req("kind")? {
                "certainty" => CueValue::Certainty(v.parse().map_err(|e: String| r.error(e))?),
                "status" => CueValue::Status(v.parse().map_err(|e: String| r.error(e))?),
                other => {
                    return Err(r.error(format!("kind must be certainty or status, not {other:?}")))
                }
            };
            self.cues.push(CueEntry {
                cue: r.req("cue")?.to_string(),
                value,
                notes: r.get("notes").to_string(),
            });
        }
        Ok(())
    }

    fn parse_speech(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        let t = Table::parse(name, text, &["lemma", "pos"])?;
        for r in t.rows() {
            let lemma = normalize_word(r.req("lemma")?).into_owned();
            let pos: Pos = r.req("pos")?.parse().map_err(|e: String| r.error(e))?;
            let certainty = match r.get("certainty") {
                "" => Certainty::Certain,
                c => c.parse().map_err(|e: String| r.error(e))?,
            };
            let mut forms: Vec<String> = tsv::list(r.get("forms"))
                .map(|f| normalize_word(f).into_owned())
                .collect();
            if forms.is_empty() {
                forms = inflect::forms(&lemma, pos);
            }
            if !forms.contains(&lemma) {
                forms.insert(0, lemma.clone());
            }
            self.speech.push((
                SpeechVerb {
                    lemma,
                    pos,
                    certainty,
                },
                forms,
            ));
        }
        Ok(())
    }

    /// Rebuilds the indexes and automata after entries were added.
    fn rebuild(&mut self) -> Result<(), LexiconError> {
        // canonical state names: the first `name` row, else the first `short` row
        self.state_names.clear();
        for kind in [FormKind::Name, FormKind::Short, FormKind::Alt] {
            for (i, f) in self.state_forms.iter().enumerate() {
                if f.kind == kind && f.id != "-" && !self.state_names.contains_key(&f.id) {
                    self.state_names.insert(f.id.clone(), i);
                }
            }
        }

        let mut ents = PatternSet::new();
        for (i, f) in self.state_forms.iter().enumerate() {
            ents.add(
                &f.text,
                CaseMode::Names,
                false,
                EntityTarget::State(i as u32),
            );
        }
        for (i, p) in self.people.iter().enumerate() {
            let idx = i as u32;
            ents.add(
                &p.name,
                CaseMode::Names,
                false,
                EntityTarget::Person {
                    idx,
                    surname: false,
                },
            );
            for a in &p.aliases {
                let surname = !a.contains(' ') && !is_acronym(a);
                ents.add(
                    a,
                    CaseMode::Names,
                    false,
                    EntityTarget::Person { idx, surname },
                );
            }
        }
        for (i, o) in self.orgs.iter().enumerate() {
            let t = EntityTarget::Org(i as u32);
            ents.add(&o.name, CaseMode::Names, false, t);
            for a in &o.aliases {
                ents.add(a, CaseMode::Names, false, t);
            }
        }
        self.entity_matcher = Matcher::build(ents, "entity")?;
        self.entity_several = self
            .entity_matcher
            .patterns
            .iter()
            .map(|p| {
                let first = p.targets.first().map(|t| self.target_id(*t));
                p.targets.iter().any(|t| Some(self.target_id(*t)) != first)
            })
            .collect();

        let mut items = PatternSet::new();
        for (i, it) in self.items.iter().enumerate() {
            let mode = if it.designation {
                CaseMode::Names
            } else {
                CaseMode::Insensitive
            };
            for v in inflect::spelling_variants(&it.pattern, it.designation) {
                items.add(&v, mode, it.designation, i as u32);
            }
        }
        self.item_matcher = Matcher::build(items, "item")?;

        let mut cues = PatternSet::new();
        self.cue_index.clear();
        for (i, c) in self.cues.iter().enumerate() {
            cues.add(&c.cue, CaseMode::Names, false, i as u32);
            self.cue_index
                .entry(normalize_word(&c.cue).into_owned())
                .or_insert(i);
        }
        self.cue_matcher = Matcher::build(cues, "cue")?;

        self.trigger_by_lemma.clear();
        self.trigger_by_form.clear();
        for (e, forms) in &self.triggers {
            push_unique(self.trigger_by_lemma.entry(e.lemma.clone()).or_default(), e);
            for f in forms {
                push_unique(self.trigger_by_form.entry(f.clone()).or_default(), e);
            }
        }
        self.speech_by_form.clear();
        for (i, (_, forms)) in self.speech.iter().enumerate() {
            for f in forms {
                self.speech_by_form.entry(f.clone()).or_insert(i);
            }
        }
        Ok(())
    }
}

fn push_unique(v: &mut Vec<TriggerEntry>, e: &TriggerEntry) {
    if !v.contains(e) {
        v.push(e.clone());
    }
}

/// Lower case, curly apostrophes straightened, inner whitespace collapsed.
/// Borrows when the word is already in that form (the common case for
/// lookups of single lower-case tokens).
fn normalize_word(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    let plain = t
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'\'' | b'.'));
    if plain {
        return Cow::Borrowed(t);
    }
    let s = t.to_lowercase().replace('\u{2019}', "'");
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn is_iso3(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// An all-capitals token of two or more letters ("MBS", "KCNA").
fn is_acronym(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(char::is_lowercase)
}
