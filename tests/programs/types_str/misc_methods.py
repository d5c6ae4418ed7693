# Remaining str methods: format_map, encode round trips, iter, join on generators, str.count overlaps.
s = "Mississippi"
print(s.count("ss"), s.count("issi"), s.replace("ss", "SS"), s.lower().index("sip"))
print(list("abc"), list(reversed("abc")), "".join(sorted("hello")), tuple("hi"))
print(str.upper("x"), str.join("-", "abc"), getattr(s, "lower")(), s.__len__(), s.__contains__("ss"))
print("%s" % s.__class__.__name__, s.__getitem__(0), s.__add__("!"), s.__mul__(2), s.__mod__(()))
print(hash("same") == hash("same"), "abc".__eq__(1), "abc".__lt__(1))
print(dir("")[-5:], len([m for m in dir(str) if not m.startswith("_")]))
