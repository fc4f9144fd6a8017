//! End-to-end tests of the `tidings` binary with the shipped model.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::{bin, run, run_stdin, temp_dir};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Checks the CoNLL-U structure and that every TokenRange points at the
/// token's characters in `text`. Returns the number of sentences per doc id.
fn check_conllu(conllu: &str, text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut sentences = 0;
    let mut expected_id = 1;
    for line in conllu.lines() {
        if line.starts_with("# sent_id") {
            sentences += 1;
            expected_id = 1;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 10, "bad line {line:?}");
        let range = cols[9]
            .split('|')
            .find_map(|m| m.strip_prefix("TokenRange="))
            .unwrap_or_else(|| panic!("no TokenRange in {line:?}"));
        let (s, e) = range.split_once(':').expect("range");
        let (s, e): (usize, usize) = (s.parse().expect("start"), e.parse().expect("end"));
        let span: String = chars[s..e].iter().collect();
        if cols[0].contains('-') {
            assert_eq!(span, cols[1], "multiword token span");
            continue;
        }
        assert_eq!(cols[0].parse::<usize>().expect("id"), expected_id);
        expected_id += 1;
        assert_eq!(span, cols[1], "token span of {line:?}");
        assert_ne!(cols[3], "_", "UPOS missing in {line:?}");
        assert_ne!(cols[7], "_", "relation missing in {line:?}");
        let _head: usize = cols[6].parse().expect("numeric head");
    }
    sentences
}

#[test]
fn parses_the_shipped_sample() {
    let sample = repo().join("samples/drone-deliveries.txt");
    let (out, stdout, stderr) = run(bin().args(["nlp", "parse"]).arg(&sample));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.starts_with("# newdoc id = drone-deliveries\n"));
    let text = std::fs::read_to_string(&sample).expect("sample");
    let n = check_conllu(&stdout, &text);
    assert!(n >= 8, "only {n} sentences");
    // The headline is its own sentence, and the clitic is split.
    assert!(stdout.contains("# text = Officials Say Iran Sent More Drones to Russia\n"));
    assert!(stdout.contains("\tRussia\t") && stdout.contains("\t's\t"));
    // Each sentence has exactly one root.
    for block in stdout.split("\n\n").filter(|b| b.contains("\t")) {
        let roots = block
            .lines()
            .filter(|l| l.split('\t').nth(6) == Some("0"))
            .count();
        assert_eq!(roots, 1, "{block}");
    }
}

#[test]
fn reads_standard_input_with_an_id() {
    let text = "Seoul said the North fired two missiles on Sunday.";
    let (out, stdout, stderr) = run_stdin(
        bin().args(["nlp", "parse", "-", "--id", "brief"]),
        text.as_bytes(),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("# sent_id = brief-1"));
    assert_eq!(check_conllu(&stdout, text), 1);
    // "fired" is a verb, "missiles" its object.
    let fired = stdout
        .lines()
        .find(|l| l.split('\t').nth(1) == Some("fired"))
        .expect("fired");
    assert_eq!(fired.split('\t').nth(3), Some("VERB"));
    let missiles = stdout
        .lines()
        .find(|l| l.split('\t').nth(1) == Some("missiles"))
        .expect("missiles");
    assert_eq!(missiles.split('\t').nth(7), Some("obj"));
}

