# Flags, Unicode classes and case folding, bytes and bytes-like subjects, lone surrogates.
import re

print(re.match(r"(?i)hello", "HeLLo"), re.match("hello", "HELLO", re.IGNORECASE))
print(re.match(r"(?i)straße", "STRASSE"), re.match(r"(?i)ǆ", "ǅ"), re.match("(?i)[a-zé]+", "ABCÉ"))
print(re.match("(?i)k", "\u212a"), re.match("(?i)[k]", "\u212a"), re.match("(?ia)k", "\u212a"))
print(re.findall(r"(?i)[^a]", "aAbB"), re.findall(r"(?i)[\u0100-\u017f]+", "\u0100\u0101X"))
print(re.findall(r"(?i)[а-я]+", "Привет МИР"), re.findall("[\u0100-\u0200]+", "a\u0150\u0160b"))
print(re.findall(r"\w+", "héllo wörld ٣"), re.findall(r"(?a)\w+", "héllo wörld"), re.findall(r"\d", "1٣x"))
print(re.findall(r"(?a)\d", "1٣x"), re.findall(r"\s", "a\u3000b\x1cc"), re.findall(r"(?a)\s", "a\u3000b"))
print(re.match(r"(?s).+", "a\nb"), re.match(r".+", "a\nb"), re.match(r"[\d\s]+", "1 2\n3x"))
print(re.findall(r"(?m)^\w", "ab\ncd\nef"), re.findall(r"(?m)\w$", "ab\ncd\nef"))
print(re.match(r"(?x) a  b  # comment", "ab"), re.match(r"""(?x)
    (\d+)   # number
    \s*     # space
    (\w+)   # word
""", "12 ab").groups())
print(re.search(r"\bfoo\b", "a foo b"), re.search(r"\Bb", "ab b"), re.findall(r"\b\w", "é-a b"))
print(re.findall(r"(?a)\b\w", "é-a b"), re.search(r"\b", ""), re.search(r"\B", ""))

print(re.match(b"a+", b"aaa"), re.search(rb"\w+", b"  ab\xe9"), re.match(rb"(?L)\w+", b"ab"))
print(re.search(b"a", bytearray(b"xa")), re.search(b"a+", memoryview(b"xaa")).group())
print(re.findall(rb"(?i)[a-z]+", b"AbC dE"), re.sub(rb"(\w)", rb"<\1>", b"ab"))
print(re.match(b"\\d", b"\xd9"), re.findall(b"[^a]", b"abc\xff"))

print(re.findall("[^a]", "abc\udc80"), re.search("\udc80", "x\udc80"), re.sub("\ud800", "?", "a\ud800b"))
print(re.findall("[\U0001F600-\U0001F64F]", "hi \U0001F600 \U0001F64F!"), re.match(".", "\U0001F600"))
print(re.I, re.IGNORECASE | re.MULTILINE, re.compile("a", re.I | re.S).flags, re.compile(b"a").flags)
print(re.compile("a").flags, re.compile("(?i)a").flags, re.compile("(?a)a").flags)
