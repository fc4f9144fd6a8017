//! The store on its own: idempotent ingest, versions, re-extraction and
//! merging across reports, with hand-written event records.

use serde_json::{json, Value};
use tidings_store::{DocInput, Outcome, Query, SqliteStore, Store};

fn doc(id: &str, text: &str, published: &str, source: &str) -> DocInput {
    DocInput {
        id: id.into(),
        text: text.into(),
        published: Some(published.into()),
        source: Some(source.into()),
        ..DocInput::default()
    }
}

fn ev(
    doc: &str,
    ty: &str,
    actor: &str,
    target: Option<&str>,
    time: Option<(&str, &str)>,
    evidence: &str,
) -> Value {
    json!({
        "schema": "tidings.event/1",
        "doc": doc,
        "type": ty,
        "actor": {"id": actor, "name": actor},
        "target": target.map(|t| json!({"id": t, "name": t})),
        "items": [],
        "time": time.map(|(s, e)| json!({"text": "t", "start": s, "end": e, "granularity": "day"})),
        "place": null,
        "status": "occurred",
        "certainty": "certain",
        "attribution": [],
        "evidence": [{"start": 0, "end": evidence.chars().count(), "text": evidence}],
        "confidence": 0.8,
    })
}

fn launch_story() -> Vec<(DocInput, Vec<Value>)> {
    let a = "Pyongyang fired a ballistic missile on Monday, Seoul said.";
    let b = "North Korea launched an intermediate-range missile into the sea.";
    let c = "The United States condemned the missile launch by the North.";
    vec![
        (
            doc("a", a, "2025-01-06", "Wire A"),
            vec![ev(
                "a",
                "TEST",
                "PRK",
                None,
                Some(("2025-01-06", "2025-01-06")),
                a,
            )],
        ),
        (
            doc("b", b, "2025-01-07", "Paper B"),
            vec![ev("b", "TEST", "PRK", None, None, b)],
        ),
        (
            doc("c", c, "2025-01-08", "Radio C"),
            vec![ev("c", "TEST", "PRK", None, None, c)],
        ),
    ]
}

#[test]
fn ingesting_twice_leaves_the_same_database() {
    let mut s = SqliteStore::in_memory().unwrap();
    let batch = launch_story();
    assert_eq!(s.ingest(&batch, "x1").unwrap(), vec![Outcome::Stored; 3]);
    let once = s.dump().unwrap();
    assert_eq!(s.ingest(&batch, "x1").unwrap(), vec![Outcome::Unchanged; 3]);
    assert_eq!(s.dump().unwrap(), once);
    assert!(s.is_current("a", &batch[0].0.text, "x1").unwrap());
    assert!(!s.is_current("a", &batch[0].0.text, "x2").unwrap());
}

