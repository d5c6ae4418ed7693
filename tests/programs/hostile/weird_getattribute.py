# __getattribute__ and __class__ lies; isinstance uses __class__, type() does not.
class Liar:
    @property
    def __class__(self):
        return int


x = Liar()
print(type(x).__name__, isinstance(x, int), isinstance(x, Liar))


class Chaos:
    def __getattribute__(self, name):
        if name == "__dict__":
            raise RuntimeError("no dict access")
        return super().__getattribute__(name)


c = Chaos()
c.a = 1
print(c.a)
try:
    vars(c)
except RuntimeError as e:
    print(type(e).__name__, e)
