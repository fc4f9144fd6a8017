//! `tidings ingest` and `tidings events`: documents and their events into
//! the store, and canonical events out of it.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use serde_json::Value;
use tidings_events::{Extractor, Skip};
use tidings_lexicon::Lexicon;
use tidings_store::{DocInput, Outcome, Query, SqliteStore, Store};

use crate::{for_each_document, InputArgs, ModelArg};

/// What stamps every stored event, so that documents read by another
/// extractor are extracted again: the version, a hash of the code and
/// built-in lexicon that extraction depends on (made at build time), and a
/// hash of the model file and of any `--lexicon` folder
/// ("tidings/0.1.0+3f2a9c1e.77d0b2a4").
pub fn extractor_stamp(
    model: &std::path::Path,
    lexicon: Option<&std::path::Path>,
) -> Result<String> {
    let mut h = Fnv::default();
    h.eat(
        &std::fs::read(model)
            .with_context(|| format!("{}: cannot read the model", model.display()))?,
    );
    if let Some(dir) = lexicon {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("{}: cannot read the lexicon folder", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            h.eat(
                f.file_name()
                    .map(|n| n.as_encoded_bytes())
                    .unwrap_or_default(),
            );
            h.eat(&std::fs::read(&f).with_context(|| format!("{}: cannot read", f.display()))?);
        }
    }
    Ok(format!(
        "tidings/{}+{}.{:08x}",
        env!("CARGO_PKG_VERSION"),
        &env!("TIDINGS_EXTRACTION_HASH")[..8],
        h.0 >> 32
    ))
}

/// FNV-1a, 64 bits.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn eat(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
}

/// The database: `--db`, else `$TIDINGS_DB`, else `./tidings.db`.
#[derive(Args)]
pub struct DbArg {
    /// Database file (default: $TIDINGS_DB, else ./tidings.db).
    #[arg(long)]
    db: Option<PathBuf>,
}

impl DbArg {
    fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| std::env::var_os("TIDINGS_DB").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("tidings.db"))
    }
}

/// Arguments of `tidings ingest`.
#[derive(Args)]
pub struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: ModelArg,
    #[command(flatten)]
    db: DbArg,
    /// A folder of lexicon files added to the built-in lexicon.
    #[arg(long)]
    lexicon: Option<PathBuf>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 200)]
    batch: usize,
}

