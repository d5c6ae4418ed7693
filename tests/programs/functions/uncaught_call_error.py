# An uncaught TypeError for a missing argument, through a method call.
class Greeter:
    def greet(self, name, punctuation):
        return f"Hello {name}{punctuation}"


g = Greeter()
print(g.greet("Ann", "!"))
print(g.greet("Bob"))
