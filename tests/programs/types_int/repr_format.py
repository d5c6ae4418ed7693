# Integer reprs and formatting: bases, grouping, sign, padding.
n = 1234567
print(repr(n), str(-n), hex(n), oct(n), bin(n), hex(-255))
print(format(n, ","), format(n, "_"), format(n, "x"), format(n, "#X"), format(n, "#b"))
print(format(n, ">12"), format(n, "<12") + "|", format(n, "^12"), format(-n, "=12"))
print(format(n, "+"), format(n, " "), format(-n, "+"), format(n, "012"))
print(format(n, "e"), format(n, ".2f"), format(n, "%"), format(255, "_x"), format(10 ** 8, "_b"))
print("%d %5d %-5d| %05d %x %X %o %+d" % (42, 42, 42, 42, 255, 255, 8, 7))
print(f"{n:,d} {n:>10_} {-42:08d} {42:c}")
try:
    format(1, "s")
except ValueError as e:
    print(type(e).__name__, e)
try:
    format(1, ",x")
except ValueError as e:
    print(type(e).__name__, e)
