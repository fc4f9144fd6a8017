//! The `tidings` command: argument parsing and printing only; the work is
//! done by the library crates.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use tidings_ingest::{read_inputs, Document, Item, ReadOptions, StdinFormat};
use tidings_nlp::train::TrainConfig;
use tidings_nlp::Model;

mod extract;
mod progress;
mod store;

const EXAMPLES: &str = "\
Examples:
  tidings extract samples/drone-deliveries.txt   events of one article, as a table
  tidings ingest --db news.db feeds/             store documents and events, merged across reports
  tidings events --db news.db --actor RUS --since 2024-01-01 --min-sources 2
  tidings show --db news.db ev-1569d7847575b2c9  one event: evidence, sources, why reports were joined
  tidings search --db news.db 'ballistic missile Odesa'
  tidings nlp parse samples/article.txt          CoNLL-U for a text file
  echo 'Seoul said it fired two missiles.' | tidings nlp parse -
  tidings nlp parse --stdin-format jsonl - < docs.jsonl
  tidings nlp eval en_ewt-ud-test.conllu --json   tagging and parsing scores
  tidings nlp eval-seg en_gum-ud-test.conllu --json
  tidings nlp train --train en_ewt-ud-train.conllu --train en_gum-ud-train.conllu --out models/en-ud.tdm";

/// tidings: reads news and records who did what to whom, when, where, and who says so.
#[derive(Parser)]
#[command(name = "tidings", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The text core: segmentation, tagging and dependency parsing.
    #[command(subcommand, after_help = EXAMPLES)]
    Nlp(NlpCommand),
    /// Extract event records (who did what to whom) from documents.
    Extract(extract::ExtractArgs),
    /// Store documents and their events in the database, merging the same
    /// happening across reports into canonical events. Idempotent: a
    /// document already stored is skipped; changed text becomes a new
    /// version.
    Ingest(store::IngestArgs),
    /// List the canonical events of the database.
    Events(store::EventsArgs),
    /// One canonical event: every piece of evidence with its document and
    /// claimant, and why each report was joined to it.
    Show(store::ShowArgs),
    /// Full-text search over the stored documents.
    Search(store::SearchArgs),
    /// Canonical events in date order.
    Timeline(store::TimelineArgs),
    /// Parties and what they did to each other, as a graph (GraphML for
    /// Gephi, dot, JSON).
    Graph(store::GraphArgs),
    /// An analyst's correction: these canonical events are one happening
    /// (the first id is kept). Survives re-ingest and re-extraction.
    Merge(store::MergeArgs),
    /// An analyst's correction: these mentions of a canonical event are
    /// another happening. Survives re-ingest and re-extraction.
    Split(store::SplitArgs),
    /// The analysts' corrections recorded in the database.
    Corrections(store::CorrectionsArgs),
}

#[derive(Subcommand)]
enum NlpCommand {
    /// Segment, tag and parse documents; write CoNLL-U to standard output.
    ///
    /// MISC carries TokenRange=START:END, character offsets into the
    /// document's original text. Exits 0 when at least one document was
    /// parsed (problems with others are reported on standard error), 1 when
    /// none could be.
    Parse {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        model: ModelArg,
    },
    /// Tag and parse the gold tokens of a CoNLL-U file and score the result
    /// (CoNLL 2018 definitions: syntactic words, punctuation included, LAS
    /// on universal relations).
    Eval {
        /// A CoNLL-U file with gold annotation.
        file: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        model: ModelArg,
    },
    /// Segment the raw text rebuilt from a CoNLL-U file's `# text` lines
    /// and score sentences and tokens against the file's own.
    EvalSeg {
        /// A CoNLL-U file with `# text` comments.
        file: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Train the tagger and parser from Universal Dependencies treebanks.
    ///
    /// Non-commercial GUM genres (essay, fiction, letter, podcast, whow)
    /// are always left out. Deterministic for a given seed.
    Train {
        /// CoNLL-U training files (repeatable).
        #[arg(long = "train", required = true)]
        train: Vec<PathBuf>,
        /// Where to write the model.
        #[arg(long, default_value = "models/en-ud.tdm")]
        out: PathBuf,
        /// Folds for the jackknifed tags the parser is trained on (1 = gold tags).
        #[arg(long, default_value_t = 4)]
        folds: usize,
        /// Random seed for shuffling.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Tagger epochs (0 = default).
        #[arg(long, default_value_t = 0)]
        tagger_epochs: usize,
        /// Parser epochs (0 = default).
        #[arg(long, default_value_t = 0)]
        parser_epochs: usize,
        /// CoNLL-U files to score the new model on after training (repeatable).
        #[arg(long = "eval")]
        eval: Vec<PathBuf>,
    },
}

#[derive(Args)]
struct InputArgs {
    /// Files (.txt, .jsonl), folders (read recursively), or `-` for standard input.
    #[arg(default_value = "-")]
    paths: Vec<PathBuf>,
    /// Document id for plain text read from standard input.
    #[arg(long)]
    id: Option<String>,
    /// How standard input is read.
    #[arg(long, value_enum, default_value_t = StdinKind::Txt)]
    stdin_format: StdinKind,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = tidings_ingest::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum StdinKind {
    Txt,
    Jsonl,
}

#[derive(Args)]
struct ModelArg {
    /// Model file (default: $TIDINGS_MODEL, else models/en-ud.tdm).
    #[arg(long)]
    model: Option<PathBuf>,
}

impl ModelArg {
    /// The model file: `--model`, else `$TIDINGS_MODEL`, else the shipped one.
    fn path(&self) -> Result<PathBuf> {
        match &self.model {
            Some(p) => Ok(p.clone()),
            None => Model::default_path().context(
                "no model found: pass --model FILE or set TIDINGS_MODEL (the repository ships models/en-ud.tdm)",
            ),
        }
    }

