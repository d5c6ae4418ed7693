//! The opcode table: every CPython 3.13 instruction, once, with its number, operand, stack
//! effect, inline cache, family and documentation.
//!
//! Stack pictures read bottom to top, top of stack last: `[container, key] → [value]` pops
//! `key` then `container` and pushes `value`. `oparg` is the instruction's argument. The
//! numbers and facts are CPython's (`Lib/opcode.py`, `Lib/_opcode_metadata.py`,
//! `Include/internal/pycore_opcode_metadata.h`, as generated from `Python/bytecodes.c`);
//! tests/opcodes.rs checks every entry against what gen/record_reference.py recorded.

use super::opcodes;

opcodes! {
    |oparg|

    // ----- Real instructions without an argument (0–44) -----

    /// A code unit of an inline cache, not an instruction: the interpreter skips caches and
    /// never executes this.
    CACHE = 0 { arg: None, stack: (0, 0), }
    /// Enters an `async with`: `[mgr] → [bound __aexit__, awaitable from __aenter__()]`.
    BEFORE_ASYNC_WITH = 1 { arg: None, stack: (1, 2), }
    /// Enters a `with`: `[mgr] → [bound __exit__, mgr.__enter__()]`.
    BEFORE_WITH = 2 { arg: None, stack: (1, 2), }
    /// `BINARY_OP` for `s += t` on strings when `s` is a fast local and the next instruction
    /// stores it back: appends in place and performs that `STORE_FAST` itself.
    BINARY_OP_INPLACE_ADD_UNICODE = 3 { flags: [LOCAL], stack: (2, 0), }
    /// `[container, start, end] → [container[start:end]]`.
    BINARY_SLICE = 4 { arg: None, stack: (3, 1), }
    /// `[container, key] → [container[key]]`.
    BINARY_SUBSCR = 5 {
        arg: None,
        stack: (2, 1),
        cache: { counter: 1 },
        family: [
            BINARY_SUBSCR_DICT,
            BINARY_SUBSCR_GETITEM,
            BINARY_SUBSCR_LIST_INT,
            BINARY_SUBSCR_STR_INT,
            BINARY_SUBSCR_TUPLE_INT,
        ],
    }
    /// Matches an `except*` clause: `[exc, type] → [rest, match]`, splitting the exception
    /// group `exc` by `type`; with no match, `rest` is `exc` and `match` is `None`.
    CHECK_EG_MATCH = 6 { arg: None, stack: (2, 2), }
    /// Matches an `except` clause: `[exc, type] → [exc, isinstance-style match as bool]`.
    CHECK_EXC_MATCH = 7 { arg: None, stack: (2, 2), }
    /// Ends a `yield from`/`await` interrupted by `throw()` or `close()`:
    /// `[sub_iter, last_sent, exc] → [None, exc.value]` if `exc` is a `StopIteration`,
    /// otherwise re-raises `exc`.
    CLEANUP_THROW = 8 { arg: None, stack: (3, 2), }
    /// `[container, key] → []`: `del container[key]`.
    DELETE_SUBSCR = 9 { arg: None, stack: (2, 0), }
    /// Ends an `async for` on an exception from `__anext__`: `[aiter, exc] → []`, swallowing a
    /// `StopAsyncIteration` and re-raising anything else.
    END_ASYNC_FOR = 10 { arg: None, stack: (2, 0), }
    /// Ends a `for` loop: `[value] → []` (the exhausted `FOR_ITER` jumps past it at run time).
    END_FOR = 11 { arg: None, stack: (1, 0), }
    /// Ends a `yield from`/`await`: `[receiver, value] → [value]`.
    END_SEND = 12 { arg: None, stack: (2, 1), }
    /// Checks what `__init__` returned: `[result] → []`, raising `TypeError` unless `None`.
    EXIT_INIT_CHECK = 13 { arg: None, stack: (1, 0), }
    /// `[value] → [format(value)]` (f-string field without a format spec).
    FORMAT_SIMPLE = 14 { arg: None, stack: (1, 1), }
    /// `[value, spec] → [format(value, spec)]`.
    FORMAT_WITH_SPEC = 15 { arg: None, stack: (2, 1), }
    /// `[obj] → [obj.__aiter__()]`.
    GET_AITER = 16 { arg: None, stack: (1, 1), }
    /// Reserved number; never emitted.
    RESERVED = 17 { arg: None, stack: (0, 0), }
    /// `[aiter] → [aiter, awaitable of aiter.__anext__()]`.
    GET_ANEXT = 18 { arg: None, stack: (1, 2), }
    /// `[obj] → [iter(obj)]`.
    GET_ITER = 19 { arg: None, stack: (1, 1), }
    /// `[obj] → [obj, len(obj)]` (`match` statements).
    GET_LEN = 20 { arg: None, stack: (1, 2), }
    /// `[obj] → [iterator]` for `yield from`: generators and coroutines stay as they are.
    GET_YIELD_FROM_ITER = 21 { arg: None, stack: (1, 1), }
    /// Leaves the interpreter loop with `[value] → []`; only in the interpreter's own entry
    /// frames, never in compiled code.
    INTERPRETER_EXIT = 22 { arg: None, stack: (1, 0), }
    /// `[] → [AssertionError]` (`assert` statements).
    LOAD_ASSERTION_ERROR = 23 { arg: None, stack: (0, 1), }
    /// `[] → [builtins.__build_class__]`.
    LOAD_BUILD_CLASS = 24 { arg: None, stack: (0, 1), }
    /// `[] → [the frame's locals mapping]`.
    LOAD_LOCALS = 25 { arg: None, stack: (0, 1), }
    /// `[code] → [function]`: a new function of the code object, with the frame's globals.
    MAKE_FUNCTION = 26 { arg: None, stack: (1, 1), }
    /// `[subject, keys] → [subject, keys, tuple of values or None]` (mapping patterns).
    MATCH_KEYS = 27 { arg: None, stack: (2, 3), }
    /// `[subject] → [subject, is it a mapping]` (by the type's `Py_TPFLAGS_MAPPING`).
    MATCH_MAPPING = 28 { arg: None, stack: (1, 2), }
    /// `[subject] → [subject, is it a sequence]` (by `Py_TPFLAGS_SEQUENCE`).
    MATCH_SEQUENCE = 29 { arg: None, stack: (1, 2), }
    /// Does nothing; keeps a line number or a jump target alive.
    NOP = 30 { arg: None, stack: (0, 0), }
    /// `[previous exception] → []`, restoring it as the exception being handled.
    POP_EXCEPT = 31 { arg: None, stack: (1, 0), }
    /// `[value] → []`.
    POP_TOP = 32 { arg: None, stack: (1, 0), }
    /// Starts an exception handler: `[exc] → [previous handled exception, exc]`, making `exc`
    /// the exception being handled.
    PUSH_EXC_INFO = 33 { arg: None, stack: (1, 2), }
    /// `[] → [NULL]`: the empty slot below a callable that is not a method call.
    PUSH_NULL = 34 { arg: None, stack: (0, 1), }
    /// First instruction of a generator, coroutine or async generator: creates it from the
    /// frame and returns it to the caller; resumed, it leaves `[value]` for the `POP_TOP`
    /// that follows.
    RETURN_GENERATOR = 35 { arg: None, stack: (0, 1), }
    /// `[value] → []`: returns `value` to the caller.
    RETURN_VALUE = 36 { arg: None, stack: (1, 0), flow: Exit, }
    /// Creates `__annotations__` in the locals if it is missing (module and class bodies).
    SETUP_ANNOTATIONS = 37 { arg: None, stack: (0, 0), }
    /// `[value, container, start, end] → []`: `container[start:end] = value`.
    STORE_SLICE = 38 { arg: None, stack: (4, 0), }
    /// `[value, container, key] → []`: `container[key] = value`.
    STORE_SUBSCR = 39 {
        arg: None,
        stack: (3, 0),
        cache: { counter: 1 },
        family: [STORE_SUBSCR_DICT, STORE_SUBSCR_LIST_INT],
    }
    /// `[value] → [bool(value)]`.
    TO_BOOL = 40 {
        arg: None,
        stack: (1, 1),
        cache: { counter: 1, version: 2 },
        family: [
            TO_BOOL_ALWAYS_TRUE,
            TO_BOOL_BOOL,
            TO_BOOL_INT,
            TO_BOOL_LIST,
            TO_BOOL_NONE,
            TO_BOOL_STR,
        ],
    }
    /// `[value] → [~value]`.
    UNARY_INVERT = 41 { arg: None, stack: (1, 1), }
    /// `[value] → [-value]`.
    UNARY_NEGATIVE = 42 { arg: None, stack: (1, 1), }
    /// `[value] → [not value]`; `value` is an exact `bool` (a `TO_BOOL` precedes).
    UNARY_NOT = 43 { arg: None, stack: (1, 1), }
    /// Calls `__exit__` for an exception in a `with` body:
    /// `[exit, lasti, unused, exc] → [exit, lasti, unused, exc, exit(type, exc, tb)]`.
    WITH_EXCEPT_START = 44 { arg: None, stack: (4, 5), }

    // ----- Real instructions with an argument (45–118, 149) -----

    /// `[lhs, rhs] → [lhs op rhs]`, the operator (binary or in-place) given by oparg.
    BINARY_OP = 45 {
        arg: BinaryOp,
        stack: (2, 1),
        cache: { counter: 1 },
        family: [
            BINARY_OP_MULTIPLY_INT,
            BINARY_OP_ADD_INT,
            BINARY_OP_SUBTRACT_INT,
            BINARY_OP_MULTIPLY_FLOAT,
            BINARY_OP_ADD_FLOAT,
            BINARY_OP_SUBTRACT_FLOAT,
            BINARY_OP_ADD_UNICODE,
            BINARY_OP_INPLACE_ADD_UNICODE,
        ],
    }
    /// `[value_1 … value_oparg, keys] → [dict]`, `keys` a constant tuple of `oparg` keys.
    BUILD_CONST_KEY_MAP = 46 { arg: Number, stack: (oparg + 1, 1), }
    /// `[item_1 … item_oparg] → [list]`.
    BUILD_LIST = 47 { arg: Number, stack: (oparg, 1), }
    /// `[key_1, value_1 … key_oparg, value_oparg] → [dict]`.
    BUILD_MAP = 48 { arg: Number, stack: (oparg * 2, 1), }
    /// `[item_1 … item_oparg] → [set]`.
    BUILD_SET = 49 { arg: Number, stack: (oparg, 1), }
    /// `[start, stop] → [slice]`, or with oparg 3 `[start, stop, step] → [slice]`.
    BUILD_SLICE = 50 { arg: Number, stack: (if oparg == 3 { 3 } else { 2 }, 1), }
    /// `[str_1 … str_oparg] → [concatenation]` (f-strings).
    BUILD_STRING = 51 { arg: Number, stack: (oparg, 1), }
    /// `[item_1 … item_oparg] → [tuple]`.
    BUILD_TUPLE = 52 { arg: Number, stack: (oparg, 1), }
    /// `[callable, self_or_null, arg_1 … arg_oparg] → [result]`: calls `callable` with `oparg`
    /// positional arguments, `self_or_null` first when it is not NULL.
    CALL = 53 {
        arg: Number,
        stack: (oparg + 2, 1),
        cache: { counter: 1, func_version: 2 },
        family: [
            CALL_BOUND_METHOD_EXACT_ARGS,
            CALL_PY_EXACT_ARGS,
            CALL_TYPE_1,
            CALL_STR_1,
            CALL_TUPLE_1,
            CALL_BUILTIN_CLASS,
            CALL_BUILTIN_O,
            CALL_BUILTIN_FAST,
            CALL_BUILTIN_FAST_WITH_KEYWORDS,
            CALL_LEN,
            CALL_ISINSTANCE,
            CALL_LIST_APPEND,
            CALL_METHOD_DESCRIPTOR_O,
            CALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS,
            CALL_METHOD_DESCRIPTOR_NOARGS,
            CALL_METHOD_DESCRIPTOR_FAST,
            CALL_ALLOC_AND_ENTER_INIT,
            CALL_PY_GENERAL,
            CALL_BOUND_METHOD_GENERAL,
            CALL_NON_PY_GENERAL,
        ],
    }
    /// `[callable, null, args_tuple] → [result]`, with a keyword dict on top when
    /// `oparg & 1`: `f(*args, **kwargs)`.
    CALL_FUNCTION_EX = 54 { arg: Number, stack: (3 + (oparg & 1), 1), }
    /// `[value] → [intrinsic(value)]`, the one-argument intrinsic function given by oparg.
    CALL_INTRINSIC_1 = 55 { arg: Intrinsic1, stack: (1, 1), }
    /// `[value_1, value_2] → [intrinsic(value_1, value_2)]`.
    CALL_INTRINSIC_2 = 56 { arg: Intrinsic2, stack: (2, 1), }
    /// `[callable, self_or_null, arg_1 … arg_oparg, kwnames] → [result]`: as `CALL`, the last
    /// `len(kwnames)` arguments passed by keyword.
    CALL_KW = 57 { arg: Number, stack: (oparg + 3, 1), }
    /// `[lhs, rhs] → [lhs cmp rhs]`, the comparison in `oparg >> 5`, converted to `bool` when
    /// `oparg & 16`.
    COMPARE_OP = 58 {
        arg: Compare,
        stack: (2, 1),
        cache: { counter: 1 },
        family: [COMPARE_OP_FLOAT, COMPARE_OP_INT, COMPARE_OP_STR],
    }
    /// `[lhs, rhs] → [lhs in rhs]`, or `not in` when oparg is 1.
    CONTAINS_OP = 59 {
        arg: Number,
        stack: (2, 1),
        cache: { counter: 1 },
        family: [CONTAINS_OP_SET, CONTAINS_OP_DICT],
    }
    /// `[value] → [str(value) | repr(value) | ascii(value)]` (f-string conversions).
    CONVERT_VALUE = 60 { arg: Conversion, stack: (1, 1), }
    /// `[…, x, …] → […, x, …, x]`: pushes a copy of the item `oparg` deep (1 is the top).
    COPY = 61 { arg: Number, stack: (oparg, oparg + 1), }
    /// Copies the `oparg` free variables of the function into the frame's last fast locals.
    COPY_FREE_VARS = 62 { arg: Number, stack: (0, 0), }
    /// `[obj] → []`: `del obj.name`.
    DELETE_ATTR = 63 { arg: Name, stack: (1, 0), }
    /// Empties the cell in fast local `oparg`.
    DELETE_DEREF = 64 { arg: Free, stack: (0, 0), }
    /// `del` of fast local `oparg`.
    DELETE_FAST = 65 { arg: Local, stack: (0, 0), }
    /// `del` of the global `co_names[oparg]`.
    DELETE_GLOBAL = 66 { arg: Name, stack: (0, 0), }
    /// `del` of the name `co_names[oparg]` in the locals mapping.
    DELETE_NAME = 67 { arg: Name, stack: (0, 0), }
    /// `[dict, …, callable, …, mapping] → [dict, …, callable, …]`: merges `mapping` into the
    /// dict `oparg` deep below it, raising on duplicate keyword arguments of `callable`.
    DICT_MERGE = 68 { arg: Number, stack: (oparg + 4, oparg + 3), }
    /// `[dict, …, mapping] → [dict, …]`: `dict.update(mapping)`, `dict` `oparg` deep.
    DICT_UPDATE = 69 { arg: Number, stack: (oparg + 1, oparg), }
    /// Runs an optimizer executor in place of the instruction it replaced (CPython's JIT
    /// tiers; never in compiled code).
    ENTER_EXECUTOR = 70 { arg: Number, stack: (0, 0), }
    /// Prefixes the next instruction's oparg with its own byte: the next oparg is
    /// `(this << 8) | next`.
    EXTENDED_ARG = 71 { arg: Number, stack: (0, 0), }
    /// `[iter] → [iter, next(iter)]`; when `iter` is exhausted, jumps forward by `oparg`
    /// (to the loop's `END_FOR`, which it skips at run time, popping `iter`).
    FOR_ITER = 72 {
        arg: JumpForward,
        stack: (1, 2),
        cache: { counter: 1 },
        family: [FOR_ITER_LIST, FOR_ITER_TUPLE, FOR_ITER_RANGE, FOR_ITER_GEN],
    }
    /// `[obj] → [awaitable]`; oparg says where (0: `await`, 1: after `__aenter__`, 2: after
    /// `__aexit__`) for the error message.
    GET_AWAITABLE = 73 { arg: Number, stack: (1, 1), }
    /// `[module] → [module, module.name]` (`from … import name`).
    IMPORT_FROM = 74 { arg: Name, stack: (1, 2), }
    /// `[level, fromlist] → [module]`: `__import__(co_names[oparg], …, fromlist, level)`.
    IMPORT_NAME = 75 { arg: Name, stack: (2, 1), }
    /// `[lhs, rhs] → [lhs is rhs]`, or `is not` when oparg is 1.
    IS_OP = 76 { arg: Number, stack: (2, 1), }
    /// Jumps back by `oparg`, checking for interrupts (loops).
    JUMP_BACKWARD = 77 {
        arg: JumpBackward,
        stack: (0, 0),
        flow: Jump,
        cache: { counter: 1 },
    }
    /// Jumps back by `oparg` without checking for interrupts (`yield from`, `await`).
    JUMP_BACKWARD_NO_INTERRUPT = 78 { arg: JumpBackward, stack: (0, 0), flow: Jump, }
    /// Jumps forward by `oparg`.
    JUMP_FORWARD = 79 { arg: JumpForward, stack: (0, 0), flow: Jump, }
    /// `[list, …, value] → [list, …]`: appends `value` to the list `oparg` deep
    /// (comprehensions).
    LIST_APPEND = 80 { arg: Number, stack: (oparg + 1, oparg), }
    /// `[list, …, iterable] → [list, …]`: `list.extend(iterable)`, `list` `oparg` deep.
    LIST_EXTEND = 81 { arg: Number, stack: (oparg + 1, oparg), }
    /// `[obj] → [obj.name]`, or for a method call (`oparg & 1`) `[obj] → [method, obj]` or
    /// `[attribute, NULL]`.
    LOAD_ATTR = 82 {
        arg: AttrName,
        stack: (1, 1 + (oparg & 1)),
        cache: { counter: 1, version: 2, keys_version: 2, descr: 4 },
        family: [
            LOAD_ATTR_INSTANCE_VALUE,
            LOAD_ATTR_MODULE,
            LOAD_ATTR_WITH_HINT,
            LOAD_ATTR_SLOT,
            LOAD_ATTR_CLASS,
            LOAD_ATTR_PROPERTY,
            LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN,
            LOAD_ATTR_METHOD_WITH_VALUES,
            LOAD_ATTR_METHOD_NO_DICT,
            LOAD_ATTR_METHOD_LAZY_DICT,
            LOAD_ATTR_NONDESCRIPTOR_WITH_VALUES,
            LOAD_ATTR_NONDESCRIPTOR_NO_DICT,
        ],
    }
    /// `[] → [co_consts[oparg]]`.
    LOAD_CONST = 83 { arg: Const, stack: (0, 1), }
    /// `[] → [contents of the cell in fast local oparg]`.
    LOAD_DEREF = 84 { arg: Free, stack: (0, 1), }
    /// `[] → [fast local oparg]`, known to be bound.
    LOAD_FAST = 85 { arg: Local, stack: (0, 1), }
    /// `[] → [fast local oparg or NULL]`, unbinding the local (inlined comprehensions save
    /// the outer value this way).
    LOAD_FAST_AND_CLEAR = 86 { arg: Local, stack: (0, 1), }
    /// `[] → [fast local oparg]`, raising `UnboundLocalError` if it is unbound.
    LOAD_FAST_CHECK = 87 { arg: Local, stack: (0, 1), }
    /// `[] → [local oparg >> 4, local oparg & 15]`.
    LOAD_FAST_LOAD_FAST = 88 { arg: LocalPair, stack: (0, 2), }
    /// `[mapping] → [value]`: the name of fast local `oparg` from `mapping`, else the contents
    /// of that local's cell (class bodies).
    LOAD_FROM_DICT_OR_DEREF = 89 { arg: Free, stack: (1, 1), }
    /// `[mapping] → [value]`: `co_names[oparg]` from `mapping`, else the globals, else the
    /// builtins (annotation scopes in class bodies).
    LOAD_FROM_DICT_OR_GLOBALS = 90 { arg: Name, stack: (1, 1), }
    /// `[] → [global co_names[oparg >> 1]]`, with a NULL after it when `oparg & 1`.
    LOAD_GLOBAL = 91 {
        arg: GlobalName,
        stack: (0, 1 + (oparg & 1)),
        cache: { counter: 1, index: 1, module_keys_version: 1, builtin_keys_version: 1 },
        family: [LOAD_GLOBAL_MODULE, LOAD_GLOBAL_BUILTIN],
    }
    /// `[] → [co_names[oparg]]`, looked up in the locals, the globals, then the builtins.
    LOAD_NAME = 92 { arg: Name, stack: (0, 1), }
    /// `[super, class, self] → [super(class, self).name]`, or for a method call
    /// (`oparg & 1`) `[method or attribute, self or NULL]`; `oparg & 2` marks the two-argument
    /// form of `super`.
    LOAD_SUPER_ATTR = 93 {
        arg: SuperAttrName,
        stack: (3, 1 + (oparg & 1)),
        cache: { counter: 1 },
        family: [LOAD_SUPER_ATTR_ATTR, LOAD_SUPER_ATTR_METHOD],
    }
    /// Replaces fast local `oparg` with a new cell holding its value.
    MAKE_CELL = 94 { arg: Free, stack: (0, 0), }
    /// `[dict, …, key, value] → [dict, …]`: `dict[key] = value`, `dict` `oparg` deep below
    /// the pair (dict comprehensions).
    MAP_ADD = 95 { arg: Number, stack: (oparg + 2, oparg), }
    /// `[subject, class, names] → [tuple of attributes or None]` for a class pattern with
    /// `oparg` positional sub-patterns and keyword `names`.
    MATCH_CLASS = 96 { arg: Number, stack: (3, 1), }
    /// `[value] → []`, jumping forward by `oparg` if `value` is `False`.
    POP_JUMP_IF_FALSE = 97 { arg: JumpForward, stack: (1, 0), cache: { counter: 1 }, }
    /// `[value] → []`, jumping forward by `oparg` if `value` is `None`.
    POP_JUMP_IF_NONE = 98 { arg: JumpForward, stack: (1, 0), cache: { counter: 1 }, }
    /// `[value] → []`, jumping forward by `oparg` if `value` is not `None`.
    POP_JUMP_IF_NOT_NONE = 99 { arg: JumpForward, stack: (1, 0), cache: { counter: 1 }, }
    /// `[value] → []`, jumping forward by `oparg` if `value` is `True`.
    POP_JUMP_IF_TRUE = 100 { arg: JumpForward, stack: (1, 0), cache: { counter: 1 }, }
    /// `raise` (oparg 0: re-raise), `raise exc` (1: `[exc]`), `raise exc from cause`
    /// (2: `[exc, cause]`).
    RAISE_VARARGS = 101 { arg: Number, stack: (oparg, 0), flow: Exit, }
    /// `[…, exc] → …`: re-raises `exc`; with oparg nonzero, the value below it restores the
    /// frame's last instruction first.
    RERAISE = 102 { arg: Number, stack: (oparg + 1, oparg), flow: Exit, }
    /// Returns `co_consts[oparg]` to the caller.
    RETURN_CONST = 103 { arg: Const, stack: (0, 0), flow: Exit, }
    /// `[receiver, value] → [receiver, result]`: sends `value` into the sub-iterator
    /// `receiver` (`yield from`, `await`); when it returns, jumps forward by `oparg` with its
    /// return value as `result`.
    SEND = 104 {
        arg: JumpForward,
        stack: (2, 2),
        cache: { counter: 1 },
        family: [SEND_GEN],
    }
    /// `[set, …, value] → [set, …]`: adds `value` to the set `oparg` deep (comprehensions).
    SET_ADD = 105 { arg: Number, stack: (oparg + 1, oparg), }
    /// `[value, function] → [function]`: sets the function attribute that oparg's bit names
    /// (defaults, keyword defaults, annotations, closure).
    SET_FUNCTION_ATTRIBUTE = 106 { arg: FunctionAttribute, stack: (2, 1), }
    /// `[set, …, iterable] → [set, …]`: `set.update(iterable)`, `set` `oparg` deep.
    SET_UPDATE = 107 { arg: Number, stack: (oparg + 1, oparg), }
    /// `[value, obj] → []`: `obj.name = value`.
    STORE_ATTR = 108 {
        arg: Name,
        stack: (2, 0),
        cache: { counter: 1, version: 2, index: 1 },
        family: [STORE_ATTR_INSTANCE_VALUE, STORE_ATTR_SLOT, STORE_ATTR_WITH_HINT],
    }
    /// `[value] → []`: stores `value` in the cell of fast local `oparg`.
    STORE_DEREF = 109 { arg: Free, stack: (1, 0), }
    /// `[value] → []`: stores `value` in fast local `oparg`.
    STORE_FAST = 110 { arg: Local, stack: (1, 0), }
    /// `[value] → [local oparg & 15]` after storing `value` in local `oparg >> 4`.
    STORE_FAST_LOAD_FAST = 111 { arg: LocalPair, stack: (1, 1), }
    /// `[value_2, value_1] → []`: stores `value_1` in local `oparg >> 4`, then `value_2` in
    /// local `oparg & 15`.
    STORE_FAST_STORE_FAST = 112 { arg: LocalPair, stack: (2, 0), }
    /// `[value] → []`: stores the global `co_names[oparg]`.
    STORE_GLOBAL = 113 { arg: Name, stack: (1, 0), }
    /// `[value] → []`: stores `co_names[oparg]` in the locals mapping.
    STORE_NAME = 114 { arg: Name, stack: (1, 0), }
    /// Swaps the top of the stack with the item `oparg` deep (2 is just below the top).
    SWAP = 115 { arg: Number, stack: (oparg, oparg), }
    /// `[iterable] → [last values, list, first values]` for a starred assignment: oparg's low
    /// byte counts the targets before the star, its high byte those after.
    UNPACK_EX = 116 { arg: Number, stack: (1, 1 + (oparg >> 8) + (oparg & 0xFF)), }
    /// `[iterable] → [item_oparg … item_1]`: exactly `oparg` items, the first on top.
    UNPACK_SEQUENCE = 117 {
        arg: Number,
        stack: (1, oparg),
        cache: { counter: 1 },
        family: [UNPACK_SEQUENCE_TWO_TUPLE, UNPACK_SEQUENCE_TUPLE, UNPACK_SEQUENCE_LIST],
    }
    /// `[value] → [sent value]`: yields `value` from the generator; oparg is 1 inside a
    /// `yield from` or `await`, else 0.
    YIELD_VALUE = 118 { arg: Number, stack: (1, 1), }
    /// Marks where a frame starts or resumes, checking for interrupts: oparg's low two bits
    /// say where (0: start, 1: after `yield`, 2: after `yield from`, 3: after `await`), bit
    /// 2 that the resumption is inside an exception handler's depth 1.
    RESUME = 149 { arg: Number, stack: (0, 0), family: [RESUME_CHECK], }

    // ----- Specialized instructions (PEP 659), 150–222 -----
    // Each replaces its base instruction in place once the interpreter has seen the operand
    // types, and falls back to it when a guard fails. Flags are the interpreter metadata's.

    /// `BINARY_OP` `+` on two floats.
    BINARY_OP_ADD_FLOAT = 150 { flags: [], stack: (2, 1), }
    /// `BINARY_OP` `+` on two ints.
    BINARY_OP_ADD_INT = 151 { flags: [], stack: (2, 1), }
    /// `BINARY_OP` `+` on two strs.
    BINARY_OP_ADD_UNICODE = 152 { flags: [], stack: (2, 1), }
    /// `BINARY_OP` `*` on two floats.
    BINARY_OP_MULTIPLY_FLOAT = 153 { flags: [], stack: (2, 1), }
    /// `BINARY_OP` `*` on two ints.
    BINARY_OP_MULTIPLY_INT = 154 { flags: [], stack: (2, 1), }
    /// `BINARY_OP` `-` on two floats.
    BINARY_OP_SUBTRACT_FLOAT = 155 { flags: [], stack: (2, 1), }
    /// `BINARY_OP` `-` on two ints.
    BINARY_OP_SUBTRACT_INT = 156 { flags: [], stack: (2, 1), }
    /// `BINARY_SUBSCR` on an exact dict.
    BINARY_SUBSCR_DICT = 157 { flags: [], stack: (2, 1), }
    /// `BINARY_SUBSCR` through a Python `__getitem__` (pushes its frame).
    BINARY_SUBSCR_GETITEM = 158 { flags: [], stack: (2, 1), }
    /// `BINARY_SUBSCR` of a list by a small int.
    BINARY_SUBSCR_LIST_INT = 159 { flags: [], stack: (2, 1), }
    /// `BINARY_SUBSCR` of a str by a small int.
    BINARY_SUBSCR_STR_INT = 160 { flags: [], stack: (2, 1), }
    /// `BINARY_SUBSCR` of a tuple by a small int.
    BINARY_SUBSCR_TUPLE_INT = 161 { flags: [], stack: (2, 1), }
    /// `CALL` of a class with a Python `__init__` (pushes the `__init__` frame).
    CALL_ALLOC_AND_ENTER_INIT = 162 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of a bound Python method with the exact number of arguments.
    CALL_BOUND_METHOD_EXACT_ARGS = 163 { flags: [ARG], stack: (oparg + 2, 0), }
    /// `CALL` of a bound Python method.
    CALL_BOUND_METHOD_GENERAL = 164 { flags: [ARG], stack: (oparg + 2, 0), }
    /// `CALL` of a builtin class.
    CALL_BUILTIN_CLASS = 165 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of a `METH_FASTCALL` builtin.
    CALL_BUILTIN_FAST = 166 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of a `METH_FASTCALL | METH_KEYWORDS` builtin.
    CALL_BUILTIN_FAST_WITH_KEYWORDS = 167 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of a `METH_O` builtin.
    CALL_BUILTIN_O = 168 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of `isinstance`.
    CALL_ISINSTANCE = 169 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of `len`.
    CALL_LEN = 170 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of `list.append` on a list.
    CALL_LIST_APPEND = 171 { flags: [ARG], stack: (3, 1), }
    /// `CALL` of a `METH_FASTCALL` method descriptor.
    CALL_METHOD_DESCRIPTOR_FAST = 172 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of a `METH_FASTCALL | METH_KEYWORDS` method descriptor.
    CALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS = 173 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of a `METH_NOARGS` method descriptor.
    CALL_METHOD_DESCRIPTOR_NOARGS = 174 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of a `METH_O` method descriptor.
    CALL_METHOD_DESCRIPTOR_O = 175 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of a callable that is not a Python function.
    CALL_NON_PY_GENERAL = 176 { flags: [ARG], stack: (oparg + 2, 1), }
    /// `CALL` of a Python function with the exact number of arguments.
    CALL_PY_EXACT_ARGS = 177 { flags: [ARG], stack: (oparg + 2, 0), }
    /// `CALL` of a Python function.
    CALL_PY_GENERAL = 178 { flags: [ARG], stack: (oparg + 2, 0), }
    /// `CALL` of `str` with one argument.
    CALL_STR_1 = 179 { flags: [ARG], stack: (3, 1), }
    /// `CALL` of `tuple` with one argument.
    CALL_TUPLE_1 = 180 { flags: [ARG], stack: (3, 1), }
    /// `CALL` of `type` with one argument.
    CALL_TYPE_1 = 181 { flags: [ARG], stack: (3, 1), }
    /// `COMPARE_OP` on two floats.
    COMPARE_OP_FLOAT = 182 { flags: [ARG], stack: (2, 1), }
    /// `COMPARE_OP` on two ints.
    COMPARE_OP_INT = 183 { flags: [ARG], stack: (2, 1), }
    /// `COMPARE_OP` on two strs.
    COMPARE_OP_STR = 184 { flags: [ARG], stack: (2, 1), }
    /// `CONTAINS_OP` on a dict.
    CONTAINS_OP_DICT = 185 { flags: [ARG], stack: (2, 1), }
    /// `CONTAINS_OP` on a set or frozenset.
    CONTAINS_OP_SET = 186 { flags: [ARG], stack: (2, 1), }
    /// `FOR_ITER` over a generator (pushes its frame).
    FOR_ITER_GEN = 187 { flags: [ARG], stack: (1, 1), }
    /// `FOR_ITER` over a list.
    FOR_ITER_LIST = 188 { flags: [ARG, JUMP], stack: (1, 2), }
    /// `FOR_ITER` over a range.
    FOR_ITER_RANGE = 189 { flags: [ARG, JUMP], stack: (1, 2), }
    /// `FOR_ITER` over a tuple.
    FOR_ITER_TUPLE = 190 { flags: [ARG, JUMP], stack: (1, 2), }
    /// `LOAD_ATTR` of a class attribute on a class.
    LOAD_ATTR_CLASS = 191 { flags: [ARG], stack: (1, 1 + (oparg & 1)), }
    /// `LOAD_ATTR` on a class whose `__getattribute__` is a Python function.
    LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN = 192 { flags: [ARG, NAME], stack: (1, 1), }
    /// `LOAD_ATTR` of an instance attribute in the inline values.
    LOAD_ATTR_INSTANCE_VALUE = 193 { flags: [ARG], stack: (1, 1 + (oparg & 1)), }
    /// `LOAD_ATTR` of a method, the instance dict not yet created.
    LOAD_ATTR_METHOD_LAZY_DICT = 194 { flags: [ARG], stack: (1, 2), }
    /// `LOAD_ATTR` of a method on an instance without a dict.
    LOAD_ATTR_METHOD_NO_DICT = 195 { flags: [ARG], stack: (1, 2), }
    /// `LOAD_ATTR` of a method on an instance with inline values.
    LOAD_ATTR_METHOD_WITH_VALUES = 196 { flags: [ARG], stack: (1, 2), }
    /// `LOAD_ATTR` on a module.
    LOAD_ATTR_MODULE = 197 { flags: [ARG], stack: (1, 1 + (oparg & 1)), }
    /// `LOAD_ATTR` of a non-descriptor class attribute on an instance without a dict.
    LOAD_ATTR_NONDESCRIPTOR_NO_DICT = 198 { flags: [ARG], stack: (1, 1), }
    /// `LOAD_ATTR` of a non-descriptor class attribute on an instance with inline values.
    LOAD_ATTR_NONDESCRIPTOR_WITH_VALUES = 199 { flags: [ARG], stack: (1, 1), }
    /// `LOAD_ATTR` of a Python property (pushes the getter's frame).
    LOAD_ATTR_PROPERTY = 200 { flags: [ARG], stack: (1, 1), }
    /// `LOAD_ATTR` of a `__slots__` member.
    LOAD_ATTR_SLOT = 201 { flags: [ARG], stack: (1, 1 + (oparg & 1)), }
    /// `LOAD_ATTR` from the instance dict at a hinted position.
    LOAD_ATTR_WITH_HINT = 202 { flags: [ARG, NAME], stack: (1, 1 + (oparg & 1)), }
    /// `LOAD_GLOBAL` found in the builtins.
    LOAD_GLOBAL_BUILTIN = 203 { flags: [ARG], stack: (0, 1 + (oparg & 1)), }
    /// `LOAD_GLOBAL` found in the module globals.
    LOAD_GLOBAL_MODULE = 204 { flags: [ARG], stack: (0, 1 + (oparg & 1)), }
    /// `LOAD_SUPER_ATTR` of an attribute.
    LOAD_SUPER_ATTR_ATTR = 205 { flags: [ARG, NAME], stack: (3, 1), }
    /// `LOAD_SUPER_ATTR` of a method.
    LOAD_SUPER_ATTR_METHOD = 206 { flags: [ARG, NAME], stack: (3, 2), }
    /// `RESUME` once the code's instrumentation version has been checked.
    RESUME_CHECK = 207 { flags: [], stack: (0, 0), }
    /// `SEND` into a generator or coroutine (pushes its frame).
    SEND_GEN = 208 { flags: [ARG], stack: (2, 2), }
    /// `STORE_ATTR` into the inline values.
    STORE_ATTR_INSTANCE_VALUE = 209 { flags: [], stack: (2, 0), }
    /// `STORE_ATTR` into a `__slots__` member.
    STORE_ATTR_SLOT = 210 { flags: [], stack: (2, 0), }
    /// `STORE_ATTR` into the instance dict at a hinted position.
    STORE_ATTR_WITH_HINT = 211 { flags: [ARG, NAME], stack: (2, 0), }
    /// `STORE_SUBSCR` into a dict.
    STORE_SUBSCR_DICT = 212 { flags: [], stack: (3, 0), }
    /// `STORE_SUBSCR` into a list by a small int.
    STORE_SUBSCR_LIST_INT = 213 { flags: [], stack: (3, 0), }
    /// `TO_BOOL` of an instance whose class defines neither `__bool__` nor `__len__`.
    TO_BOOL_ALWAYS_TRUE = 214 { flags: [], stack: (1, 1), }
    /// `TO_BOOL` of a bool.
    TO_BOOL_BOOL = 215 { flags: [], stack: (1, 1), }
    /// `TO_BOOL` of an int.
    TO_BOOL_INT = 216 { flags: [], stack: (1, 1), }
    /// `TO_BOOL` of a list.
    TO_BOOL_LIST = 217 { flags: [], stack: (1, 1), }
    /// `TO_BOOL` of `None`.
    TO_BOOL_NONE = 218 { flags: [], stack: (1, 1), }
    /// `TO_BOOL` of a str.
    TO_BOOL_STR = 219 { flags: [], stack: (1, 1), }
    /// `UNPACK_SEQUENCE` of a list.
    UNPACK_SEQUENCE_LIST = 220 { flags: [ARG], stack: (1, oparg), }
    /// `UNPACK_SEQUENCE` of a tuple.
    UNPACK_SEQUENCE_TUPLE = 221 { flags: [ARG], stack: (1, oparg), }
    /// `UNPACK_SEQUENCE` of a two-item tuple.
    UNPACK_SEQUENCE_TWO_TUPLE = 222 { flags: [ARG], stack: (1, 2), }

    // ----- Instrumented instructions (236–254), put in place by sys.monitoring -----
    // Each fires its monitoring events, then does what the instruction it replaced does;
    // the replaced instruction's inline caches stay after it.

    /// `RESUME` with monitoring.
    INSTRUMENTED_RESUME = 236 { arg: Number, stack: (0, 0), }
    /// `END_FOR` with monitoring (`[receiver, value] → [receiver]`).
    INSTRUMENTED_END_FOR = 237 { arg: None, stack: (2, 1), }
    /// `END_SEND` with monitoring.
    INSTRUMENTED_END_SEND = 238 { arg: None, stack: (2, 1), }
    /// `RETURN_VALUE` with monitoring.
    INSTRUMENTED_RETURN_VALUE = 239 { arg: None, stack: (1, 0), }
    /// `RETURN_CONST` with monitoring.
    INSTRUMENTED_RETURN_CONST = 240 { arg: Const, stack: (0, 0), }
    /// `YIELD_VALUE` with monitoring.
    INSTRUMENTED_YIELD_VALUE = 241 { arg: Number, stack: (1, 1), }
    /// `LOAD_SUPER_ATTR` with monitoring.
    INSTRUMENTED_LOAD_SUPER_ATTR = 242 { arg: Number, stack: (3, 1 + (oparg & 1)), }
    /// `FOR_ITER` with monitoring.
    INSTRUMENTED_FOR_ITER = 243 { arg: Number, stack: (0, 0), }
    /// `CALL` with monitoring.
    INSTRUMENTED_CALL = 244 { arg: Number, stack: (0, 0), }
    /// `CALL_KW` with monitoring.
    INSTRUMENTED_CALL_KW = 245 { arg: Number, stack: (0, 0), }
    /// `CALL_FUNCTION_EX` with monitoring.
    INSTRUMENTED_CALL_FUNCTION_EX = 246 { arg: None, stack: (0, 0), }
    /// Fires the instruction event, then runs the original instruction.
    INSTRUMENTED_INSTRUCTION = 247 { arg: None, stack: (0, 0), }
    /// `JUMP_FORWARD` with monitoring.
    INSTRUMENTED_JUMP_FORWARD = 248 { arg: Number, stack: (0, 0), }
    /// `JUMP_BACKWARD` with monitoring.
    INSTRUMENTED_JUMP_BACKWARD = 249 { arg: Number, stack: (0, 0), }
    /// `POP_JUMP_IF_TRUE` with monitoring.
    INSTRUMENTED_POP_JUMP_IF_TRUE = 250 { arg: Number, stack: (0, 0), }
    /// `POP_JUMP_IF_FALSE` with monitoring.
    INSTRUMENTED_POP_JUMP_IF_FALSE = 251 { arg: Number, stack: (0, 0), }
    /// `POP_JUMP_IF_NONE` with monitoring.
    INSTRUMENTED_POP_JUMP_IF_NONE = 252 { arg: Number, stack: (0, 0), }
    /// `POP_JUMP_IF_NOT_NONE` with monitoring.
    INSTRUMENTED_POP_JUMP_IF_NOT_NONE = 253 { arg: Number, stack: (0, 0), }
    /// Fires the line event, then runs the original instruction (kept aside); CPython's
    /// metadata has no entry for it.
    INSTRUMENTED_LINE = 254 { arg: None, stack: unknown, }

    // ----- Pseudo-instructions (256–267) -----
    // The compiler's instruction sequence holds them; the flow-graph passes and the
    // assembler turn each into the real instructions listed in `becomes` before a code
    // object exists.

    /// An unconditional jump to a label, either way; becomes `JUMP_FORWARD` or
    /// `JUMP_BACKWARD` by the direction.
    JUMP = 256 {
        arg: Jump,
        stack: (0, 0),
        flow: Jump,
        becomes: [JUMP_FORWARD, JUMP_BACKWARD],
    }
    /// `JUMP` without an interrupt check backward.
    JUMP_NO_INTERRUPT = 257 {
        arg: Jump,
        stack: (0, 0),
        flow: Jump,
        becomes: [JUMP_FORWARD, JUMP_BACKWARD_NO_INTERRUPT],
    }
    /// `[] → [cell of local oparg]` for building a closure tuple; becomes `LOAD_FAST`.
    LOAD_CLOSURE = 258 { arg: Local, stack: (0, 1), becomes: [LOAD_FAST], }
    /// `[obj] → [method, self or NULL]` by name index; becomes `LOAD_ATTR` with
    /// `oparg << 1 | 1`.
    LOAD_METHOD = 259 { arg: Name, stack: (1, 2), becomes: [LOAD_ATTR], }
    /// `super(cls, self).name(…)` by name index; becomes `LOAD_SUPER_ATTR` with
    /// `oparg << 2 | 3`.
    LOAD_SUPER_METHOD = 260 { arg: Name, stack: (3, 2), becomes: [LOAD_SUPER_ATTR], }
    /// `super().name` by name index; becomes `LOAD_SUPER_ATTR` with `oparg << 2`. (CPython
    /// counts its net effect as -1, although the instruction it becomes pops 3 and pushes 1.)
    LOAD_ZERO_SUPER_ATTR = 261 { arg: Name, stack: (3, 2), becomes: [LOAD_SUPER_ATTR], }
    /// `super().name(…)` by name index; becomes `LOAD_SUPER_ATTR` with `oparg << 2 | 1`.
    LOAD_ZERO_SUPER_METHOD = 262 { arg: Name, stack: (3, 2), becomes: [LOAD_SUPER_ATTR], }
    /// Ends the protected range a `SETUP_*` opened; becomes `NOP` (then removed).
    POP_BLOCK = 263 { arg: None, stack: (0, 0), becomes: [NOP], }
    /// Opens a range whose exceptions go to the handler label with the stack cut back and
    /// `[lasti, exc]` pushed; becomes `NOP`.
    SETUP_CLEANUP = 264 { arg: Handler, stack: (0, 0), jump: (0, 2), becomes: [NOP], }
    /// Opens a `try` range whose exceptions go to the handler label with `[exc]` pushed;
    /// becomes `NOP`.
    SETUP_FINALLY = 265 { arg: Handler, stack: (0, 0), jump: (0, 1), becomes: [NOP], }
    /// Opens a `with` body range whose exceptions go to the handler label, the stack cut back
    /// below the `__enter__` result and `[lasti, exc]` pushed; becomes `NOP`.
    SETUP_WITH = 266 { arg: Handler, stack: (0, 0), jump: (0, 1), becomes: [NOP], }
    /// `[value] → []` into fast local oparg, which may be unbound before; becomes
    /// `STORE_FAST`.
    STORE_FAST_MAYBE_NULL = 267 { arg: Local, stack: (1, 0), becomes: [STORE_FAST], }
}

/// The instruction numbered `number`.
pub(super) fn by_number(number: u16) -> Option<Opcode> {
    BY_NUMBER.get(usize::from(number)).copied().flatten()
}
