//! "Did you mean" suggestions (CPython's Python/suggestions.c): the closest candidate to a
//! mistyped name by a weighted edit distance, if close enough. Used for unexpected keyword
//! arguments of built-in functions here, and by the VM for NameError, AttributeError,
//! ImportError and the keyword arguments of Python functions.

const MAX_CANDIDATES: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The weighted edit distance, or a value above `max` once it is certain to exceed it.
fn distance(a: &[u8], b: &[u8], max: usize) -> usize {
    if a == b {
        return 0;
    }
    // Strip the common prefix and suffix.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max {
        return max + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &bc) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(bc, ac);
            distance = buffer[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max {
            return max + 1;
        }
    }
    result
}

/// The candidate closest to `name`, if any is close enough.
pub fn best_match<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(&str, usize)> = None;
    for (i, candidate) in candidates.enumerate() {
        if i >= MAX_CANDIDATES {
            return None;
        }
        if candidate == name {
            continue;
        }
        let max = (name.len() + candidate.len() + 3) * MOVE_COST / 6;
        let max = match best {
            Some((_, d)) => max.min(d.saturating_sub(1)),
            None => max,
        };
        let d = distance(name.as_bytes(), candidate.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((candidate, d));
        }
    }
    best.map(|(s, _)| s.to_string())
}
