# replace with counts, translate/maketrans, encode.
print("aaaa".replace("a", "b", 2), "abc".replace("", "-"), "abc".replace("", "-", 2), "xyz".replace("y", ""))
table = str.maketrans("abc", "xyz", "d")
print("abcd-abcd".translate(table), sorted(table.items()))
print("hello".translate({ord("l"): None, ord("h"): "J"}), str.maketrans({"a": "1", "b": None}))
print("héllo".encode(), "héllo".encode("latin-1"), "abc".encode("ascii"), "€".encode("utf-16-le"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
print("é".encode("ascii", "replace"), "é".encode("ascii", "ignore"), "é€".encode("ascii", "xmlcharrefreplace"), "é".encode("ascii", "backslashreplace"))
try:
    str.maketrans("ab", "c")
except ValueError as e:
    print(type(e).__name__, e)
