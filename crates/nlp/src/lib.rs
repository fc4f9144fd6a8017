//! Tagger and parser (placeholder).
