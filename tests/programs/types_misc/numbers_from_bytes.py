# int() and float() read bytes-like objects as ASCII text.
for v in [b"12", bytearray(b" -3 "), memoryview(b"7"), b"x", b"1_0", b"\xff", b""]:
    for conv in (int, float):
        try:
            print(conv.__name__, repr(conv(v)))
        except ValueError as e:
            print(conv.__name__, "ValueError", e)
print(float(b"1.5e3"), float(bytearray(b"-inf")), float(b" nan "), int(b"0x10", 16), int(b"101", 2))
