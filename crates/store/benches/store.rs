//! Store benchmark: ingest a generated database of 100,000 documents (one
//! or two events each, over 40 actors and three years), then time
//! `events --actor X --since D` for its first 100 rows with a warm cache.
//!
//!     cargo bench -p tidings-store --bench store [-- DOCS]

use std::time::Instant;

use serde_json::{json, Value};
use tidings_store::{DocInput, Query, SqliteStore, Store};

const STATES: &[&str] = &[
    "RUS", "UKR", "PRK", "KOR", "IRN", "ISR", "USA", "CHN", "TWN", "JPN", "GBR", "FRA", "DEU",
    "POL", "TUR", "SYR", "IRQ", "YEM", "SAU", "ARE", "IND", "PAK", "AFG", "SDN", "ETH", "MLI",
    "NER", "LBY", "EGY", "LBN", "BLR", "KAZ", "ARM", "AZE", "GEO", "MMR", "VNM", "PHL", "IDN",
    "VEN",
];
const TYPES: &[&str] = &[
    "ATTACK",
    "TRANSFER",
    "TEST",
    "SANCTION",
    "ACCUSE",
    "COOPERATE",
];

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = std::env::temp_dir().join(format!("tidings-bench-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.db");
    let mut store = SqliteStore::open(&path).unwrap();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let started = Instant::now();
    let mut events = 0usize;
    let mut batch: Vec<(DocInput, Vec<Value>)> = Vec::new();
    for i in 0..n {
        let day = 19_000 + (next() % 1_100) as i64; // 2022-01 … 2025-01
        let date = civil(day);
        let text = format!("Report {i}: an invented article of about this length, for the benchmark of the tidings store, dated {date}.");
        let mut recs = Vec::new();
        for k in 0..1 + (next() % 2) as usize {
            let a = STATES[(next() % STATES.len() as u64) as usize];
            let t = STATES[(next() % STATES.len() as u64) as usize];
            let ty = TYPES[(next() % TYPES.len() as u64) as usize];
            let ev = format!("Sentence {k} of report {i} says {a} and {t} did something.");
            recs.push(json!({
                "schema": "tidings.event/1", "doc": format!("d{i}"), "type": ty,
                "actor": {"id": a, "name": a}, "target": {"id": t, "name": t},
                "items": [], "place": null, "status": "occurred", "certainty": "certain",
                "time": {"text": "x", "start": date, "end": date, "granularity": "day"},
                "attribution": [], "confidence": 0.8,
                "evidence": [{"start": 0, "end": ev.chars().count(), "text": ev}],
            }));
        }
        events += recs.len();
        batch.push((
            DocInput {
                id: format!("d{i}"),
                text,
                published: Some(date),
                source: Some(format!("Outlet {}", i % 50)),
                ..DocInput::default()
            },
            recs,
        ));
        if batch.len() == 500 {
            store.ingest(&batch, "bench").unwrap();
            batch.clear();
        }
    }
    store.ingest(&batch, "bench").unwrap();
    store.refresh().unwrap();
    let secs = started.elapsed().as_secs_f64();
    let c = store.counts().unwrap();
    println!(
        "ingest: {n} documents, {events} events in {secs:.1} s ({:.0} documents/s, {:.0} events/s); {} canonical events",
        n as f64 / secs,
        events as f64 / secs,
        c.canonical
    );
    let q = Query {
        actor: Some("RUS".into()),
        since: Some("2024-01-01".into()),
        limit: Some(100),
        ..Query::default()
    };
    let _ = store.canonical_events(&q).unwrap(); // warm the cache
    let mut best = f64::MAX;
    let mut rows = 0;
    for _ in 0..5 {
        let t = Instant::now();
        rows = store.canonical_events(&q).unwrap().len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "query events --actor RUS --since 2024-01-01: first {rows} rows in {:.1} ms (best of 5, warm)",
        best * 1e3
    );
    drop(store);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn civil(z: i64) -> String {
    tidings_store::merge::civil_from_days(z)
}
