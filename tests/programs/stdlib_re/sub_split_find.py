# sub/subn with strings, templates and functions; split; findall; finditer.
import re

print(re.sub(r"[a-c]+", "X", "aabbxxcc"), re.subn(r"\d", "#", "a1b22c333"))
print(re.sub(r"(\w)(\d)", r"\2\1", "a1b2c"), re.sub(r"(?P<n>\w)", r"<\g<n>\g<0>>", "ab"))
print(re.sub(r"(\w+)@(\w+)", r"\g<2> at \1", "mail foo@bar now"))
print(re.sub(r"x", r"\n\t\\", "axb"), re.sub(b"a", b"\\n", b"bab"))
print(re.sub(r"\w", lambda m: m.group().upper(), "ab c"))
print(re.subn(r"\w", lambda m: m.group() * 2, "ab c", count=2))
print(re.sub(r"\w", lambda m: None if m.group() == "b" else "_", "abc"))
print(re.sub("", "-", "abc"), re.sub("x*", "-", "abxd"), re.sub("(a)|b", r"[\1]", "ab"))
print(re.sub("a", "b", "aaa", count=0), re.sub("a", "b", "aaa", count=1))
for args in [(r"\w", lambda m: 1, "ab"), ("(a)", r"\2", "a"), ("a", r"\g<x>", "a"), (b"a", "x", b"a")]:
    try:
        print(re.sub(*args))
    except Exception as e:
        print(type(e).__name__, e)

print(re.split(r",", "a,b,,c"), re.split(r",", "a,b,,c", maxsplit=2), re.split("(,)", "a,b"))
print(re.split(r"x*", "axbxxc"), re.split(r"\b", "a b"), re.split(r"(?:(x)|y)", "1x2y3"))
print(re.split(r"\s+", " a\u3000b\tc "), re.split(b"-", b"a-b"))

print(re.findall(r"\d+", "a12b345c"), re.findall(r"(\d)(\w)?", "1a2"), re.findall("", "abc"))
print(re.findall(r"(a)|b", "ab"), re.findall(rb"[\x80-\xff]+", b"ab\x80\x90cd\xff"))
print([m.span() for m in re.finditer(r"\w+", "ab cd  ef")])
print([m.group() for m in re.finditer(r"\b|x", "ax b")])
it = re.finditer("a", "aXa")
print(next(it).start(), next(it).start(), next(it, "done"))
print(re.compile(r"\w+").findall("one two three", 4, 9))
print(re.escape("a.b*c?"), re.sub(re.escape("1+1"), "2", "1+1=2"))
