//! Tests of the built-in lexicon on short invented sentences.

use std::sync::OnceLock;

use tidings_lexicon::{
    Certainty, CueValue, EntityKind, EntityMatch, EventType, FormKind, ItemCategory, Lexicon,
    OrgKind, Pos, Status,
};

fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::builtin().expect("the built-in lexicon loads"))
}

/// (matched text, id) pairs of the entities found in `text`.
fn ents(text: &str) -> Vec<(String, String)> {
    lex()
        .find_entities(text)
        .iter()
        .map(|m| (m.text(text).to_string(), m.id.to_string()))
        .collect()
}

fn first<'a>(text: &str, needle: &str, all: &'a [EntityMatch<'a>]) -> &'a EntityMatch<'a> {
    all.iter()
        .find(|m| m.text(text) == needle)
        .unwrap_or_else(|| panic!("{needle:?} not found in {text:?}"))
}

fn pair(t: &str, id: &str) -> (String, String) {
    (t.to_string(), id.to_string())
}

#[test]
fn builtin_loads_with_every_file() {
    let s = lex().stats();
    assert!(s.state_forms > 1000, "{s:?}");
    assert!(s.people > 100, "{s:?}");
    assert!(s.organizations > 100, "{s:?}");
    assert!(s.items > 500, "{s:?}");
    assert!(s.triggers > 100, "{s:?}");
    assert!(s.cues > 50, "{s:?}");
    assert!(s.speech_verbs > 20, "{s:?}");
}

#[test]
fn canonical_state_names() {
    assert_eq!(lex().state_name("PRK"), Some("North Korea"));
    assert_eq!(lex().state_name("USA"), Some("United States"));
    assert_eq!(lex().state_name("RUS"), Some("Russia"));
    assert_eq!(lex().state_name("GBR"), Some("United Kingdom"));
    assert_eq!(lex().state_name("XYZ"), None);
}

#[test]
fn states_by_name_short_and_alt() {
    let t = "Officials in the U.S. and Britain said South Korea and the DPRK met.";
    assert_eq!(
        ents(t)
            .into_iter()
            .filter(|(_, id)| !id.is_empty())
            .collect::<Vec<_>>(),
        [
            pair("U.S.", "USA"),
            pair("Britain", "GBR"),
            pair("South Korea", "KOR"),
            pair("DPRK", "PRK")
        ]
    );
    let t = "The Democratic People’s Republic of Korea answered the Russian Federation.";
    assert_eq!(
        ents(t),
        [
            pair("Democratic People’s Republic of Korea", "PRK"),
            pair("Russian Federation", "RUS")
        ]
    );
}

#[test]
fn metonyms_capitals_and_government_bodies() {
    let t = "The Kremlin denied it, Pyongyang stayed silent and the Biden administration \
             said the Pentagon would respond.";
    let all = lex().find_entities(t);
    let k = first(t, "Kremlin", &all);
    assert_eq!(
        (k.kind, k.form, k.id),
        (EntityKind::State, FormKind::Metonym, "RUS")
    );
    let p = first(t, "Pyongyang", &all);
    assert_eq!(
        (p.form, p.id, p.state),
        (FormKind::Capital, "PRK", Some("PRK"))
    );
    let b = first(t, "Biden administration", &all);
    assert_eq!((b.form, b.id), (FormKind::Government, "USA"));
    assert_eq!(first(t, "Pentagon", &all).id, "USA");
}

#[test]
fn demonyms_and_adjectives_are_flagged() {
    let t = "North Korean missiles and Iranian drones reached Russian forces.";
    let all = lex().find_entities(t);
    let nk = first(t, "North Korean", &all);
    assert_eq!(nk.id, "PRK");
    assert!(nk.is_demonym());
    assert!(first(t, "Iranian", &all).is_demonym());
    assert_eq!(first(t, "Russian", &all).id, "RUS");
    // "forces" is a generic body that takes its state from context
    let f = first(t, "forces", &all);
    assert_eq!((f.kind, f.state), (EntityKind::StateBody, None));
    let t = "Two Russians and several North Koreans were detained.";
    let all = lex().find_entities(t);
    assert_eq!(first(t, "Russians", &all).form, FormKind::Demonym);
    assert_eq!(first(t, "North Koreans", &all).id, "PRK");
}

