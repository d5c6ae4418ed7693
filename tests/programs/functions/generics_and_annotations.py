# Annotations are stored, not enforced; type parameter syntax (3.12) and type aliases.
def identity[T](x: T) -> T:
    return x


class Box[T]:
    def __init__(self, item: T):
        self.item = item


type Pair = tuple[int, int]
print(identity("a"), identity(5), Box(3).item, Pair.__name__, Pair.__value__)
print(identity.__type_params__, Box.__type_params__)
x: int = "not an int"
print(x)
