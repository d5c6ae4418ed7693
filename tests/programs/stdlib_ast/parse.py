# ast.parse (compile with PyCF_ONLY_AST): the parser's tree as ast nodes, dumped with positions,
# unparsed, shared context/operator instances, literal_eval, syntax errors.
import ast
src = '''
def f(a, b=2, *args, c: int = 3, **kw) -> int:
    """doc"""
    x = [i * 2 for i in range(10) if i % 2]
    return a + b if x else -1

class C(Base, metaclass=M):
    y: int = 5
    async def g(self):
        async with a as b:
            await b
match p:
    case [1, 2, *rest] if rest:
        pass
    case {"k": v, **kw}:
        pass
    case Point(x=0) | None:
        pass
try:
    1 / 0
except* ValueError as e:
    raise
s = f"{x!r:>{w}} and {y}"
b = b"\\x00" + 10**30 + 1.5 + 2j + ...
type T[X: int] = list[X]
del a[1:2, ::3]
'''
t = ast.parse(src)
print(ast.dump(t, include_attributes=True, indent=1))
print(ast.unparse(t))
print(t.body[0].args.args[0].lineno, t.body[0].body[1].targets[0].ctx is t.body[1].body[0].target.ctx)
e = ast.parse("x + y", mode="eval")
print(ast.dump(e), e.body.op is ast.parse("a+b", mode="eval").body.op)
print(ast.literal_eval("[1, (2, 3), {4: 'a'}, -5, 1+2j, None]"))
print(ast.parse(t) is t)
try:
    ast.parse("x = (")
except SyntaxError as err:
    print("SyntaxError", err.msg, err.lineno)
print(ast.get_docstring(t.body[0]))
print(ast.dump(ast.parse("(int, str) -> bool", mode="func_type")))
for args in [("x", "f", "bogus"), ("x", "f", "func_type"), ("x", "f", "bogus", ast.PyCF_ONLY_AST)]:
    try:
        compile(*args)
    except ValueError as e:
        print('ValueError', e)