#[test]
fn word_boundaries() {
    // "Iranian" is one match, never "Iran" plus a tail
    assert_eq!(ents("Iranian-made drones"), [pair("Iranian", "IRN")]);
    // no state inside other words
    assert!(ents("Romania").iter().all(|(_, id)| id == "ROU"));
    assert_eq!(ents("Nigeria"), [pair("Nigeria", "NGA")]);
    assert!(ents("the focus is on us").is_empty());
    assert!(ents("a Chadian soldier").iter().all(|(t, _)| t != "Chad"));
    // USAID is the US aid agency (a USA body), not "USA" followed by "ID"
    let t = "USAID announced new funding.";
    let all = lex().find_entities(t);
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].text(t), all[0].id), ("USAID", "USA"));
    // a possessive or a hyphenated compound keeps the name
    assert_eq!(ents("Russia’s war"), [pair("Russia", "RUS")]);
    assert_eq!(ents("U.S.-made"), [pair("U.S.", "USA")]);
}

#[test]
fn blocking_phrases_hide_state_names() {
    assert!(ents("a base in New Mexico").is_empty());
    assert!(ents("ships in the South China Sea").is_empty());
    assert_eq!(
        ents("Mexico and China"),
        [pair("Mexico", "MEX"), pair("China", "CHN")]
    );
}

#[test]
fn case_rules_and_transcripts() {
    assert_eq!(ents("NORTH KOREA FIRED"), [pair("NORTH KOREA", "PRK")]);
    let t = "MR. KIRBY: Thanks. Q Is Kirby there? kirby";
    let all = lex().find_entities(t);
    let people: Vec<_> = all
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| m.text(t))
        .collect();
    assert_eq!(people, ["KIRBY", "Kirby"]);
    assert_eq!(all[0].form, FormKind::Surname);
    // lower-case words of a lexicon form may be capitalised
    assert_eq!(ents("The Kremlin said"), [pair("Kremlin", "RUS")]);
    // but names are not matched in lower case
    assert!(ents("a turkey and a georgia peach").is_empty());
    // non-ASCII names match as written and in capitals
    assert_eq!(ents("Türkiye"), [pair("Türkiye", "TUR")]);
    assert_eq!(ents("TÜRKIYE"), [pair("TÜRKIYE", "TUR")]);
}

#[test]
fn people() {
    let t = "National Security Council spokesman John Kirby told reporters.";
    let all = lex().find_entities(t);
    let k = first(t, "John Kirby", &all);
    assert_eq!(
        (k.kind, k.form, k.id, k.state),
        (
            EntityKind::Person,
            FormKind::Person,
            "John Kirby",
            Some("USA")
        )
    );
    assert_eq!(first(t, "National Security Council", &all).id, "USA");
    let t = "Kim Jong-un met Vladimir Putin; Zelenskyy replied.";
    assert_eq!(
        ents(t),
        [
            pair("Kim Jong-un", "Kim Jong Un"),
            pair("Vladimir Putin", "Vladimir Putin"),
            pair("Zelenskyy", "Volodymyr Zelenskyy")
        ]
    );
    let p = lex()
        .person("Vladimir Putin")
        .expect("Putin is in people.tsv");
    assert_eq!(p.state.as_deref(), Some("RUS"));
    // a surname that is not marked surname_ok is not matched alone
    assert!(ents("Austin, Texas").is_empty());
}

#[test]
fn organizations() {
    let t = "The Wall Street Journal reported that Houthi rebels and Hamas fired.";
    let all = lex().find_entities(t);
    let w = first(t, "The Wall Street Journal", &all);
    assert_eq!(
        (w.kind, w.org_kind, w.id),
        (
            EntityKind::Organization,
            Some(OrgKind::Media),
            "The Wall Street Journal"
        )
    );
    let h = first(t, "Houthi rebels", &all);
    assert_eq!((h.id, h.org_kind), ("Houthis", Some(OrgKind::ArmedGroup)));
    assert_eq!(first(t, "Hamas", &all).id, "Hamas");
    let e3 = lex().organization("E3").expect("E3");
    assert_eq!(e3.kind, OrgKind::Group);
    assert_eq!(e3.members, ["FRA", "DEU", "GBR"]);
    assert_eq!(
        ents("the UN Security Council"),
        [pair("UN Security Council", "UN Security Council")]
    );
}

/// (matched text, category, designation) of the items found in `text`.
fn items(text: &str) -> Vec<(String, ItemCategory, bool)> {
    lex()
        .find_items(text)
        .iter()
        .map(|m| (m.text(text).to_string(), m.category, m.designation))
        .collect()
}

