# tokenize on the native _tokenize.TokenizerIter: token tuples, exact types, errors.
import io
import linecache
import token
import tokenize
import warnings
import _tokenize

src = '''def f(a, *, b=1):
    """doc
    string"""
    return f"{a!r:>{b}} é" + 'x' \\
        + r"\\n"  # comment

async def g(): await x
class C: pass
'''
for t in tokenize.generate_tokens(io.StringIO(src).readline):
    print(t)
for t in tokenize.tokenize(io.BytesIO(src.encode()).readline):
    print(t.type, token.tok_name[t.exact_type], repr(t.string), t.start, t.end)
print(tokenize.untokenize(tokenize.generate_tokens(io.StringIO(src).readline)) == src)

# A source without a final newline, and one ending inside brackets.
print(list(tokenize.generate_tokens(io.StringIO("x = 1").readline)))
print(list(tokenize.generate_tokens(io.StringIO("# only a comment").readline)))
try:
    list(tokenize.generate_tokens(io.StringIO("x = (1,\n").readline))
except tokenize.TokenError as e:
    print("TokenError", e.args)
try:
    list(tokenize.generate_tokens(io.StringIO('s = """abc\n').readline))
except tokenize.TokenError as e:
    print("TokenError", e.args)
try:
    list(tokenize.generate_tokens(io.StringIO("if 1:\n    x\n  y\n").readline))
except IndentationError as e:
    print("IndentationError", e.args[0], e.lineno)

# The iterator itself.
it = _tokenize.TokenizerIter(io.StringIO("(").readline, extra_tokens=True)
print(type(it).__name__, type(it).__module__, iter(it) is it)
try:
    for t in it:
        print(t)
except SyntaxError as e:
    print(type(e).__name__, e, e.args, e.lineno, e.offset)
print(list(_tokenize.TokenizerIter(iter(["x\n", "y"]).__next__, extra_tokens=True)))
print(list(_tokenize.TokenizerIter(io.BytesIO("é = 1\n".encode()).readline,
                                   extra_tokens=True, encoding="utf-8")))
for args, kwargs in [((), {}), ((print,), {}), ((iter([1]).__next__,), {"extra_tokens": True}),
                     ((iter(["x"]).__next__,), {"extra_tokens": True, "encoding": "utf-8"})]:
    try:
        print(list(_tokenize.TokenizerIter(*args, **kwargs)))
    except TypeError as e:
        print("TypeError", e)

# linecache and warnings read source lines through tokenize.
print(repr(linecache.getline(tokenize.__file__, 1)))
print(warnings.formatwarning("careful", UserWarning, tokenize.__file__, 1).endswith(
    linecache.getline(tokenize.__file__, 1).strip() + "\n"))
