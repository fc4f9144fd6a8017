//! End-to-end extraction on short invented news texts, with the shipped
//! model and the built-in lexicon.

use std::sync::OnceLock;

use serde_json::Value;
use tidings_events::{Extractor, Skip};
use tidings_lexicon::Lexicon;
use tidings_nlp::Model;
use tidings_text::Document;

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| {
        let path = Model::default_path().expect("model file");
        let model = Model::load(&path).expect("model loads");
        Extractor::new(Lexicon::builtin().expect("lexicon"), model)
    })
}

fn run(text: &str, published: Option<&str>) -> Vec<Value> {
    let mut doc = Document::new("t", text);
    doc.meta.published = published.map(str::to_string);
    extractor()
        .extract(&doc)
        .expect("English")
        .iter()
        .map(|e| {
            // every record goes through JSON and back
            let line = e.to_json(true).to_string();
            serde_json::from_str::<Value>(&line).expect("valid JSON")
        })
        .collect()
}

fn id(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

fn find<'a>(evs: &'a [Value], ty: &str, actor: Option<&str>, target: Option<&str>) -> &'a Value {
    evs.iter()
        .find(|e| e["type"] == ty && id(&e["actor"]) == actor && id(&e["target"]) == target)
        .unwrap_or_else(|| panic!("no {ty} {actor:?} -> {target:?} in {evs:#?}"))
}

fn check_evidence(text: &str, evs: &[Value]) {
    let chars: Vec<char> = text.chars().collect();
    for e in evs {
        assert_eq!(e["schema"], "tidings.event/1");
        for sp in e["evidence"].as_array().expect("evidence") {
            let (s, t) = (
                sp["start"].as_u64().unwrap() as usize,
                sp["end"].as_u64().unwrap() as usize,
            );
            let got: String = chars[s..t].iter().collect();
            assert_eq!(got, sp["text"].as_str().unwrap());
            assert!((10..=600).contains(&(t - s)));
        }
    }
}

#[test]
fn transfer_to() {
    let text = "Germany delivered two air defense systems to Ukraine last week.";
    let evs = run(text, Some("2024-05-10"));
    let e = find(&evs, "TRANSFER", Some("DEU"), Some("UKR"));
    assert_eq!(e["status"], "occurred");
    assert_eq!(e["items"][0]["category"], "air_defense");
    check_evidence(text, &evs);
}

#[test]
fn transfer_provided_with() {
    let evs = run("Iran provided Russia with hundreds of attack drones.", None);
    let e = find(&evs, "TRANSFER", Some("IRN"), Some("RUS"));
    assert_eq!(e["items"][0]["category"], "drone");
}

#[test]
fn designation_numbers_are_not_counts() {
    let evs = run("North Korea shipped KN-23 missiles to Russia.", None);
    let e = find(&evs, "TRANSFER", Some("PRK"), Some("RUS"));
    let items = e["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|i| i.get("quantity").is_none_or(|q| q.is_null())),
        "{items:?}"
    );
}

#[test]
fn unnamed_companies_are_not_their_state() {
    let evs = run(
        "Britain imposed sanctions on four Chinese companies on Monday.",
        Some("2024-06-12"),
    );
    let e = evs
        .iter()
        .find(|e| e["type"] == "SANCTION")
        .expect("a sanction");
    assert_eq!(id(&e["actor"]), Some("GBR"));
    assert!(e["target"].is_null(), "{e}");
}

#[test]
fn a_fronted_time_phrase_is_not_the_subject() {
    let evs = run(
        "Since March 2024, Iran has shipped more than 400 drones to Russia.",
        Some("2024-09-02"),
    );
    find(&evs, "TRANSFER", Some("IRN"), Some("RUS"));
}

#[test]
fn target_phrase_on_the_noun_inside_the_object() {
    let evs = run(
        "The Russian military launched one of those missiles into Ukraine on Friday.",
        Some("2024-01-08"),
    );
    find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
}

#[test]
fn an_unfamiliar_designation_does_not_derail_the_parse() {
    let evs = run("Iran has delivered Shahed-136 drones to Russia.", None);
    let e = find(&evs, "TRANSFER", Some("IRN"), Some("RUS"));
    assert_eq!(e["items"][0]["category"], "drone");
}

#[test]
fn a_dateline_is_not_the_actor() {
    let text = "WASHINGTON (Nov. 14) \u{2013} Iran has delivered a new batch of Shahed-136 attack drones to Russia, two officials said.";
    let evs = run(text, Some("2024-11-14"));
    find(&evs, "TRANSFER", Some("IRN"), Some("RUS"));
    assert!(
        !evs.iter().any(|e| id(&e["actor"]) == Some("USA")),
        "{evs:?}"
    );
}

#[test]
fn transfer_bought_from() {
    let evs = run("Poland bought 48 howitzers from South Korea in 2022.", None);
    find(&evs, "TRANSFER", Some("KOR"), Some("POL"));
}

#[test]
fn attack_with_place() {
    let evs = run(
        "Russian forces fired cruise missiles at Kyiv on Tuesday, the mayor said.",
        Some("2024-02-08"),
    );
    let e = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    assert_eq!(id(&e["place"]), Some("UKR"));
    assert_eq!(e["items"][0]["category"], "cruise_missile");
}

#[test]
fn test_event_and_time() {
    // 2024-03-20 is a Wednesday: "on Monday" is March 18
    let evs = run(
        "North Korea test-fired a ballistic missile on Monday.",
        Some("2024-03-20"),
    );
    let e = find(&evs, "TEST", Some("PRK"), None);
    assert_eq!(e["time"]["start"], "2024-03-18");
    assert_eq!(e["time"]["end"], "2024-03-18");
}

#[test]
fn sanction_noun_with_light_verb() {
    let evs = run(
        "The United States imposed new sanctions on Iran on Friday.",
        None,
    );
    find(&evs, "SANCTION", Some("USA"), Some("IRN"));
}

#[test]
fn cooperate_agreement() {
    let evs = run(
        "Japan and Australia signed a defense cooperation agreement in Tokyo.",
        None,
    );
    let e = evs
        .iter()
        .find(|e| e["type"] == "COOPERATE")
        .expect("COOPERATE");
    let pair = [id(&e["actor"]).unwrap(), id(&e["target"]).unwrap()];
    assert!(pair.contains(&"JPN") && pair.contains(&"AUS"), "{pair:?}");
}

#[test]
fn accuse_two_actors() {
    let evs = run(
        "Britain and South Korea condemned North Korea on Wednesday.",
        None,
    );
    find(&evs, "ACCUSE", Some("GBR"), Some("PRK"));
    find(&evs, "ACCUSE", Some("KOR"), Some("PRK"));
}

#[test]
fn deny_and_request() {
    let evs = run("The Kremlin denied the report.", None);
    find(&evs, "DENY", Some("RUS"), None);
    let evs = run("Ukraine asked Germany for more air defense systems.", None);
    find(&evs, "REQUEST", Some("UKR"), Some("DEU"));
}

#[test]
fn threaten_explicit_verb() {
    let evs = run("Iran threatened Israel with a crushing response.", None);
    find(&evs, "THREATEN", Some("IRN"), Some("ISR"));
    // criticism in the speaker's own voice is no event
    assert!(run("Iran called the move a dangerous mistake.", None).is_empty());
}

#[test]
fn attribution_and_person_as_state() {
    let evs = run(
        "John Kirby said North Korea supplied ballistic missiles to Russia.",
        None,
    );
    let e = find(&evs, "TRANSFER", Some("PRK"), Some("RUS"));
    assert_eq!(id(&e["attribution"][0]), Some("John Kirby"));
}