#[test]
fn items_designations_and_variants() {
    use ItemCategory::*;
    assert_eq!(
        items("Russia launched 82 Shahed-136 drones overnight."),
        [
            ("Shahed-136".into(), Drone, true),
            ("drones".into(), Drone, false)
        ]
    );
    for t in ["KN-23", "KN 23", "KN23"] {
        assert_eq!(items(t), [(t.to_string(), BallisticMissile, true)], "{t}");
    }
    assert_eq!(items("Shahed 136")[0].1, Drone);
    assert_eq!(
        items("a Hwasong-19 ICBM")[0],
        ("Hwasong-19".into(), BallisticMissile, true)
    );
    assert_eq!(
        items("two F-16s")[0],
        ("F-16s".into(), CombatAircraft, true)
    );
    assert_eq!(
        items("MIG-29 fighter aircraft")[0],
        ("MIG-29".into(), CombatAircraft, true)
    );
    assert_eq!(items("HIMARS and ATACMS")[1].1, BallisticMissile);
    // designations are case-sensitive (apart from ALL CAPS)
    assert!(items("a patriot act").is_empty());
    assert_eq!(items("PATRIOT batteries")[0].1, AirDefense);
}

#[test]
fn items_generic_nouns() {
    use ItemCategory::*;
    let t = "Ballistic Missile launchers, surface-to-air missiles, surface to air missiles, \
             155mm shells, artillery rounds, tanks and troops.";
    let got: Vec<_> = items(t).into_iter().map(|(s, c, _)| (s, c)).collect();
    assert_eq!(
        got,
        [
            ("Ballistic Missile launchers".to_string(), Launcher),
            ("surface-to-air missiles".into(), AirDefense),
            ("surface to air missiles".into(), AirDefense),
            ("155mm shells".into(), Ammunition),
            ("artillery rounds".into(), Ammunition),
            ("tanks".into(), ArmoredVehicle),
            ("troops".into(), Troops),
        ]
    );
    assert!(items("anti-tank and antitank and anti tank")
        .iter()
        .all(|(_, c, _)| *c == AntiTank || *c == ArmoredVehicle));
}

#[test]
fn triggers_by_lemma_and_form() {
    let l = lex();
    assert!(l
        .trigger("supply")
        .iter()
        .any(|t| t.event == EventType::Transfer && t.pos == Pos::Verb));
    for form in ["supplies", "supplied", "Supplying"] {
        assert!(
            l.trigger_form(form).iter().any(|t| t.lemma == "supply"),
            "{form}"
        );
    }
    let bought = l.trigger_form("bought");
    assert!(bought.iter().any(|t| t.flags.recipient_actor));
    assert!(l
        .trigger_form("shot down")
        .iter()
        .any(|t| t.event == EventType::Attack));
    assert!(l
        .trigger_form("sanctions")
        .iter()
        .any(|t| t.event == EventType::Sanction));
    assert!(l
        .trigger_form("test-fired")
        .iter()
        .any(|t| t.event == EventType::Test));
    assert!(l
        .trigger_form("denied")
        .iter()
        .any(|t| t.event == EventType::Deny));
    assert!(l.trigger_form("banana").is_empty());
}

#[test]
fn speech_verbs_and_cues() {
    let l = lex();
    assert_eq!(
        l.speech_verb("told").map(|v| v.lemma.as_str()),
        Some("tell")
    );
    assert_eq!(
        l.speech_verb("believes").map(|v| v.certainty),
        Some(Certainty::Probable)
    );
    assert!(l.speech_verb("According to").is_some());
    let t = "The US believes Russia may buy missiles and plans to sanction them.";
    let cues: Vec<_> = l
        .find_cues(t)
        .iter()
        .map(|c| (&t[c.start..c.end], c.entry.value))
        .collect();
    assert!(cues.contains(&("believes", CueValue::Certainty(Certainty::Probable))));
    assert!(cues.contains(&("may", CueValue::Certainty(Certainty::Possible))));
    assert!(cues.contains(&("plans to", CueValue::Status(Status::Planned))));
}

