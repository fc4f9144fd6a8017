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
