//! CoNLL-U, the Universal Dependencies file format: a streaming reader and a
//! writer.
//!
//! Multiword-token lines (`3-4`) are kept apart from the syntactic words;
//! empty nodes (`8.1`, enhanced dependencies only) are skipped.

use std::fmt::Write as _;
use std::io::BufRead;

/// One syntactic word (a numbered CoNLL-U line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    /// 1-based position in the sentence.
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 = root; `None` when the file leaves it unspecified (`_`).
    pub head: Option<usize>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

impl Word {
    /// A word with only a form; every other column `_`.
    pub fn new(id: usize, form: impl Into<String>) -> Self {
        let u = || "_".to_string();
        Word {
            id,
            form: form.into(),
            lemma: u(),
            upos: u(),
            xpos: u(),
            feats: u(),
            head: None,
            deprel: u(),
            deps: u(),
            misc: u(),
        }
    }

    /// The universal part of the relation (`nmod:poss` → `nmod`).
    pub fn udeprel(&self) -> &str {
        self.deprel.split(':').next().unwrap_or("")
    }

    /// Whether the MISC column says `SpaceAfter=No`.
    pub fn no_space_after(&self) -> bool {
        misc_has(&self.misc, "SpaceAfter=No")
    }
}

fn misc_has(misc: &str, item: &str) -> bool {
    misc.split('|').any(|m| m == item)
}

/// A multiword token: a surface token spanning words `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Multiword {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

impl Multiword {
    /// Whether the MISC column says `SpaceAfter=No`.
    pub fn no_space_after(&self) -> bool {
        misc_has(&self.misc, "SpaceAfter=No")
    }
}

/// One sentence: its comment lines (without the leading `# `), words and
/// multiword tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub multiwords: Vec<Multiword>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// Whether a `# key ...` comment is present (e.g. `newpar`, `newdoc`).
    pub fn has_comment(&self, key: &str) -> bool {
        self.comments
            .iter()
            .any(|c| c.split(|ch: char| ch == '=' || ch.is_whitespace()).next() == Some(key))
    }

    /// Surface tokens: each multiword token once, other words as themselves.
    /// Yields `(form, first_word_index, last_word_index, no_space_after)`
    /// with 0-based indices into `words`.
    pub fn surface_tokens(&self) -> Vec<(&str, usize, usize, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut i = 0;
        let mut mw = self.multiwords.iter().peekable();
        while i < self.words.len() {
            let id = self.words[i].id;
            if let Some(m) = mw.peek() {
                if m.first == id {
                    let last = (m.last - m.first + i).min(self.words.len() - 1);
                    out.push((m.form.as_str(), i, last, m.no_space_after()));
                    i = last + 1;
                    mw.next();
                    continue;
                }
                if m.first < id {
                    mw.next();
                    continue;
                }
            }
            let w = &self.words[i];
            out.push((w.form.as_str(), i, i, w.no_space_after()));
            i += 1;
        }
        out
    }
}

/// A malformed line, with its 1-based line number.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("line {line}: {message}")]
    Malformed { line: usize, message: String },
    #[error("line {line}: {source}")]
    Io {
        line: usize,
        #[source]
        source: std::io::Error,
    },
}

