# csv's writer: quoting modes, escaping, empty and None fields, line terminators, numbers and
# other objects, errors from rows and str(), writerows, the file's write result, DictWriter,
# DictReader and Sniffer on top, and a round trip through the reader.
import csv, io, decimal, fractions
class Num:
    def __index__(self): return 3
    def __str__(self): return 'N3'
def wr(rows, **kw):
    out = io.StringIO()
    try:
        w = csv.writer(out, **kw)
        for r in rows:
            res = w.writerow(r)
        print(kw, repr(out.getvalue()), res)
    except Exception as e:
        print(kw, repr(out.getvalue()), type(e).__name__, e)
rows_list = [
    [['a', 'b', 'c']], [[1, 2.5, None, True, 'x']], [['a,b', 'c"d', 'e\nf', 'g\rh', ' lead', 'trail ']],
    [[]], [['']], [[None]], [['', '']], [[''], ['x']], [['é', '€😀']], [[decimal.Decimal('1.5'), fractions.Fraction(1, 3), 3+4j, Num()]],
    [['a\\b', 'c']], [[b'bytes']],
]
kws = [dict(), dict(quoting=csv.QUOTE_ALL), dict(quoting=csv.QUOTE_NONNUMERIC), dict(quoting=csv.QUOTE_NONE), dict(quoting=csv.QUOTE_NONE, escapechar='\\'),
       dict(quoting=csv.QUOTE_STRINGS), dict(quoting=csv.QUOTE_NOTNULL), dict(doublequote=False), dict(doublequote=False, escapechar='\\'), dict(escapechar='\\'),
       dict(delimiter=' ', skipinitialspace=True), dict(delimiter=' ', skipinitialspace=True, quoting=csv.QUOTE_NONE),
       dict(lineterminator='\n'), dict(lineterminator='X'), dict(dialect='excel-tab'), dict(dialect='unix'), dict(quotechar="'")]
for kw in kws:
    for rows in rows_list:
        wr(rows, **kw)
for bad in [1, None, 'abc', iter([1, 2])]:
    wr([bad])
class Bad:
    def __iter__(self): raise ValueError('boom')
wr([Bad()])
class BadStr:
    def __str__(self): raise KeyError('s')
wr([[1, BadStr()]])
out = io.StringIO()
w = csv.writer(out)
print(w.writerows([[1, 2], ['a', 'b']]), repr(out.getvalue()), w.dialect.delimiter)
try: w.writerows(1)
except Exception as e: print(type(e).__name__, e)
class W:
    def __init__(self): self.calls = []
    def write(self, s): self.calls.append(s); return 42
ww = W()
print(csv.writer(ww).writerow(['x']), ww.calls)
class NotCallable:
    write = 5
try: csv.writer(NotCallable())
except Exception as e: print(type(e).__name__, e)
# round trip
data = [['a', 'b,c', 'd"e', 'f\ng', ''], ['1', '', ' x ', '😀', 'é']]
buf = io.StringIO()
csv.writer(buf).writerows(data)
print(list(csv.reader(io.StringIO(buf.getvalue(), newline=''))) == data)
buf = io.StringIO()
dw = csv.DictWriter(buf, fieldnames=['x', 'y'])
dw.writeheader(); dw.writerow({'x': 1, 'y': 2}); dw.writerow({'x': 'a,b'})
print(repr(buf.getvalue()))
print(list(csv.DictReader(io.StringIO(buf.getvalue()))))
print(csv.Sniffer().sniff('a;b;c\n1;2;3\n').delimiter, csv.Sniffer().has_header('name,age\nbob,3\nal,4\n'))
