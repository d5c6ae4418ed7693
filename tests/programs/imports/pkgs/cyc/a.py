print("a starts")
from . import b
VALUE_A = "a"
print("a sees b.VALUE_B =", b.VALUE_B)
