//! Entry types: what the lexicon files hold, and what the matchers report.

use std::fmt;
use std::str::FromStr;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in the lexicon files and event records.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(format!(
                        "unknown {} {:?} (expected one of: {})",
                        stringify!($name),
                        s,
                        [$($text),+].join(", ")
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// The event types of SCHEMA.md.
    EventType {
        /// Weapons, equipment, troops or technology change hands.
        Transfer = "TRANSFER",
        /// Use of force.
        Attack = "ATTACK",
        /// A weapons test with no target.
        Test = "TEST",
        /// Sanctions, designations, export controls.
        Sanction = "SANCTION",
        /// Money or non-weapon assistance.
        Aid = "AID",
        /// Agreements, pledges, partnerships.
        Cooperate = "COOPERATE",
        /// Asking someone for help, weapons or action.
        Request = "REQUEST",
        /// Accusing, condemning, blaming.
        Accuse = "ACCUSE",
        /// Denying a claim.
        Deny = "DENY",
        /// A threat or warning.
        Threaten = "THREATEN",
    }
}

string_enum! {
    /// The item categories of SCHEMA.md.
    ItemCategory {
        /// Ballistic missiles.
        BallisticMissile = "ballistic_missile",
        /// Cruise missiles.
        CruiseMissile = "cruise_missile",
        /// A missile of unstated kind.
        Missile = "missile",
        /// Missile launchers.
        Launcher = "launcher",
        /// Surface-to-air missiles, interceptors, air-defence systems.
        AirDefense = "air_defense",
        /// Anti-tank weapons.
        AntiTank = "anti_tank",
        /// Multiple rocket launchers and their rockets.
        RocketArtillery = "rocket_artillery",
        /// Guns and howitzers.
        Artillery = "artillery",
        /// Shells, rounds, munitions.
        Ammunition = "ammunition",
        /// Drones.
        Drone = "drone",
        /// Fighters, bombers and other combat aircraft.
        CombatAircraft = "combat_aircraft",
        /// Helicopters.
        Helicopter = "helicopter",
        /// Tanks and other armoured vehicles.
        ArmoredVehicle = "armored_vehicle",
        /// Warships and submarines.
        Naval = "naval",
        /// Rifles, machine guns, pistols.
        SmallArms = "small_arms",
        /// Electronics, dual-use goods, machine tools.
        Components = "components",
        /// Technology and know-how.
        Technology = "technology",
        /// Weapons or equipment of unstated kind.
        MilitaryEquipment = "military_equipment",
        /// Troops and personnel.
        Troops = "troops",
        /// Money.
        Funding = "funding",
        /// Anything else.
        Other = "other",
    }
}

string_enum! {
    /// What kind of surface form matched an entity.
    FormKind {
        /// The canonical short name of a state.
        Name = "name",
        /// A short name or abbreviation ("U.S.", "DPRK").
        Short = "short",
        /// An alternative, official or former name.
        Alt = "alt",
        /// A demonym ("Russians").
        Demonym = "demonym",
        /// A national adjective ("North Korean").
        Adjective = "adjective",
        /// A capital city ("Pyongyang").
        Capital = "capital",
        /// Another city or a region of a state ("Kharkiv", "Donetsk
        /// province"): a place, never a party.
        City = "city",
        /// A metonym for the government ("the Kremlin").
        Metonym = "metonym",
        /// A government body, agency or armed force ("the Biden administration").
        Government = "government",
        /// A phrase that blocks a state name inside it ("New Mexico"); never reported.
        Block = "block",
        /// A person's full name or a full alias.
        Person = "person",
        /// A person's surname alone (only for people marked `surname_ok`).
        Surname = "surname",
        /// An organisation's name or alias.
        Org = "org",
    }
}

string_enum! {
    /// The kinds of organisation in organizations.tsv.
    OrgKind {
        /// Intergovernmental organisation.
        Igo = "igo",
        /// Non-state armed group.
        ArmedGroup = "armed_group",
        /// News outlet.
        Media = "media",
        /// Company.
        Company = "company",
        /// Non-governmental organisation or think tank.
        Ngo = "ngo",
        /// A group of states acting as one (E3, G7).
        Group = "group",
    }
}

string_enum! {
    /// Part of speech of a trigger or reporting word.
    Pos {
        /// A verb.
        Verb = "verb",
        /// A noun.
        Noun = "noun",
        /// A fixed phrase ("according to").
        Phrase = "phrase",
    }
}

string_enum! {
    /// Event certainty (SCHEMA.md `certainty`).
    Certainty {
        /// No hedge.
        Certain = "certain",
        /// "believes", "assesses", "reportedly".
        Probable = "probable",
        /// "may", "might", "could".
        Possible = "possible",
    }
}

string_enum! {
    /// Event status (SCHEMA.md `status`).
    Status {
        /// Happened or is happening.
        Occurred = "occurred",
        /// Intended, agreed, announced.
        Planned = "planned",
        /// Being sought or asked for.
        Sought = "sought",
        /// Predicted.
        Expected = "expected",
        /// Conditional or debated.
        Hypothetical = "hypothetical",
        /// Did not happen.
        Negated = "negated",
    }
}

/// What an entity match refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A state, or anyone acting for it (its capital, government, forces).
    State,
    /// A generic state body ("the defence ministry", "officials") whose state
    /// must come from context, such as an adjacent adjective.
    StateBody,
    /// A person.
    Person,
    /// An organisation, armed group, outlet, company or group of states.
    Organization,
}

