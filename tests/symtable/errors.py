# Snippets that CPython 3.13 rejects because of scoping rules, one per "# case: NAME" line.
# crates/pyrs-compiler/gen/record_symtable_fixtures.py records, for each, what
# symtable.symtable() and compile() raise (errors.expected); the test scoping_errors checks pyrs.
# case: global_after_use
def f():
    print(x)
    global x
# case: global_after_assign
def f():
    x = 1
    global x
# case: global_after_for
def f():
    for x in y: pass
    global x
# case: global_after_del
def f():
    del x
    global x
# case: global_after_annotation
def f():
    x: int
    global x
# case: global_param
def f(x):
    global x
# case: global_param_kwonly
def f(*, x):
    global x
# case: global_param_lambda_nested
def f(a, *args, **kw):
    def g(q):
        global kw, q
# case: global_after_use_module
print(x)
global x
# case: global_after_assign_class
class C:
    x = 1
    global x
# case: global_after_import_ok_then_use
def f():
    import x
    global x
    print(y)
    global y
# case: global_non_ascii_offset
def f():
    é = 'é'; global é
# case: nonlocal_after_use
def f():
    x = 1
    def g():
        print(x)
        nonlocal x
# case: nonlocal_after_assign
def f():
    x = 1
    def g():
        x = 2
        nonlocal x
# case: nonlocal_after_annotation
def f():
    x = 1
    def g():
        x: int
        nonlocal x
# case: nonlocal_param
def f():
    x = 1
    def g(x):
        nonlocal x
# case: nonlocal_at_module
nonlocal x
# case: nonlocal_at_module_after_code
y = 1
if y:
    nonlocal y
# case: nonlocal_no_binding
def f():
    nonlocal x
# case: nonlocal_no_binding_global_outer
x = 1
def f():
    nonlocal x
# case: nonlocal_no_binding_class
def f():
    class C:
        nonlocal x
# case: nonlocal_no_binding_class_outer
class C:
    x = 1
    def m(self):
        nonlocal x
# case: nonlocal_no_binding_outer_global
def f():
    global x
    x = 1
    def g():
        nonlocal x
# case: nonlocal_and_global
def f():
    x = 1
    def g():
        global x
        nonlocal x
# case: nonlocal_and_global_other_order
def f():
    x = 1
    def g():
        nonlocal x
        global x
# case: nonlocal_type_param
def f[T]():
    nonlocal T
# case: nonlocal_type_param_nested
def f[T]():
    def g():
        nonlocal T
# case: nonlocal_type_param_class
class C[T]:
    nonlocal T
# case: nonlocal_second_error_wins_order
def f():
    def g():
        nonlocal a
        nonlocal b
# case: annotated_global
def f():
    global x
    x: int = 1
# case: annotated_nonlocal
def f():
    x = 1
    def g():
        nonlocal x
        x: int = 1
# case: annotated_global_class
class C:
    global x
    x: int
# case: annotated_global_module_ok
global x
x: int = 1
y = (z := 1)
print(y)
global y
# case: duplicate_argument
def f(a, a): pass
# case: duplicate_argument_posonly
def f(a, /, b, *, a): pass
# case: duplicate_argument_star
def f(a, *a): pass
# case: duplicate_argument_kwargs
def f(a, **a): pass
# case: duplicate_argument_lambda
lambda x, y, x: 1
# case: duplicate_argument_non_ascii
def f(é, é): pass
# case: duplicate_argument_mangled
class C:
    def m(self, __a, _C__a): pass
# case: duplicate_type_param
def f[T, T](): pass
# case: duplicate_type_param_kinds
class C[T, *T]: pass
# case: duplicate_type_param_alias
type A[**P, P] = int
# case: import_star_function
def f():
    from m import *
# case: import_star_class
class C:
    from m import *
# case: import_star_nested
def f():
    def g():
        from m import *
# case: walrus_rebind_iteration_variable
[(x := 1) for x in y]
# case: walrus_rebind_outer_iteration_variable
[[(j := 0) for i in range(3)] for j in range(5)]
# case: walrus_rebind_setcomp
{(x := 1) for x in y}
# case: walrus_rebind_dictcomp
{(k := 1): v for k, v in y}
# case: walrus_rebind_genexp
((x := 1) for x in y)
# case: walrus_in_iterable
[i for i in (x := y)]
# case: walrus_in_inner_iterable
[i for j in y for i in (x := j)]
# case: walrus_in_iterable_lambda
[i for i in (lambda: (x := 1))()]
# case: walrus_in_iterable_nested_comp
[i for i in [j for j in (k := y)]]
# case: walrus_comp_in_class
class C:
    [(y := 1) for x in z]
# case: walrus_comp_in_class_nested
class C:
    [[(y := 1) for x in z] for w in v]
# case: walrus_inner_loop_rebinds_target
[i for i in range(5) if (j := 0) for j in range(5)]
# case: walrus_inner_loop_rebinds_target_nested
def f():
    [i + j for i in range(5) if (j := i) for j in range(3)]
