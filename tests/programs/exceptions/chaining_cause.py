# Explicit chaining with raise from: __cause__ is set and printed with "direct cause".
class ConfigError(Exception):
    pass


def parse(text):
    try:
        return int(text)
    except ValueError as exc:
        raise ConfigError("port must be a number") from exc


try:
    parse("x")
except ConfigError as e:
    print(repr(e.__cause__), e.__suppress_context__, e.__context__ is e.__cause__)
parse("eighty")
