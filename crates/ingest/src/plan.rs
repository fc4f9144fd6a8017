//! The first, cheap pass: turn the arguments into a list of things to read
//! (walking folders, choosing `.txt` ids), without reading any content.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::{InputError, InputWarning};

/// One thing to read, in order.
#[derive(Debug)]
pub(crate) enum Planned {
    /// A `.txt` file with its chosen id, and a warning if the id is not the
    /// plain file stem.
    Txt {
        path: PathBuf,
        id: String,
        note: Option<InputWarning>,
    },
    /// A `.jsonl` file.
    Jsonl { path: PathBuf },
    /// Standard input.
    Stdin,
    /// Something that could not be listed (missing path, unreadable folder…).
    Error(InputError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Txt,
    Jsonl,
}

/// A listed entry before ids are chosen.
enum Entry {
    Txt {
        path: PathBuf,
        /// The folder argument the file was found under, if any.
        base: Option<PathBuf>,
    },
    Jsonl(PathBuf),
    Stdin,
    Error(InputError),
}

fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?;
    if ext.eq_ignore_ascii_case("txt") {
        Some(Kind::Txt)
    } else if ext.eq_ignore_ascii_case("jsonl") {
        Some(Kind::Jsonl)
    } else {
        None
    }
}

fn origin(path: &Path) -> String {
    path.display().to_string()
}

/// A readable message for an I/O error while listing.
pub(crate) fn io_message(what: &str, e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => format!("cannot {what}: permission denied"),
        _ => format!("cannot {what}: {e}"),
    }
}

/// Lists `paths` and chooses the `.txt` ids.
pub(crate) fn plan(paths: &[PathBuf]) -> Vec<Planned> {
    let mut entries = Vec::new();
    for arg in paths {
        if arg.as_os_str() == "-" {
            entries.push(Entry::Stdin);
            continue;
        }
        match fs::metadata(arg) {
            Err(e) => entries.push(Entry::Error(InputError::new(
                origin(arg),
                io_message("read", &e),
            ))),
            Ok(m) if m.is_dir() => walk(arg, &mut entries),
            Ok(_) => match kind_of(arg) {
                Some(Kind::Txt) => entries.push(Entry::Txt {
                    path: arg.clone(),
                    base: None,
                }),
                Some(Kind::Jsonl) => entries.push(Entry::Jsonl(arg.clone())),
                None => entries.push(Entry::Error(InputError::new(
                    origin(arg),
                    "unsupported file type (expected .txt or .jsonl, a folder, or - for standard input); skipped",
                ))),
            },
        }
    }
    assign_ids(entries)
}

/// Walks the folder `root`, appending its `.txt` and `.jsonl` files (and
/// any listing errors) to `out` in sorted path order.
fn walk(root: &Path, out: &mut Vec<Entry>) {
    let mut found: Vec<(PathBuf, Entry)> = Vec::new();
    let mut visited: HashSet<PathBuf> = HashSet::new();
    if let Ok(c) = fs::canonicalize(root) {
        visited.insert(c);
    }
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let read = match fs::read_dir(&dir) {
            Ok(r) => r,
            Err(e) => {
                let err = InputError::new(origin(&dir), io_message("read folder", &e));
                found.push((dir, Entry::Error(err)));
                continue;
            }
        };
        for entry in read {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let err = InputError::new(origin(&dir), io_message("read folder", &e));
                    found.push((dir.clone(), Entry::Error(err)));
                    continue;
                }
            };
            let path = entry.path();
            let kind = kind_of(&path);
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    if kind.is_some() {
                        let err = InputError::new(origin(&path), io_message("read", &e));
                        found.push((path, Entry::Error(err)));
                    }
                    continue;
                }
            };
            // Follow symbolic links, to files and to folders.
            let (is_dir, is_file) = if file_type.is_symlink() {
                match fs::metadata(&path) {
                    Ok(m) => (m.is_dir(), m.is_file()),
                    Err(e) => {
                        if kind.is_some() {
                            let err = InputError::new(origin(&path), io_message("read", &e));
                            found.push((path, Entry::Error(err)));
                        }
                        continue;
                    }
                }
            } else {
                (file_type.is_dir(), file_type.is_file())
            };
            if is_dir {
                // Guard against symbolic-link loops.
                let fresh = match fs::canonicalize(&path) {
                    Ok(c) => visited.insert(c),
                    Err(_) => !file_type.is_symlink(),
                };
                if fresh {
                    stack.push(path);
                }
                continue;
            }
            match kind {
                None => {} // other extensions: skipped silently
                Some(_) if !is_file => {
                    let err = InputError::new(origin(&path), "not a regular file; skipped");
                    found.push((path, Entry::Error(err)));
                }
                Some(Kind::Txt) => found.push((
                    path.clone(),
                    Entry::Txt {
                        path,
                        base: Some(root.to_path_buf()),
                    },
                )),
                Some(Kind::Jsonl) => found.push((path.clone(), Entry::Jsonl(path))),
            }
        }
    }
    // A stable sort keeps a folder's listing error ahead of its own files'
    // entries (they sort after the folder path anyway).
    found.sort_by(|a, b| a.0.cmp(&b.0));
    out.extend(found.into_iter().map(|(_, e)| e));
}

