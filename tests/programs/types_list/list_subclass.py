# Subclassing list: overridden append, inherited methods, slicing returns plain lists.
class Log(list):
    def append(self, item):
        super().append(("logged", item))


lg = Log([1])
lg.append(2)
lg.extend([3])
print(lg, type(lg).__name__, type(lg[:1]).__name__, type(lg + []).__name__, len(lg), isinstance(lg, list))
print(Log("ab"), Log() == [], sorted(Log([3, 1, 2])))
