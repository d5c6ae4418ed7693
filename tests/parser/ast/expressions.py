# Operators, precedence and the nodes they make.
a + b * c - d / e // f % g @ h
-a ** -b ** c
not a and b or not c and d
a < b <= c == d != e > f >= g in h not in i is j is not k
a | b ^ c & d << e >> f
x if y else z if w else v
lambda: 0
lambda a, /, b=1, *c, d, e=2, **f: a
(yield)
await_ = None
x = (a := 1, b := 2)
[*a, *b]
{**a, 'b': 1, **c}
{1, 2, *s}
a[1], a[1:2], a[::], a[1:2:3], a[1, 2:3], a[*b], a[:, ...]
f(a, *b, c=1, **d)
f(x for x in y)
f((x for x in y), 1)
a.b.c(d)[e].f
()
(1,)
((a))
...
-1, +1, ~1, 1j, 1.5e3, 0x_ff, 1_000_000, 0o17, 0b101
True, False, None
