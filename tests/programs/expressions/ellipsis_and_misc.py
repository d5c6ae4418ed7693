# Miscellaneous expressions: Ellipsis in subscripts, starred in index, conditional imports, await-free.
class S:
    def __getitem__(self, k):
        return k


s = S()
print(s[...], s[1, ...], s[:, 1], s[*range(2)], s[()], s[(1,)])
x = [1, 2, 3]
print(x[True], x[-True], [*x][-1:], type(s[:]).__name__)
