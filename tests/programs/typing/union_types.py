# X | Y on types: types.UnionType, flattening and deduplication, None, equality and hashing,
# isinstance/issubclass with unions, and what cannot be united.
u = int | str
print(u, type(u), u.__args__, type(u).__module__, type(u).__name__)
print(int | None, None | int, (int | None).__args__)
print(int | int, int | str | int, (int | str) | (str | float), int | (str | bytes))
print((int | str) == (str | int), (int | str) == (int | float), (int | str) != (int | str))
print(hash(int | str) == hash(str | int), len({int | str, str | int}))
print(list[int] | None, dict[str, list[int]] | tuple[int, ...])
print(list[int] | list[int], (list[int] | list[str]).__args__)
print(isinstance(3, int | str), isinstance(3.0, int | str), isinstance(None, int | None))
print(issubclass(bool, int | str), issubclass(bytes, int | str))
print(isinstance([], list | (dict | tuple)), isinstance((), (list, dict | tuple)))


class A:
    pass


class B(A):
    pass


print(A | B, isinstance(B(), A | int), (A | B).__parameters__)
for bad in ["int | 3", "3 | int", "int | 'str'", "isinstance(1, list[int] | str)",
            "issubclass(1, int | str)", "issubclass(int, list[int] | str)"]:
    try:
        print(eval(bad))
    except TypeError as e:
        print(bad, "->", type(e).__name__, e)


class Meta(type):
    def __or__(cls, other):
        return "Meta.__or__"

    def __ror__(cls, other):
        return "Meta.__ror__"


class WithMeta(metaclass=Meta):
    pass


print(WithMeta | int, int | WithMeta)
import types
print(types.UnionType is type(int | str), types.GenericAlias is type(list[int]))
print(list[int], list[int].__origin__, list[int].__args__, dict[str, int].__args__, tuple[()])
print(list[int] == list[int], list[int] == list[str], list[int](range(3)))