/// One row of states.tsv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateForm {
    /// ISO 3166-1 alpha-3 code, or "-" for bodies that need a state from context.
    pub id: String,
    /// Which kind of form this is.
    pub kind: FormKind,
    /// The surface text.
    pub text: String,
    /// Frequent in other senses ("Georgia", "Jordan", "Washington").
    pub ambiguous: bool,
    /// A generic body: the state comes from context.
    pub needs_state: bool,
    /// A former name.
    pub former: bool,
}

/// One row of people.tsv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Canonical name, used as the entity id.
    pub name: String,
    /// ISO3 of the state the person acts for as an official, if any.
    pub state: Option<String>,
    /// Title and years.
    pub role: String,
    /// Other full forms and (with `surname_ok`) the surname.
    pub aliases: Vec<String>,
    /// The surname alone may be matched.
    pub surname_ok: bool,
    /// Canonical id of the organisation the person belongs to, if any.
    pub org: Option<String>,
}

/// One row of organizations.tsv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Canonical id used in event records ("Houthis", "E3").
    pub id: String,
    /// Which kind of organisation.
    pub kind: OrgKind,
    /// Canonical full name.
    pub name: String,
    /// Other names matched in text.
    pub aliases: Vec<String>,
    /// Member states (ISO3) of a group acting as one.
    pub members: Vec<String>,
    /// Home or owning country, informational only (not the actor id).
    pub country: Option<String>,
    /// Some alias is frequent in other senses.
    pub ambiguous: bool,
}

/// One row of items.tsv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemEntry {
    /// The pattern as written.
    pub pattern: String,
    /// The SCHEMA category.
    pub category: ItemCategory,
    /// A model designation (exact case or ALL CAPS) rather than a generic noun.
    pub designation: bool,
    /// Frequent in other senses ("Patriot", "tank").
    pub ambiguous: bool,
}

/// Flags of a trigger entry (see triggers.tsv).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TriggerFlags {
    /// Counts only with a weapon, equipment or troops object.
    pub needs_weapon: bool,
    /// Counts only with money or aid as object.
    pub needs_money: bool,
    /// Needs a sanctions or controls object ("impose").
    pub needs_sanction: bool,
    /// The subject is the recipient (buy, receive).
    pub recipient_actor: bool,
    /// Becomes TEST when no target is attacked (launch, fire).
    pub no_target_test: bool,
    /// Status sought (seek).
    pub sought: bool,
    /// Status planned (pledge, approve).
    pub planned: bool,
    /// Frequent in other senses: require strong context.
    pub ambiguous: bool,
}

/// One row of triggers.tsv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerEntry {
    /// The lemma ("supply", "shoot down").
    pub lemma: String,
    /// Verb or noun.
    pub pos: Pos,
    /// The event type it signals.
    pub event: EventType,
    /// Conditions and role hints.
    pub flags: TriggerFlags,
    /// Free-text notes.
    pub notes: String,
}

/// What a hedge or status cue signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueValue {
    /// A certainty hedge.
    Certainty(Certainty),
    /// A status marker.
    Status(Status),
}

/// One row of hedges.tsv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueEntry {
    /// The cue phrase (matched case-insensitively).
    pub cue: String,
    /// What it signals.
    pub value: CueValue,
    /// Free-text notes.
    pub notes: String,
}

/// One row of speech_verbs.tsv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechVerb {
    /// The lemma ("say", "according to").
    pub lemma: String,
    /// Verb, noun or phrase.
    pub pos: Pos,
    /// The certainty the verb implies for what is reported.
    pub certainty: Certainty,
}

/// An entity found in text by [`crate::Lexicon::find_entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityMatch<'a> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// State, state body, person or organisation.
    pub kind: EntityKind,
    /// Which kind of form matched.
    pub form: FormKind,
    /// The id for event records: ISO3 for states, the canonical name for
    /// people, the canonical id for organisations, "" for a state body.
    pub id: &'a str,
    /// Canonical name: the state's short name, the person's or organisation's name.
    pub name: &'a str,
    /// The state the entity acts for: the state itself, a person's state, or
    /// none (private people, organisations, state bodies without context).
    pub state: Option<&'a str>,
    /// The organisation kind, for organisations.
    pub org_kind: Option<OrgKind>,
    /// The form is frequent in other senses, or names several entities.
    pub ambiguous: bool,
    /// Number of other entities this same form can name (see
    /// [`crate::Lexicon::entity_alternatives`]).
    pub alternatives: usize,
    pub(crate) pattern: u32,
}

impl EntityMatch<'_> {
    /// A demonym or national adjective ("Russian", "North Koreans").
    pub fn is_demonym(&self) -> bool {
        matches!(self.form, FormKind::Demonym | FormKind::Adjective)
    }

    /// The matched text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// An item found in text by [`crate::Lexicon::find_items`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemMatch<'a> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte (a plural "s" after a designation included).
    pub end: usize,
    /// The SCHEMA category.
    pub category: ItemCategory,
    /// A model designation rather than a generic noun.
    pub designation: bool,
    /// Frequent in other senses: check context.
    pub ambiguous: bool,
    /// The lexicon entry.
    pub entry: &'a ItemEntry,
}

impl ItemMatch<'_> {
    /// The matched text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A hedge or status cue found in text by [`crate::Lexicon::find_cues`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch<'a> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The lexicon entry.
    pub entry: &'a CueEntry,
}
