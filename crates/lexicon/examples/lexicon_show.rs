//! Prints the entities, items and cues the built-in lexicon finds in files.
//!
//! ```sh
//! cargo run -p tidings-lexicon --example lexicon_show -- FILE...
//! ```

use tidings_lexicon::Lexicon;

fn main() {
    let lex = match Lexicon::builtin() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("lexicon: {e}");
            std::process::exit(1);
        }
    };
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        println!("== {path}");
        for m in lex.find_entities(&text) {
            println!(
                "  entity {:?} {:?} {:?} id={} state={:?}{}",
                m.text(&text),
                m.kind,
                m.form,
                m.id,
                m.state,
                if m.ambiguous { " ambiguous" } else { "" }
            );
        }
        for m in lex.find_items(&text) {
            println!(
                "  item {:?} {}{}",
                m.text(&text),
                m.category,
                if m.designation { " designation" } else { "" }
            );
        }
        for m in lex.find_cues(&text) {
            println!("  cue {:?} {:?}", &text[m.start..m.end], m.entry.value);
        }
    }
}
