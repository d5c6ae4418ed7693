# String literals, escapes, implicit concatenation and f-strings.
s = 'single' "double" '''triple''' """triple"""
b = b'bytes' B"\x00\xff" rb'\d'
u = u'unicode' 'next'
r = r'\n' R'\t'
e = '\t\n\r\\\'\"\a\b\f\v\0\12\x41\u00e9\U0001F600\N{EM DASH}\N{latin small letter a}'
c = 'line\
continued'
f"{x}"
f"a{x!r:>{width}}b{y=}c{z = !s:.2f}"
f'{x:{y}.{z}}' f"{'nested' + f'{deep}'}"
f"{{braces}} {x}}}"
rf"\d{x}\n" fR'{y}\\'
f"""multi
{x
 + y}
line"""
'a' f'{b}' 'c'
f"{x=}" f"{x!a}" f"{x:}"
f"{'\n'.join(parts)}"
