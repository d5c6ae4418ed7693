# chr, ord, callable, divmod with mixed types.
print(chr(65), chr(0x263A), chr(0), repr(chr(127)), ord("A"), ord("\U0001F600"), ord(b"a"), ord(bytearray(b"z")))
print(callable(len), callable(1), callable(type), callable(None.__class__), callable([].append))
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), divmod(2 ** 65, 3))
for bad in ["chr('a')", "ord(b'ab')", "ord(5)", "divmod('a', 1)", "chr(2**32)"]:
    try:
        eval(bad)
    except (TypeError, ValueError, OverflowError) as e:
        print(bad, "->", type(e).__name__, e)
