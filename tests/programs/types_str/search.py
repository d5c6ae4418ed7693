# find/rfind/index/rindex/count/startswith/endswith with ranges and tuples.
s = "abracadabra"
print(s.find("bra"), s.rfind("bra"), s.find("bra", 2), s.find("bra", 2, 8), s.find("zz"), s.find(""))
print(s.index("cad"), s.rindex("a"), s.count("a"), s.count("a", 1, -1), s.count(""), "".count(""))
print(s.startswith("abr"), s.startswith(("x", "ab")), s.startswith("bra", 1), s.endswith("bra", 0, -1), s.endswith(("ra", "zz")))
print("a" in s, "cad" in s, "" in s, "dab" not in s, s.find("a", -3), s.find("", 20), s.rfind("", 3))
try:
    s.index("zz")
except ValueError as e:
    print(type(e).__name__, e)
try:
    s.rindex("q")
except ValueError as e:
    print(type(e).__name__, e)
try:
    s.startswith(["a"])
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a" in 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    5 in "abc"
except TypeError as e:
    print(type(e).__name__, e)
