//! Load time and matching speed of the built-in lexicon.
//!
//! ```sh
//! cargo run --release -p tidings-lexicon --example lexicon_bench -- FILE...
//! ```
//! The files' text is repeated until it reaches at least 10 MB; without
//! files a generated text is used. Prints the load time and the throughput
//! of `find_entities`, `find_items` and `find_cues`.

use std::time::Instant;

use tidings_lexicon::Lexicon;

fn main() {
    let t = Instant::now();
    let lex = match Lexicon::builtin() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("lexicon: {e}");
            std::process::exit(1);
        }
    };
    let load = t.elapsed();
    println!(
        "load: {:.1} ms  {:?}",
        load.as_secs_f64() * 1e3,
        lex.stats()
    );

    let mut seed = String::new();
    for path in std::env::args().skip(1) {
        match std::fs::read_to_string(&path) {
            Ok(s) => {
                seed.push_str(&s);
                seed.push('\n');
            }
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
    if seed.is_empty() {
        seed = "Officials in Seoul said the North fired two short-range ballistic missiles \
                on Tuesday, while the Pentagon announced a $2 billion package of 155mm \
                shells and Patriot interceptors for Ukraine. Moscow denied the report. "
            .repeat(20);
    }
    let mut text = String::new();
    while text.len() < 10_000_000 {
        text.push_str(&seed);
    }
    let mb = text.len() as f64 / 1e6;

    let t = Instant::now();
    let n = lex.find_entities(&text).len();
    let s = t.elapsed().as_secs_f64();
    println!("find_entities: {n} matches, {:.1} MB/s", mb / s);
    let t = Instant::now();
    let n = lex.find_items(&text).len();
    let s = t.elapsed().as_secs_f64();
    println!("find_items: {n} matches, {:.1} MB/s", mb / s);
    let t = Instant::now();
    let n = lex.find_cues(&text).len();
    let s = t.elapsed().as_secs_f64();
    println!("find_cues: {n} matches, {:.1} MB/s", mb / s);
}
