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
//!
//! After a reduction, the generated `__reduce` asks [`goto`] for the next state (build.rs
//! makes it): a packed table that build.rs writes from LALRPOP's `__goto`, which is a `match`
//! on the nonterminal and then on the state, an indirect jump and a chain of comparisons on
//! every reduction. The loop calls the generated reductions itself, through a table of them
//! that build.rs writes ([`reduce`]), rather than through `__reduce`.

use super::*;

include!(concat!(env!("OUT_DIR"), "/goto_table.rs"));

/// The state to go to from `state` after reducing to nonterminal `nt`, as LALRPOP's `__goto`
/// gives it: the slot at the nonterminal's base plus `state` in [`GOTO_PACKED`] when that
/// slot is marked for `state`, else the nonterminal's default (build.rs, `pack_goto_table`).
#[inline(always)]
pub(super) fn goto(state: i16, nt: usize) -> i16 {
    let Some(&column) = GOTO_COLUMN.get(nt) else {
        return 0;
    };
    let slot = (column & 0xFFFF) as usize + state as usize;
    match GOTO_PACKED.get(slot) {
        Some(&entry) if entry >> 16 == state as u32 => entry as u16 as i16,
        _ => (column >> 16) as i16,
    }
}

/// A generated reduction: pops its rule's symbols, runs its action, pushes the result, and
/// returns how many states to pop and the nonterminal made.
type Reducer = for<'a> fn(
    &Ctx<'a>,
    Option<&Pos>,
    &mut alloc::vec::Vec<(Pos, __Symbol<'a>, Pos)>,
    core::marker::PhantomData<(&'a ())>,
) -> (usize, usize);

include!(concat!(env!("OUT_DIR"), "/reducers.rs"));

/// Reduces by `rule` and goes to the next state, which it returns (`Ok`): through
/// [`REDUCERS`], or, for the accepting rule, through the generated `__reduce`, which returns
/// the tree (or an action's error) instead (`Err`).
#[inline(always)]
fn reduce<'a>(
    ctx: &Ctx<'a>,
    rule: i16,
    lookahead_start: Option<&Pos>,
    states: &mut alloc::vec::Vec<i16>,
    symbols: &mut alloc::vec::Vec<(Pos, __Symbol<'a>, Pos)>,
) -> Result<i16, Parsed<'a>> {
    let phantom = core::marker::PhantomData::<(&())>;
    let Some(reducer) = REDUCERS.get(rule as usize) else {
        return match __reduce(ctx, rule, lookahead_start, states, symbols, phantom) {
            Some(result) => Err(result),
            None => Ok(states.last().copied().unwrap_or_default()),
        };
    };
    let (pop, nt) = reducer(ctx, lookahead_start, symbols, phantom);
    states.truncate(states.len().saturating_sub(pop));
    let exposed = states.last().copied().unwrap_or_default();
    let next = goto(exposed, nt);
    states.push(next);
    Ok(next)
}

/// What the loop returns: the module, or LALRPOP's error for the reporter (src/parser.rs).
type Parsed<'a> = Result<Mod, __lalrpop_util::ParseError<Pos, Tok<'a>, Box<Error>>>;