/// Runs `tidings ingest`.
pub fn ingest(args: &IngestArgs) -> Result<ExitCode> {
    let path = args.db.path();
    // the writer's connection first: it brings the schema up to date
    let store = SqliteStore::open(&path).map_err(anyhow::Error::msg)?;
    let reader = SqliteStore::open(&path).map_err(anyhow::Error::msg)?;
    let mut lex = Lexicon::builtin().map_err(anyhow::Error::msg)?;
    if let Some(dir) = &args.lexicon {
        lex.extend_from_dir(dir).map_err(anyhow::Error::msg)?;
    }
    let model_path = args.model.path()?;
    let stamp = extractor_stamp(&model_path, args.lexicon.as_deref())?;
    let model = args.model.load()?;
    let extractor = Extractor::new(lex, model);
    let mut progress = crate::progress::Progress::new(&args.input.paths);
    // extraction here, the database writes on a thread of their own. The
    // records cross as JSON text: a few large allocations handed over
    // instead of many small ones that the other thread would free (which
    // slows the allocator of both)
    let (send, batches) = std::sync::mpsc::sync_channel::<Vec<(DocInput, Vec<String>)>>(2);
    let writer_path = path.clone();
    let writer_stamp = stamp.clone();
    let writer = std::thread::Builder::new()
        .name("tidings-writer".into())
        .spawn(move || -> Result<(Tally, SqliteStore)> {
            let mut store = store;
            let mut tally = Tally::default();
            for batch in batches {
                let mut parsed = Vec::with_capacity(batch.len());
                for (doc, records) in batch {
                    let mut values = Vec::with_capacity(records.len());
                    for r in &records {
                        values.push(serde_json::from_str::<Value>(r).with_context(|| {
                            format!("{}: an event record of {}", writer_path.display(), doc.id)
                        })?);
                    }
                    parsed.push((doc, values));
                }
                flush(
                    &mut store,
                    &writer_path,
                    &mut parsed,
                    &writer_stamp,
                    &mut tally,
                )?;
            }
            // the records of large events that batches left behind
            store
                .refresh()
                .map_err(|e| anyhow::anyhow!("{}: {e}", writer_path.display()))?;
            Ok((tally, store))
        })
        .context("starting the database writer")?;
    let stored = reader.current_keys(&stamp).map_err(anyhow::Error::msg)?;
    let mut skipped = 0usize;
    let mut batch: Vec<(DocInput, Vec<String>)> = Vec::new();
    let batch_size = args.batch.max(1);
    let read = for_each_document(&args.input, |doc| {
        // a resumed ingest skips what is stored already, without extracting
        if stored.contains(&tidings_store::doc_key(
            &doc.id,
            &tidings_store::sha256_hex(&doc.text),
        )) && reader
            .is_current(&doc.id, &doc.text, &stamp)
            .map_err(anyhow::Error::msg)?
        {
            skipped += 1;
            if let Some(p) = progress.as_mut() {
                p.doc(doc.text.len(), None);
            }
            return Ok(());
        }
        let records: Vec<String> = match extractor.extract(&doc) {
            Ok(events) => events
                .iter()
                .map(|e| e.to_json(false).to_string())
                .collect(),
            Err(Skip::NotEnglish) => {
                eprintln!(
                    "tidings: note: {}: not in English, stored without events",
                    doc.id
                );
                Vec::new()
            }
        };
        if let Some(p) = progress.as_mut() {
            p.doc(doc.text.len(), Some(records.len()));
        }
        batch.push((
            DocInput {
                id: doc.id,
                text: doc.text,
                title: doc.meta.title,
                published: doc.meta.published,
                url: doc.meta.url,
                source: doc.meta.source,
            },
            records,
        ));
        if batch.len() >= batch_size && send.send(std::mem::take(&mut batch)).is_err() {
            // the writer stopped: its error is reported below
            anyhow::bail!("the database writer stopped");
        }
        Ok(())
    });
    if !batch.is_empty() {
        let _ = send.send(batch);
    }
    drop(send);
    let (mut tally, store) = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the database writer panicked"))??;
    let code = read?;
    tally.unchanged += skipped;
    if let Some(p) = progress.as_mut() {
        p.finish();
    }
    let counts = store.counts().map_err(anyhow::Error::msg)?;
    eprintln!(
        "tidings: {}: {} new, {} unchanged, {} new versions, {} re-extracted; {} events stored; the store holds {} documents, {} canonical events",
        path.display(),
        tally.stored,
        tally.unchanged,
        tally.versions,
        tally.reextracted,
        tally.events,
        counts.documents,
        counts.canonical
    );
    Ok(code)
}

/// Stores a batch in one transaction and counts what it did.
fn flush(
    store: &mut SqliteStore,
    path: &std::path::Path,
    batch: &mut Vec<(DocInput, Vec<Value>)>,
    stamp: &str,
    tally: &mut Tally,
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let outcomes = store
        .ingest(batch, stamp)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    for (o, (_, evs)) in outcomes.iter().zip(batch.iter()) {
        tally.add(*o, evs.len());
    }
    batch.clear();
    Ok(())
}

#[derive(Default)]
struct Tally {
    stored: usize,
    unchanged: usize,
    versions: usize,
    reextracted: usize,
    events: usize,
}

impl Tally {
    fn add(&mut self, o: Outcome, events: usize) {
        match o {
            Outcome::Stored => self.stored += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::NewVersion(_) => self.versions += 1,
            Outcome::Reextracted => self.reextracted += 1,
        }
        if o != Outcome::Unchanged {
            self.events += events;
        }
    }
}

