//! Stamps the binary with a hash of the code and data that extraction
//! depends on (the text, reader, NLP, annotation, event and lexicon crates
//! and the built-in lexicon), so that the store can tell records made by a
//! different extractor and extract those documents again.

use std::path::{Path, PathBuf};

const INPUTS: &[&str] = &[
    "crates/text/src",
    "crates/ingest/src",
    "crates/nlp/src",
    "crates/annotate/src",
    "crates/events/src",
    "crates/lexicon/src",
    "lexicon",
];

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let root = Path::new(&manifest).join("../..");
    let mut files = Vec::new();
    for dir in INPUTS {
        let d = root.join(dir);
        println!("cargo:rerun-if-changed={}", d.display());
        collect(&d, &mut files);
    }
    files.sort();
    // FNV-1a, 64 bits, over each file's path and contents
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for f in &files {
        let rel = f.strip_prefix(&root).unwrap_or(f);
        eat(rel.to_string_lossy().as_bytes());
        eat(&[0]);
        eat(&std::fs::read(f).unwrap_or_default());
        eat(&[0]);
    }
    println!("cargo:rustc-env=TIDINGS_EXTRACTION_HASH={h:016x}");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "rs" || x == "tsv" || x == "txt")
        {
            out.push(p);
        }
    }
}
