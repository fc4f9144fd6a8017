//! End-to-end tests of `tidings extract` with the shipped model.

mod common;

use std::process::Output;

use common::{bin, run_stdin, temp_dir};

/// Runs `tidings` with `args` and `input` on standard input.
fn run_with(args: &[&str], input: &str) -> (Output, String, String) {
    run_stdin(bin().args(args), input.as_bytes())
}

const STORY: &str =
    "Iran sent hundreds of attack drones to Russia last year, U.S. officials said.\n\n\
The United States imposed new sanctions on Iran on Friday.\n";

#[test]
fn jsonl_records_parse_back() {
    let (out, stdout, stderr) = run_with(
        &["extract", "--format", "jsonl", "--id", "story", "-"],
        STORY,
    );
    assert!(out.status.success(), "{stderr}");
    let chars: Vec<char> = STORY.chars().collect();
    let mut types = Vec::new();
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        assert_eq!(v["schema"], "tidings.event/1");
        assert_eq!(v["doc"], "story");
        assert!(v.get("rule").is_none());
        for e in v["evidence"].as_array().expect("evidence") {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                chars[s..t].iter().collect::<String>(),
                e["text"].as_str().unwrap()
            );
        }
        types.push(v["type"].as_str().unwrap().to_string());
    }
    assert!(types.contains(&"TRANSFER".to_string()), "{stdout}");
    assert!(types.contains(&"SANCTION".to_string()), "{stdout}");
}

#[test]
fn explain_adds_rule() {
    let (out, stdout, _) = run_with(&["extract", "--format", "jsonl", "--explain", "-"], STORY);
    assert!(out.status.success());
    let first: serde_json::Value =
        serde_json::from_str(stdout.lines().next().expect("a record")).unwrap();
    assert!(first["rule"].as_str().is_some_and(|r| r.contains(':')));
    let (_, table, _) = run_with(&["extract", "--format", "table", "--explain", "-"], STORY);
    assert!(
        table.contains("SANCTION") && table.contains("USA") && table.contains('['),
        "{table}"
    );
}

#[test]
fn csv_has_header_and_rows() {
    let (out, stdout, _) = run_with(&["extract", "--format", "csv", "-"], STORY);
    assert!(out.status.success());
    let mut lines = stdout.lines();
    assert!(lines.next().unwrap().starts_with("doc,type,actor,target"));
    assert!(lines.any(|l| l.contains("SANCTION,USA,IRN")), "{stdout}");
}

#[test]
fn non_english_document_is_noted_and_skipped() {
    let text = "La Russie a lancé des missiles sur l'Ukraine lundi, selon les autorités locales, qui ont fait état de dégâts importants.";
    let (out, stdout, stderr) =
        run_with(&["extract", "--format", "jsonl", "--id", "fr", "-"], text);
    assert!(out.status.success());
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("fr") && stderr.contains("not in English"),
        "{stderr}"
    );
}

#[test]
fn bad_input_is_reported_and_others_processed() {
    let d = temp_dir("bad");
    let good = d.join("good.txt");
    std::fs::write(&good, STORY).unwrap();
    let bad = d.join("docs.jsonl");
    std::fs::write(
        &bad,
        "{\"id\": \"x\", \"text\": \"Iran sent drones to Russia.\"}\nnot json\n",
    )
    .unwrap();
    let missing = d.join("missing.txt");
    let out = bin()
        .args(["extract", "--format", "jsonl"])
        .arg(&good)
        .arg(&bad)
        .arg(&missing)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("docs.jsonl") && stderr.contains('2'),
        "{stderr}"
    );
    assert!(stderr.contains("missing.txt"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"doc\":\"good\""), "{stdout}");
    // nothing processable: exit 1
    let out = bin().args(["extract"]).arg(&missing).output().unwrap();
    assert!(!out.status.success());
    let _ = std::fs::remove_dir_all(&d);
}
