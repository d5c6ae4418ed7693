# Encodings beyond the built-in UTF-8/Latin-1/ASCII go through the codec registry and
# the encodings package: table codecs, error handlers, incremental codecs, escapes.
import codecs

print("€".encode("cp1252"), b"\x80".decode("cp1252"), "Œ".encode("windows-1252"))
print(codecs.lookup("UTF-8").name, codecs.lookup("latin_1").name, codecs.lookup("cp1252").name)
print(codecs.encode("abc", "rot13"), codecs.decode("nop", "rot_13"))
try:
    b"\x81".decode("cp1252")
except UnicodeDecodeError as e:
    print(type(e).__name__, e, e.start, e.end, e.encoding)
try:
    "\u0100".encode("cp1252")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
print("\u0100x".encode("cp1252", "replace"), "\u0100".encode("cp1252", "xmlcharrefreplace"))
print("\u0100".encode("cp1252", "backslashreplace"), b"\x81z".decode("cp1252", "replace"))
print(b"\x81z".decode("cp1252", "ignore"), b"\x81z".decode("cp1252", "backslashreplace"))
print("привет".encode("koi8_r"), "привет".encode("koi8_r").decode("koi8-r"))
print("abc".encode("cp437"), "é".encode("mac_roman"), b"\xa4".decode("iso8859_15"))
d = codecs.getincrementaldecoder("utf-8")()
print(repr(d.decode(b"\xe2\x82")), repr(d.decode(b"\xac!")))
e = codecs.getincrementalencoder("utf-16")()
print(e.encode("a"), e.encode("b"))
print(codecs.decode(b"a\\nb\\u20ac", "unicode_escape"), codecs.encode("a\nb€", "unicode_escape"))
print(codecs.escape_decode(b"\\x41\\n")[0], codecs.escape_encode(b"A\n'")[0])
print("x".encode("utf-16"), "x".encode("utf_16_be"), b"\xff\xfex\x00".decode("utf-16"))
print("x".encode("utf-32-le"), b"\x00\x00\x00x".decode("utf-32-be"))
for bad in ("rot13", "nope"):
    try:
        "x".encode(bad)
    except LookupError as e:
        print(type(e).__name__, e)
try:
    b"x".decode("rot13")
except LookupError as e:
    print(type(e).__name__, e)


def handler(err):
    return ("<%d:%d>" % (err.start, err.end), err.end)


codecs.register_error("test.angle", handler)
print("a\u0100\u0101b".encode("cp1252", "test.angle"), b"a\x81b".decode("cp1252", "test.angle"))
print(codecs.lookup_error("strict") is codecs.strict_errors)
try:
    codecs.lookup_error("nope")
except LookupError as e:
    print(type(e).__name__, e)