    fn load(&self) -> Result<Model> {
        Model::load(&self.path()?).map_err(anyhow::Error::msg)
    }
}

impl InputArgs {
    fn options(&self) -> ReadOptions {
        ReadOptions {
            max_bytes: self.max_bytes,
            id_override: self.id.clone(),
            stdin_format: match self.stdin_format {
                StdinKind::Txt => StdinFormat::Txt,
                StdinKind::Jsonl => StdinFormat::Jsonl,
            },
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tidings: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract::run(&args),
        Command::Ingest(args) => store::ingest(&args),
        Command::Events(args) => store::events(&args),
        Command::Show(args) => store::show(&args),
        Command::Search(args) => store::search(&args),
        Command::Timeline(args) => store::timeline(&args),
        Command::Graph(args) => store::graph(&args),
        Command::Merge(args) => store::merge(&args),
        Command::Split(args) => store::split(&args),
        Command::Corrections(args) => store::corrections(&args),
        Command::Nlp(cmd) => match cmd {
            NlpCommand::Parse { input, model } => parse(&input, &model),
            NlpCommand::Eval { file, json, model } => {
                let model = model.load()?;
                eval(&model, &file, json)?;
                Ok(ExitCode::SUCCESS)
            }
            NlpCommand::EvalSeg { file, json } => {
                eval_seg(&file, json)?;
                Ok(ExitCode::SUCCESS)
            }
            NlpCommand::Train {
                train,
                out,
                folds,
                seed,
                tagger_epochs,
                parser_epochs,
                eval: evals,
            } => {
                let cfg = TrainConfig {
                    train,
                    folds,
                    seed,
                    tagger_epochs,
                    parser_epochs,
                };
                let started = Instant::now();
                let model = tidings_nlp::train::train(&cfg, &mut |line| {
                    eprintln!("[{:>5.0} s] {line}", started.elapsed().as_secs_f64())
                })
                .map_err(anyhow::Error::msg)?;
                let bytes = model.to_bytes();
                if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("{}: cannot create folder", dir.display()))?;
                }
                std::fs::write(&out, &bytes)
                    .with_context(|| format!("{}: cannot write model", out.display()))?;
                eprintln!(
                    "wrote {} ({:.1} MB)",
                    out.display(),
                    bytes.len() as f64 / 1e6
                );
                for f in evals {
                    eval(&model, &f, true)?;
                }
                Ok(ExitCode::SUCCESS)
            }
        },
    }
}

fn parse(input: &InputArgs, model: &ModelArg) -> Result<ExitCode> {
    let model = model.load()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut buf = String::new();
    let code = for_each_document(input, |doc| {
        buf.clear();
        model.write_conllu(&doc, &mut buf);
        out.write_all(buf.as_bytes())
            .context("writing standard output")
    })?;
    out.flush().context("writing standard output")?;
    Ok(code)
}

/// Reads every input, hands each document to `f`, reports warnings and
/// unreadable documents on standard error, and gives the batch's exit
/// status. An error from `f` (such as a closed standard output) ends the run.
fn for_each_document(
    input: &InputArgs,
    mut f: impl FnMut(Document) -> Result<()>,
) -> Result<ExitCode> {
    let (mut ok, mut failed) = (0usize, 0usize);
    for item in read_inputs(&input.paths, &input.options()) {
        match item {
            Ok(Item::Doc(doc)) => {
                f(doc)?;
                ok += 1;
            }
            Ok(Item::Warning(w)) => eprintln!("tidings: warning: {w}"),
            Err(e) => {
                eprintln!("tidings: error: {e}");
                failed += 1;
            }
        }
    }
    summarize(ok, failed)
}

/// Exit status of a batch: success when at least one document got through.
fn summarize(ok: usize, failed: usize) -> Result<ExitCode> {
    if failed > 0 {
        eprintln!("tidings: {ok} document(s) processed, {failed} skipped");
    }
    if ok == 0 && failed > 0 {
        bail!("no document could be processed");
    }
    Ok(ExitCode::SUCCESS)
}

fn eval(model: &Model, file: &Path, json: bool) -> Result<()> {
    let sents = tidings_conllu::read_file(file).map_err(anyhow::Error::msg)?;
    let ev = tidings_nlp::eval::evaluate(model, &sents);
    if json {
        println!("{}", ev.to_json(sents.len()));
    } else {
        let c = &ev.counts;
        println!("file       {}", file.display());
        println!("sentences  {}", sents.len());
        println!("tokens     {}", c.words);
        println!("UPOS       {:.2}%", 100.0 * c.upos_acc());
        println!("XPOS       {:.2}%", 100.0 * c.xpos_acc());
        println!("UAS        {:.2}%", 100.0 * c.uas_score());
        println!("LAS        {:.2}%", 100.0 * c.las_score());
        println!("speed      {:.0} tokens/s", ev.tokens_per_second());
    }
    Ok(())
}

fn eval_seg(file: &Path, json: bool) -> Result<()> {
    let sents = tidings_conllu::read_file(file).map_err(anyhow::Error::msg)?;
    let s = tidings_text::eval::eval_segmentation(&sents);
    if json {
        println!("{}", s.to_json());
    } else {
        println!("file        {}", file.display());
        println!(
            "sentences   P {:.4}  R {:.4}  F1 {:.4}",
            s.sentence_precision, s.sentence_recall, s.sentence_f1
        );
        println!(
            "tokens      P {:.4}  R {:.4}  F1 {:.4}",
            s.token_precision, s.token_recall, s.token_f1
        );
        println!("words       F1 {:.4}", s.word_f1);
    }
    Ok(())
}
