# Unicode strings: code points, len, ord/chr, astral characters, normalisation-free equality.
s = "naïve café 😀 𝄞 日本"
print(len(s), [ord(c) for c in s[-6:]], s[11], s[-2:], s.upper())
print(chr(0x1F600), chr(233), ord("€"), hex(ord("𝄞")), len("😀"), "😀".encode("utf-8"))
print("e\u0301" == "é", len("e\u0301"), "\N{GREEK SMALL LETTER ALPHA}", "\u03b1" == "α")
print(ascii(s), repr("tab\there"), repr("quote'\""), repr('only\'single'))
print(repr("\x00\x7f\x80\xa0\xad\u200b\U0010ffff"), repr("\u0378"))
try:
    chr(0x110000)
except ValueError as e:
    print(type(e).__name__, e)
try:
    ord("ab")
except TypeError as e:
    print(type(e).__name__, e)
print(sorted(["b", "a", "é", "Z", "ä", "😀"]), max("hello"), min("hello"))
