# strip family, padding, centering, zfill, expandtabs, removeprefix/suffix.
s = "  \t hello \n"
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), "xxhixx".strip("x"), "abcba".strip("ab"))
print(repr("hi".center(7)), repr("hi".center(6, "*")), repr("hi".ljust(5, ".")), repr("hi".rjust(5)), repr("hello".center(2)))
print("42".zfill(6), "-42".zfill(6), "+7".zfill(4), "abc".zfill(5), "".zfill(3))
print(repr("a\tbc\td".expandtabs()), repr("a\tb".expandtabs(4)), repr("ab\n\tc".expandtabs(2)))
print("prefix_name".removeprefix("prefix_"), "name.py".removesuffix(".py"), "x".removeprefix("y"))
try:
    "x".center(5, "ab")
except TypeError as e:
    print(type(e).__name__, e)
