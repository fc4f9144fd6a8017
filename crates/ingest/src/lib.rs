//! Document readers (placeholder).