/// Streams sentences from CoNLL-U text.
pub struct Reader<R> {
    input: R,
    line_no: usize,
    buf: String,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        Reader {
            input,
            line_no: 0,
            buf: String::new(),
            done: false,
        }
    }

    fn malformed(&self, message: impl Into<String>) -> Error {
        Error::Malformed {
            line: self.line_no,
            message: message.into(),
        }
    }

    fn parse_line(&self, line: &str, sent: &mut Sentence) -> Result<(), Error> {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(self.malformed(format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let id = cols[0];
        if id.contains('.') {
            return Ok(()); // empty node
        }
        if let Some((a, b)) = id.split_once('-') {
            let first = a
                .parse()
                .map_err(|_| self.malformed(format!("bad range id {id:?}")))?;
            let last = b
                .parse()
                .map_err(|_| self.malformed(format!("bad range id {id:?}")))?;
            sent.multiwords.push(Multiword {
                first,
                last,
                form: cols[1].into(),
                misc: cols[9].into(),
            });
            return Ok(());
        }
        let id: usize = id
            .parse()
            .map_err(|_| self.malformed(format!("bad word id {id:?}")))?;
        if id != sent.words.len() + 1 {
            return Err(self.malformed(format!("word id {id} out of sequence")));
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(
                h.parse()
                    .map_err(|_| self.malformed(format!("bad head {h:?}")))?,
            ),
        };
        sent.words.push(Word {
            id,
            form: cols[1].into(),
            lemma: cols[2].into(),
            upos: cols[3].into(),
            xpos: cols[4].into(),
            feats: cols[5].into(),
            head,
            deprel: cols[7].into(),
            deps: cols[8].into(),
            misc: cols[9].into(),
        });
        Ok(())
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Sentence, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut sent = Sentence::default();
        loop {
            self.buf.clear();
            match self.input.read_line(&mut self.buf) {
                Err(source) => {
                    self.done = true;
                    return Some(Err(Error::Io {
                        line: self.line_no + 1,
                        source,
                    }));
                }
                Ok(0) => {
                    self.done = true;
                    return (!sent.words.is_empty() || !sent.comments.is_empty())
                        .then_some(Ok(sent));
                }
                Ok(_) => {}
            }
            self.line_no += 1;
            let line = std::mem::take(&mut self.buf);
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                if sent.words.is_empty() && sent.comments.is_empty() {
                    continue;
                }
                return Some(Ok(sent));
            }
            if let Some(c) = line.strip_prefix('#') {
                sent.comments.push(c.trim_start().to_string());
                continue;
            }
            if let Err(e) = self.parse_line(line, &mut sent) {
                // Skip the rest of this sentence so that the reader can go on.
                loop {
                    self.buf.clear();
                    match self.input.read_line(&mut self.buf) {
                        Ok(0) | Err(_) => {
                            self.done = true;
                            break;
                        }
                        Ok(_) => {
                            self.line_no += 1;
                            if self.buf.trim().is_empty() {
                                break;
                            }
                        }
                    }
                }
                return Some(Err(e));
            }
        }
    }
}

/// Reads a whole CoNLL-U file.
pub fn read_file(path: &std::path::Path) -> Result<Vec<Sentence>, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Reader::new(std::io::BufReader::new(f))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes one sentence (comments, multiword lines, words, the blank line).
pub fn write_sentence(out: &mut String, sent: &Sentence) {
    for c in &sent.comments {
        let _ = writeln!(out, "# {c}");
    }
    let mut mw = sent.multiwords.iter().peekable();
    for w in &sent.words {
        while let Some(m) = mw.peek() {
            if m.first > w.id {
                break;
            }
            if m.first == w.id {
                let _ = writeln!(
                    out,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    m.first, m.last, m.form, m.misc
                );
            }
            mw.next();
        }
        let head = w.head.map_or_else(|| "_".to_string(), |h| h.to_string());
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            w.id, w.form, w.lemma, w.upos, w.xpos, w.feats, head, w.deprel, w.deps, w.misc
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a-1\n# newpar\n# text = They don't.\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n\
3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n3.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
1\tbad\n\n1\tOk\tok\tINTJ\tUH\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_words_multiwords_and_recovers_from_errors() {
        let out: Vec<_> = Reader::new(SAMPLE.as_bytes()).collect();
        assert_eq!(out.len(), 3);
        let s = out[0].as_ref().unwrap();
        assert_eq!(s.words.len(), 4);
        assert_eq!(s.comment("text"), Some("They don't."));
        assert!(s.has_comment("newpar"));
        assert_eq!(s.words[1].udeprel(), "advmod");
        let surf = s.surface_tokens();
        assert_eq!(surf[0], ("don't", 0, 1, false));
        assert_eq!(surf[1], ("go", 2, 2, true));
        match &out[1] {
            Err(Error::Malformed { line, .. }) => assert_eq!(*line, 11),
            other => panic!("expected an error, got {other:?}"),
        }
        assert_eq!(out[2].as_ref().unwrap().words[0].form, "Ok");
    }

    #[test]
    fn round_trips() {
        let s = Reader::new(SAMPLE.as_bytes()).next().unwrap().unwrap();
        let mut out = String::new();
        write_sentence(&mut out, &s);
        let again = Reader::new(out.as_bytes()).next().unwrap().unwrap();
        assert_eq!(s, again);
    }
}
