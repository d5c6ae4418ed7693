# Carets under an attribute access on None in a method chain.
class Node:
    def __init__(self, child=None):
        self.child = child
        self.value = 1


root = Node(Node())
print(root.child.value)
print(root.child.child.value)
