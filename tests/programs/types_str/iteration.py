# Iterating strings: for loops, enumerate, zip, map, sum over ords, in with generators.
word = "héllo"
for i, ch in enumerate(word):
    print(i, ch, ord(ch))
print(list(zip("abc", "xyz")), list(map(str.upper, "ab")), sum(map(ord, "abc")))
it = iter("ab")
print(next(it), next(it), next(it, "end"), type(it).__name__)
print([c for c in "a1b2" if c.isdigit()], {c: word.count(c) for c in "lo"})
