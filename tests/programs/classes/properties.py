# property: getter, setter, deleter, docstrings; read-only and computed properties.
class Temp:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        """Temperature in Celsius."""
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v

    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = 0

    fahrenheit = property(lambda self: self._c * 9 / 5 + 32)


t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit, Temp.celsius.__doc__, type(Temp.celsius).__name__)
del t.celsius
print(t.celsius)
for stmt in ["t.celsius = -300", "t.fahrenheit = 1", "del t.fahrenheit"]:
    try:
        exec(stmt)
    except (ValueError, AttributeError) as e:
        print(stmt, "->", type(e).__name__, e)
