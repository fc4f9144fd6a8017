//! Annotators for tidings: time expressions and quantities in news text.
//!
//! - [`time`]: [`time::find_times`] finds dates, months, years, weekdays,
//!   relative expressions ("last week", "a few days later"), ranges and
//!   seasons; [`time::resolve`] turns one into the SCHEMA `time` object
//!   against an [`time::Anchor`] ([`time::document_anchor`] finds it from
//!   the publication date, a dateline, a copyright line or the text's own
//!   dates); [`time::resolve_relative_to`] resolves expressions that count
//!   from another event.
//! - [`quantity`]: [`quantity::find_quantities`] finds counts with their
//!   SCHEMA qualifier; [`quantity::find_money`] finds amounts of money with
//!   their ISO 4217 currency.
//!
//! ```
//! use tidings_annotate::{document_anchor, find_money, find_times, resolve, resolve_relative_to};
//!
//! let text = "On January 4, officials said a missile was fired on December 30. \
//!             More followed a few days later, part of a $2.1 billion effort.\n\nCopyright 2024";
//! let anchor = document_anchor(text, None); // no publication date: story order
//! let times = find_times(text);
//! let dec30 = resolve(&times[1], anchor).unwrap();
//! assert_eq!(dec30.to_json(),
//!     r#"{"text":"December 30","start":"2023-12-30","end":"2023-12-30","granularity":"day"}"#);
//! let later = resolve_relative_to(&times[2], &dec30).unwrap();
//! assert_eq!((later.start.as_deref(), later.end.as_deref()), (Some("2023-12-31"), Some("2024-01-04")));
//! let money = find_money(text);
//! assert_eq!((money[0].amount, money[0].currency), (2_100_000_000.0, "USD"));
//! ```
//!
//! Spans are byte offsets into the text given; everything is written by
//! hand (no regular expressions, no date library), and both scanners are a
//! single linear pass over the tokens of the text.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod lex;
pub mod quantity;
pub mod time;

pub use quantity::{find_money, find_quantities, MoneyMention, QuantityKind, QuantityMention};
pub use time::{
    document_anchor, find_times, resolve, resolve_relative_to, Anchor, Date, Granularity,
    ResolvedTime, TimeExpr, TimeMention,
};
