//! Prints the time, quantity and money mentions of files (development aid).
//!
//! `cargo run -p tidings-annotate --example dump -- FILE... [--published YYYY-MM-DD]`

use tidings_annotate::{
    document_anchor, find_money, find_quantities, find_times, resolve, resolve_relative_to,
};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut published = None;
    if let Some(k) = args.iter().position(|a| a == "--published") {
        published = args.get(k + 1).cloned();
        args.drain(k..(k + 2).min(args.len()));
    }
    for path in &args {
        let text = std::fs::read_to_string(path).expect("read");
        let anchor = document_anchor(&text, published.as_deref());
        println!("== {path}: {anchor:?}");
        let mut prev = None;
        for m in find_times(&text) {
            let r = if m.is_relative_to_event() {
                prev.as_ref().and_then(|b| resolve_relative_to(&m, b))
            } else {
                resolve(&m, anchor)
            };
            println!(
                "  T {:>5} {:<40} {}",
                m.start,
                format!("{:?}", m.text),
                r.as_ref().map_or("-".to_string(), |r| r.to_json())
            );
            if r.is_some() {
                prev = r;
            }
        }
        for q in find_quantities(&text) {
            println!(
                "  Q {:>5} {:<30} {:?} {:?} {:?} {:?}",
                q.start,
                format!("{:?}", &text[q.start..q.end]),
                q.value,
                q.high,
                q.qualifier,
                q.kind
            );
        }
        for q in find_money(&text) {
            println!(
                "  M {:>5} {:<30} {} {} {:?}",
                q.start,
                format!("{:?}", &text[q.start..q.end]),
                q.amount,
                q.currency,
                q.qualifier
            );
        }
    }
}