#[test]
fn status_and_certainty() {
    let evs = run("Germany will deliver more tanks to Ukraine.", None);
    // a state's own announced intention is a plan
    assert_eq!(
        find(&evs, "TRANSFER", Some("DEU"), Some("UKR"))["status"],
        "planned"
    );
    let evs = run(
        "Analysts expect that Russia will attack Ukraine again.",
        None,
    );
    assert_eq!(
        find(&evs, "ATTACK", Some("RUS"), Some("UKR"))["status"],
        "expected"
    );
    let evs = run("Germany plans to send more tanks to Ukraine.", None);
    assert_eq!(
        find(&evs, "TRANSFER", Some("DEU"), Some("UKR"))["status"],
        "planned"
    );
    let evs = run("Germany did not send tanks to Ukraine.", None);
    assert_eq!(
        find(&evs, "TRANSFER", Some("DEU"), Some("UKR"))["status"],
        "negated"
    );
    let evs = run("Russia could strike Ukraine again.", None);
    assert_eq!(
        find(&evs, "ATTACK", Some("RUS"), Some("UKR"))["certainty"],
        "possible"
    );
    let evs = run("Officials believe Iran sent drones to Russia.", None);
    assert_eq!(
        find(&evs, "TRANSFER", Some("IRN"), Some("RUS"))["certainty"],
        "probable"
    );
}

#[test]
fn repeated_mentions_merge() {
    let text =
        "Iran sent drones to Russia.\n\nIran sent the drones to Russia in August, officials said.";
    let evs = run(text, None);
    let n = evs.iter().filter(|e| e["type"] == "TRANSFER").count();
    assert_eq!(n, 1, "{evs:#?}");
    let e = find(&evs, "TRANSFER", Some("IRN"), Some("RUS"));
    assert_eq!(e["evidence"].as_array().unwrap().len(), 2);
}

#[test]
fn pronoun_coreference() {
    let text = "Russian forces launched missiles into Ukraine on Monday. They launched more missiles two days later.";
    let evs = run(text, Some("2024-01-10"));
    let n = evs.iter().filter(|e| e["type"] == "ATTACK").count();
    assert_eq!(n, 2, "{evs:#?}");
}

#[test]
fn weather_and_domestic_transcript_has_no_events() {
    let text =
        "MS. SMITH: Good afternoon. It will be cold and rainy across the capital this week, \
so bring an umbrella.\n\nQ Will the Senate pass the budget bill before the holiday?\n\n\
MS. SMITH: The Senate has to do its job. Republicans and Democrats are still debating the spending \
plan, and we hope they reach a deal on the budget soon.\n";
    let evs = run(text, None);
    assert!(evs.is_empty(), "{evs:#?}");
}

#[test]
fn reporter_questions_are_skipped() {
    let text = "Q Did Iran send drones to Russia last month?\n\nMR. JONES: I have nothing for you on that.\n";
    assert!(run(text, None).is_empty());
}

#[test]
fn non_english_is_skipped() {
    let doc = Document::new(
        "fr",
        "La Russie a lancé des missiles sur l'Ukraine lundi, selon les autorités locales, qui ont fait état de dégâts importants dans la capitale.",
    );
    assert_eq!(extractor().extract(&doc).err(), Some(Skip::NotEnglish));
}

#[test]
fn evidence_offsets_on_non_ascii_text() {
    let text = "Café owners in Kyiv said “the sirens never stop.”\n\n“Russia fired cruise missiles at Ukraine on Sunday,” the Ukrainian air force said — again.";
    let evs = run(text, Some("2024-06-03"));
    assert!(!evs.is_empty());
    check_evidence(text, &evs);
}

#[test]
fn shoot_down_targets_the_launcher() {
    let evs = run(
        "The U.S. Navy said its forces shot down a cruise missile fired from a Houthi-controlled area of Yemen.",
        None,
    );
    find(&evs, "ATTACK", Some("USA"), Some("Houthis"));
}

#[test]
fn light_verb_noun_with_time_word_subject() {
    let evs = run(
        "The Pentagon today announced a new security assistance package for Ukraine.",
        Some("2024-04-24"),
    );
    let e = find(&evs, "TRANSFER", Some("USA"), Some("UKR"));
    assert_eq!(e["status"], "planned");
    assert_eq!(e["time"]["start"], "2024-04-24");
}

#[test]
fn statement_voice_is_the_claimant() {
    let text = "Statement by National Security Council Spokesperson John Kirby\n\n\
We call on Russia to withdraw its forces from Ukraine.";
    let evs = run(text, None);
    let e = find(&evs, "REQUEST", Some("USA"), Some("RUS"));
    assert_eq!(id(&e["attribution"][0]), Some("John Kirby"));
}

#[test]
fn attack_on_a_city_targets_its_state() {
    let text = "Rescuers in the town of Sloviansk searched the rubble on Thursday after a Russian rocket attack on an apartment block killed nine people.";
    let evs = run(text, Some("2024-03-08"));
    let e = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    assert_eq!(e["place"]["name"], "Sloviansk");
    check_evidence(text, &evs);
}

#[test]
fn a_date_hung_on_the_object_still_dates_the_event() {
    // the parser may hang "on March 2" on the object noun phrase; the two
    // launches have different dates and stay two events
    let text = "A military spokesman said the Russian army fired one of those missiles into Ukraine on March 2.\n\nThey fired more missiles a few days later.";
    let evs = run(text, Some("2024-03-20"));
    let attacks: Vec<&Value> = evs.iter().filter(|e| e["type"] == "ATTACK").collect();
    assert_eq!(attacks.len(), 2, "{evs:#?}");
    assert!(attacks.iter().any(|e| e["time"]["start"] == "2024-03-02"));
    assert!(attacks.iter().any(|e| e["time"]["granularity"] == "approx"
        && e["time"]["start"]
            .as_str()
            .is_some_and(|s| s > "2024-03-02")));
}

#[test]
fn days_after_dates_the_earlier_event_back() {
    let text = "Iranian forces fired missiles at Israel on Sunday.\n\nThe barrage came days after Israel carried out airstrikes on Iran.";
    let evs = run(text, Some("2024-04-16"));
    let e = find(&evs, "ATTACK", Some("ISR"), Some("IRN"));
    let end = e["time"]["end"].as_str().expect("an end");
    assert!(end < "2024-04-14", "{e:#?}");
}

#[test]
fn two_subjects_and_a_missile_fired_toward_a_ship() {
    let text = "Officials said the United States and Britain carried out airstrikes on Houthi targets in Yemen.\n\nThe U.S. military said Sunday it shot down a cruise missile fired from a Houthi-controlled area of Yemen toward a U.S. Navy destroyer.";
    let evs = run(text, Some("2024-01-15"));
    find(&evs, "ATTACK", Some("USA"), Some("Houthis"));
    find(&evs, "ATTACK", Some("GBR"), Some("Houthis"));
    find(&evs, "ATTACK", Some("Houthis"), Some("USA"));
    check_evidence(text, &evs);
}

#[test]
fn title_case_headline_is_read_as_a_sentence() {
    let text = "Japan Strongly Condemns North Korean Missile Launch\n\nTOKYO — The government spoke on Friday.";
    let evs = run(text, Some("2024-05-10"));
    find(&evs, "ACCUSE", Some("JPN"), Some("PRK"));
}

#[test]
fn a_call_to_condemn_is_not_a_condemnation() {
    let text =
        "The Security Council must denounce the North Korean missile launch, the ambassador wrote.";
    let evs = run(text, Some("2024-05-10"));
    assert!(evs.iter().all(|e| e["type"] != "ACCUSE"), "{evs:#?}");
}

