//! The analysis pipeline: a [`Model`] (tagger + parser) applied to the
//! sentences of a segmented document, and the CoNLL-U view of the result.

use std::path::{Path, PathBuf};

use tidings_text::{segment, CharIndex, Document, Segmentation};

use crate::model::{ModelError, Sections};
use crate::parser::Parser;
use crate::tagger::Tagger;

/// Sentences longer than this many words are tagged and parsed in pieces
/// of at most this size, so that no input costs more than linear time.
pub const MAX_PIECE_WORDS: usize = 200;

/// File name of the model that ships with tidings.
pub const MODEL_FILE: &str = "en-ud.tdm";

/// A tagger and a parser, loaded from one model file.
pub struct Model {
    pub tagger: Tagger,
    pub parser: Parser,
    /// Free-form description stored with the model (training data, scores).
    pub info: String,
}

/// Per-word analysis of one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Indices into [`Tagger::upos_tags`].
    pub upos: Vec<u16>,
    /// Indices into [`Tagger::xpos_tags`].
    pub xpos: Vec<u16>,
    /// 1-based head of each word, 0 for the root.
    pub heads: Vec<usize>,
    /// Indices into [`Parser::labels`].
    pub labels: Vec<u16>,
}

/// Reusable buffers for [`Model::analyze`].
#[derive(Default)]
pub struct Scratch {
    upos: Vec<u16>,
    xpos: Vec<u16>,
    heads: Vec<usize>,
    labels: Vec<u16>,
}

