//! Items (weapons, equipment, troops, money) inside an event's arguments,
//! with their quantities.

use tidings_lexicon::{ItemCategory, Lexicon};

use crate::sent::Sent;

/// One item of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// SCHEMA category.
    pub category: ItemCategory,
    /// Byte span of the item phrase (with its quantity).
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// The phrase as written.
    pub text: String,
    /// How many.
    pub quantity: Option<f64>,
    /// "at least", "several", ...
    pub qualifier: Option<&'static str>,
    /// Money amount in units of the currency.
    pub amount: Option<f64>,
    /// ISO currency code.
    pub currency: Option<&'static str>,
}

/// An item match of the document (byte span, category).
#[derive(Debug, Clone, Copy)]
pub struct ItemSpan {
    /// Byte start.
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// Category.
    pub category: ItemCategory,
    /// Flagged ambiguous in the lexicon.
    pub ambiguous: bool,
    /// A model designation ("Shahed-136", "HIMARS"), not a generic noun.
    pub designation: bool,
    /// For an amount of money ("$2.1 billion"): amount, currency, qualifier.
    pub money: Option<(f64, &'static str, Option<&'static str>)>,
}

/// Item matches of a whole text.
pub fn spans(lex: &Lexicon, text: &str) -> Vec<ItemSpan> {
    let mut out: Vec<ItemSpan> = lex
        .find_items(text)
        .into_iter()
        .map(|m| ItemSpan {
            start: m.start,
            end: m.end,
            category: m.category,
            ambiguous: m.ambiguous,
            designation: m.designation,
            money: None,
        })
        .collect();
    // amounts of money, from tidings-annotate ("$2.1 billion", "€500m")
    for m in tidings_annotate::quantity::find_money(text) {
        if out.iter().any(|i| i.start < m.end && m.start < i.end) {
            continue;
        }
        out.push(ItemSpan {
            start: m.start,
            end: m.end,
            category: ItemCategory::Funding,
            ambiguous: false,
            designation: false,
            money: Some((m.amount, m.currency, m.qualifier)),
        });
    }
    out.sort_by_key(|i| (i.start, i.end));
    out
}

/// True for weapon, equipment and troop categories.
pub fn is_weapon(c: ItemCategory) -> bool {
    !matches!(c, ItemCategory::Funding | ItemCategory::Other)
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("a dozen", 12.0),
    ("dozen", 12.0),
];

const VAGUE: &[(&str, &str)] = &[
    ("several", "several"),
    ("dozens", "dozens"),
    ("hundreds", "hundreds"),
    ("thousands", "thousands"),
];

fn number(word: &str) -> Option<f64> {
    let w = word.replace(',', "");
    if let Ok(v) = w.parse::<f64>() {
        return Some(v);
    }
    NUMBER_WORDS
        .iter()
        .find(|(k, _)| *k == word)
        .map(|&(_, v)| v)
}

