# str case methods, including non-ASCII special cases.
for s in ["hello World", "ß straße", "ǅungla", "İstanbul", "ﬁne", "ΣΑΣ ΟΔΟΣ", "123abc DEF", ""]:
    print(repr(s), s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), s.casefold())
print("Hello".isupper(), "HELLO".isupper(), "hello".islower(), "Hello World".istitle(), "ǅ".istitle())