/// Parses the tokens `lexer` gives, from the synthetic start token on.
pub(crate) fn drive<'a>(ctx: &Ctx<'a>, lexer: &mut crate::lexer::Lexer<'a, '_>) -> Parsed<'a> {
    let phantom = core::marker::PhantomData::<(&())>;
    let mut states: alloc::vec::Vec<i16> = alloc::vec::Vec::with_capacity(64);
    let mut symbols: alloc::vec::Vec<(Pos, __Symbol<'a>, Pos)> =
        alloc::vec::Vec::with_capacity(64);
    states.push(0);
    // The state on top of `states`, kept at hand rather than read back from the stack for
    // every action looked up.
    let mut top: i16 = 0;
    // The end of the last token read: where an unexpected end of input is reported.
    let mut last = Pos::default();
    while let Some(token) = lexer.next() {
        let (l, tok, r) = token.map_err(|error| __lalrpop_util::ParseError::User { error })?;
        last = r;
        let Some(integer) = __token_to_integer(&tok, phantom) else {
            return Err(unrecognized_token((l, tok, r), &states));
        };
        loop {
            let action = __action(top, integer);
            if action > 0 {
                top = action - 1;
                states.push(top);
                shift(&mut symbols, l, tok, r);
                break;
            }
            if action == 0 {
                return Err(unrecognized_token((l, tok, r), &states));
            }
            match reduce(ctx, -(action + 1), Some(&l), &mut states, &mut symbols) {
                Ok(next) => top = next,
                // The start symbol is complete with a token still to read.
                Err(Ok(_)) => {
                    return Err(__lalrpop_util::ParseError::ExtraToken { token: (l, tok, r) })
                }
                Err(Err(e)) => return Err(e),
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
        if let Err(result) = reduce(ctx, -(action + 1), None, &mut states, &mut symbols) {
            return result;
        }
    }
}

/// Pushes a shifted token's entry, written straight into the stack's memory: the capacity is
/// made first, and each kind of token writes its own entry in its slot, so that no entry is
/// built in a temporary and copied there. The entry is what the generated `__token_to_symbol`
/// makes (a test checks it): the text of a token that carries one, the token itself otherwise.
#[inline(always)]
fn shift<'a>(symbols: &mut alloc::vec::Vec<(Pos, __Symbol<'a>, Pos)>, l: Pos, tok: Tok<'a>, r: Pos) {
    symbols.reserve(1);
    let len = symbols.len();
    if let Some(slot) = symbols.spare_capacity_mut().first_mut() {
        match tok {
            Tok::Name(text)
            | Tok::Number(text)
            | Tok::String(text)
            | Tok::FStringStart(text)
            | Tok::FStringMiddle(text)
            | Tok::TypeComment(text) => slot.write((l, __Symbol::Variant0(text), r)),
            _ => slot.write((l, __Symbol::Variant1(tok), r)),
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `shift` builds a token's entry itself: it must be the one the generated
    /// `__token_to_symbol` builds, for every kind of token.
    #[test]
    fn shifted_entries_match_the_generated_ones() {
        let phantom = core::marker::PhantomData::<(&())>;
        let mut checked = 0;
        for tok in [
            Tok::Name("x"),
            Tok::Number("1"),
            Tok::String("'s'"),
            Tok::FStringStart("f'"),
            Tok::FStringMiddle("m"),
            Tok::TypeComment("int"),
            Tok::FStringEnd,
            Tok::Newline,
            Tok::Indent,
            Tok::Dedent,
            Tok::EndMarker,
            Tok::StartModule,
            Tok::None,
            Tok::Match,
            Tok::WithLpar,
            Tok::Lpar,
            Tok::Exclamation,
            Tok::Op,
        ] {
            let integer = __token_to_integer(&tok, phantom).expect("every token is a terminal");
            let mut symbols = alloc::vec::Vec::new();
            shift(&mut symbols, Pos::default(), tok, Pos::default());
            let theirs = __token_to_symbol(integer, tok, phantom);
            assert_eq!(
                core::mem::discriminant(&symbols[0].1),
                core::mem::discriminant(&theirs),
                "{tok:?}"
            );
            checked += 1;
        }
        assert_eq!(checked, 18);
    }

    /// The packed goto table answers as LALRPOP's `__goto` for every state and nonterminal.
    #[test]
    fn packed_gotos_match_the_generated_ones() {
        for nt in 0..GOTO_COLUMN.len() + 2 {
            for state in 0..__EOF_ACTION.len() {
                let state = state as i16;
                assert_eq!(goto(state, nt), __goto(state, nt), "{state} {nt}");
            }
        }
    }
}
