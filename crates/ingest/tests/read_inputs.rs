//! End-to-end tests of `read_inputs`: checked-in fixtures under
//! `tests/fixtures/` and small files written to a fresh temporary folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use tidings_ingest::{
    read_inputs, read_inputs_with_stdin, Document, InputError, InputWarning, Item, ReadOptions,
    StdinFormat, DEFAULT_MAX_BYTES,
};

/// A fresh folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("tidings-ingest-{name}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `bytes` to `rel` (creating folders) and returns the full path.
    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create parent");
        }
        fs::write(&path, bytes).expect("write fixture");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// One stream item, simplified for assertions.
#[derive(Debug)]
enum Got {
    Doc(Document),
    Warn(InputWarning),
    Err(InputError),
}

fn collect(it: impl Iterator<Item = Result<Item, InputError>>) -> Vec<Got> {
    it.map(|r| match r {
        Ok(Item::Doc(d)) => Got::Doc(d),
        Ok(Item::Warning(w)) => Got::Warn(w),
        Err(e) => Got::Err(e),
    })
    .collect()
}

fn read(paths: &[PathBuf], opts: &ReadOptions) -> Vec<Got> {
    collect(read_inputs(paths, opts))
}

fn docs(items: &[Got]) -> Vec<&Document> {
    items
        .iter()
        .filter_map(|g| match g {
            Got::Doc(d) => Some(d),
            _ => None,
        })
        .collect()
}

fn ids(items: &[Got]) -> Vec<&str> {
    docs(items).iter().map(|d| d.id.as_str()).collect()
}

fn errors(items: &[Got]) -> Vec<String> {
    items
        .iter()
        .filter_map(|g| match g {
            Got::Err(e) => Some(e.to_string()),
            _ => None,
        })
        .collect()
}

fn warnings(items: &[Got]) -> Vec<String> {
    items
        .iter()
        .filter_map(|g| match g {
            Got::Warn(w) => Some(w.to_string()),
            _ => None,
        })
        .collect()
}