#[test]
fn one_story_told_three_ways_is_one_event() {
    let mut s = SqliteStore::in_memory().unwrap();
    s.ingest(&launch_story(), "x1").unwrap();
    let evs = s.canonical_events(&Query::default()).unwrap();
    assert_eq!(evs.len(), 1, "{evs:#?}");
    let e = &evs[0];
    assert_eq!(e["documents"], json!(["a", "b", "c"]));
    assert_eq!(e["sources"], 3);
    assert_eq!(e["first_reported"], "2025-01-06");
    assert_eq!(e["last_reported"], "2025-01-08");
    assert_eq!(e["time"]["start"], "2025-01-06");
    assert_eq!(e["mentions"].as_array().unwrap().len(), 3);
    assert!(e["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .all(|sp| sp["doc"].is_string()));
    assert!(e["id"].as_str().unwrap().starts_with("ev-"));
    // the id is stable when the store is rebuilt from the same documents
    let mut again = SqliteStore::in_memory().unwrap();
    again.ingest(&launch_story(), "x1").unwrap();
    assert_eq!(
        again.canonical_events(&Query::default()).unwrap()[0]["id"],
        e["id"]
    );
}

#[test]
fn two_strikes_on_one_day_in_two_places_stay_two() {
    let t1 = "Russian missiles hit Kharkiv on Monday, officials said.";
    let t2 = "A Russian drone struck a port in Odesa on Monday.";
    let mut e1 = ev(
        "k",
        "ATTACK",
        "RUS",
        Some("UKR"),
        Some(("2024-07-08", "2024-07-08")),
        t1,
    );
    e1["place"] = json!({"id": "UKR", "name": "Kharkiv"});
    let mut e2 = ev(
        "o",
        "ATTACK",
        "RUS",
        Some("UKR"),
        Some(("2024-07-08", "2024-07-08")),
        t2,
    );
    e2["place"] = json!({"id": "UKR", "name": "Odesa"});
    let mut s = SqliteStore::in_memory().unwrap();
    s.ingest(
        &[
            (doc("k", t1, "2024-07-08", "A"), vec![e1]),
            (doc("o", t2, "2024-07-08", "B"), vec![e2]),
        ],
        "x1",
    )
    .unwrap();
    assert_eq!(s.counts().unwrap().canonical, 2);
}

#[test]
fn open_dated_reports_do_not_chain() {
    // three undated "Russia attacked Ukraine" reports five days apart: the
    // second joins the first, the third is compared with the canonical
    // event (not with the second) and stays apart
    let mut s = SqliteStore::in_memory().unwrap();
    let mk = |id: &str, p: &str| {
        let t = format!("Russia attacked Ukraine again, report {id} says.");
        (
            doc(id, &t, p, id),
            vec![ev(id, "ATTACK", "RUS", Some("UKR"), None, &t)],
        )
    };
    s.ingest(
        &[
            mk("d1", "2024-03-01"),
            mk("d2", "2024-03-06"),
            mk("d3", "2024-03-11"),
        ],
        "x1",
    )
    .unwrap();
    let evs = s.canonical_events(&Query::default()).unwrap();
    assert_eq!(evs.len(), 2, "{evs:#?}");
    let sizes: Vec<usize> = evs
        .iter()
        .map(|e| e["documents"].as_array().unwrap().len())
        .collect();
    assert!(sizes.contains(&2) && sizes.contains(&1), "{sizes:?}");
}

#[test]
fn changed_text_is_a_new_version_and_a_new_extractor_replaces_events() {
    let mut s = SqliteStore::in_memory().unwrap();
    let t1 = "Iran delivered drones to Russia on Tuesday.";
    let t2 = "Iran delivered drones and missiles to Russia on Tuesday.";
    let e = |t: &str| {
        ev(
            "n",
            "TRANSFER",
            "IRN",
            Some("RUS"),
            Some(("2024-05-07", "2024-05-07")),
            t,
        )
    };
    assert_eq!(
        s.ingest(&[(doc("n", t1, "2024-05-08", "A"), vec![e(t1)])], "x1")
            .unwrap(),
        [Outcome::Stored]
    );
    assert_eq!(
        s.ingest(&[(doc("n", t2, "2024-05-08", "A"), vec![e(t2)])], "x1")
            .unwrap(),
        [Outcome::NewVersion(2)]
    );
    let c = s.counts().unwrap();
    assert_eq!((c.documents, c.events, c.canonical), (2, 1, 1));
    let evs = s.canonical_events(&Query::default()).unwrap();
    assert_eq!(evs[0]["evidence"][0]["text"], t2);
    assert_eq!(
        s.ingest(&[(doc("n", t2, "2024-05-08", "A"), vec![])], "x2")
            .unwrap(),
        [Outcome::Reextracted]
    );
    let c = s.counts().unwrap();
    assert_eq!((c.documents, c.events, c.canonical), (2, 0, 0));
}

#[test]
fn copies_are_not_independent_and_one_spokesman_is_one_claimant() {
    let t = "North Korea fired a missile on Monday, a spokesman said.";
    let mut s = SqliteStore::in_memory().unwrap();
    let mk = |id: &str, src: &str| {
        let mut e = ev(
            id,
            "TEST",
            "PRK",
            None,
            Some(("2025-01-06", "2025-01-06")),
            t,
        );
        e["attribution"] = json!([{"id": "Lee Sung-jun", "name": "Lee Sung-jun"}]);
        (doc(id, t, "2025-01-06", src), vec![e])
    };
    s.ingest(
        &[
            mk("w1", "Wire"),
            mk("w2", "Reposter"),
            mk("w3", "Other Site"),
        ],
        "x1",
    )
    .unwrap();
    let e = &s.canonical_events(&Query::default()).unwrap()[0];
    assert_eq!(e["sources"], 3);
    assert_eq!(e["independent_sources"], 1);
    assert_eq!(e["claimants"], 1);
}

#[test]
fn queries_filter_by_type_actor_time_and_sources() {
    let mut s = SqliteStore::in_memory().unwrap();
    s.ingest(&launch_story(), "x1").unwrap();
    let t = "Iran delivered drones to Russia on Tuesday.";
    s.ingest(
        &[(
            doc("t", t, "2024-05-08", "A"),
            vec![ev(
                "t",
                "TRANSFER",
                "IRN",
                Some("RUS"),
                Some(("2024-05-07", "2024-05-07")),
                t,
            )],
        )],
        "x1",
    )
    .unwrap();
    let q = |f: &dyn Fn(&mut Query)| {
        let mut q = Query::default();
        f(&mut q);
        s.canonical_events(&q).unwrap().len()
    };
    assert_eq!(q(&|_| {}), 2);
    assert_eq!(q(&|q| q.etype = Some("transfer".into())), 1);
    assert_eq!(q(&|q| q.actor = Some("prk".into())), 1);
    assert_eq!(q(&|q| q.target = Some("RUS".into())), 1);
    assert_eq!(q(&|q| q.since = Some("2025-01-01".into())), 1);
    assert_eq!(q(&|q| q.until = Some("2024-12-31".into())), 1);
    assert_eq!(q(&|q| q.min_sources = 3), 1);
    assert_eq!(q(&|q| q.limit = Some(1)), 1);
}

#[test]
fn a_file_database_is_reopened_with_its_content() {
    let dir = std::env::temp_dir().join(format!("tidings-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.db");
    let _ = std::fs::remove_file(&path);
    {
        let mut s = SqliteStore::open(&path).unwrap();
        s.ingest(&launch_story(), "x1").unwrap();
    }
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.counts().unwrap().canonical, 1);
    drop(s);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Two strikes the merging rules take for one (same parties, same day, no
/// place) and a third report of the first.
fn strike_story() -> Vec<(DocInput, Vec<Value>)> {
    let a = "Russian missiles hit a power plant near the border on Friday, officials said.";
    let b = "Russia struck a hospital in the east on Friday.";
    let c = "Russian missiles damaged a power plant on Friday, the ministry said.";
    let day = Some(("2024-08-02", "2024-08-02"));
    vec![
        (
            doc("sa", a, "2024-08-02", "Agency A"),
            vec![ev("sa", "ATTACK", "RUS", Some("UKR"), day, a)],
        ),
        (
            doc("sb", b, "2024-08-02", "Agency B"),
            vec![ev("sb", "ATTACK", "RUS", Some("UKR"), day, b)],
        ),
        (
            doc("sc", c, "2024-08-03", "Agency C"),
            vec![ev("sc", "ATTACK", "RUS", Some("UKR"), day, c)],
        ),
    ]
}

fn mention_of(e: &Value, doc: &str) -> String {
    e["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["doc"] == doc)
        .unwrap()["mention"]
        .as_str()
        .unwrap()
        .to_string()
}

fn docs_of(s: &SqliteStore) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = s
        .canonical_events(&Query::default())
        .unwrap()
        .iter()
        .map(|e| {
            let mut d: Vec<String> = e["documents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap().to_string())
                .collect();
            d.sort();
            d
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_split_survives_reextraction_and_a_new_version() {
    let mut s = SqliteStore::in_memory().unwrap();
    s.ingest(&strike_story(), "x1").unwrap();
    assert_eq!(docs_of(&s), vec![vec!["sa", "sb", "sc"]]);
    let e = s.canonical_events(&Query::default()).unwrap().remove(0);
    let id = e["id"].as_str().unwrap().to_string();
    // by mention id; a document id names all of its mentions
    let new = s
        .split(
            &id,
            &[mention_of(&e, "sb")],
            Some("the hospital is another strike"),
        )
        .unwrap();
    assert_ne!(new, id);
    assert_eq!(docs_of(&s), vec![vec!["sa", "sc"], vec!["sb"]]);
    let moved = s.canonical(&new).unwrap().unwrap();
    assert_eq!(moved["documents"], json!(["sb"]));
    assert!(moved["joined"][0]["why"]
        .as_str()
        .unwrap()
        .contains("put here by an analyst"));
    // a newer extractor replaces every event: the decision still holds
    let outcomes = s.ingest(&strike_story(), "x2").unwrap();
    assert_eq!(outcomes, vec![Outcome::Reextracted; 3]);
    assert_eq!(docs_of(&s), vec![vec!["sa", "sc"], vec!["sb"]]);
    assert!(s.canonical(&id).unwrap().is_some());
    assert!(s.canonical(&new).unwrap().is_some());
    // so does a new version of the text with the same sentence
    let mut story = strike_story();
    story[1]
        .0
        .text
        .push_str("\n\nRescue work went on overnight.");
    assert_eq!(
        s.ingest(&story[1..2], "x2").unwrap(),
        vec![Outcome::NewVersion(2)]
    );
    assert_eq!(docs_of(&s), vec![vec!["sa", "sc"], vec!["sb"]]);
    let list = s.corrections().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["kind"], "split");
    assert_eq!(list[0]["note"], "the hospital is another strike");
    // errors name the problem
    let err = s.split(&id, &["m-nothing".into()], None).unwrap_err();
    assert!(err.0.contains("neither a mention nor a document"), "{err}");
    let err = s.split(&id, &["sa".into(), "sc".into()], None).unwrap_err();
    assert!(err.0.contains("nothing would be left"), "{err}");
}

#[test]
fn a_merge_survives_reextraction_and_its_ids_lead_to_the_event_kept() {
    let mut s = SqliteStore::in_memory().unwrap();
    // one launch, reported with dates a week apart: the rules keep two
    let a = "North Korea fired a missile on Monday.";
    let b = "North Korea's launch last week drew protests.";
    let story = vec![
        (
            doc("la", a, "2025-02-03", "A"),
            vec![ev(
                "la",
                "TEST",
                "PRK",
                None,
                Some(("2025-02-03", "2025-02-03")),
                a,
            )],
        ),
        (
            doc("lb", b, "2025-02-14", "B"),
            vec![ev(
                "lb",
                "TEST",
                "PRK",
                None,
                Some(("2025-02-10", "2025-02-12")),
                b,
            )],
        ),
    ];
    s.ingest(&story, "x1").unwrap();
    assert_eq!(docs_of(&s), vec![vec!["la"], vec!["lb"]]);
    let ids: Vec<String> = s
        .canonical_events(&Query::default())
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let kept = s.merge(&[ids[1].clone(), ids[0].clone()], None).unwrap();
    assert_eq!(kept, ids[1]);
    assert_eq!(docs_of(&s), vec![vec!["la", "lb"]]);
    // the reports disagree on the date, and the event says so
    let e = s.canonical(&ids[0]).unwrap().unwrap();
    assert_eq!(e["id"], ids[1].as_str());
    assert_eq!(e["merged_from"], ids[0].as_str());
    assert!(e["contradictions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["kind"] == "date"));
    s.ingest(&story, "x2").unwrap();
    assert_eq!(docs_of(&s), vec![vec!["la", "lb"]]);
    assert_eq!(
        s.canonical_events(&Query::default()).unwrap()[0]["id"],
        ids[1].as_str()
    );
    // refused: one id twice, an unknown id, two types
    assert!(s.merge(&[ids[1].clone(), ids[0].clone()], None).is_err());
    assert!(s
        .merge(&[ids[1].clone(), "ev-unknown".into()], None)
        .unwrap_err()
        .0
        .contains("no canonical event ev-unknown"));
}

#[test]
fn a_party_denying_an_event_is_a_contradiction() {
    let mut s = SqliteStore::in_memory().unwrap();
    let a = "Russia delivered air defence systems to North Korea in November, officials said.";
    let b = "Moscow denied supplying any weapons to Pyongyang.";
    let mut denial = ev("d2", "DENY", "RUS", None, None, b);
    denial["denies"] = json!([{"type": "TRANSFER", "actor": {"id": "RUS", "name": "Moscow"},
                                "target": {"id": "PRK", "name": "Pyongyang"}}]);
    s.ingest(
        &[
            (
                doc("d1", a, "2024-11-20", "A"),
                vec![ev(
                    "d1",
                    "TRANSFER",
                    "RUS",
                    Some("PRK"),
                    Some(("2024-11-01", "2024-11-30")),
                    a,
                )],
            ),
            (doc("d2", b, "2024-11-22", "B"), vec![denial]),
        ],
        "x1",
    )
    .unwrap();
    let e = s
        .canonical_events(&Query {
            etype: Some("TRANSFER".into()),
            ..Query::default()
        })
        .unwrap()
        .remove(0);
    let c = e["contradictions"].as_array().unwrap();
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0]["kind"], "denial");
    assert_eq!(c[0]["doc"], "d2");
    assert_eq!(c[0]["by"]["id"], "RUS");
    // a denial that comes first counts too, and one of another pair does not
    let mut t = SqliteStore::in_memory().unwrap();
    let mut other = ev("d3", "DENY", "IRN", None, None, "Iran denied it.");
    other["denies"] =
        json!([{"type": "TRANSFER", "actor": {"id": "IRN", "name": "Iran"}, "target": null}]);
    let mut first = ev("d2", "DENY", "RUS", None, None, b);
    first["denies"] = e["contradictions"][0]["by"].clone();
    first["denies"] =
        json!([{"type": "TRANSFER", "actor": {"id": "RUS", "name": "Moscow"}, "target": null}]);
    t.ingest(
        &[
            (doc("d2", b, "2024-11-22", "B"), vec![first]),
            (doc("d3", "Iran denied it.", "2024-11-22", "C"), vec![other]),
        ],
        "x1",
    )
    .unwrap();
    t.ingest(
        &[(
            doc("d1", a, "2024-11-20", "A"),
            vec![ev(
                "d1",
                "TRANSFER",
                "RUS",
                Some("PRK"),
                Some(("2024-11-01", "2024-11-30")),
                a,
            )],
        )],
        "x1",
    )
    .unwrap();
    let e = t
        .canonical_events(&Query {
            etype: Some("TRANSFER".into()),
            ..Query::default()
        })
        .unwrap()
        .remove(0);
    let c = e["contradictions"].as_array().unwrap();
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0]["doc"], "d2");
}

#[test]
fn large_events_lag_a_batch_and_refresh_brings_them_up_to_date() {
    let story: Vec<(DocInput, Vec<Value>)> = (0..40)
        .map(|i| {
            let id = format!("r{i}");
            let t = format!("North Korea fired a missile on Monday, report {i} said.");
            (
                doc(&id, &t, "2025-01-06", &format!("Outlet {}", i % 5)),
                vec![ev(
                    &id,
                    "TEST",
                    "PRK",
                    None,
                    Some(("2025-01-06", "2025-01-06")),
                    &t,
                )],
            )
        })
        .collect();
    let mut eager = SqliteStore::in_memory().unwrap();
    for one in story.chunks(1) {
        eager.ingest(one, "x1").unwrap();
    }
    let mut lazy = SqliteStore::in_memory().unwrap();
    lazy.defer_above(2);
    for one in story.chunks(1) {
        lazy.ingest(one, "x1").unwrap();
    }
    let before = lazy.canonical_events(&Query::default()).unwrap().remove(0);
    // the merging is exact at once; the record behind
    assert_eq!(before["mentions"].as_array().unwrap().len(), 40);
    assert!(before["documents"].as_array().unwrap().len() < 40);
    assert!(lazy.refresh().unwrap() >= 1);
    assert_eq!(lazy.refresh().unwrap(), 0);
    assert_eq!(lazy.dump().unwrap(), eager.dump().unwrap());
    let e = lazy.canonical_events(&Query::default()).unwrap().remove(0);
    assert_eq!(e["documents"].as_array().unwrap().len(), 40);
    assert_eq!(e["sources"], 5);
}

#[test]
fn many_denials_are_counted_and_the_first_listed() {
    let mut s = SqliteStore::in_memory().unwrap();
    let a = "Russia delivered drones to North Korea in November, officials said.";
    let mut batch = vec![(
        doc("t", a, "2024-11-20", "A"),
        vec![ev(
            "t",
            "TRANSFER",
            "RUS",
            Some("PRK"),
            Some(("2024-11-01", "2024-11-30")),
            a,
        )],
    )];
    for i in 0..30 {
        let id = format!("d{i:02}");
        let b = format!("Moscow denied supplying any drones to Pyongyang, report {i} said.");
        let mut d = ev(&id, "DENY", "RUS", None, None, &b);
        d["denies"] = json!([{"type": "TRANSFER", "actor": {"id": "RUS", "name": "Moscow"}, "target": {"id": "PRK", "name": "Pyongyang"}}]);
        batch.push((doc(&id, &b, "2024-11-22", "B"), vec![d]));
    }
    s.ingest(&batch, "x1").unwrap();
    let e = s
        .canonical_events(&Query {
            etype: Some("TRANSFER".into()),
            ..Query::default()
        })
        .unwrap()
        .remove(0);
    assert_eq!(e["denials"], 30);
    let listed = e["contradictions"].as_array().unwrap();
    assert_eq!(listed.len(), tidings_store::corrections::DENIALS_LISTED);
    assert_eq!(listed[0]["doc"], "d00");
    assert_eq!(listed[0]["by"]["id"], "RUS");
    assert!(listed[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Moscow denied"));
}

#[test]
fn a_denial_in_a_later_batch_counts_after_the_ingest_refreshes() {
    let mut s = SqliteStore::in_memory().unwrap();
    let a = "Russia delivered drones to North Korea in November, officials said.";
    s.ingest(
        &[(
            doc("t", a, "2024-11-20", "A"),
            vec![ev(
                "t",
                "TRANSFER",
                "RUS",
                Some("PRK"),
                Some(("2024-11-01", "2024-11-30")),
                a,
            )],
        )],
        "x1",
    )
    .unwrap();
    let b = "Moscow denied supplying any drones to Pyongyang.";
    let mut d = ev("d", "DENY", "RUS", None, None, b);
    d["denies"] = json!([{"type": "TRANSFER", "actor": {"id": "RUS", "name": "Moscow"}, "target": {"id": "PRK", "name": "Pyongyang"}}]);
    s.ingest(&[(doc("d", b, "2024-11-22", "B"), vec![d])], "x1")
        .unwrap();
    let q = Query {
        etype: Some("TRANSFER".into()),
        ..Query::default()
    };
    assert_eq!(s.canonical_events(&q).unwrap()[0]["denials"], 0);
    assert_eq!(s.refresh().unwrap(), 1);
    let e = s.canonical_events(&q).unwrap().remove(0);
    assert_eq!(e["denials"], 1);
    assert_eq!(e["contradictions"][0]["doc"], "d");
    // and a new version of the denying report without the denial takes it back
    let b2 = "Moscow declined to comment.";
    s.ingest(&[(doc("d", b2, "2024-11-22", "B"), vec![])], "x1")
        .unwrap();
    s.refresh().unwrap();
    assert_eq!(s.canonical_events(&q).unwrap()[0]["denials"], 0);
}
