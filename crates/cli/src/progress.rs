//! A progress bar on standard error, for long jobs on a terminal: how much
//! of the input is read (by bytes, when the input's size is known), the
//! documents and events so far, the rate and the time left.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Redraws at most this often.
const EVERY: Duration = Duration::from_millis(150);
const WIDTH: usize = 28;

/// The bar's state.
pub struct Progress {
    started: Instant,
    drawn: Option<Instant>,
    total: u64,
    seen: u64,
    docs: usize,
    skipped: usize,
    events: usize,
}

impl Progress {
    /// A bar for reading `paths`, when standard error is a terminal.
    pub fn new(paths: &[PathBuf]) -> Option<Progress> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        Some(Progress::with_total(paths.iter().map(|p| size(p)).sum()))
    }

    /// A bar for `total` bytes of input (0 when unknown).
    pub fn with_total(total: u64) -> Progress {
        Progress {
            started: Instant::now(),
            drawn: None,
            total,
            seen: 0,
            docs: 0,
            skipped: 0,
            events: 0,
        }
    }

    /// One document of `bytes` read, with `events` events (`None` when it
    /// was skipped as stored already).
    pub fn doc(&mut self, bytes: usize, events: Option<usize>) {
        self.seen += bytes as u64;
        self.docs += 1;
        match events {
            Some(n) => self.events += n,
            None => self.skipped += 1,
        }
        if self.drawn.is_none_or(|t| t.elapsed() >= EVERY) {
            self.drawn = Some(Instant::now());
            eprint!("\r{}", self.line(false));
            let _ = std::io::stderr().flush();
        }
    }

    /// The last state, and a new line.
    pub fn finish(&mut self) {
        eprintln!("\r{}", self.line(true));
    }

    /// The bar as text.
    pub fn line(&self, done: bool) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = self.docs as f64 / secs;
        let mut out = String::new();
        if self.total > 0 {
            // bytes of text undercount the input a little (JSON keys and
            // escapes): the bar waits at 99% for the end
            let frac = if done {
                1.0
            } else {
                (self.seen as f64 / self.total as f64).min(0.99)
            };
            let full = (frac * WIDTH as f64).round() as usize;
            out.push_str(&format!(
                "[{}{}] {:>3.0}%  ",
                "#".repeat(full),
                "-".repeat(WIDTH - full),
                frac * 100.0
            ));
            if !done && frac > 0.01 {
                let left = secs * (1.0 - frac) / frac;
                out.push_str(&format!("{} left  ", clock(left)));
            }
        }
        out.push_str(&format!(
            "{} documents ({} already stored), {} events, {:.0} documents/s, {}   ",
            self.docs,
            self.skipped,
            self.events,
            rate,
            clock(secs)
        ));
        out
    }
}

fn clock(secs: f64) -> String {
    let s = secs.round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// Bytes under a path (files, folders read recursively; 0 for `-`).
fn size(p: &Path) -> u64 {
    match std::fs::metadata(p) {
        Ok(m) if m.is_file() => m.len(),
        Ok(m) if m.is_dir() => std::fs::read_dir(p)
            .map(|rd| rd.flatten().map(|e| size(&e.path())).sum())
            .unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_the_bytes_read_and_waits_at_99_percent() {
        let mut p = Progress::with_total(1000);
        p.seen = 500;
        p.docs = 5;
        p.events = 7;
        let half = p.line(false);
        assert!(half.contains(" 50%"), "{half}");
        assert!(half.contains("5 documents"), "{half}");
        assert!(half.contains("7 events"), "{half}");
        assert_eq!(half.matches('#').count(), WIDTH / 2);
        p.seen = 2000;
        assert!(p.line(false).contains(" 99%"));
        assert!(p.line(true).contains("100%"));
        // unknown size: counts only
        let q = Progress::with_total(0);
        assert!(!q.line(false).contains('%'));
        assert_eq!(clock(3725.0), "1:02:05");
        assert_eq!(clock(65.0), "1:05");
    }
}
