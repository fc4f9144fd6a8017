//! `tidings extract`: event records for documents (SCHEMA.md), as JSON
//! Lines, a table or CSV.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use tidings_events::{Event, Extractor, Skip};
use tidings_lexicon::Lexicon;

use crate::{for_each_document, InputArgs, ModelArg};

/// Arguments of `tidings extract`.
#[derive(Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: ModelArg,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Say which trigger and pattern produced each record.
    #[arg(long)]
    explain: bool,
    /// A folder of lexicon files added to the built-in lexicon.
    #[arg(long)]
    lexicon: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Jsonl,
    Csv,
}

/// Runs `tidings extract`.
pub fn run(args: &ExtractArgs) -> Result<ExitCode> {
    let mut lex = Lexicon::builtin().map_err(anyhow::Error::msg)?;
    if let Some(dir) = &args.lexicon {
        lex.extend_from_dir(dir).map_err(anyhow::Error::msg)?;
    }
    let model = args.model.load()?;
    let extractor = Extractor::new(lex, model);
    let stdout = std::io::stdout();
    let format = args.format.unwrap_or(if stdout.is_terminal() {
        Format::Table
    } else {
        Format::Jsonl
    });
    let mut out = BufWriter::new(stdout.lock());
    if format == Format::Csv {
        let mut head =
            "doc,type,actor,target,items,date,status,certainty,attribution,start,end,evidence"
                .to_string();
        if args.explain {
            head.push_str(",rule");
        }
        writeln!(out, "{head}").context("writing standard output")?;
    }
    let code = for_each_document(&args.input, |doc| {
        match extractor.extract(&doc) {
            Ok(events) => {
                for e in &events {
                    write_event(&mut out, format, e, args.explain)
                        .context("writing standard output")?;
                }
            }
            Err(Skip::NotEnglish) => {
                eprintln!("tidings: note: {}: not in English, skipped", doc.id)
            }
        }
        Ok(())
    })?;
    out.flush().context("writing standard output")?;
    Ok(code)
}

fn write_event(
    out: &mut impl Write,
    format: Format,
    e: &Event,
    explain: bool,
) -> std::io::Result<()> {
    match format {
        Format::Jsonl => writeln!(out, "{}", e.to_json(explain)),
        Format::Table => {
            let who = |x: &Option<tidings_events::entities::Ent>| {
                x.as_ref().map_or("-".to_string(), |x| x.id.clone())
            };
            let items: Vec<String> = e
                .items
                .iter()
                .map(|i| i.category.as_str().to_string())
                .collect();
            let date = e
                .time
                .as_ref()
                .and_then(|t| t.start.clone().or(t.end.clone()))
                .unwrap_or_else(|| "-".into());
            let says = e
                .attribution
                .first()
                .map_or("-".to_string(), |a| a.name.clone());
            let ev = e
                .evidence
                .first()
                .map_or(String::new(), |(_, s)| snippet(&s.text, 70));
            write!(
                out,
                "{:<9} {:>8} → {:<8} {:<28} {:<10} {:<9} {:<18} {}",
                e.etype.as_str(),
                who(&e.actor),
                who(&e.target),
                if items.is_empty() {
                    "-".to_string()
                } else {
                    items.join(",")
                },
                date,
                e.status.as_str(),
                snippet(&says, 18),
                ev
            )?;
            if explain {
                write!(out, "  [{}]", e.rule)?;
            }
            writeln!(out)
        }
        Format::Csv => {
            let who = |x: &Option<tidings_events::entities::Ent>| {
                x.as_ref().map_or(String::new(), |x| x.id.clone())
            };
            let items: Vec<&str> = e.items.iter().map(|i| i.category.as_str()).collect();
            let date = e
                .time
                .as_ref()
                .and_then(|t| t.start.clone().or(t.end.clone()))
                .unwrap_or_default();
            let (start, end, text) = e.evidence.first().map_or((0, 0, String::new()), |(_, s)| {
                (s.start, s.end, s.text.clone())
            });
            let mut row = vec![
                e.doc.clone(),
                e.etype.as_str().to_string(),
                who(&e.actor),
                who(&e.target),
                items.join("|"),
                date,
                e.status.as_str().to_string(),
                e.certainty.as_str().to_string(),
                e.attribution
                    .first()
                    .map_or(String::new(), |a| a.id.clone()),
                start.to_string(),
                end.to_string(),
                text,
            ];
            if explain {
                row.push(e.rule.clone());
            }
            let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
            writeln!(out, "{}", cells.join(","))
        }
    }
}

pub(crate) fn snippet(s: &str, max: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        one
    } else {
        let mut t: String = one.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub(crate) fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