/// A fresh directory under the system temp dir.
fn temp_dir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("tidings-lexicon-test-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn extend_from_dir_adds_entries() {
    let dir = temp_dir("extend");
    std::fs::write(
        dir.join("states.tsv"),
        "# extra forms\nid\tkind\ttext\tflags\nPRK\tmetonym\tHermit Kingdom\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("people.tsv"),
        "name\tstate\trole\taliases\tflags\nJane Roe\tGBR\tinvented envoy\tRoe\tsurname_ok\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("items.tsv"),
        "pattern\tcategory\tdesignation\nZX-9\tcruise_missile\tyes\n",
    )
    .unwrap();
    std::fs::write(dir.join("README.md"), "ignored").unwrap();
    let t = "The Hermit Kingdom sold ZX-9 missiles, envoy Jane Roe said; Roe added more.";
    let mut l = Lexicon::builtin().unwrap();
    assert!(!ents(t).iter().any(|(s, _)| s == "Hermit Kingdom"));
    l.extend_from_dir(&dir).expect("extension loads");
    let got: Vec<_> = l
        .find_entities(t)
        .iter()
        .map(|m| (m.text(t).to_string(), m.id.to_string()))
        .collect();
    assert!(got.contains(&pair("Hermit Kingdom", "PRK")), "{got:?}");
    assert!(got.contains(&pair("Jane Roe", "Jane Roe")), "{got:?}");
    assert!(got.contains(&pair("Roe", "Jane Roe")), "{got:?}");
    assert_eq!(l.find_items(t)[0].category, ItemCategory::CruiseMissile);
    // built-in entries are still there
    assert!(got.iter().any(|(_, id)| id == "PRK"));
    assert_eq!(l.state_name("PRK"), Some("North Korea"));
    // a directory of only these files is a lexicon of its own
    let only = Lexicon::load_dir(&dir).unwrap();
    assert_eq!(only.stats().state_forms, 1);
    assert!(only.find_entities("Russia").is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn malformed_files_name_file_and_line() {
    let dir = temp_dir("bad-state");
    std::fs::write(
        dir.join("people.tsv"),
        "# comment\nname\tstate\n\nGood Name\tUSA\nBad Name\tRussia\n",
    )
    .unwrap();
    let err = Lexicon::load_dir(&dir).unwrap_err().to_string();
    assert!(err.contains("people.tsv:5:"), "{err}");
    assert!(err.contains("Russia"), "{err}");

    std::fs::write(dir.join("people.tsv"), "name\tstate\nA B\tUSA\textra\n").unwrap();
    let err = Lexicon::load_dir(&dir).unwrap_err().to_string();
    assert!(err.contains("people.tsv:2:"), "{err}");

    std::fs::remove_file(dir.join("people.tsv")).unwrap();
    std::fs::write(
        dir.join("items.tsv"),
        "pattern\tcategory\tdesignation\nrayguns\tray_gun\tno\n",
    )
    .unwrap();
    let err = Lexicon::load_dir(&dir).unwrap_err().to_string();
    assert!(
        err.contains("items.tsv:2:") && err.contains("ray_gun"),
        "{err}"
    );

    std::fs::write(dir.join("items.tsv"), "category\tpattern_typo\n").unwrap();
    let err = Lexicon::load_dir(&dir).unwrap_err().to_string();
    assert!(err.contains("items.tsv:1:"), "{err}");

    std::fs::remove_file(dir.join("items.tsv")).unwrap();
    let err = Lexicon::load_dir(&dir).unwrap_err().to_string();
    assert!(err.contains("no lexicon files"), "{err}");

    let mut l = Lexicon::empty();
    let err = l
        .extend_from_str(
            "triggers.tsv",
            "lemma\tpos\tevent\tflags\nzap\tverb\tATTACK\tloud\n",
        )
        .unwrap_err()
        .to_string();
    assert_eq!(err, "triggers.tsv:2: unknown flag \"loud\"");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn extension_triggers_get_regular_forms() {
    let mut l = Lexicon::empty();
    l.extend_from_str("triggers.tsv", "lemma\tpos\tevent\nzap\tverb\tATTACK\n")
        .unwrap();
    assert_eq!(l.trigger_form("zaps")[0].event, EventType::Attack);
    assert_eq!(l.trigger("ZAP").len(), 1);
}

#[test]
fn no_panics_on_odd_input() {
    let l = lex();
    let pieces = [
        "US", "U.S.", "é", "Ü", "—", "’", "\u{0}", "\u{feff}", "🇺🇸", "KN-", "23", "s", " ", "\n",
        "Kim", "Jong", "-un", "Türk", "İ", "ß", "Shahed", "‑", "ǅ", "ﬁ", "\u{301}",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..2000 {
        let mut s = String::new();
        for _ in 0..12 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        for m in l.find_entities(&s) {
            assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
            let _ = l.entity_alternatives(&m);
        }
        for m in l.find_items(&s) {
            assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
        }
        let _ = l.find_cues(&s);
        let _ = l.trigger_form(&s);
    }
    assert!(l.find_entities("").is_empty());
}
