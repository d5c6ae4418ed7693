# An uncaught exception raised in a method called from a property: frames of both in the traceback.
class Stack:
    def __init__(self):
        self.items = []

    @property
    def top(self):
        return self.peek()

    def peek(self):
        if not self.items:
            raise LookupError("peek at an empty stack")
        return self.items[-1]


s = Stack()
s.items.append(1)
print(s.top)
s.items.pop()
print(s.top)