/// Which canonical events (`events`, `timeline`, `graph`).
#[derive(Args)]
pub struct Filters {
    /// Event type (ATTACK, TRANSFER, …).
    #[arg(long = "type")]
    etype: Option<String>,
    /// Actor id or name (RUS, "Hamas").
    #[arg(long)]
    actor: Option<String>,
    /// Target id or name.
    #[arg(long)]
    target: Option<String>,
    /// An item category (missile, drone, …).
    #[arg(long)]
    item: Option<String>,
    /// On or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// On or before this date.
    #[arg(long)]
    until: Option<String>,
    /// At least this many sources.
    #[arg(long, default_value_t = 0)]
    min_sources: usize,
    /// At most this many events.
    #[arg(long)]
    limit: Option<usize>,
}

impl Filters {
    fn query(&self) -> Query {
        Query {
            etype: self.etype.clone(),
            actor: self.actor.clone(),
            target: self.target.clone(),
            item: self.item.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            min_sources: self.min_sources,
            limit: self.limit,
        }
    }
}

/// Arguments of `tidings events`.
#[derive(Args)]
pub struct EventsArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filters: Filters,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Jsonl,
    Csv,
}

/// Runs `tidings events`.
pub fn events(args: &EventsArgs) -> Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let evs = store
        .canonical_events(&args.filters.query())
        .map_err(anyhow::Error::msg)?;
    let stdout = std::io::stdout();
    let format = args.format.unwrap_or(if stdout.is_terminal() {
        Format::Table
    } else {
        Format::Jsonl
    });
    let mut out = BufWriter::new(stdout.lock());
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    let who = |v: &Value| v["id"].as_str().unwrap_or("-").to_string();
    let date = |e: &Value| event_date(e).unwrap_or("-").to_string();
    if format == Format::Csv {
        writeln!(
            out,
            "id,type,plover,actor,target,date,status,sources,independent_sources,first_reported,documents,contradictions"
        )?;
    }
    for e in &evs {
        match format {
            Format::Jsonl => writeln!(out, "{e}")?,
            Format::Table => writeln!(
                out,
                "{:<19} {:<9} {:>8} → {:<8} {:<10} {:<9} {:>2} src ({} ind.){}  {}",
                s(&e["id"]),
                s(&e["type"]),
                who(&e["actor"]),
                who(&e["target"]),
                date(e),
                s(&e["status"]),
                e["sources"],
                e["independent_sources"],
                match contradictions(e) {
                    0 => String::new(),
                    n => format!(", {n} contradicting"),
                },
                crate::extract::snippet(e["evidence"][0]["text"].as_str().unwrap_or(""), 60)
            )?,
            Format::Csv => {
                let docs: Vec<String> = e["documents"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(s)
                    .collect();
                let row = [
                    s(&e["id"]),
                    s(&e["type"]),
                    s(&e["plover"]),
                    e["actor"]["id"].as_str().unwrap_or("").to_string(),
                    e["target"]["id"].as_str().unwrap_or("").to_string(),
                    date(e),
                    s(&e["status"]),
                    e["sources"].to_string(),
                    e["independent_sources"].to_string(),
                    s(&e["first_reported"]),
                    docs.join("|"),
                    contradictions(e).to_string(),
                ];
                let cells: Vec<String> = row.iter().map(|c| crate::extract::csv_cell(c)).collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
    }
    out.flush().context("writing standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `tidings show`.
#[derive(Args)]
pub struct ShowArgs {
    /// Canonical event id (from `tidings events`).
    id: String,
    #[command(flatten)]
    db: DbArg,
    /// Print the canonical record as JSON, with why each member joined.
    #[arg(long)]
    json: bool,
}

/// Runs `tidings show`.
pub fn show(args: &ShowArgs) -> Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let Some(e) = store.canonical(&args.id).map_err(anyhow::Error::msg)? else {
        bail!(
            "{}: no canonical event with id {}",
            args.db.path().display(),
            args.id
        );
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        writeln!(out, "{e}")?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let s = |v: &Value| v.as_str().unwrap_or("-").to_string();
    writeln!(
        out,
        "{}  {} {} → {}  {}  {}",
        s(&e["id"]),
        s(&e["type"]),
        s(&e["actor"]["name"]),
        s(&e["target"]["name"]),
        e["time"]["text"]
            .as_str()
            .map_or("no date".to_string(), |t| format!(
                "{t} ({}…{})",
                s(&e["time"]["start"]),
                s(&e["time"]["end"])
            )),
        s(&e["status"])
    )?;
    writeln!(
        out,
        "{} documents, {} sources, {} independent, {} claimants; first reported {}, last {}",
        e["documents"].as_array().map_or(0, Vec::len),
        e["sources"],
        e["independent_sources"],
        e["claimants"],
        s(&e["first_reported"]),
        s(&e["last_reported"])
    )?;
    if let Some(from) = e["merged_from"].as_str() {
        writeln!(out, "({from} was merged into this event)")?;
    }
    for c in e["contradictions"].as_array().into_iter().flatten() {
        let what = match c["kind"].as_str() {
            Some("denial") => format!(
                "{} denies it: “{}”",
                c["by"]["name"].as_str().unwrap_or("a party"),
                s(&c["text"])
            ),
            Some("date") => format!("dates it {}…{}", s(&c["start"]), s(&c["end"])),
            _ => format!("says {}", s(&c["status"])),
        };
        writeln!(out, "contradiction: {} {what}", s(&c["doc"]))?;
    }
    let joined = e["joined"].as_array().cloned().unwrap_or_default();
    for m in e["mentions"].as_array().into_iter().flatten() {
        let claimant = m["attribution"][0]["name"]
            .as_str()
            .unwrap_or("(its own voice)");
        writeln!(
            out,
            "\n{} [{}] — says {}",
            s(&m["doc"]),
            s(&m["mention"]),
            claimant
        )?;
        for sp in m["evidence"].as_array().into_iter().flatten() {
            writeln!(out, "  “{}”", s(&sp["text"]))?;
        }
        if let Some(w) = joined.iter().find(|j| j["mention"] == m["mention"]) {
            writeln!(out, "  joined: {}", s(&w["why"]))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `tidings search`.
#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (SQLite FTS5 syntax: "a phrase", OR, NEAR(a b)).
    words: String,
    #[command(flatten)]
    db: DbArg,
    /// At most this many documents.
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

/// Runs `tidings search`.
pub fn search(args: &SearchArgs) -> Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let hits = store
        .search(&args.words, args.limit)
        .map_err(anyhow::Error::msg)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for h in hits {
        writeln!(
            out,
            "{}  {}  {}\n    {}",
            h.id,
            h.published.as_deref().unwrap_or("-"),
            h.title.as_deref().unwrap_or(""),
            h.snippet.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn open_existing(db: &DbArg) -> Result<SqliteStore> {
    let path = db.path();
    if !path.exists() {
        bail!(
            "{}: no such database (run `tidings ingest` first, or give --db)",
            path.display()
        );
    }
    SqliteStore::open(&path).map_err(anyhow::Error::msg)
}

/// Arguments of `tidings timeline`.
#[derive(Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filters: Filters,
}

/// Runs `tidings timeline`: canonical events in date order, a line each,
/// under the day (or month) they happened.
pub fn timeline(args: &TimelineArgs) -> Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let mut evs = store
        .canonical_events(&args.filters.query())
        .map_err(anyhow::Error::msg)?;
    let date = |e: &Value| event_date(e).unwrap_or("undated").to_string();
    evs.sort_by(|a, b| {
        date(a)
            .cmp(&date(b))
            .then(a["id"].as_str().cmp(&b["id"].as_str()))
    });
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut last = String::new();
    for e in &evs {
        let d = date(e);
        if d != last {
            writeln!(out, "{d}")?;
            last = d;
        }
        writeln!(
            out,
            "  {:<9} {} → {}  ({} sources)  {}  [{}]",
            e["type"].as_str().unwrap_or(""),
            e["actor"]["name"].as_str().unwrap_or("-"),
            e["target"]["name"].as_str().unwrap_or("-"),
            e["sources"],
            crate::extract::snippet(e["evidence"][0]["text"].as_str().unwrap_or(""), 70),
            e["id"].as_str().unwrap_or("")
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    Graphml,
    Dot,
    Json,
}

/// Arguments of `tidings graph`.
#[derive(Args)]
pub struct GraphArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filters: Filters,
    /// Output format: GraphML (Gephi, yEd), Graphviz dot, or JSON.
    #[arg(long, value_enum, default_value = "graphml")]
    format: GraphFormat,
}

/// Runs `tidings graph`: parties as nodes, and for each (actor, target,
/// type) an edge weighted by its number of canonical events, with their
/// sources summed.
pub fn graph(args: &GraphArgs) -> Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let evs = store
        .canonical_events(&args.filters.query())
        .map_err(anyhow::Error::msg)?;
    let mut nodes: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    let mut edges: std::collections::BTreeMap<(String, String, String), (usize, u64)> =
        std::collections::BTreeMap::new();
    for e in &evs {
        let (Some(a), Some(t)) = (e["actor"]["id"].as_str(), e["target"]["id"].as_str()) else {
            continue;
        };
        for (id, v) in [(a, &e["actor"]), (t, &e["target"])] {
            // a state named by the city attacked ("Kharkiv") is labelled by
            // another of its names, or its id
            let name = v["name"]
                .as_str()
                .filter(|n| Some(*n) != e["place"]["name"].as_str())
                .unwrap_or(id);
            let label = nodes
                .entry(id.to_string())
                .or_insert_with(|| name.to_string());
            if label == id && name != id {
                *label = name.to_string();
            }
        }
        let k = (
            a.to_string(),
            t.to_string(),
            e["type"].as_str().unwrap_or("").to_string(),
        );
        let w = edges.entry(k).or_insert((0, 0));
        w.0 += 1;
        w.1 += e["sources"].as_u64().unwrap_or(0);
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    let xml = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    match args.format {
        GraphFormat::Graphml => {
            writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
            writeln!(
                out,
                r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#
            )?;
            for (key, owner, ty) in [
                ("label", "node", "string"),
                ("type", "edge", "string"),
                ("plover", "edge", "string"),
                ("weight", "edge", "double"),
                ("sources", "edge", "int"),
            ] {
                writeln!(
                    out,
                    r#"  <key id="{key}" for="{owner}" attr.name="{key}" attr.type="{ty}"/>"#
                )?;
            }
            writeln!(out, r#"  <graph id="tidings" edgedefault="directed">"#)?;
            for (id, name) in &nodes {
                writeln!(
                    out,
                    r#"    <node id="{}"><data key="label">{}</data></node>"#,
                    xml(id),
                    xml(name)
                )?;
            }
            for (i, ((a, t, ty), (n, src))) in edges.iter().enumerate() {
                writeln!(
                    out,
                    r#"    <edge id="e{i}" source="{}" target="{}"><data key="type">{}</data><data key="plover">{}</data><data key="weight">{n}</data><data key="sources">{src}</data></edge>"#,
                    xml(a),
                    xml(t),
                    xml(ty),
                    tidings_store::plover(ty)
                )?;
            }
            writeln!(out, "  </graph>\n</graphml>")?;
        }
        GraphFormat::Dot => {
            writeln!(out, "digraph tidings {{")?;
            for (id, name) in &nodes {
                writeln!(out, "  {id:?} [label={name:?}];")?;
            }
            for ((a, t, ty), (n, src)) in &edges {
                writeln!(
                    out,
                    "  {a:?} -> {t:?} [label=\"{ty} ({n})\", weight={n}, sources={src}];"
                )?;
            }
            writeln!(out, "}}")?;
        }
        GraphFormat::Json => {
            let v = serde_json::json!({
                "nodes": nodes.iter().map(|(id, name)| serde_json::json!({"id": id, "name": name})).collect::<Vec<_>>(),
                "edges": edges.iter().map(|((a, t, ty), (n, src))| serde_json::json!({
                    "source": a, "target": t, "type": ty, "plover": tidings_store::plover(ty),
                    "weight": n, "sources": src,
                })).collect::<Vec<_>>(),
            });
            writeln!(out, "{v}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// When a canonical event happened: its own time, else when it was first
/// reported.
fn event_date(e: &Value) -> Option<&str> {
    e["time"]["start"]
        .as_str()
        .or(e["time"]["end"].as_str())
        .or(e["first_reported"].as_str())
}

/// How many reports contradict a canonical event.
fn contradictions(e: &Value) -> usize {
    e["contradictions"].as_array().map_or(0, Vec::len)
}

/// Arguments of `tidings merge`.
#[derive(Args)]
pub struct MergeArgs {
    /// Canonical event ids: the first is kept, the others join it.
    #[arg(required = true, num_args = 2..)]
    ids: Vec<String>,
    #[command(flatten)]
    db: DbArg,
    /// Why (kept with the decision).
    #[arg(long)]
    note: Option<String>,
}

/// Runs `tidings merge`.
pub fn merge(args: &MergeArgs) -> Result<ExitCode> {
    let mut store = open_existing(&args.db)?;
    let kept = store
        .merge(&args.ids, args.note.as_deref())
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.db.path().display()))?;
    println!("{kept}");
    eprintln!(
        "tidings: merged into {kept}; the decision is kept and applies again when the documents are re-extracted"
    );
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `tidings split`.
#[derive(Args)]
pub struct SplitArgs {
    /// The canonical event to split.
    id: String,
    /// Mentions to take out of it, as `tidings show ID` lists them
    /// (`m-…`), or document ids for all of a document's mentions.
    #[arg(required = true)]
    mentions: Vec<String>,
    #[command(flatten)]
    db: DbArg,
    /// Why (kept with the decision).
    #[arg(long)]
    note: Option<String>,
}

/// Runs `tidings split`.
pub fn split(args: &SplitArgs) -> Result<ExitCode> {
    let mut store = open_existing(&args.db)?;
    let new = store
        .split(&args.id, &args.mentions, args.note.as_deref())
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.db.path().display()))?;
    println!("{new}");
    eprintln!(
        "tidings: the mentions now form {new}; the decision is kept and applies again when the documents are re-extracted"
    );
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `tidings corrections`.
#[derive(Args)]
pub struct CorrectionsArgs {
    #[command(flatten)]
    db: DbArg,
    /// Print JSON Lines instead of a table.
    #[arg(long)]
    json: bool,
}

/// Runs `tidings corrections`: the analysts' decisions, oldest first.
pub fn corrections(args: &CorrectionsArgs) -> Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let list = store.corrections().map_err(anyhow::Error::msg)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for c in list {
        if args.json {
            writeln!(out, "{c}")?;
            continue;
        }
        let what = match c["kind"].as_str() {
            Some("merge") => format!(
                "merge {}",
                c["args"]["ids"]
                    .as_array()
                    .map(|a| a
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" "))
                    .unwrap_or_default()
            ),
            _ => format!(
                "split {} → {}: {}",
                c["args"]["from"].as_str().unwrap_or("-"),
                c["canonical"].as_str().unwrap_or("-"),
                c["args"]["mentions"]
                    .as_array()
                    .map(|a| a
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" "))
                    .unwrap_or_default()
            ),
        };
        writeln!(
            out,
            "{:>4}  {}  {}{}",
            c["correction"],
            c["made"].as_str().unwrap_or("-"),
            what,
            c["note"]
                .as_str()
                .map(|n| format!("  ({n})"))
                .unwrap_or_default()
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
