//! Throughput of the scanners on about 12 MB of invented news text.
//!
//! `cargo run --release -p tidings-annotate --example speed`

use std::time::Instant;
use tidings_annotate::quantity::{find_money, find_quantities};
use tidings_annotate::time::{document_anchor, find_times, resolve};

const SENTENCES: &[&str] = &[
    "The ministry said on Tuesday that 82 drones were shot down overnight over the capital region.",
    "Officials confirmed that more than 12,000 troops had crossed the border since December 2023.",
    "In September, reports indicated the country was seeking about 1.5 million artillery shells.",
    "The Pentagon announced a $2.1 billion package on June 9, 2023, including Patriot interceptors.",
    "A few days later, two more missiles struck the port, killing at least 15 people and wounding dozens.",
    "Last week the government pledged \u{20ac}1.2bn in aid, while London added \u{a3}300m for air defence.",
    "Analysts say the F-16 and the KN-23 will shape the fighting in the coming winter, perhaps until March.",
    "The spokesman told reporters yesterday that hundreds of Shahed drones were delivered between March and May 2023.",
    "Earlier this month, the council condemned the launch of an intermediate-range missile on January 6.",
    "The convoy of eighty-two (82) armored vehicles arrived early Monday, three weeks ago, near the city.",
    "\u{201c}We will not stop,\u{201d} the minister said, adding that several launchers had been destroyed.",
    "Roughly 30 targets were hit in the past year, according to the monitoring group\u{2019}s annual report.",
];

fn main() {
    let mut text = String::with_capacity(13 << 20);
    let mut k: u64 = 1;
    while text.len() < 12 << 20 {
        k = k
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        text.push_str(SENTENCES[(k >> 33) as usize % SENTENCES.len()]);
        text.push(if matches!((k >> 20) % 5, 0) {
            '\n'
        } else {
            ' '
        });
    }
    let mb = text.len() as f64 / 1_048_576.0;
    println!("text: {mb:.1} MB");

    let t = Instant::now();
    let times = find_times(&text);
    let dt = t.elapsed().as_secs_f64();
    println!(
        "find_times:      {:>8} mentions  {:>7.1} MB/s",
        times.len(),
        mb / dt
    );

    let anchor = document_anchor(&text, Some("2024-01-05"));
    let t = Instant::now();
    let resolved = times
        .iter()
        .filter(|m| resolve(m, anchor).is_some())
        .count();
    println!(
        "resolve:         {:>8} resolved  {:>7.1} M/s",
        resolved,
        times.len() as f64 / t.elapsed().as_secs_f64() / 1e6
    );

    let t = Instant::now();
    let qs = find_quantities(&text);
    let dt = t.elapsed().as_secs_f64();
    println!(
        "find_quantities: {:>8} mentions  {:>7.1} MB/s",
        qs.len(),
        mb / dt
    );

    let t = Instant::now();
    let money = find_money(&text);
    let dt = t.elapsed().as_secs_f64();
    println!(
        "find_money:      {:>8} mentions  {:>7.1} MB/s",
        money.len(),
        mb / dt
    );

    let t = Instant::now();
    let a = document_anchor(&text, None);
    let dt = t.elapsed().as_secs_f64();
    println!("document_anchor: {:?}  {:>7.1} MB/s", a.reference, mb / dt);
}
