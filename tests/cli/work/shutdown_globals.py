"""Objects left in __main__'s globals are finalized at exit, first to last, while the
globals they use are still there."""
import os


def describe(name):
    return "helper sees " + name


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name, os.sep, describe(self.name))


first = Noisy("first")
second = Noisy("second")
in_list = [Noisy("in a list")]
print("end of program")
