# Numeric literals: bases, underscores, exponents, imaginary, large literals.
print(0x_FF, 0o7_7, 0b1010_1010, 1_000.000_1, 1e3, 1E-3, .5e1, 10j, 1.5J, 0_0, 00)
print(123456789012345678901234567890, 0xFFFFFFFFFFFFFFFFFFFF, 1e309, 0.1e-400)
print(type(1), type(1.0), type(1j), type(0x1), 1_0 == 10)
