# Every numeric literal form.
a = 0, 00, 0_0, 7, 1_000_000, 123456789012345678901234567890
b = 0x1F, 0XdeadBEEF, 0x_1_f, 0o17, 0O7_7, 0b1010, 0B_1_0
c = 1.5, 1., .5, 1e10, 1E+10, 1e-10, 1_0.0_1e1_0, 0.0, 00.5, 09.5, 0e0
d = 1j, 1.5J, .5j, 1e3j, 0j, 09j
e = 1if 1else 2
f = x.real, 1 .real, 1..real, 1.0.real, ...
g = 1_2.3_4j + 0x_a