#[test]
fn bad_documents_are_reported_and_the_rest_processed() {
    let dir = temp_dir("bad");
    std::fs::write(
        dir.join("good.txt"),
        "Kyiv said air defences shot down 30 drones overnight.\n",
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("binary.txt"), b"\x00\x01\x02PK\x03\x04\xff\xfe").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 owners protested.").unwrap();
    std::fs::write(
        dir.join("docs.jsonl"),
        "{\"id\": \"a\", \"text\": \"Iran denied the report.\"}\n{not json\n{\"id\": \"b\", \"text\": \"Ukraine asked for more air defence systems.\", \"published\": \"2024-01-05\"}\n",
    )
    .unwrap();
    let (out, stdout, stderr) = run(bin().args(["nlp", "parse"]).arg(&dir));
    assert!(
        out.status.success(),
        "partial failure must not fail the run: {stderr}"
    );
    for id in ["good", "a", "b"] {
        assert!(
            stdout.contains(&format!("# newdoc id = {id}\n")),
            "missing {id}: {stdout}"
        );
    }
    assert!(stderr.contains("empty.txt"), "{stderr}");
    assert!(stderr.contains("binary.txt"), "{stderr}");
    assert!(stderr.contains("latin1.txt"), "{stderr}");
    assert!(stderr.contains("docs.jsonl:2"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_run_where_nothing_could_be_read_fails() {
    let dir = temp_dir("allbad");
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    let missing = dir.join("no-such-file.txt");
    let (out, stdout, stderr) = run(bin()
        .args(["nlp", "parse"])
        .arg(dir.join("empty.txt"))
        .arg(&missing));
    assert!(!out.status.success());
    assert!(stdout.is_empty());
    assert!(stderr.contains("no-such-file.txt"), "{stderr}");
}

#[test]
fn a_long_line_without_newlines_is_refused_or_bounded() {
    let dir = temp_dir("long");
    // 200 kB of text in one line, no sentence punctuation: parsed in bounded pieces.
    let line = "missile launcher convoy moved north ".repeat(6_000);
    std::fs::write(dir.join("long.txt"), &line).unwrap();
    let (out, stdout, stderr) = run(bin()
        .args(["nlp", "parse", "--max-bytes", "300000"])
        .arg(dir.join("long.txt")));
    assert!(out.status.success(), "{stderr}");
    let longest = stdout
        .split("\n\n")
        .map(|b| b.lines().filter(|l| !l.starts_with('#')).count())
        .max()
        .unwrap_or(0);
    assert!(longest <= 1000, "a sentence of {longest} tokens");
    // Over the limit: refused with a message naming the file.
    let (out, _, stderr) = run(bin()
        .args(["nlp", "parse", "--max-bytes", "1000"])
        .arg(dir.join("long.txt")));
    assert!(!out.status.success());
    assert!(stderr.contains("long.txt"), "{stderr}");
}

#[test]
fn eval_prints_the_contract_fields() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gold.conllu");
    let (out, stdout, stderr) = run(bin().args(["nlp", "eval"]).arg(&gold).arg("--json"));
    assert!(out.status.success(), "{stderr}");
    let line = stdout.trim();
    for field in [
        "\"upos\":",
        "\"xpos\":",
        "\"uas\":",
        "\"las\":",
        "\"tokens\":22",
        "\"tokens_per_second\":",
    ] {
        assert!(line.contains(field), "{field} missing from {line}");
    }
    let num = |name: &str| -> f64 {
        let rest = &line[line.find(&format!("\"{name}\":")).expect(name) + name.len() + 3..];
        rest.split([',', '}'])
            .next()
            .expect("value")
            .parse()
            .expect("number")
    };
    // Simple invented sentences: the shipped model gets nearly all of them.
    assert!(num("upos") >= 0.9, "{line}");
    assert!(num("uas") >= 0.8, "{line}");
    assert!(num("las") <= num("uas"));
}

#[test]
fn eval_seg_scores_a_file() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gold.conllu");
    let (out, stdout, stderr) = run(bin().args(["nlp", "eval-seg"]).arg(&gold).arg("--json"));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("\"sentence_f1\":1"), "{stdout}");
    assert!(stdout.contains("\"token_f1\":1"), "{stdout}");
}

#[test]
fn a_missing_or_corrupt_model_is_a_clear_error() {
    let dir = temp_dir("model");
    let bad = dir.join("bad.tdm");
    std::fs::write(&bad, b"not a model").unwrap();
    let (out, _, stderr) = run(bin()
        .args(["nlp", "parse", "--model"])
        .arg(&bad)
        .arg("-")
        .stdin(Stdio::null()));
    assert!(!out.status.success());
    assert!(
        stderr.contains("bad.tdm") && stderr.contains("not a tidings model"),
        "{stderr}"
    );
    let (out, _, stderr) = run(bin()
        .args(["nlp", "eval", "x.conllu"])
        .env("TIDINGS_MODEL", dir.join("none.tdm")));
    assert!(!out.status.success());
    assert!(stderr.contains("none.tdm"), "{stderr}");
}

#[test]
fn help_shows_examples() {
    let (out, stdout, _) = run(bin().arg("--help"));
    assert!(out.status.success());
    assert!(stdout.contains("Examples:") && stdout.contains("tidings nlp parse"));
}
