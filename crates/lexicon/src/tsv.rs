//! The lexicon TSV format: UTF-8, `#` comment lines, blank lines ignored, one
//! header row naming the columns, then tab-separated rows. Columns are found
//! by their header name, so files may add columns or leave out optional ones.

use crate::error::LexiconError;

/// A parsed table borrowing from the file text.
pub(crate) struct Table<'a> {
    file: String,
    columns: Vec<&'a str>,
    rows: Vec<(usize, Vec<&'a str>)>,
}

/// One row of a [`Table`].
pub(crate) struct Row<'t, 'a> {
    table: &'t Table<'a>,
    /// 1-based line number in the file.
    pub line: usize,
    cells: &'t [&'a str],
}

impl<'a> Table<'a> {
    /// Parses `text` (the content of `file`), requiring the `required` columns.
    pub fn parse(file: &str, text: &'a str, required: &[&str]) -> Result<Self, LexiconError> {
        let mut columns: Option<Vec<&'a str>> = None;
        let mut header_line = 0;
        let mut rows = Vec::new();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (i, raw) in text.split('\n').enumerate() {
            let line_no = i + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cells: Vec<&'a str> = line.split('\t').map(str::trim).collect();
            match &columns {
                None => {
                    for r in required {
                        if !cells.contains(r) {
                            return Err(LexiconError::parse(
                                file,
                                line_no,
                                format!("header lacks the column {r:?}"),
                            ));
                        }
                    }
                    columns = Some(cells);
                    header_line = line_no;
                }
                Some(cols) => {
                    if cells.len() > cols.len() {
                        return Err(LexiconError::parse(
                            file,
                            line_no,
                            format!(
                                "{} cells but the header (line {header_line}) has {} columns",
                                cells.len(),
                                cols.len()
                            ),
                        ));
                    }
                    rows.push((line_no, cells));
                }
            }
        }
        let columns = match columns {
            Some(c) => c,
            None if required.is_empty() => Vec::new(),
            None => return Err(LexiconError::parse(file, 1, "no header row")),
        };
        Ok(Table {
            file: file.to_string(),
            columns,
            rows,
        })
    }

    /// The rows in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_, 'a>> {
        self.rows.iter().map(move |(line, cells)| Row {
            table: self,
            line: *line,
            cells,
        })
    }
}

impl<'t, 'a> Row<'t, 'a> {
    /// The cell of the named column, or "" when the column or cell is absent.
    pub fn get(&self, column: &str) -> &'a str {
        self.table
            .columns
            .iter()
            .position(|c| *c == column)
            .and_then(|i| self.cells.get(i).copied())
            .unwrap_or("")
    }

    /// The cell of a column that must not be empty.
    pub fn req(&self, column: &str) -> Result<&'a str, LexiconError> {
        let v = self.get(column);
        if v.is_empty() {
            Err(self.error(format!("empty {column:?}")))
        } else {
            Ok(v)
        }
    }

    /// An error naming this row's file and line.
    pub fn error(&self, message: impl Into<String>) -> LexiconError {
        LexiconError::parse(&self.table.file, self.line, message)
    }
}

/// Splits a `|`-separated list cell, skipping empty items.
pub(crate) fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Splits a `,`-separated flag cell, skipping empty items.
pub(crate) fn flags(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(',').map(str::trim).filter(|s| !s.is_empty())
}
