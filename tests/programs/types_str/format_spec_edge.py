# Format mini-language edge cases: fill characters, = alignment, zero padding with grouping, precision on strings.
print(format(-42, "*=8"), format(42, "0=+8"), format(1234567.891, "015,.2f"), format("text", "-^10.2"))
print(format(0.0, "+.0e"), format(-0.0, "f"), format(1e-10, ".3%"), format(123, "#o"), format(10, "#010b"))
print(format(3.5, "z.0f") if False else format(-0.4, "z.0f"), format(5, "c"), format(float("nan"), "+f"), format(float("-inf"), "08f"))
for bad in ["=5s", "z", ".2d", "+c", ",s", "<<5"]:
    try:
        format("s" if "s" in bad else 5, bad)
    except ValueError as e:
        print(repr(bad), type(e).__name__, e)
