# bytes: literals, reprs, indexing gives ints, slicing, concatenation, comparison.
b = b"hello\x00\xff\n'\""
print(b, repr(b), len(b), b[0], b[-1], b[1:3], b[::-1][:3], list(b[:3]))
print(b"ab" + b"cd", b"ab" * 3, b"a" < b"b", b"abc" == b"abc", b"abc" == "abc", b"" < b"\x00")
print(bytes(3), bytes([65, 66]), bytes(range(5)), bytes("é", "utf-8"), bytes(b"x"), bytes())
print(b"x" in b"axb", 120 in b"x", b"" in b"", rb"\n", b"\x41\102")
for bad in ['bytes([256])', 'bytes([-1])', 'bytes("x")', 'b"a" + "b"', 'b"a"[5]', 'bytes(-1)', '"a" in b"a"']:
    try:
        eval(bad)
    except (ValueError, TypeError, IndexError) as e:
        print(bad, "->", type(e).__name__, e)