# case: walrus_comp_in_type_alias
type X[T] = [(x := 1) for y in z]
# case: walrus_comp_in_typevar_bound
class C[T: [(x := 1) for y in z]]: pass
# case: walrus_comp_in_typevar_default
def f[T = [(x := 1) for y in z]](): pass
# case: walrus_comp_in_generic_bases
class C[T]([(x := 1) for y in z]): pass
# case: walrus_in_typevar_bound
type X[T: (x := 1)] = int
# case: walrus_in_type_alias
type X = (x := 1)
# case: walrus_in_generic_annotation
def f[T](x: (y := 1)): pass
# case: walrus_in_future_annotation
from __future__ import annotations
x: (y := 1)
# case: yield_in_future_annotation
from __future__ import annotations
def f(a: (yield)): pass
# case: await_in_future_annotation
from __future__ import annotations
async def f() -> (await x): pass
# case: yield_in_typevar_bound
def f[T: (yield)](): pass
# case: yield_in_typevar_constraint
def f[T: (int, (yield))](): pass
# case: yield_in_typevar_default
def f[T = (yield)](): pass
# case: yield_in_typevartuple_default
def f[*Ts = (yield)](): pass
# case: yield_in_paramspec_default
def f[**P = (yield)](): pass
# case: await_in_typevar_bound
async def g():
    def f[T: (await x)](): pass
# case: yield_from_in_type_alias
type X = (yield from y)
# case: yield_in_generic_bases
def f():
    class C[T]((yield)): pass
# case: yield_in_listcomp
x = [y for y in z if (yield)]
# case: yield_in_nested_listcomp
def f():
    [[(yield) for y in z] for w in v]
# case: yield_in_setcomp
def f():
    {(yield) for y in z}
# case: yield_in_dictcomp
def f():
    {(yield): 1 for y in z}
# case: yield_in_genexp
def f():
    ((yield) for y in z)
# case: yield_from_in_listcomp
def f():
    [(yield from y) for y in z]
# case: return_outside_function
return 1
# case: return_outside_function_bare
x = 1
return
# case: return_in_class
class C:
    return 1
# case: return_in_class_in_function
def f():
    class C:
        return
# case: return_in_if_at_module
if x:
    return x + 1
# case: yield_outside_function
yield 1
# case: yield_outside_function_in_class
class C:
    yield 1
# case: yield_from_outside_function
x = yield from y
# case: yield_in_module_annotation
x: (yield) = 1
# case: yield_in_function_annotation_at_module
def f(x: (yield)): pass
# case: yield_in_comprehension_iterable_at_module
[x for x in (yield)]
# case: yield_in_fstring_at_module
f'{(yield)}'
# case: yield_in_default
def f(x=(yield)): pass
# case: yield_in_decorator
@(yield)
def f(): pass
# case: await_outside_function
await x
# case: await_outside_function_class
async def f():
    class C:
        await x
# case: await_outside_async_function
def f():
    await x
# case: await_in_lambda
lambda: await x
# case: await_in_class_annotation
class C:
    x: int = (await y)
# case: await_in_default_of_async
async def f(x=(await y)): pass
# case: async_comprehension_outside_async
def f():
    [x async for x in y]
# case: async_comprehension_at_module
[x async for x in y]
# case: async_comprehension_await_element
def f():
    [await x for y in z]
# case: async_comprehension_nested
def f():
    return [[x async for x in y] for z in w]
# case: async_dictcomp_outside_async
def f():
    {x: y async for x, y in z}
# case: async_with_outside_async
def f():
    async with x:
        pass
# case: async_with_at_module
async with x: pass
# case: async_for_outside_async
def f():
    async for x in y:
        pass
# case: async_for_in_class_in_async
async def f():
    class C:
        async for x in y: pass
# case: yield_from_in_async
async def f():
    yield from x
# case: return_value_in_async_generator
async def f():
    yield 1
    return 2
# case: return_none_in_async_generator
async def f():
    yield 1
    return None
# case: break_outside_loop
break
# case: break_in_loop_else
for x in y:
    pass
else:
    break
# case: break_in_function_in_loop
while x:
    def f():
        break
# case: continue_outside_loop
def f():
    continue
# case: continue_in_class_in_loop
for x in y:
    class C:
        continue
# case: break_in_except_star
for x in y:
    try:
        pass
    except* E:
        break
# case: continue_in_except_star
for x in y:
    try:
        pass
    except* E:
        continue
# case: return_in_except_star
def f():
    try:
        pass
    except* E:
        return 1
# case: return_call_in_except_star
def f():
    try:
        pass
    except* E:
        return g()
# case: future_not_first
x = 1
from __future__ import annotations
# case: future_after_import
import __future__
from __future__ import annotations
# case: future_in_function
from __future__ import annotations
def f():
    from __future__ import annotations
# case: future_unknown
from __future__ import nope
# case: future_braces
from __future__ import braces
# case: future_unknown_after_docstring
'''doc'''
from __future__ import annotations
from __future__ import nested_scopes, nope
# case: symtable_error_before_compiler_error
return 1
def f(x):
    global x
# case: first_pass_error_before_analysis_error
def f():
    nonlocal x
def g(a, a): pass
