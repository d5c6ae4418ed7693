# float attributes and conversions: real/imag/conjugate, __trunc__, __floor__, __round__.
import math
x = -3.75
print(x.real, x.imag, x.conjugate(), math.trunc(x), math.floor(x), math.ceil(x))
print(x.__round__(), x.__round__(1), abs(x), float.__name__)
print(float.__mro__, isinstance(1.0, float), isinstance(1, float))
print((0.5).__format__(".3f"), (1.5).__repr__(), (2.0).__int__())
print(float("1e-320") > 0, 2.0 ** -1074, 2.0 ** -1075)
