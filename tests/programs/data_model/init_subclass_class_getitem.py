# __init_subclass__ with keywords, and __class_getitem__.
class Plugin:
    registry = []

    def __init_subclass__(cls, /, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls.plugin_name)


class Alpha(Plugin):
    pass


class Beta(Plugin, name="b"):
    pass


print(Plugin.registry, Beta.plugin_name)


class Box:
    def __class_getitem__(cls, item):
        return f"Box[{item.__name__}]"


print(Box[int], list[int], dict[str, int], type(list[int]).__name__)
try:
    class Gamma(Plugin, unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)
