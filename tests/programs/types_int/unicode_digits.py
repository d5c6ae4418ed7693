# int() and float() read decimal digits (category Nd) of every script as ASCII digits; other
# numeric characters (superscripts, fractions, Tibetan half digits) are not decimal digits.
digits = ['\u0e53', '\u1045', '\U0001d7d9', '\u17e3\u17e4', '\uff19', '\u0663', '\u0ae6\u0ae7', '\U000104a5', '\u1c55', '\U0001e950', '\u00b2', '\u2155', '\u0f29']
for d in digits:
    for conv in (int, float):
        try: print(ascii(d), conv.__name__, conv(d))
        except ValueError as e: print(ascii(d), conv.__name__, 'ValueError', e)
print(float('\u0e53.\u0e55'), int(' \u0e53_\u0e55 ', 0) if False else int('\u0e53\u0e55'))
