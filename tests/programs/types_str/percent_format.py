# printf-style % formatting: conversions, flags, widths, mappings, errors.
print("%s|%r|%a|%c|%c" % ("é", "é", "é", 65, "z"))
print("%5s|%-5s|%.2s|%5.1s|" % ("abc", "abc", "abc", "abc"))
print("%d %i %u %o %x %X %#o %#x %#X" % (255, 255, 255, 255, 255, 255, 255, 255, 255))
print("%e %E %f %F %g %G %.0e %#.0f" % (1234.5, 1234.5, 1234.5, 1234.5, 1234.5, 0.00001234, 5.5, 5.0))
print("%+d % d %05d %-5d| %*d %-*d| %.*f" % (5, 5, -5, 5, 6, 42, 4, 7, 2, 3.14159))
print("%(name)s is %(age)d, %(name)r" % {"name": "Ann", "age": 30})
print("100%% %s" % "done", "%s" % (("tuple",),), "%s" % [1, 2], "%d%%" % 50)
print("%x %o" % (-255, -8), "%d" % 3.99, "%s %s" % (None, True), "%.3s" % None)
for bad in [("%d", "x"), ("%s %s", ("a",)), ("%s", ("a", "b")), ("%(k)s", ("a",)), ("%z", 1), ("%c", "ab"), ("%c", 0x110000)]:
    try:
        bad[0] % bad[1]
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(repr(bad[0]), type(e).__name__, e)