fn opts(max_bytes: usize) -> ReadOptions {
    ReadOptions {
        max_bytes,
        ..ReadOptions::default()
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

const ARTICLE: &str = "Bridge Reopens After Repairs\n\nThe Almsford footbridge reopened on Monday after six weeks of repairs to its cables.\n";

#[test]
fn fixture_folder_recursive_in_sorted_order() {
    let root = fixtures();
    let items = read(std::slice::from_ref(&root), &ReadOptions::default());
    assert!(errors(&items).is_empty(), "{items:?}");
    assert!(warnings(&items).is_empty(), "{items:?}");
    // Sorted by path: 2024-03-harbour.txt, archive/old/flood.txt,
    // briefs/wire.jsonl (three records), briefs/zoning.txt; notes.md skipped.
    assert_eq!(
        ids(&items),
        [
            "2024-03-harbour",
            "flood",
            "wire-0412",
            "wire-0413",
            "wire-0414",
            "zoning"
        ]
    );
    let d = docs(&items);
    let harbour = fs::read_to_string(root.join("2024-03-harbour.txt")).unwrap();
    assert_eq!(d[0].text, harbour);
    assert_eq!(
        d[0].origin,
        root.join("2024-03-harbour.txt").display().to_string()
    );
    assert_eq!(d[0].meta, Default::default());
    assert_eq!(
        d[1].origin,
        root.join("archive/old/flood.txt").display().to_string()
    );

    // JSONL records with all the metadata; a blank line 2 is skipped.
    let wire = root.join("briefs/wire.jsonl").display().to_string();
    let w = d[2];
    assert_eq!(w.origin, format!("{wire}:1"));
    assert_eq!(w.meta.title.as_deref(), Some("Mine Safety Review Ordered"));
    assert_eq!(w.meta.published.as_deref(), Some("2023-11-04"));
    assert_eq!(
        w.meta.url.as_deref(),
        Some("https://news.example.org/wire-0412")
    );
    assert_eq!(w.meta.source.as_deref(), Some("Northern Wire"));
    assert!(w.text.starts_with("The regional government ordered"));
    assert!(w.text.contains("workers.\n\nOfficials"));
    assert!(
        !w.text.contains("Mine Safety Review Ordered"),
        "title is not text"
    );
    assert_eq!(d[3].origin, format!("{wire}:3"));
    assert_eq!(d[3].meta.title, None);
    assert_eq!(d[3].meta.url, None);
    assert_eq!(
        d[3].meta.published.as_deref(),
        Some("2023-11-05T08:15:00+01:00")
    );
    assert_eq!(d[4].origin, format!("{wire}:4"));
    assert_eq!(
        d[4].meta.published.as_deref(),
        Some("2023-11-05T17:40:12.250Z")
    );
    assert_eq!(d[4].meta.source, None);
}

#[test]
fn txt_file_by_path_and_sorted_folder() {
    let tmp = TempDir::new("txt");
    let a = tmp.write("in/b-second.txt", ARTICLE);
    tmp.write("in/a-first.txt", "Storm warning issued for the coast.\n");
    tmp.write("in/sub/c-third.TXT", "Markets closed higher on Friday.");
    tmp.write("in/ignored.json", "{}");
    tmp.write("in/ignored.html", "<p>no</p>");
    let items = read(std::slice::from_ref(&a), &ReadOptions::default());
    assert_eq!(ids(&items), ["b-second"]);
    assert_eq!(docs(&items)[0].text, ARTICLE);
    assert_eq!(docs(&items)[0].origin, a.display().to_string());

    let items = read(&[tmp.path().join("in")], &ReadOptions::default());
    assert_eq!(ids(&items), ["a-first", "b-second", "c-third"]);
    assert_eq!(
        items.len(),
        3,
        "other extensions are skipped silently: {items:?}"
    );
}

#[test]
fn bom_removed_and_crlf_kept() {
    let tmp = TempDir::new("bom");
    let text = "Dock Strike Ends\r\n\r\nWorkers returned on Thursday.\r\n";
    let p = tmp.write("crlf.txt", format!("\u{feff}{text}"));
    let items = read(&[p], &ReadOptions::default());
    assert_eq!(docs(&items)[0].text, text);

    let line = "{\"id\":\"j\",\"text\":\"\u{feff}Line one.\\r\\nLine two.\"}\r\n";
    let p = tmp.write("crlf.jsonl", format!("\u{feff}{line}{line}"));
    let items = read(&[p], &ReadOptions::default());
    let d = docs(&items);
    assert_eq!(d.len(), 2, "{items:?}");
    assert_eq!(d[0].text, "Line one.\r\nLine two.");
    assert_eq!(d[1].text, "Line one.\r\nLine two.");
}

#[test]
fn shared_stems_get_relative_ids_with_warnings() {
    let tmp = TempDir::new("stems");
    tmp.write("corpus/report.txt", "Top-level report on harbour traffic.");
    tmp.write("corpus/2023/report.txt", "Annual report on road safety.");
    tmp.write("corpus/2024/report.txt", "Quarterly report on rainfall.");
    tmp.write("corpus/unique.txt", "A one-off item about a lost dog.");
    let direct = tmp.write("extra/report.txt", "A report passed directly.");
    let items = read(
        &[tmp.path().join("corpus"), direct.clone()],
        &ReadOptions::default(),
    );
    assert!(errors(&items).is_empty(), "{items:?}");
    let direct_id = direct.with_extension("").display().to_string();
    assert_eq!(
        ids(&items),
        [
            "2023/report",
            "2024/report",
            "report",
            "unique",
            direct_id.as_str()
        ]
    );
    let w = warnings(&items);
    assert_eq!(w.len(), 4, "{w:?}");
    assert!(w[0].ends_with(
        "2023/report.txt: file name \"report\" is shared by 4 .txt files in this run; using id \"2023/report\""
    ), "{w:?}");
    // Each warning comes just before its document.
    assert!(matches!(&items[0], Got::Warn(_)));
    assert!(matches!(&items[1], Got::Doc(d) if d.id == "2023/report"));

    // Two folder arguments with the same layout: relative ids collide too,
    // so the paths as given are used.
    tmp.write("x/note.txt", "Note from desk X.");
    tmp.write("y/note.txt", "Note from desk Y.");
    let items = read(
        &[tmp.path().join("x"), tmp.path().join("y")],
        &ReadOptions::default(),
    );
    let x = tmp.path().join("x/note").display().to_string();
    let y = tmp.path().join("y/note").display().to_string();
    assert_eq!(ids(&items), [x.as_str(), y.as_str()]);
    assert_eq!(warnings(&items).len(), 2);
}

#[test]
fn duplicate_ids_are_kept_with_a_warning() {
    let tmp = TempDir::new("dupid");
    let p = tmp.write(
        "feed.jsonl",
        concat!(
            "{\"id\":\"n1\",\"text\":\"First version of the story.\"}\n",
            "{\"id\":\"n2\",\"text\":\"Another story.\"}\n",
            "{\"id\":\"n1\",\"text\":\"Updated version of the story.\"}\n",
        ),
    );
    let t = tmp.write("n2.txt", "A text file whose stem clashes with a record id.");
    let items = read(&[p.clone(), t.clone()], &ReadOptions::default());
    assert_eq!(ids(&items), ["n1", "n2", "n1", "n2"]);
    let feed = p.display().to_string();
    assert_eq!(
        warnings(&items),
        [
            format!("{feed}:3: duplicate id \"n1\" (first used at {feed}:1); both documents kept"),
            format!(
                "{}: duplicate id \"n2\" (first used at {feed}:2); both documents kept",
                t.display()
            ),
        ]
    );
}

#[test]
fn stdin_as_text_and_as_jsonl() {
    let text = "Live: Election Night\n\nPolls closed at 10 p.m.\n";
    let items = collect(read_inputs_with_stdin(
        &[PathBuf::from("-")],
        &ReadOptions::default(),
        text.as_bytes(),
    ));
    let d = docs(&items);
    assert_eq!((d[0].id.as_str(), d[0].origin.as_str()), ("stdin", "-"));
    assert_eq!(d[0].text, text);

    let o = ReadOptions {
        id_override: Some("night-desk".into()),
        ..ReadOptions::default()
    };
    let items = collect(read_inputs_with_stdin(
        &[PathBuf::from("-"), PathBuf::from("-")],
        &o,
        &b"\xEF\xBB\xBFShort item."[..],
    ));
    assert_eq!(ids(&items), ["night-desk"]);
    assert_eq!(docs(&items)[0].text, "Short item.");
    assert_eq!(
        errors(&items),
        ["-: standard input was already read; skipped"]
    );

    let o = ReadOptions {
        stdin_format: StdinFormat::Jsonl,
        id_override: Some("ignored-for-jsonl".into()),
        ..ReadOptions::default()
    };
    let input = "{\"id\":\"s1\",\"text\":\"One.\"}\n\n{\"id\":\"s2\",\"text\":\"Two.\",\"published\":\"2024-13-01\"}\n";
    let items = collect(read_inputs_with_stdin(
        &[PathBuf::from("-")],
        &o,
        input.as_bytes(),
    ));
    assert_eq!(ids(&items), ["s1", "s2"]);
    assert_eq!(docs(&items)[1].origin, "-:3");
    assert_eq!(warnings(&items).len(), 1);
    assert!(warnings(&items)[0].starts_with("-:3: field `published` has value \"2024-13-01\""));

    // Oversized standard input is refused after reading max_bytes + 1 bytes.
    let big = vec![b'a'; 5000];
    let items = collect(read_inputs_with_stdin(
        &[PathBuf::from("-")],
        &opts(1000),
        &big[..],
    ));
    assert_eq!(
        errors(&items),
        ["-: document is more than 1000 bytes, over the limit of 1000 bytes; skipped"]
    );
}

#[test]
fn empty_and_binary_files_are_errors_and_reading_goes_on() {
    let tmp = TempDir::new("bad");
    let dir = tmp.path().join("in");
    tmp.write("in/a-empty.txt", "");
    tmp.write("in/b-blank.txt", "\n\r\n  \n");
    tmp.write("in/c-nul.txt", b"PK\x03\x04\x00\x00binary");
    tmp.write("in/d-latin1.txt", b"Caf\xe9 reopens on the square.");
    tmp.write("in/e-good.txt", ARTICLE);
    let items = read(std::slice::from_ref(&dir), &ReadOptions::default());
    assert_eq!(ids(&items), ["e-good"]);
    let p = |name: &str| dir.join(name).display().to_string();
    assert_eq!(
        errors(&items),
        [
            format!("{}: empty document; skipped", p("a-empty.txt")),
            format!(
                "{}: empty document (whitespace only); skipped",
                p("b-blank.txt")
            ),
            format!(
                "{}: binary data (NUL byte at byte offset 4); skipped",
                p("c-nul.txt")
            ),
            format!(
                "{}: not valid UTF-8: invalid byte at byte offset 3; skipped",
                p("d-latin1.txt")
            ),
        ]
    );
}

#[test]
fn oversized_txt_refused() {
    let tmp = TempDir::new("size");
    let fits = tmp.write("fits.txt", "x".repeat(1000));
    let big = tmp.write("big.txt", "y".repeat(1001));
    let items = read(&[big.clone(), fits], &opts(1000));
    assert_eq!(ids(&items), ["fits"]);
    assert_eq!(
        errors(&items),
        [format!(
            "{}: document is 1001 bytes, over the limit of 1000 bytes; skipped",
            big.display()
        )]
    );
}

#[test]
fn fifty_megabyte_single_line_refused_quickly() {
    let tmp = TempDir::new("huge");
    let size = 50 * 1024 * 1024;
    let mut bytes = Vec::with_capacity(size);
    bytes.extend_from_slice(b"{\"id\":\"huge\",\"text\":\"");
    bytes.resize(size - 2, b'z');
    bytes.extend_from_slice(b"\"}");
    let jsonl = tmp.write("huge.jsonl", &bytes);
    drop(bytes);
    let txt = tmp.path().join("huge.txt");
    fs::hard_link(&jsonl, &txt)
        .or_else(|_| fs::copy(&jsonl, &txt).map(|_| ()))
        .expect("link");
    let after = tmp.write(
        "after.jsonl",
        "{\"id\":\"after\",\"text\":\"Still read.\"}\n",
    );

    let items = read(
        &[txt.clone(), jsonl.clone(), after],
        &ReadOptions::default(),
    );
    assert_eq!(ids(&items), ["after"]);
    assert_eq!(
        errors(&items),
        [
            format!(
                "{}: document is {size} bytes, over the limit of {DEFAULT_MAX_BYTES} bytes; skipped",
                txt.display()
            ),
            format!(
                "{}:1: line is {size} bytes, over the limit of {DEFAULT_MAX_BYTES} bytes; skipped",
                jsonl.display()
            ),
        ]
    );
}

#[test]
fn malformed_jsonl_line_among_good_lines() {
    let tmp = TempDir::new("malformed");
    let p = tmp.write(
        "wire.jsonl",
        concat!(
            "{\"id\":\"g1\",\"text\":\"Wildfire contained near Orlin.\"}\n",
            "{\"id\":\"g2\",\"text\":\"Truncated record\n",
            "{\"id\":\"g3\",\"text\":\"Museum wins heritage grant.\",\"published\":\"last Tuesday\"}\n",
            "{\"id\":\"g4\" \"text\":\"missing comma\"}\n",
            "{\"id\":\"g5\",\"text\":\"Ferry fares frozen for 2025.\",\"published\":\"2024-12-02T09:00:00Z\"}\n",
        ),
    );
    let items = read(std::slice::from_ref(&p), &ReadOptions::default());
    assert_eq!(ids(&items), ["g1", "g3", "g5"]);
    let e = errors(&items);
    let f = p.display().to_string();
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].starts_with(&format!("{f}:2: invalid JSON at column "))
            && e[0].contains("EOF while parsing a string"),
        "{e:?}"
    );
    assert!(
        e[1].starts_with(&format!(
            "{f}:4: invalid JSON at column 12: expected `,` or `}}`"
        )),
        "{e:?}"
    );
    assert_eq!(
        warnings(&items),
        [format!(
            "{f}:3: field `published` has value \"last Tuesday\" which is not a date (expected YYYY-MM-DD or an RFC 3339 timestamp); field dropped"
        )]
    );
    let d = docs(&items);
    assert_eq!(d[1].meta.published, None);
    assert_eq!(d[2].meta.published.as_deref(), Some("2024-12-02T09:00:00Z"));
}

