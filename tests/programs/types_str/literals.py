# String literals: escapes, raw strings, implicit concatenation, triple quotes, bytes-like escapes.
print("a\tb\\c\'d\"e\x41\101\u00e9\U0001F600\N{BULLET}")
print(r"raw\n\t", R"raw2\\", "impl" "icit" 'concat')
print("""triple
quoted "with" quotes""", '''single
triple''')
print(len("\0"), "\a\b\f\v" == "\x07\x08\x0c\x0b", "line\
continued")
print(repr("\r\n"), repr("'"), repr('"'), repr("'\""), repr("\\"))
