print("b starts")
from . import a
VALUE_B = "b"
print("b sees a has VALUE_A:", hasattr(a, "VALUE_A"))
