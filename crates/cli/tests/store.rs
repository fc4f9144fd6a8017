//! `tidings ingest` and `tidings events` end to end, on invented articles.

mod common;

use common::{bin, run, temp_dir};
use serde_json::Value;

const STORY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/launch-story.jsonl"
);

fn events(db: &std::path::Path, extra: &[&str]) -> Vec<Value> {
    let (out, stdout, stderr) = run(bin()
        .args(["events", "--format", "jsonl", "--db"])
        .arg(db)
        .args(extra));
    assert!(out.status.success(), "{stderr}");
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record"))
        .collect()
}

#[test]
fn ingest_is_idempotent_and_merges_one_story_across_reports() {
    let dir = temp_dir("ingest");
    let db = dir.join("t.db");
    let (out, _, stderr) = run(bin().args(["ingest", "--db"]).arg(&db).arg(STORY));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("5 new"), "{stderr}");
    let first = events(&db, &[]);
    let (out, _, stderr) = run(bin().args(["ingest", "--db"]).arg(&db).arg(STORY));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("0 new, 5 unchanged"), "{stderr}");
    assert_eq!(events(&db, &[]), first);

    // the launch told three ways is one event with three sources
    let tests: Vec<&Value> = first.iter().filter(|e| e["type"] == "TEST").collect();
    assert_eq!(tests.len(), 1, "{first:#?}");
    assert_eq!(tests[0]["sources"], 3);
    assert_eq!(tests[0]["time"]["start"], "2025-03-10");
    // two strikes on one day in two cities stay two
    let attacks: Vec<&Value> = first.iter().filter(|e| e["type"] == "ATTACK").collect();
    assert_eq!(attacks.len(), 2, "{first:#?}");

    // filters
    assert_eq!(events(&db, &["--type", "ATTACK"]).len(), 2);
    assert_eq!(
        events(&db, &["--actor", "PRK", "--since", "2025-03-01"]).len(),
        1
    );
    assert_eq!(events(&db, &["--min-sources", "2"]).len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn changed_text_is_a_new_version() {
    let dir = temp_dir("versions");
    let db = dir.join("t.db");
    let a = dir.join("report.txt");
    std::fs::write(
        &a,
        "Iran delivered attack drones to Russia on Tuesday, officials said.",
    )
    .unwrap();
    let (out, _, stderr) = run(bin().args(["ingest", "--db"]).arg(&db).arg(&a));
    assert!(out.status.success(), "{stderr}");
    std::fs::write(
        &a,
        "Iran delivered attack drones and missiles to Russia on Tuesday, officials said.",
    )
    .unwrap();
    let (out, _, stderr) = run(bin().args(["ingest", "--db"]).arg(&db).arg(&a));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("1 new versions"), "{stderr}");
    assert!(stderr.contains("holds 2 documents"), "{stderr}");
    let evs = events(&db, &[]);
    assert_eq!(evs.len(), 1, "{evs:#?}");
    assert!(evs[0]["evidence"][0]["text"]
        .as_str()
        .unwrap()
        .contains("missiles"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn events_without_a_database_is_a_clear_error() {
    let dir = temp_dir("nodb");
    let (out, _, stderr) = run(bin().args(["events", "--db"]).arg(dir.join("none.db")));
    assert!(!out.status.success());
    assert!(stderr.contains("none.db: no such database"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_ingest_killed_midway_loses_and_doubles_nothing() {
    use tidings_store::{SqliteStore, Store};
    let dir = temp_dir("kill");
    let input = dir.join("many.jsonl");
    let mut lines = String::new();
    for i in 0..300 {
        let day = 1 + i % 28;
        lines.push_str(&format!(
            "{{\"id\": \"r{i}\", \"source\": \"Outlet {o}\", \"published\": \"2025-02-{day:02}\", \"text\": \"Report {i}. Russian drones struck the port of Odesa on Monday, regional officials said. Iran delivered {n} attack drones to Russia last week, a U.S. official said.\"}}\n",
            o = i % 7,
            n = 10 + i
        ));
    }
    std::fs::write(&input, lines).unwrap();
    let db = dir.join("killed.db");
    let mut child = bin()
        .args(["ingest", "--batch", "10", "--db"])
        .arg(&db)
        .arg(&input)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // wait until some batches are committed, then kill it hard
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let stored = SqliteStore::open(&db)
            .and_then(|s| s.counts())
            .map(|c| c.documents)
            .unwrap_or(0);
        if stored >= 20 || started.elapsed().as_secs() > 120 {
            // readers query while the ingest writes
            let (out, stdout, stderr) =
                run(bin().args(["events", "--format", "jsonl", "--db"]).arg(&db));
            assert!(out.status.success(), "{stderr}");
            assert!(stdout.lines().count() >= 1, "{stdout}");
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    // run it again to the end
    let (out, _, stderr) = run(bin().args(["ingest", "--db"]).arg(&db).arg(&input));
    assert!(out.status.success(), "{stderr}");
    // the same as an ingest that was never interrupted
    let clean = dir.join("clean.db");
    let (out, _, stderr) = run(bin().args(["ingest", "--db"]).arg(&clean).arg(&input));
    assert!(out.status.success(), "{stderr}");
    let a = SqliteStore::open(&db).unwrap();
    let b = SqliteStore::open(&clean).unwrap();
    assert_eq!(a.counts().unwrap(), b.counts().unwrap());
    assert_eq!(a.counts().unwrap().documents, 300);
    assert_eq!(events(&db, &[]), events(&clean, &[]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn show_explains_a_merge_and_search_finds_documents() {
    let dir = temp_dir("show");
    let db = dir.join("t.db");
    let (out, _, stderr) = run(bin().args(["ingest", "--db"]).arg(&db).arg(STORY));
    assert!(out.status.success(), "{stderr}");
    let test = events(&db, &["--type", "TEST"]).remove(0);
    let id = test["id"].as_str().unwrap();
    let (out, stdout, stderr) = run(bin().args(["show", "--db"]).arg(&db).arg(id));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("3 documents, 3 sources"), "{stdout}");
    assert_eq!(
        stdout.matches("joined: same type TEST").count(),
        3,
        "{stdout}"
    );
    assert!(stdout.contains("paper-b [m-"), "{stdout}");
    assert!(stdout.contains("] — says"), "{stdout}");
    let (out, stdout, _) = run(bin().args(["show", "--json", "--db"]).arg(&db).arg(id));
    assert!(out.status.success());
    let v: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["joined"].as_array().unwrap().len(), 3);
    let (out, _, stderr) = run(bin().args(["show", "--db"]).arg(&db).arg("ev-nope"));
    assert!(!out.status.success());
    assert!(
        stderr.contains("no canonical event with id ev-nope"),
        "{stderr}"
    );
    let (out, stdout, stderr) = run(bin().args(["search", "--db"]).arg(&db).arg("Odesa silos"));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.starts_with("strike-o"), "{stdout}");
    assert_eq!(
        stdout.lines().filter(|l| !l.starts_with(' ')).count(),
        1,
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn timeline_and_graph() {
    let dir = temp_dir("graph");
    let db = dir.join("t.db");
    let (out, _, stderr) = run(bin().args(["ingest", "--db"]).arg(&db).arg(STORY));
    assert!(out.status.success(), "{stderr}");
    let (out, stdout, stderr) = run(bin().args(["timeline", "--db"]).arg(&db));
    assert!(out.status.success(), "{stderr}");
    let days: Vec<&str> = stdout.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(days, ["2025-03-10", "2025-03-11"], "{stdout}");
    let (out, stdout, stderr) = run(bin().args(["graph", "--format", "json", "--db"]).arg(&db));
    assert!(out.status.success(), "{stderr}");
    let g: Value = serde_json::from_str(stdout.trim()).unwrap();
    let edge = &g["edges"][0];
    assert_eq!(edge["source"], "RUS");
    assert_eq!(edge["target"], "UKR");
    assert_eq!(edge["plover"], "ASSAULT");
    assert_eq!(edge["weight"], 2);
    assert!(
        g["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["name"] != "Kharkiv"),
        "{g}"
    );
    let (out, stdout, _) = run(bin().args(["graph", "--db"]).arg(&db));
    assert!(out.status.success());
    assert!(
        stdout.contains("<graphml") && stdout.contains(r#"source="RUS" target="UKR""#),
        "{stdout}"
    );
    let (out, stdout, _) = run(bin().args(["graph", "--format", "dot", "--db"]).arg(&db));
    assert!(out.status.success());
    assert!(stdout.starts_with("digraph tidings {"), "{stdout}");
    // exports name the PLOVER category
    assert!(events(&db, &[]).iter().all(|e| e["plover"].is_string()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn analysts_split_and_merge_and_the_decisions_hold_on_the_next_ingest() {
    let dir = temp_dir("corrections");
    let db = dir.join("t.db");
    let (out, _, stderr) = run(bin().args(["ingest", "--db"]).arg(&db).arg(STORY));
    assert!(out.status.success(), "{stderr}");
    let test = events(&db, &["--type", "TEST"]).remove(0);
    let id = test["id"].as_str().unwrap().to_string();

    // radio-c's launch, taken out by its document id
    let (out, stdout, stderr) = run(bin().args(["split", "--db"]).arg(&db).args([
        id.as_str(),
        "radio-c",
        "--note",
        "a later launch",
    ]));
    assert!(out.status.success(), "{stderr}");
    let new = stdout.trim().to_string();
    assert!(new.starts_with("ev-") && new != id, "{stdout}");
    let tests = events(&db, &["--type", "TEST"]);
    assert_eq!(tests.len(), 2);
    let (out, stdout, _) = run(bin().args(["corrections", "--db"]).arg(&db));
    assert!(out.status.success());
    assert!(
        stdout.contains("split") && stdout.contains("a later launch"),
        "{stdout}"
    );

    // the decision holds when the same files are ingested again
    let (out, _, stderr) = run(bin().args(["ingest", "--db"]).arg(&db).arg(STORY));
    assert!(out.status.success(), "{stderr}");
    assert_eq!(events(&db, &["--type", "TEST"]).len(), 2);

    // merged back: the split-off id leads to the event kept
    let (out, stdout, stderr) = run(bin()
        .args(["merge", "--db"])
        .arg(&db)
        .args([id.as_str(), new.as_str()]));
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout.trim(), id);
    assert_eq!(events(&db, &["--type", "TEST"]).len(), 1);
    let (out, stdout, _) = run(bin().args(["show", "--db"]).arg(&db).arg(&new));
    assert!(out.status.success());
    assert!(
        stdout.contains(&format!("({new} was merged into this event)")),
        "{stdout}"
    );
    assert!(stdout.contains("put here by an analyst"), "{stdout}");

    // mistakes are refused with the reason, and change nothing
    let (out, _, stderr) = run(bin()
        .args(["split", "--db"])
        .arg(&db)
        .args([id.as_str(), "m-000000000000"]));
    assert!(!out.status.success());
    assert!(
        stderr.contains("neither a mention nor a document"),
        "{stderr}"
    );
    let attack = events(&db, &["--type", "ATTACK"]).remove(0);
    let (out, _, stderr) = run(bin()
        .args(["merge", "--db"])
        .arg(&db)
        .args([id.as_str(), attack["id"].as_str().unwrap()]));
    assert!(!out.status.success());
    assert!(stderr.contains("different types"), "{stderr}");
    assert_eq!(events(&db, &["--type", "TEST"]).len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn another_lexicon_is_another_extractor_and_its_documents_are_extracted_again() {
    let dir = temp_dir("stamp");
    let db = dir.join("t.db");
    let lex = dir.join("lexicon");
    std::fs::create_dir_all(&lex).unwrap();
    std::fs::write(
        lex.join("people.tsv"),
        "name\tstate\trole\taliases\tflags\torg\tsource\nOlena Marchuk\tUKR\tSpokeswoman\t\t\t\ttest\n",
    )
    .unwrap();
    let (out, _, stderr) = run(bin().args(["ingest", "--db"]).arg(&db).arg(STORY));
    assert!(out.status.success(), "{stderr}");
    let first = events(&db, &[]);
    let stamp = first[0]["mentions"][0]["extractor"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(stamp.starts_with("tidings/"), "{stamp}");
    let (out, _, stderr) = run(bin()
        .args(["ingest", "--lexicon"])
        .arg(&lex)
        .arg("--db")
        .arg(&db)
        .arg(STORY));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("5 re-extracted"), "{stderr}");
    let again = events(&db, &[]);
    assert_ne!(
        again[0]["mentions"][0]["extractor"].as_str().unwrap(),
        stamp
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
