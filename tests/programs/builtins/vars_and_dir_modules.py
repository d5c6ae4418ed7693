# dir() and vars() of modules; dir() with no argument lists the module's names.
import math
print("sqrt" in dir(math), vars(math) is math.__dict__, math.__name__)
alpha = 1
print([n for n in dir() if not n.startswith("__")])