#[test]
fn oversized_jsonl_line_refused_and_next_read() {
    let tmp = TempDir::new("jsonl-size");
    let long = format!("{{\"id\":\"long\",\"text\":\"{}\"}}", "w".repeat(3000));
    let p = tmp.write(
        "mixed.jsonl",
        format!("{long}\n{{\"id\":\"short\",\"text\":\"Brief item.\"}}\n"),
    );
    let items = read(std::slice::from_ref(&p), &opts(1000));
    assert_eq!(ids(&items), ["short"]);
    assert_eq!(docs(&items)[0].origin, format!("{}:2", p.display()));
    assert_eq!(
        errors(&items),
        [format!(
            "{}:1: line is {} bytes, over the limit of 1000 bytes; skipped",
            p.display(),
            long.len()
        )]
    );
}

#[test]
fn missing_paths_and_unsupported_files() {
    let tmp = TempDir::new("missing");
    let good = tmp.write("good.txt", ARTICLE);
    let md = tmp.write("readme.md", "# notes");
    let missing = tmp.path().join("nowhere/gone.txt");
    let items = read(
        &[missing.clone(), md.clone(), good],
        &ReadOptions::default(),
    );
    assert_eq!(ids(&items), ["good"]);
    let e = errors(&items);
    assert_eq!(
        e[0],
        format!("{}: no such file or directory", missing.display())
    );
    assert!(
        e[1].starts_with(&format!("{}: unsupported file type", md.display())),
        "{e:?}"
    );
}

