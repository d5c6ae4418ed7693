# complex mixed with ints and floats; pow with complex; abs overflow.
print(2 + 1j, 2.5 * 1j, 1j + True, (1 + 1j) ** 0, (1 + 1j) ** 0.5, 2 ** (1j))
print(sum([1j, 2, 3.5]), (1 + 2j) - 1, 1 - (1 + 2j), -(1 + 2j), +(1 + 2j))
print((3 + 4j).__abs__(), complex(1, 2).__eq__(1), (0j).__bool__(), bool(1j))
try:
    abs(complex(1e308, 1e308))
except OverflowError as e:
    print(type(e).__name__, e)
