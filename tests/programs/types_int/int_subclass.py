# A subclass of int: arithmetic returns plain ints, repr and methods can be overridden.
class Meters(int):
    def __repr__(self):
        return f"Meters({int(self)})"

    def __add__(self, other):
        return Meters(int(self) + int(other))


m = Meters(5)
print(m, repr(m), m + 3, type(m + 3).__name__, type(m * 2).__name__, type(-m).__name__)
print(isinstance(m, int), m == 5, hash(m) == hash(5), Meters("12"), int(m))
print(3 + m, type(3 + m).__name__)
print(sorted([Meters(3), 1, Meters(2)]))
