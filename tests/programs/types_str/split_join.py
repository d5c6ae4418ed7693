# split/rsplit/splitlines/partition/join with separators, maxsplit and edge cases.
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,,c".rsplit(",", 1))
print("  a  b \t c\n".split(), " a b ".split(None, 1), " a b ".rsplit(None, 1), "".split(), "".split(","))
print("line1\nline2\r\nline3\rline4\x0bx\x1cy\u2028z".splitlines())
print("a\nb\n".splitlines(True), "".splitlines(), "\n".splitlines())
print("k=v=w".partition("="), "k=v=w".rpartition("="), "kvw".partition("="), "kvw".rpartition("="))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), "+".join(str(i) for i in range(4)))
for bad in [lambda: "x".split(""), lambda: "-".join(["a", 1]), lambda: "x".partition("")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
