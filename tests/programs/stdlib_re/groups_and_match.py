# Match objects: groups by number and name, spans, lastindex/lastgroup, pos/endpos, repr.
import re

p = re.compile(r"(?P<first>\w+) (?P<last>\w+)(?: (\d+))?")
m = p.match("Jane Doe tail")
print(m)
print(m.group(), m.group(0), m.group(1), m.group("last"), m[2], m["first"])
print(m.group(1, "last", 0))
print(m.groups(), m.groups("-"), m.groupdict(), m.groupdict(0))
print(m.start(), m.end(), m.span(), m.span("last"), m.start(3), m.span(3))
print(m.lastindex, m.lastgroup, m.pos, m.endpos, m.re is p, m.string, m.regs)
print(p.groups, p.groupindex, p.pattern, p.flags)

for bad in (4, -1, "nope", 2.5):
    try:
        m.group(bad)
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)

# pos and endpos
q = re.compile("a")
print(q.match("ba", 1), q.match("ba", pos=1, endpos=1), q.search("ba", -5, 99))
print(q.search("bab", 1, 2).span(), re.compile("^a").search("ba", 1))
print(re.compile("(?m)^a").search("b\na", 1), re.compile("a$").search("a\n"))
print(re.compile(r"a\Z").search("a\n"), re.compile(r"\Aa").search("ba"))
print(re.fullmatch(r"\d+", "123"), re.fullmatch(r"\d+", "123a"), re.fullmatch(r"\d+?", "123"))

# alternation and captures that do not take part
print(re.match(r"(a)|b", "b").groups(), re.match(r"(a)|(b)", "b").lastindex)
print(re.match(r"((a)|b)+", "ab").groups(), re.match(r"(?:(a)|b)*", "ab").groups())
print(re.match(r"(a*)*", "b").groups(), re.match(r"(a*)+", "b").groups())
print(re.match(r"(a|ab)(c|bcd)(d*)", "abcd").groups(), re.match(r"(.*?)x", "aaxbx").groups())
print(re.match(r"(?P<a>x)(?P<b>y)?", "x").lastgroup, re.match(r"(x)(y)?", "x").lastgroup)

# backreferences, conditionals, lookarounds
print(re.search(r"(?P<c>\w)(?P=c)", "abccd").groupdict(), re.search(r"(\w)\1", "xyzzy"))
print(re.match(r"(?i)(a)\1", "aA"), re.findall(r"(a)?(?(1)b|c)", "abcac"))
print(re.search(r"(?<=a)b", "cbab"), re.search(r"(?<!a)b", "abcb"), re.findall(r"\w(?=\d)", "a1b2cc"))
print(re.findall(r"(?=(\w+))", "abc"), re.search(r"(?<=(a))b", "ab").groups())
print(re.match(r"a++b", "aaab"), re.match(r"(?>a+)a", "aaa"), re.match(r"(?:a|ab)*+c", "abc"))
print(re.match(r"x{2,}+y", "xxxxy"), re.match(r"(?:ab){2}+", "ababab"), re.match(r"a{2,3}?", "aaaa"))

# Pattern objects
print(repr(p), repr(re.compile("a", re.I | re.M)), repr(re.compile(b"a", re.L)))
print(repr(re.compile("x", re.A)), repr(re.compile("x" * 300))[-20:])
print(p == re.compile(p.pattern), p != re.compile("a"), hash(p) == hash(re.compile(p.pattern)))
import copy
print(copy.copy(p) is p, copy.deepcopy(m) is m, type(p).__name__, type(m).__name__)
print(re.Pattern, re.Match, re.Pattern[str], re.Match[bytes])
print(m.expand(r"\2, \1 \g<first>!"), bool(m))
s = re.compile(r"\w").scanner("ab c")
print(s.match(), s.match(), s.match(), s.search(), s.search(), s.pattern is not None)