#[test]
fn weapons_named_as_subject_are_used_by_their_recipient() {
    let text = "Iran has delivered hundreds of Shahed drones to Russia, a U.S. official said.\n\nThose drones have since been launched into Ukraine, striking power stations.";
    let evs = run(text, Some("2024-02-01"));
    find(&evs, "TRANSFER", Some("IRN"), Some("RUS"));
    let e = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    assert!(
        e["rule"].as_str().unwrap().contains("transfer-recipient"),
        "{e:#?}"
    );
}

#[test]
fn an_attack_blamed_on_someone() {
    let text = "Nine people were killed in a missile strike on a market in Kharkiv, which Kyiv blamed on Russian forces.";
    let evs = run(text, Some("2024-02-01"));
    let e = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    assert_eq!(e["place"]["name"], "Kharkiv");
}

#[test]
fn a_quoted_paragraph_is_attributed_to_its_speaker() {
    let text = "North Korea has become a supplier of arms to Moscow, said Ambassador Linda Thomas-Greenfield.\n\n\u{201c}Since last year, the DPRK has transferred thousands of artillery shells to Russia for use against Ukraine.\u{201d}";
    let evs = run(text, Some("2024-02-01"));
    let e = find(&evs, "TRANSFER", Some("PRK"), Some("RUS"));
    assert_eq!(
        e["attribution"][0]["id"], "Linda Thomas-Greenfield",
        "{e:#?}"
    );
}

#[test]
fn a_vocative_is_not_the_subject() {
    let text = "Colleagues, since March, Iran has transferred hundreds of drones to Russia for use against Ukraine.";
    let evs = run(text, Some("2024-06-01"));
    find(&evs, "TRANSFER", Some("IRN"), Some("RUS"));
}

#[test]
fn two_requests_in_one_sentence_stay_two() {
    let text = "The United States urged all nations to reject the tests and called on Iran to return to talks.";
    let evs = run(text, Some("2024-06-01"));
    let requests = evs.iter().filter(|e| e["type"] == "REQUEST").count();
    assert_eq!(requests, 2, "{evs:#?}");
}

#[test]
fn a_long_official_name_does_not_derail_the_parse() {
    let text = "WASHINGTON, May 2, 2024 - The State Department has made a determination approving a possible Foreign Military Sale to the Taipei Economic and Cultural Representative Office in the United States of Stinger missiles and related equipment for an estimated cost of $90 million.";
    let evs = run(text, None);
    let e = find(&evs, "TRANSFER", Some("USA"), Some("TWN"));
    assert_eq!(e["status"], "planned", "{e:#?}");
}

#[test]
fn a_speaker_label_with_a_middle_initial() {
    let text = "PRESS SECRETARY JOHN F. KIRBY: Good afternoon.\n\nWe have sent more artillery shells to Ukraine this week.";
    let evs = run(text, Some("2024-06-01"));
    let e = find(&evs, "TRANSFER", Some("USA"), Some("UKR"));
    assert_eq!(e["attribution"][0]["id"], "John Kirby", "{e:#?}");
}

#[test]
fn drones_sent_toward_a_city_are_an_attack_attributed_to_the_mayor() {
    let text = "Odesa Mayor Hennadiy Trukhanov said Tuesday that Russia sent 25 drones toward the city of Odesa overnight.";
    let evs = run(text, Some("2024-06-04"));
    let e = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    assert_eq!(e["place"]["name"], "Odesa", "{e:#?}");
    assert_ne!(e["attribution"][0]["name"], "Odesa", "{e:#?}");
    assert!(evs.iter().all(|e| e["type"] != "TRANSFER"), "{evs:#?}");
}

