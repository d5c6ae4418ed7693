# complex: construction, reprs, arithmetic, attributes.
z = complex(3, 4)
print(z, repr(z), abs(z), z.real, z.imag, z.conjugate())
print(1j, -1j, 1j * 1j, (1 + 2j) * (3 - 4j), (1 + 2j) / (3 - 4j), (1 + 2j) ** 2)
print(complex(), complex(2), complex("1+2j"), complex(" 3-4.5j "), complex("j"), complex(1.5, -0.0))
print(0j, -0j, complex(-0.0, -0.0), complex(0, -0.0), 1e300j * 1e300j)
print(complex("inf+nanj"), complex(float("inf"), 1))
print(z == 3 + 4j, z == complex(3.0, 4.0), 3 + 0j == 3, hash(3 + 0j) == hash(3))
print(type(1 + 1j).__name__, isinstance(1j, complex))