/// Items whose match lies within `words` (a set of sentence words).
pub fn within(s: &Sent<'_>, all: &[ItemSpan], words: &[usize], text: &str) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    if words.is_empty() {
        return out;
    }
    for it in all.iter().filter(|m| m.start >= s.start && m.end <= s.end) {
        let Some(first) = s.spans.iter().position(|sp| sp.0 >= it.start) else {
            continue;
        };
        if !words.contains(&first) {
            continue;
        }
        if let Some((amount, currency, qualifier)) = it.money {
            out.push(Item {
                category: ItemCategory::Funding,
                start: it.start,
                end: it.end,
                text: text.get(it.start..it.end).unwrap_or("").to_string(),
                quantity: None,
                qualifier,
                amount: Some(amount),
                currency: Some(currency),
            });
            continue;
        }
        // an ambiguous generic noun ("equipment", "aid") counts only as the head
        // of its phrase
        let mut start = it.start;
        let mut quantity = None;
        let mut qualifier = None;
        let mut amount = None;
        let mut currency = None;
        let mut scale = 1.0;
        // look back over modifiers: numbers, vague quantities, "$2.1 billion"
        let mut k = first;
        let mut steps = 0;
        while k > 0 && steps < 6 {
            let p = k - 1;
            let w = s.lower[p].as_str();
            // A number glued to a hyphen ("Shahed-136", "KN-23") belongs to
            // a designation, not a count.
            let in_designation = p > 0 && s.lower[p - 1] == "-" && s.spans[p - 1].1 == s.spans[p].0;
            if in_designation {
                break;
            }
            if let Some(v) = number(w) {
                if quantity.is_none() {
                    quantity = Some(v);
                }
                start = s.spans[p].0;
            } else if let Some(&(_, q)) = VAGUE.iter().find(|(k, _)| *k == w) {
                qualifier = Some(q);
                start = s.spans[p].0;
            } else if matches!(w, "thousand" | "million" | "billion" | "trillion") {
                if quantity.is_none() {
                    scale = match w {
                        "thousand" => 1e3,
                        "million" => 1e6,
                        "billion" => 1e9,
                        _ => 1e12,
                    };
                }
                start = s.spans[p].0;
            } else if w == "$" || w == "us$" {
                currency = Some("USD");
                start = s.spans[p].0;
            } else if w == "€" {
                currency = Some("EUR");
                start = s.spans[p].0;
            } else if matches!(
                w,
                "more"
                    | "additional"
                    | "new"
                    | "those"
                    | "these"
                    | "the"
                    | "of"
                    | "-"
                    | "advanced"
                    | "other"
            ) || s.upos[p] == "ADJ"
            {
                // part of the phrase only when a quantity comes before
            } else {
                break;
            }
            k = p;
            steps += 1;
        }
        // qualifiers before the quantity
        if k >= 2 {
            let two = format!("{} {}", s.lower[k - 2], s.lower[k - 1]);
            let q = match two.as_str() {
                "at least" => Some("at least"),
                "more than" => Some("more than"),
                "up to" => Some("up to"),
                _ => None,
            };
            if q.is_some() && quantity.is_some() {
                qualifier = q;
            }
        }
        if k >= 1
            && matches!(
                s.lower[k - 1].as_str(),
                "about" | "around" | "approximately" | "some"
            )
            && quantity.is_some()
        {
            qualifier = Some("about");
        }
        if currency.is_some() {
            if let Some(q) = quantity {
                let scale = (first.saturating_sub(4)..first)
                    .filter_map(|i| match s.lower[i].as_str() {
                        "million" => Some(1e6),
                        "billion" => Some(1e9),
                        "trillion" => Some(1e12),
                        _ => None,
                    })
                    .next()
                    .unwrap_or(1.0);
                amount = Some(q * scale);
                quantity = None;
            }
        }
        // "more than 1 million artillery shells"
        if currency.is_none() {
            quantity = quantity.map(|q| q * scale);
        }
        if start > it.start {
            start = it.start;
        }
        let end = it.end;
        let phrase = text.get(start..end).unwrap_or("").to_string();
        if out.iter().any(|o| o.start <= start && end <= o.end) {
            continue;
        }
        // "Bayraktar drones", "Stinger missiles", "F-16 fighter jets": a
        // designation and its noun side by side are one item, of the more
        // specific category
        if let Some(prev) = out.last_mut() {
            if join_adjacent(prev, (start, end), it.category, (quantity, qualifier), text) {
                continue;
            }
        }
        // "$2.1 billion security assistance": the amount joins the item
        if amount.is_some() {
            out.retain(|o| !(o.amount.is_some() && start <= o.start && o.end <= end));
        }
        out.push(Item {
            category: if amount.is_some() {
                ItemCategory::Funding
            } else {
                it.category
            },
            start,
            end,
            text: phrase,
            quantity,
            qualifier,
            amount,
            currency,
        });
    }
    out
}

/// Joins the item mention at `span` (of `category`, with its count) to
/// `prev` when the two stand side by side, or overlap ("Leopard 2" and
/// "2 tanks"), and name one thing; whether it did.
pub(crate) fn join_adjacent(
    prev: &mut Item,
    span: (usize, usize),
    category: ItemCategory,
    count: (Option<f64>, Option<&'static str>),
    text: &str,
) -> bool {
    let (start, end) = span;
    let overlapping = start < prev.end;
    let gap = if overlapping {
        ""
    } else {
        text.get(prev.end..start).unwrap_or("x")
    };
    if prev.amount.is_some() || !gap.chars().all(|c| c == ' ' || c == '-') {
        return false;
    }
    let Some(cat) = narrower(prev.category, category) else {
        return false;
    };
    prev.category = cat;
    prev.end = prev.end.max(end);
    prev.text = text.get(prev.start..prev.end).unwrap_or("").to_string();
    // (a number inside the designation counts nothing)
    if !overlapping {
        prev.quantity = prev.quantity.or(count.0);
        prev.qualifier = prev.qualifier.or(count.1);
    }
    true
}

/// The category of two adjacent item mentions that name one thing: the
/// same one, or the more specific of a kind and its generic ("missile"
/// for the missile kinds and air defence, "military_equipment" for any
/// weapon); none when they are two things.
fn narrower(a: ItemCategory, b: ItemCategory) -> Option<ItemCategory> {
    use ItemCategory::*;
    let missile =
        |c: ItemCategory| matches!(c, BallisticMissile | CruiseMissile | AirDefense | AntiTank);
    match (a, b) {
        _ if a == b => Some(a),
        (Missile, c) if missile(c) => Some(c),
        (c, Missile) if missile(c) => Some(c),
        (MilitaryEquipment, c) if is_weapon(c) => Some(c),
        (c, MilitaryEquipment) if is_weapon(c) => Some(c),
        _ => None,
    }
}
