# isinstance/issubclass with tuples, unions (X | Y), __instancecheck__ and __subclasscheck__.
print(isinstance(1, int | str), isinstance("a", (list, (dict, str))), issubclass(bool, int | float), isinstance(None, type(None) | int))
print(int | str, type(int | str).__name__, (int | None) == (None | int))


class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "anything"

    def __subclasscheck__(cls, sub):
        return sub is float


class Virtual(metaclass=Meta):
    pass


print(isinstance("anything", Virtual), isinstance(5, Virtual), issubclass(float, Virtual), issubclass(int, Virtual))
for bad in ["isinstance(1, 1)", "issubclass(int, 'a')", "issubclass('a', int)", "isinstance(1, (int, 2))"]:
    try:
        eval(bad)
    except TypeError as e:
        print(bad, "->", e)