/// The file stem of a `.txt` path: its id when no other `.txt` file shares it.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `path` without its extension, components joined with `/`.
fn without_extension(path: &Path) -> String {
    let parts: Vec<String> = path
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let joined = parts.join("/");
    // A leading root component renders as "/" already; avoid "//".
    match joined.strip_prefix("//") {
        Some(rest) => format!("/{rest}"),
        None => joined,
    }
}

/// The id of a `.txt` file whose stem is shared: relative to its folder
/// argument, or the path as given.
fn relative_id(path: &Path, base: Option<&Path>) -> String {
    match base.and_then(|b| path.strip_prefix(b).ok()) {
        Some(rel) => without_extension(rel),
        None => without_extension(path),
    }
}

fn assign_ids(entries: Vec<Entry>) -> Vec<Planned> {
    let mut stem_count: HashMap<String, usize> = HashMap::new();
    for e in &entries {
        if let Entry::Txt { path, .. } = e {
            *stem_count.entry(stem(path)).or_default() += 1;
        }
    }
    // Relative ids for shared stems; if even those collide (two folder
    // arguments with the same layout), fall back to the path as given.
    let mut relative_count: HashMap<String, usize> = HashMap::new();
    for e in &entries {
        if let Entry::Txt { path, base } = e {
            if stem_count.get(&stem(path)).copied().unwrap_or(0) > 1 {
                *relative_count
                    .entry(relative_id(path, base.as_deref()))
                    .or_default() += 1;
            }
        }
    }
    entries
        .into_iter()
        .map(|e| match e {
            Entry::Txt { path, base } => {
                let plain = stem(&path);
                let shared = stem_count.get(&plain).copied().unwrap_or(0);
                if shared <= 1 {
                    return Planned::Txt {
                        path,
                        id: plain,
                        note: None,
                    };
                }
                let mut id = relative_id(&path, base.as_deref());
                if relative_count.get(&id).copied().unwrap_or(0) > 1 {
                    id = without_extension(&path);
                }
                let note = InputWarning {
                    origin: origin(&path),
                    message: format!(
                        "file name {plain:?} is shared by {shared} .txt files in this run; using id {id:?}"
                    ),
                };
                Planned::Txt {
                    path,
                    id,
                    note: Some(note),
                }
            }
            Entry::Jsonl(path) => Planned::Jsonl { path },
            Entry::Stdin => Planned::Stdin,
            Entry::Error(e) => Planned::Error(e),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_without_extension() {
        assert_eq!(without_extension(Path::new("a/b/c.txt")), "a/b/c");
        assert_eq!(without_extension(Path::new("c.txt")), "c");
        assert_eq!(without_extension(Path::new("/x/c.txt")), "/x/c");
        assert_eq!(without_extension(Path::new("./x/c.txt")), "./x/c");
        assert_eq!(
            relative_id(Path::new("corpus/a/c.txt"), Some(Path::new("corpus"))),
            "a/c"
        );
        assert_eq!(relative_id(Path::new("in/c.txt"), None), "in/c");
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of(Path::new("a.txt")), Some(Kind::Txt));
        assert_eq!(kind_of(Path::new("a.TXT")), Some(Kind::Txt));
        assert_eq!(kind_of(Path::new("a.jsonl")), Some(Kind::Jsonl));
        assert_eq!(kind_of(Path::new("a.json")), None);
        assert_eq!(kind_of(Path::new(".txt")), None);
        assert_eq!(kind_of(Path::new("README")), None);
    }
}
