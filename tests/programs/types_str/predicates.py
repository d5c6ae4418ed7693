# str classification predicates over ASCII, Unicode digits, spaces and identifiers.
samples = ["abc", "ABC", "123", "١٢٣", "½", "²", "a1", " \t\n", "\x1c", "", "é", "_id", "1x", "class", "a b", "\u00a0", "Ⅻ", "π"]
for s in samples:
    print(repr(s), s.isalpha(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum(), s.isspace(), s.isidentifier(), s.isprintable(), s.isascii())
