# Objects deleting themselves or their container mid-operation; __del__ ordering is by refcount.
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


a = Noisy("a")
b = Noisy("b")
del a
print("after del a")
b = None
print("after b = None")
holder = [Noisy("in list")]
holder.clear()
print("after clear")


def make():
    local = Noisy("local")
    return "returned"


print(make())
d = {"k": Noisy("dict value")}
d["k"] = 1
print("end")
