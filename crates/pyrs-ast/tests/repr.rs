//! `repr()` of the constant types against the reference: each tests/fixtures/repr/*.txt line
//! is an input and what python3.13 printed for it (recorded by gen/record_reference.py).

use pyrs_ast::repr::{bytes_repr, complex_repr, float_repr, is_printable, push_str_repr, str_repr};
use pyrs_ast::{Constant, Int, StrValue};

/// The (input, expected) pairs of a fixture file.
fn cases(text: &str) -> Vec<(&str, &str)> {
    text.lines()
        .map(|line| line.split_once('\t').expect("input TAB repr"))
        .collect()
}

/// Runs `check` on every case and lists the failures together.
fn check_all(file: &str, text: &str, check: impl Fn(&str) -> String) {
    let cases = cases(text);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|&(input, expected)| {
            let actual = check(input);
            (actual != expected).then(|| format!("{input}: pyrs {actual}, reference {expected}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{file}: {} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn code_points(input: &str) -> Vec<u32> {
    input
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(|h| u32::from_str_radix(h, 16).expect("hex"))
        .collect()
}

#[test]
fn str_reprs() {
    check_all("str.txt", include_str!("fixtures/repr/str.txt"), |input| {
        let cps = code_points(input);
        let mut out = String::new();
        push_str_repr(&mut out, cps.iter().copied());
        // The same through the `&str` entry point and through `Constant`, when valid UTF-8.
        let value = StrValue::from_code_points(cps.iter().copied()).expect("code points");
        assert_eq!(Constant::Str(value.clone()).repr(), out);
        if let Some(text) = value.as_str() {
            assert_eq!(str_repr(text), out);
        }
        out
    });
}

#[test]
fn printable_matches_the_reference_reprs() {
    // A one-character str is escaped exactly when it is not printable (or is a quote,
    // backslash, tab, newline or carriage return, which have their own escapes).
    for (input, expected) in cases(include_str!("fixtures/repr/str.txt")) {
        let cps = code_points(input);
        if let [cp] = cps[..] {
            if [0x27, 0x5C, 0x09, 0x0A, 0x0D].contains(&cp) {
                continue;
            }
            let escaped = expected.len() > 3 && expected.contains('\\');
            assert_eq!(
                is_printable(cp),
                !escaped,
                "U+{cp:04X}: reference repr {expected}"
            );
        }
    }
}

#[test]
fn bytes_reprs() {
    check_all(
        "bytes.txt",
        include_str!("fixtures/repr/bytes.txt"),
        |input| {
            let bytes: Vec<u8> = (0..input.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&input[i..i + 2], 16).expect("hex"))
                .collect();
            bytes_repr(&bytes)
        },
    );
}

#[test]
fn int_literals_and_reprs() {
    check_all("int.txt", include_str!("fixtures/repr/int.txt"), |input| {
        if let Some(negative) = input.strip_prefix('-') {
            let value: i64 = format!("-{negative}").parse().expect("an i64");
            return Int::from(value).to_string();
        }
        match Int::from_literal(input) {
            Some(value) => {
                let repr = Constant::Int(value.clone()).repr();
                assert_eq!(
                    value.as_i64().is_some(),
                    repr.parse::<i64>().is_ok(),
                    "{input}"
                );
                repr
            }
            None => "invalid".to_string(),
        }
    });
}

fn float(bits: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(bits, 16).expect("hex bits"))
}

#[test]
fn float_reprs() {
    check_all(
        "float.txt",
        include_str!("fixtures/repr/float.txt"),
        |input| {
            let x = float(input);
            assert_eq!(Constant::Float(x).repr(), float_repr(x));
            float_repr(x)
        },
    );
}

#[test]
fn complex_reprs() {
    check_all(
        "complex.txt",
        include_str!("fixtures/repr/complex.txt"),
        |input| {
            let (real, imag) = input.split_once(' ').expect("two parts");
            complex_repr(float(real), float(imag))
        },
    );
}