#[test]
fn documents_are_read_lazily() {
    let tmp = TempDir::new("lazy");
    tmp.write("in/1.txt", "First bulletin.");
    let second = tmp.write("in/2.txt", "Original second bulletin.");
    let mut it = read_inputs(&[tmp.path().join("in")], &ReadOptions::default());
    let Some(Ok(Item::Doc(first))) = it.next() else {
        panic!("expected a document")
    };
    assert_eq!(first.text, "First bulletin.");
    // The second file is read only now.
    fs::write(&second, "Corrected second bulletin.").unwrap();
    let Some(Ok(Item::Doc(d))) = it.next() else {
        panic!("expected a document")
    };
    assert_eq!(d.text, "Corrected second bulletin.");
    assert!(it.next().is_none());
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_unreadable_folders() {
    use std::os::unix::fs::PermissionsExt;

    let tmp = TempDir::new("unix");
    tmp.write("in/a.txt", "Item A.");
    tmp.write("in/sub/b.txt", "Item B.");
    std::os::unix::fs::symlink(tmp.path().join("in"), tmp.path().join("in/sub/loop")).unwrap();
    let items = read(&[tmp.path().join("in")], &ReadOptions::default());
    assert_eq!(ids(&items), ["a", "b"], "{items:?}");

    let locked = tmp.path().join("in/locked");
    fs::create_dir(&locked).unwrap();
    tmp.write("in/locked/c.txt", "Item C.");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let items = read(&[tmp.path().join("in")], &ReadOptions::default());
    let readable = fs::read_dir(&locked).is_ok(); // root reads anyway
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    if readable {
        assert_eq!(ids(&items), ["a", "c", "b"]);
    } else {
        assert_eq!(ids(&items), ["a", "b"]);
        assert_eq!(
            errors(&items),
            [format!(
                "{}: cannot read folder: permission denied",
                locked.display()
            )]
        );
    }
}

#[test]
fn the_stream_can_move_to_another_thread() {
    fn assert_send<T: Send>(_: &T) {}
    let it = read_inputs(&[fixtures()], &ReadOptions::default());
    assert_send(&it);
    let n = std::thread::spawn(move || it.count()).join().unwrap();
    assert_eq!(n, 6);
}
