# Class-level attributes of types: __dict__ contents, __doc__, __module__, vars, mappingproxy.
class Sample:
    """Docstring here."""
    a = 1

    def m(self):
        return self.a


print(Sample.__doc__, Sample.__module__, Sample.__name__, sorted(k for k in vars(Sample) if not k.startswith("__")))
print(type(Sample.__dict__).__name__, "m" in Sample.__dict__, Sample.__dict__["a"])
try:
    Sample.__dict__["a"] = 2
except TypeError as e:
    print(type(e).__name__, e)
Sample.b = 2
del Sample.a
print(hasattr(Sample, "a"), Sample.b, Sample().b)
try:
    int.x = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    del Sample.nothing
except AttributeError as e:
    print(type(e).__name__, e)