#[test]
fn money_in_a_transfer_and_a_plan_stated_with_will() {
    let text = "Canada will provide $2.1 billion in security assistance to Ukraine, the defence minister said.\n\nNorway pledged $500 million in humanitarian aid to Ukraine.";
    let evs = run(text, Some("2024-06-01"));
    let e = find(&evs, "TRANSFER", Some("CAN"), Some("UKR"));
    assert_eq!(e["status"], "planned", "{e:#?}");
    let money: Vec<&Value> = e["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["category"] == "funding")
        .collect();
    assert_eq!(money.len(), 1, "{e:#?}");
    assert_eq!(money[0]["amount"].as_f64(), Some(2.1e9));
    assert_eq!(money[0]["currency"], "USD");
    let a = find(&evs, "AID", Some("NOR"), Some("UKR"));
    assert!(a["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["amount"].as_f64() == Some(5e8)));
    // "Ukraine, the defence minister said" is no list of recipients
    assert!(evs.iter().all(|e| id(&e["target"]) != Some("CAN")));
}

#[test]
fn a_later_delivery_with_no_recipient_goes_to_the_earlier_one() {
    let text = "Germany delivered two more IRIS-T air defence systems to Ukraine on Monday.\n\nGermany will also be providing $90 million in arms and equipment under earlier contracts.";
    let evs = run(text, Some("2024-06-05"));
    let ts: Vec<&Value> = evs
        .iter()
        .filter(|e| e["type"] == "TRANSFER" && id(&e["actor"]) == Some("DEU"))
        .collect();
    assert!(
        !ts.is_empty() && ts.iter().all(|e| id(&e["target"]) == Some("UKR")),
        "{evs:#?}"
    );
}

#[test]
fn passives_name_the_agent_as_actor() {
    let text = "Mykolaiv was shelled by Russian forces on Wednesday.\n\nArmenia was supplied with Pinaka rocket launchers by India.\n\nFour Turkish firms were sanctioned by the U.S. Treasury on Tuesday.";
    let evs = run(text, Some("2024-06-14"));
    let a = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    assert_eq!(a["place"]["name"], "Mykolaiv");
    find(&evs, "TRANSFER", Some("IND"), Some("ARM"));
    // unnamed firms stay an open target
    find(&evs, "SANCTION", Some("USA"), None);
}

#[test]
fn a_double_object_sends_to_the_first() {
    let text = "The Netherlands is sending Ukraine another $300 million in weapons.";
    let evs = run(text, Some("2024-06-14"));
    find(&evs, "TRANSFER", Some("NLD"), Some("UKR"));
}

#[test]
fn a_denied_act_is_not_recorded_as_happening() {
    let text = "China has denied supplying weapons to Russia.";
    let evs = run(text, Some("2024-06-14"));
    let d = find(&evs, "DENY", Some("CHN"), None);
    assert!(evs.iter().all(|e| e["type"] != "TRANSFER"), "{evs:#?}");
    // what it denies is kept with the denial, for the store to match
    assert_eq!(d["denies"][0]["type"], "TRANSFER", "{d:#}");
    assert_eq!(d["denies"][0]["actor"]["id"], "CHN");
    assert_eq!(d["denies"][0]["target"]["id"], "RUS");
}

#[test]
fn a_denial_names_what_it_denies_and_other_records_carry_no_denies() {
    let text = "Belarus has sent tanks to Russia, Lithuanian officials said on Friday.\n\nMinsk rejected the claim that it had sent tanks to Russia.";
    let evs = run(text, Some("2024-09-06"));
    let t = find(&evs, "TRANSFER", Some("BLR"), Some("RUS"));
    assert!(t.get("denies").is_none());
    // the claimant the parse hung on the object ("tanks …, officials")
    assert_eq!(t["attribution"][0]["id"], "LTU", "{t:#}");
    let d = find(&evs, "DENY", Some("BLR"), None);
    assert_eq!(d["denies"][0]["type"], "TRANSFER", "{d:#}");
    assert_eq!(d["denies"][0]["actor"]["id"], "BLR");
    assert_eq!(d["denies"][0]["target"]["id"], "RUS");
}

#[test]
fn threats_name_whom_they_are_aimed_at() {
    let text = "North Korea Threatens Response to Joint Drills\n\nNorth Korea on Tuesday threatened to take overwhelming action against the United States and South Korea over their joint drills.\n\nThe Kremlin warned NATO that sending troops to Ukraine would lead to a direct conflict with Russia.\n\nIran has vowed to retaliate against Israel.\n\nThe agency warned of heavy rain in the capital.";
    let evs = run(text, Some("2024-03-12"));
    let prk: Vec<&Value> = evs
        .iter()
        .filter(|e| e["type"] == "THREATEN" && id(&e["actor"]) == Some("PRK"))
        .collect();
    assert_eq!(prk.len(), 2, "{evs:#?}");
    assert!(prk.iter().all(|e| e["target"].is_object()));
    find(&evs, "THREATEN", Some("RUS"), Some("NATO"));
    find(&evs, "THREATEN", Some("IRN"), Some("ISR"));
    assert_eq!(
        evs.iter().filter(|e| e["type"] == "THREATEN").count(),
        4,
        "{evs:#?}"
    );
}

#[test]
fn rejecting_a_motion_is_no_denial() {
    let text = "Germany's parliament rejected a motion to send Taurus cruise missiles to Ukraine.\n\nThe Kremlin rejected the accusations as baseless.";
    let evs = run(text, Some("2024-06-14"));
    let denials: Vec<&Value> = evs.iter().filter(|e| e["type"] == "DENY").collect();
    assert_eq!(denials.len(), 1, "{evs:#?}");
    assert_eq!(id(&denials[0]["actor"]), Some("RUS"));
}

#[test]
fn a_trailing_reporting_clause_is_the_claimant() {
    let text = "Iran has supplied Hezbollah with rockets for years, Israeli officials say.";
    let evs = run(text, Some("2024-06-14"));
    let e = find(&evs, "TRANSFER", Some("IRN"), Some("Hezbollah"));
    assert_eq!(e["attribution"][0]["id"], "ISR", "{e:#?}");
}

#[test]
fn a_briefing_speaks_for_its_department() {
    let text = "MAJ. GEN. PAT RYDER: Good afternoon, everyone.\n\nToday, Secretary Austin met with his counterpart from Japan. The two leaders agreed to expand cooperation on missile defense.\n\nAlso, the department announced a new $250 million package of security assistance for Ukraine.\n\nQ: Did Russia fire missiles at Kyiv overnight?\n\nMAJ. GEN. PAT RYDER: The weather has been cold, but I have nothing to read out on that.";
    let evs = run(text, Some("2024-01-10"));
    let c = evs
        .iter()
        .find(|e| e["type"] == "COOPERATE")
        .unwrap_or_else(|| panic!("{evs:#?}"));
    let pair = [id(&c["actor"]), id(&c["target"])];
    assert!(
        pair.contains(&Some("USA")) && pair.contains(&Some("JPN")),
        "{c:#?}"
    );
    let t = find(&evs, "TRANSFER", Some("USA"), Some("UKR"));
    assert_eq!(t["status"], "planned");
    assert!(t["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["amount"].as_f64() == Some(2.5e8)));
    assert_eq!(evs.len(), 2, "{evs:#?}");
}

#[test]
fn a_progressive_trigger_is_a_verb() {
    let text = "WASHINGTON — Today, the U.S. Department of the Treasury is imposing sanctions on nearly 400 individuals and entities that help Russia.";
    let evs = run(text, Some("2024-10-30"));
    let e = find(&evs, "SANCTION", Some("USA"), None);
    assert_eq!(e["time"]["start"], "2024-10-30", "{e:#?}");
}

#[test]
fn raising_verbs_and_plans_read_as_nouns() {
    let text = "Russia is believed to have received more than 1 million artillery shells from North Korea since August, according to South Korean intelligence.\n\nArmenia plans to buy air defense systems from France.";
    let evs = run(text, Some("2024-08-02"));
    let e = find(&evs, "TRANSFER", Some("PRK"), Some("RUS"));
    assert_eq!(e["certainty"], "probable");
    assert_eq!(e["items"][0]["quantity"].as_f64(), Some(1e6), "{e:#?}");
    assert_eq!(e["items"][0]["qualifier"], "more than");
    assert_eq!(e["time"]["start"], "2024-08");
    let p = find(&evs, "TRANSFER", Some("FRA"), Some("ARM"));
    assert_eq!(p["status"], "planned");
}

#[test]
fn taking_delivery_and_training_troops() {
    let text = "India has taken delivery of the last S-400 squadron from Russia.\n\nPoland will train Ukrainian soldiers.\n\nThe coach will train young athletes.";
    let evs = run(text, Some("2024-08-02"));
    find(&evs, "TRANSFER", Some("RUS"), Some("IND"));
    let c = evs
        .iter()
        .filter(|e| e["type"] == "COOPERATE")
        .collect::<Vec<_>>();
    assert_eq!(c.len(), 1, "{evs:#?}");
}

#[test]
fn a_named_claimant_wins_over_a_headline_officials_say() {
    let text = "Iran Delivers Ballistic Missiles to Russia, Officials Say\n\nWASHINGTON, Sept. 10 (Wire) — Iran has delivered short-range ballistic missiles to Russia, U.S. Secretary of State Antony Blinken said on Tuesday.";
    let evs = run(text, Some("2024-09-10"));
    let e = find(&evs, "TRANSFER", Some("IRN"), Some("RUS"));
    assert_eq!(e["attribution"][0]["id"], "Antony Blinken", "{e:#?}");
    assert_eq!(e["evidence"].as_array().unwrap().len(), 2);
}

#[test]
fn a_foreign_military_sale_notice() {
    let text = "Norway – AIM-120D Missiles\n\nWASHINGTON, April 2, 2024 – The State Department has made a determination approving a possible Foreign Military Sale to the Government of Norway of AIM-120D Advanced Medium-Range Air-to-Air Missiles and related equipment for an estimated cost of $1.2 billion. The Defense Security Cooperation Agency delivered the required certification notifying Congress of this possible sale today.";
    let evs = run(text, None);
    let e = find(&evs, "TRANSFER", Some("USA"), Some("NOR"));
    assert_eq!(e["status"], "planned");
    assert_eq!(e["time"]["start"], "2024-04-02");
    assert_eq!(e["items"][0]["category"], "missile");
    assert_eq!(evs.len(), 1, "{evs:#?}");
}

#[test]
fn companies_by_their_legal_suffix() {
    let text = "The Treasury Department sanctioned Shenzhen Blue Sky Technology Co., Ltd. and Zhejiang Micro LLC for supplying drone parts to Russia.";
    let evs = run(text, Some("2024-06-01"));
    find(
        &evs,
        "SANCTION",
        Some("USA"),
        Some("Shenzhen Blue Sky Technology Co., Ltd."),
    );
    find(&evs, "SANCTION", Some("USA"), Some("Zhejiang Micro LLC"));
}

#[test]
fn a_day_and_a_stretch_are_two_attacks_and_a_threatened_strike_is_the_threat() {
    let text = "Russia launched a massive missile attack on Ukraine's power grid on Sunday, officials said.\n\nEarlier this month, Russian drones struck the port of Odesa.\n\nThe next day, Iran threatened to strike Israel.";
    let evs = run(text, Some("2024-11-18"));
    let attacks: Vec<&Value> = evs.iter().filter(|e| e["type"] == "ATTACK").collect();
    assert_eq!(attacks.len(), 2, "{evs:#?}");
    assert!(attacks.iter().all(|e| id(&e["actor"]) == Some("RUS")));
    find(&evs, "THREATEN", Some("IRN"), Some("ISR"));
}

#[test]
fn unnamed_airlines_and_banks_are_no_state() {
    let text = "The European Union imposed sanctions on five Iranian airlines.\n\nBritain sanctioned three Russian banks on Monday.";
    let evs = run(text, Some("2024-06-01"));
    find(&evs, "SANCTION", Some("EU"), None);
    find(&evs, "SANCTION", Some("GBR"), None);
}

#[test]
fn attacks_on_two_cities_stay_two() {
    let text = "Russian airstrikes on the city of Kharkiv early Monday destroyed a school, officials said.\n\nThe strikes came as rescuers in the town of Sloviansk searched for survivors from a Russian rocket attack on a five-story apartment building Saturday that killed 12 people.";
    let evs = run(text, Some("2024-07-08"));
    let attacks: Vec<&Value> = evs.iter().filter(|e| e["type"] == "ATTACK").collect();
    assert_eq!(attacks.len(), 2, "{evs:#?}");
    let sloviansk = attacks
        .iter()
        .find(|e| e["place"]["name"] == "Sloviansk")
        .unwrap_or_else(|| panic!("{attacks:#?}"));
    assert_eq!(sloviansk["time"]["start"], "2024-07-06");
}

#[test]
fn question_labels_are_skipped_and_announced_sanctions_are_imposed() {
    let text = "MR MILLER: Good afternoon. Today the United States is announcing new sanctions against 12 entities that support Iran's drone program.\n\nQUESTION: Do you have any reaction to reports that China is sending weapons to Russia?\n\nMR MILLER: We are watching closely.";
    let evs = run(text, Some("2024-03-05"));
    let e = find(&evs, "SANCTION", Some("USA"), None);
    assert_eq!(e["status"], "occurred");
    assert!(evs.iter().all(|e| e["type"] != "TRANSFER"), "{evs:#?}");
}

#[test]
fn the_victim_of_a_condemned_attack_is_not_the_accused() {
    let text = "UN Condemns Deadly Missile Attack on Ukraine Railway Station\n\nThe minister discussed the proposal to send MiG-29 fighter aircraft to Ukraine.";
    let evs = run(text, Some("2024-06-01"));
    let a = evs
        .iter()
        .find(|e| e["type"] == "ACCUSE")
        .unwrap_or_else(|| panic!("{evs:#?}"));
    assert!(a["target"].is_null(), "{a:#?}");
    let t = find(&evs, "TRANSFER", None, Some("UKR"));
    assert_eq!(t["status"], "hypothetical");
}

#[test]
fn officials_in_a_capital_are_no_target() {
    let text = "North Korea launched a ballistic missile on Monday, officials in Tokyo said.";
    let evs = run(text, Some("2025-03-11"));
    find(&evs, "TEST", Some("PRK"), None);
    assert!(evs.iter().all(|e| e["type"] != "ATTACK"), "{evs:#?}");
}

#[test]
fn a_possessor_before_a_dated_launch_is_its_actor() {
    let text = "Japan condemns in the strongest terms the Democratic People's Republic of Korea, or DPRK's, March 3 launch of a ballistic missile.";
    let evs = run(text, Some("2025-03-05"));
    let t = find(&evs, "TEST", Some("PRK"), None);
    assert_eq!(t["time"]["start"], "2025-03-03");
}

#[test]
fn them_after_unnamed_companies_is_not_the_last_target() {
    let text = "Kyiv said Russian drones struck energy facilities in the Odesa region overnight.\n\nThe European Union imposed sanctions on three Iranian companies last month, accusing them of supplying drone engines to Russia.";
    let evs = run(text, Some("2024-06-01"));
    let a = evs
        .iter()
        .find(|e| e["type"] == "ACCUSE")
        .unwrap_or_else(|| panic!("{evs:#?}"));
    assert!(a["target"].is_null(), "{a:#?}");
}

#[test]
fn a_combined_missile_and_drone_attack_launched_on_a_country_is_an_attack() {
    let text = "Russian forces launched a massive missile and drone attack on Ukraine's energy infrastructure overnight, the Ukrainian air force said.";
    let evs = run(text, Some("2024-10-15"));
    let a = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    let cats: Vec<&str> = a["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["category"].as_str().unwrap())
        .collect();
    assert!(
        cats.contains(&"drone") && cats.contains(&"missile"),
        "{a:#}"
    );
    assert!(evs.iter().all(|e| e["type"] != "TEST"), "{evs:#?}");
}

#[test]
fn drones_launched_at_no_one_named_are_no_weapons_test() {
    let text = "Russia launched 20 missiles and 50 drones overnight, the air force said.";
    let evs = run(text, Some("2024-10-15"));
    assert!(evs.iter().all(|e| e["type"] != "TEST"), "{evs:#?}");
    // in a story about strikes on Ukraine, they are another attack on it
    let story = "Russian missiles struck Kyiv on Monday, killing two people.\n\nRussia launched 20 missiles and 50 drones overnight, the air force said.";
    let evs = run(story, Some("2024-10-15"));
    assert!(evs.iter().all(|e| e["type"] != "TEST"), "{evs:#?}");
    assert!(evs
        .iter()
        .all(|e| e["type"] != "ATTACK" || id(&e["target"]) == Some("UKR")));
}

#[test]
fn an_announced_security_package_listing_weapons_is_a_planned_transfer_dated_by_its_announcement() {
    let text = "The Pentagon announced a new $425 million security assistance package for Ukraine on Thursday, including Stinger missiles and artillery rounds.";
    let evs = run(text, Some("2024-10-15"));
    let t = find(&evs, "TRANSFER", Some("USA"), Some("UKR"));
    assert_eq!(t["status"], "planned");
    // the last Thursday: the announcement is past, though the delivery is not
    assert_eq!(t["time"]["start"], "2024-10-10", "{t:#}");
    let cats: Vec<&str> = t["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["category"].as_str().unwrap())
        .collect();
    assert!(cats.contains(&"ammunition"), "{t:#}");
    assert!(evs.iter().all(|e| e["type"] != "AID"), "{evs:#?}");
}

#[test]
fn a_package_of_sanctions_is_no_aid() {
    let text = "The European Union adopted its 14th package of sanctions against Russia on Monday.";
    let evs = run(text, Some("2024-06-25"));
    find(&evs, "SANCTION", Some("EU"), Some("RUS"));
    assert!(evs.iter().all(|e| e["type"] != "AID"), "{evs:#?}");
}

#[test]
fn quantities_before_the_object_do_not_hide_it() {
    let text = "Russia has fired at least 50 North Korean ballistic missiles at Ukraine since December, Ukrainian prosecutors said.\n\nNorth Korea is believed to have shipped more than a million artillery shells to Russia.";
    let evs = run(text, Some("2024-10-15"));
    let a = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    assert_eq!(a["items"][0]["category"], "ballistic_missile", "{a:#}");
    let t = find(&evs, "TRANSFER", Some("PRK"), Some("RUS"));
    assert_eq!(t["items"][0]["category"], "ammunition", "{t:#}");
    assert_eq!(t["certainty"], "probable");
    // "is believed": said by no one named, and not by North Korea
    assert!(t["attribution"].as_array().unwrap().is_empty(), "{t:#}");
}

#[test]
fn a_sale_names_its_recipient_and_a_designation_with_its_noun_is_one_item() {
    let text = "The State Department approved a possible sale of F-16 fighter jets to Turkey worth $23 billion.\n\nTurkey agreed to sell Bayraktar drones to Poland.";
    let evs = run(text, Some("2024-01-27"));
    let t = find(&evs, "TRANSFER", Some("USA"), Some("TUR"));
    assert_eq!(t["status"], "planned");
    let jets: Vec<&Value> = t["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["category"] == "combat_aircraft")
        .collect();
    assert_eq!(jets.len(), 1, "{t:#}");
    assert_eq!(jets[0]["text"], "F-16 fighter jets");
    let p = find(&evs, "TRANSFER", Some("TUR"), Some("POL"));
    assert_eq!(p["items"].as_array().unwrap().len(), 1, "{p:#}");
    assert_eq!(p["items"][0]["text"], "Bayraktar drones");
}

#[test]
fn dismissing_reports_is_a_denial_and_dismissing_a_minister_is_not() {
    let evs = run(
        "The Kremlin dismissed reports that North Korean troops were fighting in Ukraine.",
        Some("2024-10-15"),
    );
    find(&evs, "DENY", Some("RUS"), None);
    let evs = run(
        "President Putin dismissed his defence minister on Sunday.",
        Some("2024-05-13"),
    );
    assert!(evs.is_empty(), "{evs:#?}");
}

#[test]
fn shooting_down_some_of_the_drones_an_attacker_launched() {
    let evs = run(
        "Ukraine's military said it shot down 37 of 45 drones launched by Russia overnight.",
        Some("2024-10-15"),
    );
    let a = find(&evs, "ATTACK", Some("UKR"), Some("RUS"));
    assert_eq!(a["items"][0]["category"], "drone");
}

#[test]
fn an_attack_that_damaged_something_in_a_state_targets_that_state() {
    let text = "A Ukrainian drone attack damaged an oil depot in Russia's Bryansk region on Sunday.\n\nA Russian missile attack destroyed a grain terminal in Ukraine's Odesa region.";
    let evs = run(text, Some("2024-10-15"));
    // (a paragraph opening with "A" is one sentence, not an answer marker)
    find(&evs, "ATTACK", Some("UKR"), Some("RUS"));
    find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    check_evidence(text, &evs);
    assert!(evs
        .iter()
        .all(|e| e["evidence"][0]["text"].as_str().unwrap().starts_with("A ")));
}

#[test]
fn the_ways_governments_word_sanctions() {
    let text = "The United Kingdom has today sanctioned four Russian military intelligence officers for their role in cyber attacks.\n\nToday, the Treasury's Office of Foreign Assets Control (OFAC) designated 12 entities and individuals involved in procuring drone components.\n\nJapan will impose export bans on 60 Russian organizations, the trade ministry said.\n\nBritain froze the assets of Russia's central bank.";
    let evs = run(text, Some("2024-10-15"));
    check_evidence(text, &evs);
    // officers act for their state; unnamed companies and organisations are
    // no state (GUIDELINES 10, 12)
    find(&evs, "SANCTION", Some("GBR"), Some("RUS"));
    find(&evs, "SANCTION", Some("USA"), None);
    let jp = find(&evs, "SANCTION", Some("JPN"), None);
    assert_eq!(jp["status"], "planned");
    // (the freeze, undated, is taken for the same British measure)
    let gb = find(&evs, "SANCTION", Some("GBR"), Some("RUS"));
    assert_eq!(gb["evidence"].as_array().unwrap().len(), 2);
    assert_eq!(evs.len(), 3, "{evs:#?}");
    let evs = run(
        "Washington added 12 Chinese firms to the Entity List.",
        Some("2024-10-15"),
    );
    let list = find(&evs, "SANCTION", Some("USA"), None);
    // adding is no saying
    assert!(list["attribution"].as_array().unwrap().is_empty());
}

#[test]
fn designating_or_freezing_something_else_is_no_sanction() {
    let text = "The Pentagon designated a new commander for the mission.\n\nCivilians gathered in a designated area.\n\nThe ministry froze hiring in March.";
    let evs = run(text, Some("2024-10-15"));
    assert!(evs.is_empty(), "{evs:#?}");
}

#[test]
fn would_in_reported_speech_is_a_plan_unless_a_condition_goes_with_it() {
    let evs = run(
        "Secretary of State Antony Blinken said the United States would provide an additional $2 billion in military aid to Ukraine.",
        Some("2024-09-11"),
    );
    assert_eq!(
        find(&evs, "TRANSFER", Some("USA"), Some("UKR"))["status"],
        "planned"
    );
    let evs = run(
        "Officials said Germany would send tanks to Ukraine if the United States did.",
        Some("2023-01-20"),
    );
    assert_eq!(
        find(&evs, "TRANSFER", Some("DEU"), Some("UKR"))["status"],
        "hypothetical"
    );
}

#[test]
fn tests_that_a_leader_oversaw_or_that_were_test_fired() {
    let text = "North Korean leader Kim Jong Un oversaw the test of a new multiple rocket launcher, state media reported.\n\nNorth Korea conducted a test-firing of a hypersonic missile on Tuesday.\n\nKim Jong Un guided a test-fire of new cruise missiles, KCNA said.";
    let evs = run(text, Some("2024-10-15"));
    check_evidence(text, &evs);
    let tests: Vec<&Value> = evs.iter().filter(|e| e["type"] == "TEST").collect();
    assert!(tests.iter().all(|e| id(&e["actor"]) == Some("PRK")));
    // the rocket launcher's test is not the missiles' (a missile of unstated
    // kind may be the cruise missiles, so those two are one record)
    assert_eq!(tests.len(), 2, "{evs:#?}");
    assert!(tests.iter().any(|e| {
        e["items"].as_array().unwrap().len() == 1 && e["items"][0]["category"] == "rocket_artillery"
    }));
    assert!(tests.iter().any(|e| e["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["category"] == "cruise_missile")));
}

#[test]
fn weapons_used_by_a_state_to_attack_are_its_attack() {
    let evs = run(
        "Iranian-made Shahed drones have been used by Russia to attack Ukrainian cities.",
        Some("2024-10-15"),
    );
    let a = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    assert_eq!(a["items"][0]["category"], "drone");
}

#[test]
fn a_receiver_names_its_supplier_and_a_missile_fired_at_an_interceptor_is_no_test() {
    let text = "India has received the first batch of S-400 air defence systems from Russia.\n\nIsrael intercepted a ballistic missile fired from Yemen on Sunday, the military said.";
    let evs = run(text, Some("2024-10-15"));
    find(&evs, "TRANSFER", Some("RUS"), Some("IND"));
    assert!(evs.iter().all(|e| e["type"] != "TEST"), "{evs:#?}");
}

#[test]
fn joint_exercises_are_cooperation_and_one_state_s_drills_are_not() {
    let text = "China and Russia held joint naval exercises in the Sea of Japan last week.\n\nRussia held naval exercises in the Baltic.\n\nFirefighters held a drill on Monday.";
    let evs = run(text, Some("2024-10-15"));
    let c = find(&evs, "COOPERATE", Some("CHN"), Some("RUS"));
    assert_eq!(c["time"]["granularity"], "approx");
    assert_eq!(evs.len(), 1, "{evs:#?}");
}

#[test]
fn a_wire_story_with_a_dateline_a_hyphened_maker_and_a_condemnation() {
    let text = "KYIV, Nov 4 (Reuters) - Russia fired at least two North Korean-made ballistic missiles at Kyiv on Sunday, Ukraine's military intelligence said.\n\nThe United States condemned the strike on Monday.";
    let evs = run(text, Some("2024-11-04"));
    check_evidence(text, &evs);
    let a = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    // the dateline is not part of the evidence sentence
    assert!(a["evidence"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Russia fired"));
    assert_eq!(a["items"][0]["category"], "ballistic_missile", "{a:#}");
    assert_eq!(a["time"]["start"], "2024-11-03");
    // who is condemned for "the strike": who carried it out
    find(&evs, "ACCUSE", Some("USA"), Some("RUS"));
}

#[test]
fn a_dateline_date_dates_an_announcement_in_its_first_sentence() {
    let text = "WASHINGTON, March 3, 2025 - The State Department has approved a possible sale of F-16 fighter jets to Turkey.";
    let evs = run(text, None);
    let t = find(&evs, "TRANSFER", Some("USA"), Some("TUR"));
    assert_eq!(t["time"]["start"], "2025-03-03", "{t:#}");
    assert_eq!(t["status"], "planned");
}

#[test]
fn a_missile_delivery_story_with_sanctions_a_denial_and_earlier_suppliers() {
    let text = "Iran Sent Short-Range Missiles to Russia, U.S. Says\n\nIran has delivered close-range ballistic missiles to Russia, Secretary of State Antony Blinken said on Tuesday.\n\nRussia received the missiles last week, according to U.S. officials.\n\nIn response, the United States, Britain and France announced new sanctions on Iran Air.\n\nTehran rejected the accusation.\n\nRussia has previously received Shahed drones from Iran and artillery shells from North Korea.";
    let evs = run(text, Some("2024-09-10"));
    check_evidence(text, &evs);
    // the missiles: one event, dated by "last week" (the mention with an
    // open supplier joins the transfer of the same weapons)
    let missiles: Vec<&Value> = evs
        .iter()
        .filter(|e| {
            e["type"] == "TRANSFER"
                && e["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|i| i["category"] == "ballistic_missile")
        })
        .collect();
    assert_eq!(missiles.len(), 1, "{evs:#?}");
    assert_eq!(missiles[0]["time"]["granularity"], "approx");
    // each earlier supplier with its own items
    let drones = find(&evs, "TRANSFER", Some("IRN"), Some("RUS"));
    assert!(
        evs.iter().any(|e| e["type"] == "TRANSFER"
            && id(&e["actor"]) == Some("IRN")
            && e["items"][0]["category"] == "drone"),
        "{drones:#}"
    );
    let shells = find(&evs, "TRANSFER", Some("PRK"), Some("RUS"));
    assert_eq!(shells["items"][0]["category"], "ammunition");
    assert_eq!(shells["items"].as_array().unwrap().len(), 1);
    // announced sanctions are imposed, each announced by its imposer
    for st in ["USA", "GBR", "FRA"] {
        let s = find(&evs, "SANCTION", Some(st), Some("Iran Air"));
        assert_eq!(s["status"], "occurred");
        assert_eq!(id(&s["attribution"][0]), Some(st), "{s:#}");
    }
    // "the accusation": the transfer told before
    let d = find(&evs, "DENY", Some("IRN"), None);
    assert_eq!(d["denies"][0]["type"], "TRANSFER", "{d:#}");
    assert_eq!(d["denies"][0]["target"]["id"], "RUS");
}

#[test]
fn a_barrage_fired_at_cities_across_a_country_last_week() {
    let text = "Remarks at a Security Council Briefing\n\nColleagues, last week Russia launched one of its largest aerial assaults of the war, firing more than 120 missiles and 90 drones at cities across Ukraine.";
    let evs = run(text, Some("2024-07-10"));
    let a = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    assert_eq!(a["time"]["start"], "2024-07-01", "{a:#}");
    assert_eq!(a["items"].as_array().unwrap().len(), 2);
}

#[test]
fn receiving_a_shipment_names_its_recipient() {
    let evs = run(
        "Armenia received a shipment of howitzers from France on Monday.",
        Some("2024-10-15"),
    );
    let t = find(&evs, "TRANSFER", Some("FRA"), Some("ARM"));
    assert_eq!(t["items"][0]["category"], "artillery");
    let evs = run(
        "Russia will receive the first shipment of missiles next month.",
        Some("2024-10-15"),
    );
    let t = find(&evs, "TRANSFER", None, Some("RUS"));
    assert_eq!(t["status"], "planned");
}

#[test]
fn business_sport_weather_and_policing_hold_no_events() {
    let text = "Apple launched its new iPhone in California on Tuesday.\n\nThe company fired its chief executive after the scandal.\n\nDock workers went on strike in Rotterdam on Monday.\n\nBoeing delivered 40 aircraft to customers in March.\n\nMicrosoft and OpenAI signed a new deal worth $10 billion.\n\nThe league sanctioned the club for financial irregularities.\n\nToyota will supply batteries to Ford from next year.\n\nThe storm hit Florida on Wednesday, killing two people.\n\nStudents took the university entrance test on Thursday.";
    let evs = run(text, Some("2024-10-15"));
    assert!(evs.is_empty(), "{evs:#?}");
}

#[test]
fn the_weapons_of_an_attack_are_those_used_not_those_in_the_target() {
    let evs = run(
        "Ukraine struck a Russian ammunition depot in occupied Crimea with ATACMS missiles.",
        Some("2024-10-15"),
    );
    let a = find(&evs, "ATTACK", Some("UKR"), Some("RUS"));
    let cats: Vec<&str> = a["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["category"].as_str().unwrap())
        .collect();
    assert_eq!(cats, ["ballistic_missile"], "{a:#}");
}

#[test]
fn a_package_takes_the_capabilities_its_release_lists() {
    let text = "Pentagon Announces New Security Assistance for Ukraine\n\nToday, the Department of Defense announced additional security assistance for Ukraine.\n\nThe capabilities in this package include:\n- Stinger missiles;\n- Ammunition for HIMARS;\n- 155mm artillery rounds;\n- Javelin anti-armor systems.\n\nThe United States will keep working with its allies.";
    let evs = run(text, Some("2024-09-06"));
    check_evidence(text, &evs);
    let t = find(&evs, "TRANSFER", Some("USA"), Some("UKR"));
    let items: Vec<(&str, &str)> = t["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["category"].as_str().unwrap(), i["text"].as_str().unwrap()))
        .collect();
    for want in [
        ("air_defense", "Stinger missiles"),
        ("rocket_artillery", "HIMARS"),
        ("anti_tank", "Javelin anti-armor systems"),
    ] {
        assert!(items.contains(&want), "{want:?} in {items:?}");
    }
    assert!(t["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["text"] == "The capabilities in this package include:"));
    assert_eq!(evs.len(), 1, "{evs:#?}");
}

#[test]
fn a_missile_story_told_after_a_dateline_with_three_condemning_states() {
    let text = "SEOUL, SOUTH KOREA \u{2014} North Korea fired several short-range ballistic missiles off its east coast Tuesday, South Korea's military said, days after it tested a new intercontinental ballistic missile.\n\nThe United States, South Korea and Japan condemned the launches.";
    let evs = run(text, Some("2024-11-05"));
    check_evidence(text, &evs);
    // "it" of a clause of time is the main clause's subject, not the
    // reporting military's state
    assert!(
        evs.iter()
            .filter(|e| e["type"] == "TEST")
            .all(|e| id(&e["actor"]) == Some("PRK")),
        "{evs:#?}"
    );
    for st in ["USA", "KOR", "JPN"] {
        find(&evs, "ACCUSE", Some(st), Some("PRK"));
    }
}

#[test]
fn welcoming_foreign_troops_is_receiving_them_from_their_state() {
    let evs = run(
        "Russia has welcomed more than 10,000 North Korean troops onto its soil, officials said.",
        Some("2024-11-01"),
    );
    let t = find(&evs, "TRANSFER", Some("PRK"), Some("RUS"));
    assert_eq!(t["items"][0]["category"], "troops");
    let evs = run(
        "Poland welcomed the decision on Monday.",
        Some("2024-06-01"),
    );
    assert!(evs.is_empty(), "{evs:#?}");
}

#[test]
fn drones_sent_and_all_destroyed_and_a_wave_the_night_before() {
    let text = "Ukraine Says It Shot Down Russian Drones\n\nRussia attacked Ukraine overnight with dozens of drones, officials said on Monday.\n\nMayor Vitali Klitschko said Monday that Russia sent 40 drones toward the Kyiv region and that all of them were destroyed.\n\nThe latest attacks followed a wave the night before that included 45 Shahed drones that Ukrainian forces shot down.";
    let evs = run(text, Some("2023-01-02"));
    check_evidence(text, &evs);
    let downs: Vec<&Value> = evs
        .iter()
        .filter(|e| e["type"] == "ATTACK" && id(&e["actor"]) == Some("UKR"))
        .collect();
    // two nights, two downings: "overnight" and "the night before" are
    // not one night
    assert_eq!(downs.len(), 2, "{evs:#?}");
    assert!(downs.iter().all(|e| id(&e["target"]) == Some("RUS")));
    let starts: Vec<&str> = downs
        .iter()
        .filter_map(|e| e["time"]["start"].as_str())
        .collect();
    assert!(starts.contains(&"2022-12-31"), "{starts:?}");
    // the body's claimant, not the headline's state
    let kyiv = downs
        .iter()
        .find(|e| {
            e["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|sp| sp["text"].as_str().unwrap().contains("all of them"))
        })
        .expect("the downing of the 40 drones");
    assert_eq!(
        id(&kyiv["attribution"][0]),
        Some("Vitali Klitschko"),
        "{kyiv:#}"
    );
}

#[test]
fn destroying_something_other_than_weapons_is_no_downing() {
    let evs = run(
        "The fire destroyed three houses in the village on Monday.",
        Some("2023-01-02"),
    );
    assert!(evs.is_empty(), "{evs:#?}");
}

#[test]
fn aid_pledged_given_lent_or_announced_in_money() {
    let text = "The United States announced $500 million in humanitarian assistance for Gaza.\n\nBritain will give Ukraine 3 billion pounds a year.\n\nThe World Bank will lend Ukraine $1.5 billion to keep its government running.\n\nThe European Union approved a 50 billion euro aid package for Ukraine on Thursday.";
    let evs = run(text, Some("2024-10-15"));
    check_evidence(text, &evs);
    let gaza = find(&evs, "AID", Some("USA"), Some("PSE"));
    assert_eq!(gaza["items"][0]["amount"], 500_000_000, "{gaza:#}");
    find(&evs, "AID", Some("GBR"), Some("UKR"));
    find(&evs, "AID", Some("World Bank"), Some("UKR"));
    let eu = find(&evs, "AID", Some("EU"), Some("UKR"));
    // one funding item, the amount
    assert_eq!(eu["items"].as_array().unwrap().len(), 1, "{eu:#}");
    assert!(evs.iter().all(|e| e["type"] == "AID"), "{evs:#?}");
}

#[test]
fn hosting_weapons_is_receiving_them_and_a_pledge_to_send_is_no_aid() {
    let evs = run(
        "Belarus will host Russian tactical nuclear weapons, Lukashenko said.\n\nNATO allies pledged to send more air defence systems to Ukraine.\n\nPoland hosts about 10,000 U.S. troops.",
        Some("2023-03-26"),
    );
    assert_eq!(
        find(&evs, "TRANSFER", Some("RUS"), Some("BLR"))["status"],
        "planned"
    );
    find(&evs, "TRANSFER", Some("NATO"), Some("UKR"));
    assert!(evs.iter().all(|e| e["type"] == "TRANSFER"), "{evs:#?}");
    assert_eq!(evs.len(), 2, "{evs:#?}");
}

#[test]
fn air_defences_intercepting_most_of_the_missiles_another_state_fired() {
    let evs = run(
        "Israel said its air defences intercepted most of the 200 missiles Iran fired on Tuesday.",
        Some("2024-10-02"),
    );
    find(&evs, "ATTACK", Some("ISR"), Some("IRN"));
    assert!(evs.iter().all(|e| e["type"] != "TEST"), "{evs:#?}");
}

#[test]
fn intelligence_information_hedges_and_going_to_plans() {
    let text = "MR. KIRBY: We have new information that North Korea has provided Russia with additional artillery shells.\n\nWe're also going to continue to provide Ukraine with the air defense interceptors it needs.";
    let evs = run(text, Some("2024-03-05"));
    let t = find(&evs, "TRANSFER", Some("PRK"), Some("RUS"));
    assert_eq!(t["certainty"], "probable", "{t:#}");
    assert_eq!(t["status"], "occurred");
    let u = find(&evs, "TRANSFER", Some("USA"), Some("UKR"));
    assert_eq!(u["status"], "planned", "{u:#}");
}

#[test]
fn refusals_tests_of_instruments_travel_packages_and_self_transfers_are_no_events() {
    let text = "The electoral commission on Friday denied a request to postpone the vote.\n\nThe design depends on their testing schedule in Canada.\n\nI found an affordable tour package in Chennai, India.\n\nThe lab tested a new meter on Monday.";
    let evs = run(text, Some("2010-05-01"));
    assert!(evs.is_empty(), "{evs:#?}");
    // a denial of an act or of involvement still is one
    let evs = run(
        "Russia denied the attack on the hospital.\n\nIran denied any involvement.",
        Some("2024-07-09"),
    );
    find(&evs, "DENY", Some("RUS"), None);
    find(&evs, "DENY", Some("IRN"), None);
}

#[test]
fn an_invasion_of_a_state_and_any_attack_or_sale_as_a_generality() {
    let evs = run(
        "The Russian invasion of Ukraine began in February 2022.\n\nAny US attack on Iran could be perceived by China as a threat.\n\nChina opposes any arms sales to Taiwan.",
        Some("2024-10-15"),
    );
    let inv = find(&evs, "ATTACK", Some("RUS"), Some("UKR"));
    assert_eq!(inv["time"]["start"], "2022-02");
    assert_eq!(
        find(&evs, "ATTACK", Some("USA"), Some("IRN"))["status"],
        "hypothetical"
    );
    assert!(evs.iter().all(|e| e["type"] != "TRANSFER"), "{evs:#?}");
}

#[test]
fn the_treasury_designating_targets_is_a_sanction_and_an_army_designating_targets_is_not() {
    let evs = run(
        "Concurrently, the Department of the Treasury is designating nearly 200 targets.",
        Some("2024-06-12"),
    );
    find(&evs, "SANCTION", Some("USA"), None);
    let evs = run(
        "The Israeli army designated targets for the artillery.",
        Some("2024-06-12"),
    );
    assert!(evs.is_empty(), "{evs:#?}");
}

#[test]
fn a_designation_ending_in_a_number_is_no_count_of_its_noun() {
    let evs = run(
        "Germany approved the export of Leopard 2 tanks to Ukraine.",
        Some("2023-01-25"),
    );
    let t = find(&evs, "TRANSFER", Some("DEU"), Some("UKR"));
    let items = t["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{t:#}");
    assert_eq!(items[0]["text"], "Leopard 2 tanks");
    assert!(items[0].get("quantity").is_none(), "{t:#}");
}

#[test]
fn troops_sent_to_fight_alongside_another_state_s_forces_go_to_that_state() {
    let evs = run(
        "North Korea is sending troops to fight alongside Russian forces, Seoul said.\n\nBelarus sent troops to train alongside Chinese soldiers.",
        Some("2024-10-15"),
    );
    let t = find(&evs, "TRANSFER", Some("PRK"), Some("RUS"));
    assert_eq!(t["items"][0]["category"], "troops");
    assert_eq!(
        evs.iter().filter(|e| e["type"] == "TRANSFER").count(),
        1,
        "{evs:#?}"
    );
}
