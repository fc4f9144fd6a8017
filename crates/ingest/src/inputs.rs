//! The input stream: the planned entries read one at a time.

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::PathBuf;

use crate::jsonl::JsonlReader;
use crate::plan::{io_message, plan, Planned};
use crate::txt::{read_txt, read_txt_file};
use crate::{InputError, InputWarning, Item, ReadOptions, StdinFormat};

/// The stream of documents, warnings and errors made by
/// [`read_inputs`](crate::read_inputs): an iterator of
/// `Result<Item, InputError>`.
///
/// It holds at most one document's text at a time (plus one JSONL line
/// buffer, at most [`ReadOptions::max_bytes`] + 2 bytes), and the ids seen
/// so far with their origins, to warn about duplicates.
///
/// It is `Send`, so it can feed a pipeline from another thread.
pub struct Inputs<'a> {
    opts: ReadOptions,
    plan: std::vec::IntoIter<Planned>,
    /// The JSONL file (or input) being read.
    current: Option<JsonlReader<'a>>,
    /// Standard input, until it is used.
    stdin: Option<Box<dyn Read + Send + 'a>>,
    /// Items made but not yet yielded.
    pending: VecDeque<Result<Item, InputError>>,
    /// Every document id yielded so far, with the origin of its first use.
    seen: HashMap<String, String>,
}

impl std::fmt::Debug for Inputs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("opts", &self.opts)
            .field("remaining", &self.plan.len())
            .field("documents_seen", &self.seen.len())
            .finish_non_exhaustive()
    }
}

impl<'a> Inputs<'a> {
    pub(crate) fn new(
        paths: &[PathBuf],
        opts: &ReadOptions,
        stdin: Box<dyn Read + Send + 'a>,
    ) -> Self {
        Inputs {
            opts: opts.clone(),
            plan: plan(paths).into_iter(),
            current: None,
            stdin: Some(stdin),
            pending: VecDeque::new(),
            seen: HashMap::new(),
        }
    }

    /// Queues an item, with a warning first if it is a document whose id
    /// was seen before.
    fn push(&mut self, item: Result<Item, InputError>) {
        if let Ok(Item::Doc(doc)) = &item {
            match self.seen.get(&doc.id) {
                Some(first) => self.pending.push_back(Ok(Item::Warning(InputWarning {
                    origin: doc.origin.clone(),
                    message: format!(
                        "duplicate id {:?} (first used at {first}); both documents kept",
                        doc.id
                    ),
                }))),
                None => {
                    self.seen.insert(doc.id.clone(), doc.origin.clone());
                }
            }
        }
        self.pending.push_back(item);
    }

    /// Starts reading the next planned entry.
    fn start(&mut self, entry: Planned) {
        match entry {
            Planned::Error(e) => self.pending.push_back(Err(e)),
            Planned::Txt { path, id, note } => {
                if let Some(w) = note {
                    self.pending.push_back(Ok(Item::Warning(w)));
                }
                let doc = read_txt_file(&path, id, self.opts.max_bytes);
                self.push(doc.map(Item::Doc));
            }
            Planned::Jsonl { path } => match File::open(&path) {
                Ok(f) => {
                    self.current = Some(JsonlReader::new(
                        Box::new(BufReader::new(f)),
                        path.display().to_string(),
                        self.opts.max_bytes,
                    ));
                }
                Err(e) => self.pending.push_back(Err(InputError::new(
                    path.display().to_string(),
                    io_message("open", &e),
                ))),
            },
            Planned::Stdin => {
                let Some(stdin) = self.stdin.take() else {
                    self.pending.push_back(Err(InputError::new(
                        "-",
                        "standard input was already read; skipped",
                    )));
                    return;
                };
                match self.opts.stdin_format {
                    StdinFormat::Txt => {
                        let id = self
                            .opts
                            .id_override
                            .clone()
                            .unwrap_or_else(|| "stdin".to_string());
                        let doc = read_txt(stdin, id, "-".to_string(), self.opts.max_bytes, None);
                        self.push(doc.map(Item::Doc));
                    }
                    StdinFormat::Jsonl => {
                        self.current = Some(JsonlReader::new(
                            Box::new(BufReader::new(stdin)),
                            "-".to_string(),
                            self.opts.max_bytes,
                        ));
                    }
                }
            }
        }
    }
}

impl Iterator for Inputs<'_> {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(reader) = &mut self.current {
                match reader.next() {
                    Some(item) => {
                        self.push(item);
                        continue;
                    }
                    None => self.current = None,
                }
            }
            let entry = self.plan.next()?;
            self.start(entry);
        }
    }
}
