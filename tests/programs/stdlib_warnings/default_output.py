# Warnings printed to stderr with the default filters, with and without Lib/warnings.py's
# formatting, and the registry that shows each one once per line.
import warnings

def f(n):
    warnings.warn(f"call {n}")
    warnings.warn("same every time")

for i in range(3):
    f(i)
warnings.warn("deprecated in __main__", DeprecationWarning)
warnings.warn("pending", PendingDeprecationWarning)
warnings.warn(UserWarning("an instance"))
warnings.warn("a runtime warning", RuntimeWarning, source=[1, 2])
print("end")
