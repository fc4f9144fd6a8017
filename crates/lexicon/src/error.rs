//! Errors raised while loading lexicon files.

use std::path::PathBuf;

/// An error while reading or parsing a lexicon file.
///
/// Parse errors name the file and the 1-based line, as `states.tsv:12: ...`.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A row or header that could not be parsed.
    #[error("{file}:{line}: {message}")]
    Parse {
        /// The file name (or path) the row came from.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A file or directory that could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A directory given to [`crate::Lexicon::load_dir`] or
    /// [`crate::Lexicon::extend_from_dir`] holds none of the lexicon files.
    #[error("{}: no lexicon files (states.tsv, people.tsv, organizations.tsv, items.tsv, triggers.tsv, hedges.tsv, speech_verbs.tsv)", path.display())]
    NoFiles {
        /// The directory.
        path: PathBuf,
    },
    /// The pattern automaton could not be built.
    #[error("building the {what} matcher: {message}")]
    Build {
        /// Which matcher.
        what: &'static str,
        /// The underlying error.
        message: String,
    },
}

impl LexiconError {
    pub(crate) fn parse(file: &str, line: usize, message: impl Into<String>) -> Self {
        LexiconError::Parse {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}
