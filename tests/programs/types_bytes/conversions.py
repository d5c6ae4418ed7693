# Encoding and decoding with several codecs and error handlers.
text = "Grüße, 世界"
for enc in ["utf-8", "utf-16", "utf-16-be", "utf-32-le", "latin-1"]:
    try:
        data = text.encode(enc)
        print(enc, len(data), data[:8], data.decode(enc) == text)
    except UnicodeEncodeError as e:
        print(enc, type(e).__name__, e)
bad = b"ok\xffok\xfe"
for handler in ["replace", "ignore", "backslashreplace", "surrogateescape"]:
    print(handler, repr(bad.decode("utf-8", handler)))
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print(type(e).__name__, e)
print(b"\xe2\x82\xac".decode("utf-8"), "€".encode("cp1252"), b"\x80".decode("cp1252"))
