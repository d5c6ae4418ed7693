# float formatting: f, e, g, %, precision, alignment, signs, grouping, alternate forms.
x = 1234.5678
for spec in ["", "f", ".2f", "10.3f", "<10.1f", "^12.2e", "e", "E", "g", ".3g", ".10g", "G",
             "%", ".1%", ",.2f", "_.3f", "+.1f", " .1f", "010.2f", "#.0f", ".0f", "n", "#g"]:
    print(repr(spec), format(x, spec))
for v in [0.0001, 1e-5, 123456789.0, 1e16, 0.5, 2.5, float("inf"), float("nan"), -0.0]:
    print(format(v, "g"), format(v, ".3"), format(v, ".2f"), str(v))
print("%.3f %10.2e %-8.1f| %g %G %5.1f%%" % (3.14159, 12345.678, 2.5, 1e-10, 1e20, 99.5))
print(f"{2/3:.5} {2/3:.5f} {-1.5:+08.2f} {1e6:,.1f} {0.000012345:.2e}")