impl Model {
    /// Encodes the model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut s = Sections::default();
        s.push("info", self.info.as_bytes().to_vec());
        let mut t = Vec::new();
        self.tagger.encode(&mut t);
        s.push("tagger", t);
        let mut p = Vec::new();
        self.parser.encode(&mut p);
        s.push("parser", p);
        s.encode()
    }

    /// Decodes a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let info = String::from_utf8_lossy(Sections::section(bytes, "info")?).into_owned();
        let tagger = Tagger::decode(Sections::section(bytes, "tagger")?)?;
        let parser = Parser::decode(Sections::section(bytes, "parser")?)?;
        Ok(Model {
            tagger,
            parser,
            info,
        })
    }

    /// Loads a model file; the error names the file.
    pub fn load(path: &Path) -> Result<Model, String> {
        let bytes = std::fs::read(path)
            .map_err(|e| format!("{}: cannot read model: {e}", path.display()))?;
        Model::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Where to find the model when none is named: `$TIDINGS_MODEL`, then
    /// `models/en-ud.tdm` beside the executable or up to three folders above
    /// it, then the `models/` folder of the source tree it was built from.
    pub fn default_path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("TIDINGS_MODEL") {
            return Some(PathBuf::from(p));
        }
        let mut candidates = Vec::new();
        if let Ok(exe) = std::env::current_exe() {
            let mut dir = exe.parent().map(Path::to_path_buf);
            for _ in 0..4 {
                let Some(d) = dir else { break };
                candidates.push(d.join("models").join(MODEL_FILE));
                dir = d.parent().map(Path::to_path_buf);
            }
        }
        candidates.push(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../models")
                .join(MODEL_FILE),
        );
        candidates.into_iter().find(|p| p.is_file())
    }

    /// Tags and parses one sentence of word forms, in pieces of at most
    /// [`MAX_PIECE_WORDS`] words (each later piece's root is attached to the
    /// first piece's root as `parataxis`).
    pub fn analyze(&self, forms: &[&str], out: &mut Analysis, scratch: &mut Scratch) {
        self.analyze_inner(forms, None, out, scratch);
    }

    /// As [`Model::analyze`], with the words marked in `proper` tagged as
    /// proper nouns (see [`Tagger::tag_proper`]).
    pub fn analyze_proper(
        &self,
        forms: &[&str],
        proper: &[bool],
        out: &mut Analysis,
        scratch: &mut Scratch,
    ) {
        let forced: Vec<Option<(&str, &str)>> = (0..forms.len())
            .map(|i| (proper.get(i) == Some(&true)).then_some(("PROPN", "NNP")))
            .collect();
        self.analyze_inner(forms, Some(&forced), out, scratch);
    }

    /// As [`Model::analyze`], with the words given a `(UPOS, XPOS)` pair in
    /// `forced` tagged so (see [`Tagger::tag_forced`]).
    pub fn analyze_forced(
        &self,
        forms: &[&str],
        forced: &[Option<(&str, &str)>],
        out: &mut Analysis,
        scratch: &mut Scratch,
    ) {
        self.analyze_inner(forms, Some(forced), out, scratch);
    }

    fn analyze_inner(
        &self,
        forms: &[&str],
        proper: Option<&[Option<(&str, &str)>]>,
        out: &mut Analysis,
        scratch: &mut Scratch,
    ) {
        out.upos.clear();
        out.xpos.clear();
        out.heads.clear();
        out.labels.clear();
        let upos_names = self.tagger.upos_tags();
        let xpos_names = self.tagger.xpos_tags();
        let mut first_root = None;
        let parataxis = self
            .parser
            .labels()
            .iter()
            .position(|l| l == "parataxis")
            .unwrap_or(0) as u16;
        for piece in forms.chunks(MAX_PIECE_WORDS) {
            let base = out.heads.len();
            match proper.and_then(|p| p.get(base..(base + piece.len()).min(p.len()))) {
                Some(p) => self
                    .tagger
                    .tag_forced(piece, p, &mut scratch.upos, &mut scratch.xpos),
                None => self.tagger.tag(piece, &mut scratch.upos, &mut scratch.xpos),
            }
            let upos: Vec<&str> = scratch
                .upos
                .iter()
                .map(|&i| tag_name(upos_names, i))
                .collect();
            let xpos: Vec<&str> = scratch
                .xpos
                .iter()
                .map(|&i| tag_name(xpos_names, i))
                .collect();
            self.parser
                .parse(piece, &upos, &xpos, &mut scratch.heads, &mut scratch.labels);
            out.upos.extend_from_slice(&scratch.upos);
            out.xpos.extend_from_slice(&scratch.xpos);
            for (i, (&h, &l)) in scratch.heads.iter().zip(&scratch.labels).enumerate() {
                if h == 0 {
                    match first_root {
                        None => {
                            first_root = Some(base + i + 1);
                            out.heads.push(0);
                            out.labels.push(l);
                        }
                        Some(r) => {
                            out.heads.push(r);
                            out.labels.push(parataxis);
                        }
                    }
                } else {
                    out.heads.push(base + h);
                    out.labels.push(l);
                }
            }
        }
    }

    /// The UPOS name of a tag index.
    pub fn upos_name(&self, i: u16) -> &str {
        tag_name(self.tagger.upos_tags(), i)
    }

    /// The XPOS name of a tag index.
    pub fn xpos_name(&self, i: u16) -> &str {
        tag_name(self.tagger.xpos_tags(), i)
    }

    /// The relation name of a label index.
    pub fn label_name(&self, i: u16) -> &str {
        tag_name(self.parser.labels(), i)
    }

    /// Segments, tags and parses a document, appending CoNLL-U to `out`.
    /// Sentence ids are `<doc id>-<n>`; MISC carries `TokenRange=start:end`
    /// (character offsets into the document text) and `SpaceAfter=No`.
    pub fn write_conllu(&self, doc: &Document, out: &mut String) {
        let seg = segment(&doc.text);
        self.write_segmented_conllu(doc, &seg, out);
    }

    /// As [`Model::write_conllu`], for an existing segmentation.
    pub fn write_segmented_conllu(&self, doc: &Document, seg: &Segmentation, out: &mut String) {
        use std::fmt::Write as _;
        let text = doc.text.as_str();
        let chars = CharIndex::new(text);
        let mut analysis = Analysis::default();
        let mut scratch = Scratch::default();
        let mut forms: Vec<&str> = Vec::new();
        let _ = writeln!(out, "# newdoc id = {}", one_line(&doc.id));
        let mut last_par = usize::MAX;
        for (n, sent) in seg.sentences.iter().enumerate() {
            let toks = &seg.tokens[sent.tokens.clone()];
            forms.clear();
            forms.extend(toks.iter().map(|t| t.text(text)));
            self.analyze(&forms, &mut analysis, &mut scratch);
            if sent.paragraph != last_par {
                let _ = writeln!(out, "# newpar");
                last_par = sent.paragraph;
            }
            let _ = writeln!(out, "# sent_id = {}-{}", one_line(&doc.id), n + 1);
            let _ = writeln!(out, "# text = {}", one_line(&text[sent.start..sent.end]));
            let mut i = 0;
            while i < toks.len() {
                let tok = toks[i];
                let group_end = group_end(toks, i, sent.tokens.start);
                if group_end > i + 1 {
                    let last = toks[group_end - 1];
                    let _ = writeln!(
                        out,
                        "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                        i + 1,
                        group_end,
                        &text[tok.start..last.end],
                        misc(
                            &chars,
                            tok.start,
                            last.end,
                            space_after(text, last.end, toks.get(group_end))
                        )
                    );
                }
                for j in i..group_end {
                    let t = toks[j];
                    let m = if group_end > i + 1 {
                        format!(
                            "TokenRange={}:{}",
                            chars.char_offset(t.start),
                            chars.char_offset(t.end)
                        )
                    } else {
                        misc(
                            &chars,
                            t.start,
                            t.end,
                            space_after(text, t.end, toks.get(j + 1)),
                        )
                    };
                    let _ = writeln!(
                        out,
                        "{}\t{}\t_\t{}\t{}\t_\t{}\t{}\t_\t{}",
                        j + 1,
                        t.text(text),
                        self.upos_name(analysis.upos[j]),
                        self.xpos_name(analysis.xpos[j]),
                        analysis.heads[j],
                        self.label_name(analysis.labels[j]),
                        m
                    );
                }
                i = group_end;
            }
            out.push('\n');
        }
    }
}

fn tag_name(names: &[String], i: u16) -> &str {
    names.get(i as usize).map_or("_", String::as_str)
}

/// One past the last token of the multiword group starting at `i` (or `i + 1`).
fn group_end(toks: &[tidings_text::Token], i: usize, base: usize) -> usize {
    let mut j = i + 1;
    while j < toks.len() && toks[j].mwt == Some(base + i) {
        j += 1;
    }
    j
}

fn space_after(text: &str, end: usize, next: Option<&tidings_text::Token>) -> bool {
    match next {
        Some(n) => n.start > end,
        None => text[end..].chars().next().is_none_or(char::is_whitespace),
    }
}

fn misc(chars: &CharIndex, start: usize, end: usize, space_after: bool) -> String {
    let mut m = format!(
        "TokenRange={}:{}",
        chars.char_offset(start),
        chars.char_offset(end)
    );
    if !space_after {
        m.push_str("|SpaceAfter=No");
    }
    m
}

/// Comment values must stay on one line.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}
