# int() of text and bytes: which literals parse, in which bases, and the errors for the rest:
# an invalid literal's message shows its repr cut to 200 characters, an invalid literal is
# reported as invalid before its length is checked against the limit on digits, and the
# limit applies to bytes as to str.


def show(*args):
    what = args[0]
    what = f'memoryview({what.obj!r})' if isinstance(what, memoryview) else repr(what)
    try:
        print(what[:40], args[1:], int(*args))
    except Exception as e:
        text = str(e)
        print(what[:40], args[1:], type(e).__name__, text[:90], len(text))


for v in ['0', '-0', '+12', ' 0x_ff ', '0b1_0', '00', '0_0', '07', '\u0663\u0664', '\uff11\uff12',
          'zz', '-zzzzzzzzzzzz', 'zzzzzzzzzzzzz', '9' * 18, '-' + '9' * 19, '1__0', '_1', '1_',
          '0x', '0_x1', ' ', '']:
    for base in (10, 0, 36, 16):
        show(v, base)

for v in [b'x' * 300, 'y' * 300, bytearray(b'z' * 250), b'1' * 5000, b'12a', ' 1_0 ',
          b' 1_0 ', b'\xff1', '1' * 5000 + 'x', b'1' * 5000 + b'x', 'x' + '1' * 5000,
          '\u0661' * 300 + 'x', '\xe9' * 250, memoryview(b'1' * 5000), memoryview(b'7_7')]:
    show(v)

show(b'1' * 5000, 16)
show(b'1' * 5000, 10)
show(b'f' * 5000, 16)
show(b'12', 37)
show(b'12', 1)
show('12', -1)
print(int(b'f' * 5000, 16).bit_length())
print(int('\u0661' * 20) == int('1' * 20))
