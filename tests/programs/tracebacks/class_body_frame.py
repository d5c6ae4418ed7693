# An exception raised while executing a class body.
class Settings:
    debug = True
    level = int("verbose")


print("unreachable")
