/// Metadata that travels with a document but is not part of its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// A headline or title, kept apart from the text (offsets never count it).
    pub title: Option<String>,
    /// Publication date or time as given: `YYYY-MM-DD` or an RFC 3339 timestamp.
    pub published: Option<String>,
    /// Where the document was found on the web.
    pub url: Option<String>,
    /// The outlet or feed the document came from.
    pub source: Option<String>,
}

/// One input document: an id, its original text and its metadata.
///
/// `text` is exactly the decoded input (a leading byte-order mark removed,
/// newlines untouched); all annotations point into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The document id (a file name without extension, or a JSONL `id`).
    pub id: String,
    /// The original text.
    pub text: String,
    /// Title, publication date, URL and source, where known.
    pub meta: Meta,
    /// Where the document was read from (a path, `path:line`, or `-`), for messages.
    pub origin: String,
}

impl Document {
    /// A document with no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let id = id.into();
        Document {
            origin: id.clone(),
            id,
            text: text.into(),
            meta: Meta::default(),
        }
    }
}
