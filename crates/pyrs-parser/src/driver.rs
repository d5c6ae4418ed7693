//! The parse loop: LALRPOP's generated tables driven over the lexer adapter's tokens.
//!
//! build.rs declares this file a module inside the module LALRPOP generates from
//! src/grammar.lalrpop, whose tables (`__action`, `__EOF_ACTION`), reductions (`__reduce`) and
//! stack entry (`__Symbol`) are private there. It does what `lalrpop_util`'s `Parser::drive`
//! does for a grammar without error recovery, with the same results and errors; what it does
//! differently is where values live. A shifted token goes from the lexer adapter (inlined
//! here) straight into its stack entry, written once in place: lalrpop_util's loop moves the
//! token into a lookahead, builds the entry in a temporary and copies that onto the stack, and
//! each copy read back in 16-byte pieces what had just been written in 8-byte ones, a
//! store-forwarding stall on every token (about a quarter of the parse loop's time).

use super::*;

/// What the loop returns: the module, or LALRPOP's error for the reporter (src/parser.rs).
type Parsed<'a> = Result<Mod, __lalrpop_util::ParseError<Pos, Tok<'a>, Box<Error>>>;

/// Parses the tokens `lexer` gives, from the synthetic start token on.
pub(crate) fn drive<'a>(ctx: &Ctx<'a>, lexer: &mut crate::lexer::Lexer<'a, '_>) -> Parsed<'a> {
    let phantom = core::marker::PhantomData::<(&())>;
    let mut states: alloc::vec::Vec<i16> = alloc::vec::Vec::with_capacity(64);
    let mut symbols: alloc::vec::Vec<(Pos, __Symbol<'a>, Pos)> =
        alloc::vec::Vec::with_capacity(64);
    states.push(0);
    // The end of the last token read: where an unexpected end of input is reported.
    let mut last = Pos::default();
    while let Some(token) = lexer.next() {
        let (l, tok, r) = token.map_err(|error| __lalrpop_util::ParseError::User { error })?;
        last = r;
        let Some(integer) = __token_to_integer(&tok, phantom) else {
            return Err(unrecognized_token((l, tok, r), &states));
        };
        loop {
            let top = states.last().copied().unwrap_or_default();
            let action = __action(top, integer);
            if action > 0 {
                states.push(action - 1);
                shift(&mut symbols, l, __token_to_symbol(integer, tok, phantom), r);
                break;
            }
            if action == 0 {
                return Err(unrecognized_token((l, tok, r), &states));
            }
            let reduced = __reduce(ctx, -(action + 1), Some(&l), &mut states, &mut symbols, phantom);
            if let Some(result) = reduced {
                return match result {
                    // The start symbol is complete with a token still to read.
                    Ok(_) => Err(__lalrpop_util::ParseError::ExtraToken { token: (l, tok, r) }),
                    Err(e) => Err(e),
                };
            }
        }
    }
    loop {
        let top = states.last().copied().unwrap_or_default();
        let action = __EOF_ACTION[top as usize];
        if action >= 0 {
            return Err(__lalrpop_util::ParseError::UnrecognizedEof {
                location: last,
                expected: __expected_tokens_from_states(&states, phantom),
            });
        }
        let reduced = __reduce(ctx, -(action + 1), None, &mut states, &mut symbols, phantom);
        if let Some(result) = reduced {
            return result;
        }
    }
}

/// Pushes a shifted token's entry, written straight into the stack's memory: the capacity is
/// made first, so that the entry is built in its slot rather than in a temporary copied there.
#[inline(always)]
fn shift<'a>(
    symbols: &mut alloc::vec::Vec<(Pos, __Symbol<'a>, Pos)>,
    l: Pos,
    symbol: __Symbol<'a>,
    r: Pos,
) {
    symbols.reserve(1);
    let len = symbols.len();
    if let Some(slot) = symbols.spare_capacity_mut().first_mut() {
        slot.write((l, symbol, r));
        // SAFETY: `reserve` made room for an entry at `len`, which is now initialised.
        unsafe { symbols.set_len(len + 1) };
    }
}

/// The error for a token no rule expects in this state.
#[cold]
#[inline(never)]
fn unrecognized_token<'a>(
    token: (Pos, Tok<'a>, Pos),
    states: &[i16],
) -> __lalrpop_util::ParseError<Pos, Tok<'a>, Box<Error>> {
    __lalrpop_util::ParseError::UnrecognizedToken {
        token,
        expected: __expected_tokens_from_states(states, core::marker::PhantomData::<(&())>),
    }
}
