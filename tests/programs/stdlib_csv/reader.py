# csv's reader and dialects (the native _csv): quoting, escaping, doublequote, strict mode, records
# spanning lines, the QUOTE_* modes' conversions, dialect validation and its messages, the
# registry, field_size_limit, descriptors of _csv.Dialect.
import csv, io, _csv
print(sorted(n for n in dir(_csv) if not n.startswith('__')), csv.__version__)
print(csv.list_dialects())
def rd(text, **kw):
    try:
        r = csv.reader(io.StringIO(text, newline=''), **kw)
        out = list(r)
        print(repr(text)[:40], kw, out, r.line_num)
    except Exception as e:
        print(repr(text)[:40], kw, type(e).__name__, e)
for text in ['a,b,c\r\n1,2,3\r\n', 'a,"b,c",d\n', '"a""b",c\n', '"multi\nline",x\n', 'a,b\n\n\nc\n', '', '\n', 'a,', ',', '"', '"abc', 'a"b,c', '"a"b,c', ' a, b ,c', 'x\ry\r', 'a\x00b,c', 'é,€,😀\n', 'a,b\rc', '"a\rb"\r\n']:
    rd(text)
for kw in [dict(delimiter=';'), dict(quotechar="'"), dict(skipinitialspace=True), dict(escapechar='\\'), dict(doublequote=False, escapechar='\\'), dict(strict=True), dict(quoting=csv.QUOTE_NONE), dict(quoting=csv.QUOTE_NONNUMERIC), dict(quoting=csv.QUOTE_STRINGS), dict(quoting=csv.QUOTE_NOTNULL), dict(dialect='excel-tab'), dict(dialect='unix')]:
    for text in ['a;b,c\n', "'a,b',c\n", 'a, "b,c", d\n', 'a\\,b,c\n', '"a\\"b",c\n', '"a"x,b\n', '"a"b"\n', '1,2.5,"3",,""\n', 'a\\\nb,c\n', '"a\\\nb",c\n', 'x\ty\n', '"abc']:
        rd(text, **kw)
for bad in [dict(delimiter=''), dict(delimiter='ab'), dict(delimiter=1), dict(delimiter=None), dict(quotechar=None), dict(quotechar=None, quoting=csv.QUOTE_ALL), dict(escapechar='ab'), dict(quoting=7), dict(quoting='1'), dict(quoting=1.0), dict(lineterminator=1), dict(lineterminator=None), dict(delimiter='\n'), dict(quotechar=' '), dict(escapechar=' '), dict(escapechar=' ', skipinitialspace=True), dict(delimiter=',', quotechar=','), dict(escapechar='"'), dict(delimiter='\r'), dict(lineterminator='x', delimiter='x'), dict(dialect='nope'), dict(bogus=1), dict(delimitr=';')]:
    rd('a,b\n', **bad)
try: csv.reader(1)
except Exception as e: print(type(e).__name__, e)
try: list(csv.reader([b'a,b']))
except Exception as e: print(type(e).__name__, e)
try: _csv.reader()
except Exception as e: print(type(e).__name__, e)
old = csv.field_size_limit(5)
print(old)
rd('abcdef,x\n')
rd('abcde,x\n')
print(csv.field_size_limit(), csv.field_size_limit(old))
try: csv.field_size_limit('x')
except Exception as e: print(type(e).__name__, e)
r = csv.reader(['a,b'])
print(type(r).__name__, type(r).__module__, r.dialect.delimiter, r.line_num)
d = _csv.Dialect(delimiter=';')
print([getattr(d, a) for a in ('delimiter','doublequote','escapechar','lineterminator','quotechar','quoting','skipinitialspace','strict')])
try: d.delimiter = 'x'
except Exception as e: print(type(e).__name__, e)
import pickle
try: pickle.dumps(d)
except Exception as e: print(type(e).__name__, e)
print(_csv.Dialect(d) is d, _csv.Dialect(d, delimiter=':').delimiter)
print(csv.get_dialect('excel').delimiter, type(csv.get_dialect('excel')).__name__)
csv.register_dialect('mine', delimiter='|', quoting=csv.QUOTE_ALL)
print(sorted(csv.list_dialects()), csv.get_dialect('mine').quoting)
csv.unregister_dialect('mine')
for f in (lambda: csv.unregister_dialect('mine'), lambda: csv.get_dialect('mine'), lambda: csv.register_dialect(1), lambda: csv.register_dialect('x', 'y', 'z')):
    try: f()
    except Exception as e: print(type(e).__name__, e)
class D(csv.Dialect):
    delimiter = ';'; quotechar = '"'; lineterminator = '\n'; quoting = csv.QUOTE_MINIMAL
print(list(csv.reader(['a;b'], D)))
class Bad(csv.Dialect):
    delimiter = ';;'; quotechar = '"'; lineterminator = '\n'; quoting = csv.QUOTE_MINIMAL
try: Bad()
except Exception as e: print(type(e).__name__, e)
for kw in [dict(escapechar=1), dict(quotechar=1), dict(quotechar=''), dict(quotechar='\n'), dict(escapechar='\n'), dict(lineterminator=''), dict(quoting=2**40), dict(quoting=True), dict(delimiter=' '), dict(delimiter=' ', skipinitialspace=True), dict(quotechar='x', lineterminator='x')]:
    try: print(kw, _csv.Dialect(**kw).quoting)
    except Exception as e: print(kw, type(e).__name__, e)
for args in [(None, ';'), (None, ';', False, '\\'), (1, 2)]:
    try: d = _csv.Dialect(*args); print(d.delimiter, d.doublequote, d.escapechar)
    except Exception as e: print(type(e).__name__, e)
for f in [lambda: _csv.writer(1), lambda: _csv.writer(), lambda: _csv.field_size_limit(1, 2), lambda: _csv.field_size_limit(2**70)]:
    try: f()
    except Exception as e: print(type(e).__name__, e)
print(type(_csv.reader([])), type(_csv.writer(io.StringIO())), _csv.Reader, _csv.Writer, _csv.Dialect)
print(type(_csv.Dialect.delimiter), repr(_csv.Dialect.delimiter))
try: _csv.Dialect.delimiter.__get__(1)
except Exception as e: print(type(e).__name__, e)
print(sorted(_csv._dialects))
# The argument count is checked before the file argument is used.
for f in [lambda: _csv.reader(1, 'excel', 3), lambda: _csv.writer(1, 'excel', 3), lambda: _csv.reader(1),
          lambda: _csv.writer(1)]:
    try: f()
    except Exception as e: print(type(e).__name__, e)
