# abs, all, any on various types; ascii, bin, hex, oct.
print(abs(-3), abs(2.5), abs(-0.0), abs(3 + 4j), abs(True), abs(-2 ** 70))
print(all([1, "a"]), all([1, 0]), any([0, ""]), any(iter([0, 5])), all(""), any("a"))
print(ascii("héllo\n"), ascii([1, "ü"]), ascii("😀"), bin(10), bin(-10), hex(255), hex(-1), oct(64), oct(-8))
for bad in ["abs('a')", "bin(1.5)", "hex('a')", "all(5)"]:
    try:
        eval(bad)
    except TypeError as e:
        print(bad, "->", e)
