# The builtins module: names present in 3.13 and a count of public names.
import builtins
names = [n for n in dir(builtins) if not n.startswith("_")]
print(len(names))
print([n for n in names if n[0].islower()])
print(builtins.__name__, __builtins__.__name__ if hasattr(__builtins__, "__name__") else type(__builtins__).__name__)
