# bytes methods: the str-like ones, hex/fromhex, decode, split, strip, case.
b = b"  Hello, World  "
print(b.strip(), b.lower(), b.upper(), b.swapcase(), b.title(), b.strip().split(b", "), b.split())
print(b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b.index(b"W"), b.replace(b"l", b"L", 2), b.startswith(b"  H"))
print(b"abc".hex(), b"abc".hex(":"), b"\x01\x02\x03\x04".hex("-", 2), bytes.fromhex("41 42 ff"), b"".hex())
print(b"caf\xc3\xa9".decode(), b"caf\xe9".decode("latin-1"), b"a,b".partition(b","), b"x".center(5, b"*"))
print(b"abc".isalpha(), b"123".isdigit(), b"a1".isalnum(), b" ".isspace(), b"Ab".istitle(), b"\x80".isascii())
print(b"-".join([b"a", b"b"]), b"a\nb\r\nc".splitlines(), b"abc".translate(None, b"b"), b"42".zfill(5))
print(b"%s-%d-%x-%r" % (b"s", 5, 255, b"r"), b"%c%c" % (65, b"B"))
try:
    bytes.fromhex("4g")
except ValueError as e:
    print(type(e).__name__, e)
try:
    b"\xff".decode()
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
