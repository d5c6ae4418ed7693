# AttributeError messages, with "Did you mean" suggestions for instances, classes and modules.
class Config:
    def __init__(self):
        self.verbose = True
        self.timeout = 5


c = Config()
try:
    c.verbos
except AttributeError as e:
    print(type(e).__name__, e, e.name, e.obj is c)
try:
    Config.timeot
except AttributeError as e:
    print(type(e).__name__, e)
c.timeot
