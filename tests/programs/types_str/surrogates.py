# Lone surrogates: allowed in str, visible in repr, refused by strict UTF-8, kept by surrogatepass/escape.
s = "a\ud800b\udfff"
print(len(s), repr(s), ascii(s), [hex(ord(c)) for c in s])
print(s.encode("utf-8", "surrogatepass"), s.encode("utf-8", "replace"), s.encode("utf-8", "backslashreplace"))
try:
    s.encode("utf-8")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
b = b"caf\xe9"
t = b.decode("utf-8", "surrogateescape")
print(repr(t), t.encode("utf-8", "surrogateescape") == b)
print("\ud83d\ude00" == "😀", len("\ud83d\ude00"), repr("\ud83d\ude00"))
print(b"\xed\xa0\x80".decode("utf-8", "surrogatepass") == "\ud800")
try:
    b"\xed\xa0\x80".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
print(chr(0xD800).isprintable(), chr(0xDC00) < chr(0xE000), "\ud800".upper() == "\ud800")
